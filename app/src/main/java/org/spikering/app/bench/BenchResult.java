package org.spikering.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.sim.SimulationSummary;

/** Turns a simulation summary and the build time into the bench command's JSON fields. */
public final class BenchResult {

    private BenchResult() {
    }

    /**
     * @param model        model name.
     * @param buildSeconds network build time, s.
     * @param s            the summary.
     * @param partitions   neuron partitions (one thread each) requested.
     * @return ordered fields.
     */
    public static Map<String, Object> fields(final String model, final double buildSeconds, final SimulationSummary s,
                                             final int partitions) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("engine", s.engine());
        m.put("update", s.updateMode());
        m.put("neurons", s.neurons());
        m.put("synapses", s.synapses());
        m.put("build_time_s", round(buildSeconds));
        m.put("simulated_s", round(s.simulatedMs() / 1000.0));
        m.put("wall_s", round(s.wallSeconds()));
        m.put("wall_per_sim_s", round(s.wallSeconds() / (s.simulatedMs() / 1000.0)));
        m.put("spikes", s.spikes());
        m.put("mean_rate_hz", round(s.meanRateHz()));
        m.put("population_rates_hz", roundAll(s.populationRatesHz()));
        m.put("synaptic_events", s.synapticEvents());
        m.put("drive_spikes", s.driveSpikes());
        m.put("events_per_wall_s", Math.round(s.eventsPerWallSecond()));
        m.put("bytes_per_synapse", round(s.bytesPerSynapse()));
        m.put("peak_heap_mb", round(peakHeapBytes() / 1048576.0));
        m.put("threads", s.threads()); // partition threads
        m.put("partitions", partitions);
        m.put("step_time_us", roundAll(s.stepTimeMicros()));
        return m;
    }

    /** @return the sum of the peak usage of the heap memory pools, bytes. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static double round(final double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    private static Map<String, Double> roundAll(final Map<String, Double> in) {
        final Map<String, Double> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, round(v)));
        return out;
    }
}
