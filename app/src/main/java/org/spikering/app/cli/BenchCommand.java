package org.spikering.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.bench.BenchResult;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code spikering bench cuba|brunel}: runs a benchmark network and prints one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchRateRnnCommand.class,
        description = {"Benchmarks printing one JSON line.",
            "cuba: Brette et al. 2007 CUBA network (4000 LIF, exp synapses).",
            "brunel: Brunel 2000 model A (12 500 LIF, delta synapses, Poisson drive).",
            "pd14: Potjans & Diesmann 2014 cortical microcircuit as NEST builds it (77 169 LIF, 299 M synapses at scale 1).",
            "rate-rnn: ms per training iteration of a rate RNN and a LIF network (spikering bench rate-rnn --help)."})
public final class BenchCommand implements Callable<Integer> {

    /** One simulation step, s: the shortest --seconds and --warmup. */
    static final double STEP_S = 1e-4;

    /** Benchmark models. */
    enum Model { cuba, brunel, pd14 }

    /** Optional to picocli so that the sub-command {@code rate-rnn} can follow {@code bench}; {@link #call} requires it. */
    @Parameters(index = "0", arity = "0..1", description = "benchmark: ${COMPLETION-CANDIDATES}, or rate-rnn")
    Model model;

    @Option(names = "--scale", description = "fraction of the full network size (cuba 4000, brunel 12500 neurons; default 1)")
    double scale = 1.0;

    @Option(names = "--drive", description = "pd14 only: dc (NEST's benchmark setting) or poisson, default dc")
    String drive = "dc";

    @Option(names = "--thalamus", description = "pd14 only: add the thalamic pulse (902 sources, 120 Hz, 700-710 ms)")
    boolean thalamus;

    @Option(names = "--neurons", description = "total neurons, instead of --scale")
    Integer neurons;

    @Option(names = "--threads", description = "partition threads (disruptor engine), in [1, 256], default 1")
    int threads = 1;

    @Option(names = "--seconds", description = "simulated seconds, in [0.0001, 3600], default 1")
    double seconds = 1.0;

    @Option(names = "--warmup", description = {"simulated seconds run first and left out of the measurement"
        + " (lets the JIT compile the hot loops): 0 or in [0.0001, 3600], default 0"})
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

    @Option(names = "--repeat", description = "rounds of --compare, in [1, 1000], default 3")
    int repeat = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (model == null) {
            throw new IllegalArgumentException("benchmark: missing, give one of cuba, brunel, pd14, rate-rnn");
        }
        final var parsed = spec.commandLine().getParseResult();
        final Engine eng = Cli.parseEnum(Engine.class, "--engine", engine);
        final UpdateMode mode = Cli.parseEnum(UpdateMode.class, "--update", update);
        Check.range("--seconds", seconds, STEP_S, RunCommand.MAX_SECONDS);
        if (warmup != 0) {
            Check.range("--warmup", warmup, STEP_S, RunCommand.MAX_SECONDS);
        }
        Check.range("--threads", threads, 1, RunCommand.MAX_THREADS);
        Check.range("--repeat", repeat, 1, 1000);
        final List<SimulationConfig> configs;
        if (compare != null) {
            for (String opt : new String[] {"--engine", "--threads"}) {
                if (parsed.hasMatchedOption(opt)) {
                    throw new IllegalArgumentException(Check.given(parsed, opt) + " with --compare: must be left out; --compare names the"
                            + " engines and thread counts it runs");
                }
            }
            configs = configs(mode);
        } else {
            if (parsed.hasMatchedOption("--repeat")) {
                throw new IllegalArgumentException("--repeat = " + repeat + " without --compare: must come with --compare,"
                        + " whose rounds it sets");
            }
            Check.engineThreads(eng, threads);
            configs = List.of(new SimulationConfig(eng, threads, mode));
        }
        final Pd14Network.Drive pd14Drive = Cli.parseEnum(Pd14Network.Drive.class, "--drive", drive);
        if (model != Model.pd14 && (thalamus || pd14Drive != Pd14Network.Drive.DC)) {
            throw new IllegalArgumentException("bench " + model + ": --drive and --thalamus apply to pd14 only");
        }
        if (model == Model.pd14 && neurons != null) {
            throw new IllegalArgumentException("--neurons = " + neurons + ": not for pd14 (use --scale)");
        }
        final BenchmarkNetwork choice;
        if (model == Model.pd14) {
            choice = BenchmarkNetwork.pd14(scale, "--scale = " + scale, pd14Drive, Pd14Network.InitialPotential.OPTIMIZED,
                    thalamus);
        } else if (neurons != null) {
            if (parsed.hasMatchedOption("--scale")) {
                throw new IllegalArgumentException("--neurons = " + neurons + " with --scale = " + scale
                        + ": must not be given together; give one of them");
            }
            choice = BenchmarkNetwork.of(model.name(), "model", neurons / (model == Model.cuba ? 4000.0 : 12_500.0),
                    "--neurons = " + neurons);
        } else {
            choice = BenchmarkNetwork.of(model.name(), "model", scale, "--scale = " + scale);
        }
        choice.checkUpdate(mode, "model");
        choice.checkMemory(neurons != null ? "--neurons = " + neurons : "--scale = " + scale, 0);
        final long b0 = System.nanoTime();
        final Network net = choice.build(seed);
        final double build = (System.nanoTime() - b0) / 1e9;
        if (compare != null) {
            System.out.println(Json.oneLine(compareConfigs(net, configs, build)));
            return 0;
        }
        final SimulationConfig cfg = configs.get(0);
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
    private Map<String, Object> compareConfigs(final Network net, final List<SimulationConfig> configs, final double build) {
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

    /** The --compare configurations, checked: 'reference' or a thread count, each once. */
    private List<SimulationConfig> configs(final UpdateMode mode) {
        final List<String> names = new ArrayList<>();
        final List<SimulationConfig> configs = new ArrayList<>();
        for (String c : compare) {
            final String t = c.trim().toLowerCase(java.util.Locale.ROOT);
            names.add(t);
            if (t.equals("reference")) {
                configs.add(new SimulationConfig(Engine.REFERENCE, 1, mode));
                continue;
            }
            final int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--compare = " + String.join(",", compare) + ": '" + c
                        + "' is neither 'reference' nor a thread count; each entry must be one of them");
            }
            if (n < 1 || n > RunCommand.MAX_THREADS) {
                throw new IllegalArgumentException("--compare = " + String.join(",", compare) + ": thread count " + n
                        + " must be >= 1 and <= " + RunCommand.MAX_THREADS);
            }
            configs.add(new SimulationConfig(Engine.DISRUPTOR, n, mode));
        }
        Check.distinct("--compare", names);
        return configs;
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
