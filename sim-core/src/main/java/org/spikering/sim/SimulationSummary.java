package org.spikering.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.Map;
import org.spikering.sim.record.AtomicWrite;

/**
 * What a run did, for humans and for the JSON summary. Rates in Hz, times in ms or s as named.
 *
 * @param engine              engine name.
 * @param updateMode          clock or event.
 * @param threads             partition threads (the calling thread runs partition 0; the reference engine
 *                            always 1). Spike listeners run on one more consumer thread, not counted.
 * @param neurons             neurons.
 * @param synapses            synapses.
 * @param bytesPerSynapse     bytes of synapse arrays per synapse.
 * @param dtMs                step, ms.
 * @param simulatedMs         simulated time, ms.
 * @param wallSeconds         wall time of the runs, s.
 * @param spikes              total spikes.
 * @param meanRateHz          spikes per neuron per second.
 * @param populationRatesHz   per population, spikes per neuron per second.
 * @param synapticEvents      synaptic events delivered through the network's projections.
 * @param driveSpikes         spikes of the external Poisson drives that arrived (each one input to one
 *                            neuron; not in {@code synapticEvents}).
 * @param eventsPerWallSecond synaptic events per wall second.
 * @param stepTimeMicros      step wall-time percentiles (p50, p90, p99, p99.9, max) and mean, µs.
 */
public record SimulationSummary(String engine, String updateMode, int threads, int neurons, long synapses,
                                double bytesPerSynapse, double dtMs, double simulatedMs, double wallSeconds, long spikes,
                                double meanRateHz, Map<String, Double> populationRatesHz, long synapticEvents, long driveSpikes,
                                double eventsPerWallSecond, Map<String, Double> stepTimeMicros) {

    /**
     * Writes this summary as indented JSON, atomically.
     *
     * @param target the file.
     */
    public void writeJson(final Path target) {
        final ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicWrite.text(target, w -> w.write(m.writeValueAsString(this)));
    }
}
