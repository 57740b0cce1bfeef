package org.spikering.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.bench.BenchResult;
import org.spikering.app.bench.BrunelNetwork;
import org.spikering.app.bench.CubaNetwork;
import org.spikering.app.bench.Pd14Network;
import org.spikering.app.bench.ProcessMemory;
import org.spikering.app.report.Json;
import org.spikering.sim.Engine;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.kernel.UpdateMode;
import org.spikering.sim.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikering bench cuba|brunel}: runs a benchmark network and prints one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks printing one JSON line.",
            "cuba: Brette et al. 2007 CUBA network (4000 LIF, exp synapses).",
            "brunel: Brunel 2000 model A (12 500 LIF, delta synapses, Poisson drive).",
            "pd14: Potjans & Diesmann 2014 cortical microcircuit as NEST builds it (77 169 LIF, 299 M synapses at scale 1)."})
public final class BenchCommand implements Callable<Integer> {

    /** Benchmark models. */
    enum Model { cuba, brunel, pd14 }

    @Parameters(index = "0", description = "benchmark: ${COMPLETION-CANDIDATES}")
    Model model;

    @Option(names = "--scale", description = "fraction of the full network size (default 1)")
    double scale = 1.0;

    @Option(names = "--drive", description = "pd14 only: dc (NEST's benchmark setting) or poisson, default dc")
    String drive = "dc";

    @Option(names = "--thalamus", description = "pd14 only: add the thalamic pulse (902 sources, 120 Hz, 700-710 ms)")
    boolean thalamus;

    @Option(names = "--neurons", description = "total neurons (overrides --scale; not for pd14)")
    Integer neurons;

    @Option(names = "--threads", description = "partition threads (Disruptor engine), default 1")
    int threads = 1;

    @Option(names = "--seconds", description = "simulated seconds, default 1")
    double seconds = 1.0;

    @Option(names = "--warmup", description = {"simulated seconds run first and left out of the measurement"
        + " (lets the JIT compile the hot loops), default 0"})
    double warmup = 0.0;

    @Option(names = "--seed", description = "seed, default 42")
    long seed = 42;

    @Option(names = "--engine", description = "disruptor or reference (single thread), default disruptor")
    String engine = "disruptor";

    @Option(names = "--update", description = "clock or event (delta-synapse populations only), default clock")
    String update = "clock";

    @Option(names = "--compare", split = ",", paramLabel = "CONFIG",
            description = {"compare configurations in one process: 'reference' or a thread count, comma-separated,"
                + " e.g. reference,1,2; runs them in turn --repeat times and prints medians and speed-ups"
                + " against the first"})
    List<String> compare;

    @Option(names = "--repeat", description = "rounds of --compare, default 3")
    int repeat = 3;

    @Override
    public Integer call() {
        final Engine eng = Cli.parseEnum(Engine.class, "--engine", engine);
        final UpdateMode mode = Cli.parseEnum(UpdateMode.class, "--update", update);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--seconds = " + seconds + ": must be a finite number > 0");
        }
        if (!(warmup >= 0) || Double.isInfinite(warmup)) {
            throw new IllegalArgumentException("--warmup = " + warmup + ": must be a finite number >= 0");
        }
        final Pd14Network.Drive pd14Drive = Cli.parseEnum(Pd14Network.Drive.class, "--drive", drive);
        if (model != Model.pd14 && (thalamus || pd14Drive != Pd14Network.Drive.DC)) {
            throw new IllegalArgumentException("bench " + model + ": --drive and --thalamus apply to pd14 only");
        }
        if (model == Model.pd14 && neurons != null) {
            throw new IllegalArgumentException("--neurons = " + neurons + ": not for pd14 (use --scale)");
        }
        if (model == Model.pd14 && !(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("--scale = " + scale + ": must be in (0, 1] for pd14");
        }
        final long b0 = System.nanoTime();
        final Network net;
        if (model == Model.pd14) {
            net = Pd14Network.build(new Pd14Network.Options(scale, scale, pd14Drive, Pd14Network.InitialPotential.OPTIMIZED,
                    thalamus, Pd14Network.RateVector.INM6), seed);
        } else if (model == Model.cuba) {
            net = CubaNetwork.build(neurons != null ? neurons : (int) Math.round(CubaNetwork.FULL_SIZE * scale), seed);
        } else {
            net = BrunelNetwork.build(neurons != null ? neurons / 12_500.0 : scale, seed);
        }
        final double build = (System.nanoTime() - b0) / 1e9;
        if (compare != null) {
            System.out.println(Json.oneLine(compareConfigs(net, mode, build)));
            return 0;
        }
        final SimulationConfig cfg = new SimulationConfig(eng, eng == Engine.REFERENCE ? 1 : threads, mode);
        try (Simulation sim = Simulation.create(net, cfg)) {
            warmUp(sim);
            sim.run(seconds * 1000.0);
            final Map<String, Object> out = BenchResult.fields(model.name(), build, sim.summary(), cfg.threads());
            out.put("warmup_s", warmup);
            if (model == Model.pd14) {
                out.put("scale", scale);
                out.put("drive", pd14Drive.name().toLowerCase(java.util.Locale.ROOT));
                out.put("thalamus", thalamus);
                out.put("synapse_bytes", net.synapseBytes());
                out.put("peak_rss_mb", ProcessMemory.peakResidentMb());
            }
            System.out.println(Json.oneLine(out));
        }
        return 0;
    }

    /**
     * Runs every --compare configuration in turn, --repeat rounds, on the same network in this process,
     * so that all see the same machine state; checks that all give the same spike count.
     */
    private Map<String, Object> compareConfigs(final Network net, final UpdateMode mode, final double build) {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat = " + repeat + ": must be >= 1");
        }
        final List<SimulationConfig> configs = new ArrayList<>();
        for (String c : compare) {
            final String t = c.trim();
            if (t.equalsIgnoreCase("reference")) {
                configs.add(new SimulationConfig(Engine.REFERENCE, 1, mode));
                continue;
            }
            final int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--compare = " + String.join(",", compare) + ": '" + t
                        + "' is neither 'reference' nor a thread count");
            }
            if (n < 1) {
                throw new IllegalArgumentException("--compare = " + String.join(",", compare) + ": thread count " + n
                        + " must be >= 1");
            }
            configs.add(new SimulationConfig(Engine.DISRUPTOR, n, mode));
        }
        final Map<String, List<Double>> walls = new LinkedHashMap<>();
        final Map<String, List<Double>> p50 = new LinkedHashMap<>();
        long spikes = -1;
        SimulationSummary last = null;
        for (int r = 0; r < repeat; r++) {
            for (int k = 0; k < configs.size(); k++) {
                try (Simulation sim = Simulation.create(net, configs.get(k))) {
                    warmUp(sim);
                    sim.run(seconds * 1000.0);
                    last = sim.summary();
                }
                if (spikes >= 0 && last.spikes() != spikes) {
                    throw new IllegalStateException("--compare: " + compare.get(k) + " gave " + last.spikes()
                            + " spikes, the first configuration " + spikes + ": results must not depend on threads");
                }
                spikes = last.spikes();
                walls.computeIfAbsent(compare.get(k).trim(), x -> new ArrayList<>())
                        .add(round(last.wallSeconds() / (last.simulatedMs() / 1000.0)));
                p50.computeIfAbsent(compare.get(k).trim(), x -> new ArrayList<>())
                        .add(round(last.stepTimeMicros().get("p50")));
            }
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.name());
        out.put("neurons", last.neurons());
        out.put("synapses", last.synapses());
        out.put("build_time_s", round(build));
        out.put("simulated_s", seconds);
        out.put("warmup_s", warmup);
        out.put("spikes", spikes);
        out.put("repeat", repeat);
        out.put("wall_per_sim_s", walls);
        final Map<String, Double> medians = new LinkedHashMap<>();
        walls.forEach((k, v) -> medians.put(k, median(v)));
        out.put("median_wall_per_sim_s", medians);
        final Map<String, Double> medianP50 = new LinkedHashMap<>();
        p50.forEach((k, v) -> medianP50.put(k, median(v)));
        out.put("step_time_p50_us", p50);
        out.put("median_step_time_p50_us", medianP50);
        final String first = compare.get(0).trim();
        final Map<String, Double> speedup = new LinkedHashMap<>();
        medians.forEach((k, v) -> speedup.put(k, Math.round(medians.get(first) / v * 1000.0) / 1000.0));
        out.put("speedup_vs_" + first, speedup);
        return out;
    }

    private void warmUp(final Simulation sim) {
        if (warmup > 0) {
            sim.run(warmup * 1000.0);
            sim.resetMeasurements();
        }
    }

    private static double round(final double v) {
        return Math.round(v * 1e5) / 1e5;
    }

    private static double median(final List<Double> v) {
        final double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final double m = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        return Math.round(m * 1e5) / 1e5;
    }
}
