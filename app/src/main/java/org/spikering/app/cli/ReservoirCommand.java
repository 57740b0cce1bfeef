package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.report.RunRecords;
import org.spikering.app.reservoir.ScalingStudy;
import org.spikering.reservoir.analysis.SpikingChaos;
import org.spikering.reservoir.bench.LsmMemory;
import org.spikering.reservoir.bench.MackeyGlass;
import org.spikering.reservoir.bench.MemoryCapacity;
import org.spikering.reservoir.bench.Narma10;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.lsm.LiquidStateMachine;
import org.spikering.reservoir.lsm.LsmParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spikering reservoir ...}: reservoir benchmarks and the scaling study; each prints one JSON line. */
@Command(name = "reservoir", mixinStandardHelpOptions = true,
        description = "Reservoir computing benchmarks (ESN and LSM) and the size/gain scaling study.",
        subcommands = {ReservoirCommand.Mc.class, ReservoirCommand.Narma.class, ReservoirCommand.MackeyGlassCmd.class,
            ReservoirCommand.Lsm.class, ReservoirCommand.Binary.class, ReservoirCommand.Scaling.class})
public final class ReservoirCommand implements Runnable {

    @Override
    public void run() {
        throw new IllegalArgumentException("a sub-command must follow: mc, narma, mackey-glass, lsm, bits or scaling");
    }

    /** Largest reservoir (memory is checked as well). */
    static final int MAX_SIZE = 100_000;
    /** Longest input series, steps or samples (memory is checked as well). */
    static final int MAX_STEPS = 100_000_000;
    /** Largest ESN spectral radius or LSM gain: far past saturation (tanh) or silence-to-epilepsy (LSM). */
    static final double MAX_GAIN = 100;

    /** ESN options shared by the ESN benchmarks. */
    static final class EsnOptions {
        @Option(names = "--size", description = "units N, in [1, 100000] and fitting the memory (default 200)")
        int size = 200;
        @Option(names = "--spectral-radius", description = "rho(W), in (0, 100]; a linear reservoir needs the update's"
                + " radius <= 1 (default 0.9)")
        double rho = 0.9;
        @Option(names = "--connectivity", description = "density of W, in (0, 1] (default 0.1)")
        double connectivity = 0.1;
        @Option(names = "--input-scaling", description = "W_in in [-s, s], s in (0, 1000] (0 would leave the reservoir without input) (default 0.3)")
        double inputScaling = 0.3;
        @Option(names = "--leak", description = "leak rate, in (0, 1] (default 1)")
        double leak = 1.0;
        @Option(names = "--activation", description = "tanh or linear (default tanh)")
        String activation = "tanh";
        @Option(names = "--topology", description = "gaussian or orthogonal (default gaussian)")
        String topology = "gaussian";
        @Option(names = "--seed", description = "seed, any integer (default 1)")
        long seed = 1;
        @Option(names = "--out", description = "output folder (default spikering-out/reservoir/<benchmark>); replaced "
                + "as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        /**
         * Checks every ESN option, the output folder and the memory of a run over {@code steps} inputs with
         * {@code outputs} readout targets, before anything is built.
         *
         * @return the parameters.
         */
        EsnParameters params(final double steps, final double outputs, final String bench) {
            Check.range("--size", size, 1, MAX_SIZE);
            Check.rangeOpenLow("--spectral-radius", rho, 0, MAX_GAIN);
            Check.rangeOpenLow("--connectivity", connectivity, 0, 1);
            Check.rangeOpenLow("--input-scaling", inputScaling, 0, 1000);
            Check.rangeOpenLow("--leak", leak, 0, 1);
            final EsnParameters.Topology topo = Cli.parseEnum(EsnParameters.Topology.class, "--topology", topology);
            final EsnParameters.Activation act = Cli.parseEnum(EsnParameters.Activation.class, "--activation", activation);
            final EsnParameters p;
            try {
                p = new EsnParameters(size, rho, connectivity, inputScaling, leak, 0.0, act, topo, seed);
            } catch (IllegalArgumentException e) {
                throw optionNames(e);
            }
            Check.outputFolder("--out", target(out, bench));
            MemoryBudget.require("--size = " + size, MemoryBudget.esn(size, connectivity,
                    topo == EsnParameters.Topology.ORTHOGONAL, steps, outputs));
            return p;
        }

        /** @return the network; an unstable linear reservoir is an error naming the options. */
        EchoStateNetwork build(final EsnParameters p) {
            try {
                return new EchoStateNetwork(p, 1);
            } catch (IllegalArgumentException e) {
                throw optionNames(e);
            }
        }

        /** The reservoir module's message with its parameter names replaced by the options that set them. */
        private static IllegalArgumentException optionNames(final IllegalArgumentException e) {
            return new IllegalArgumentException(e.getMessage().replace("spectral_radius = ", "--spectral-radius = ")
                    .replace("leak_rate = ", "--leak = ").replace("size = ", "--size = ")
                    .replace("connectivity = ", "--connectivity = ").replace("input_scaling = ", "--input-scaling = "), e);
        }
    }

    /** Writes {@code <name>.json}, commits the result folder (the JSON and the plot {@code png}) and prints the JSON line. */
    private static void emit(final ResultFolder folder, final String command, final String name, final String png,
                             final Map<String, Object> r) {
        Json.write(folder.file(name + ".json"), r);
        folder.commit(command, name + ".json", png);
        System.out.println(Json.oneLine(r));
    }

    /** @return {@code out}, or {@code spikering-out/reservoir/<bench>} if not given. */
    private static Path target(final Path out, final String bench) {
        return out != null ? out : Path.of("spikering-out", "reservoir", bench);
    }

    /** The result folder {@link #target}, opened once every option (the folder included) is checked. */
    private static ResultFolder open(final Path out, final String bench) {
        return ResultFolder.open("--out", target(out, bench));
    }

    /**
     * @return the fewest samples {@code LsmMemory} takes: a washout of 20 + delays, at least 10 training samples
     *         and a quarter (at least 2) held out.
     */
    static int minLsmSamples(final int delays) {
        int s = 8;
        while (s - s / 4 < 30 + delays) {
            s++;
        }
        return s;
    }

    /**
     * Estimated bytes of an LSM run: the column's synapses (at most all pairs, 20 bytes each while built), the
     * filtered features (8 bytes per neuron and sample, twice) and the memory-capacity targets.
     */
    static double lsmBytes(final double size, final double samples, final double delays) {
        return 20 * size * size + 16 * size * samples + 8 * samples * delays + 24 * (size + 1) * (size + 1);
    }

    /**
     * Saves a line chart of the first min(maxSteps, n) test steps of the target and the prediction.
     *
     * @param title     chart title.
     * @param yLabel    y-axis label.
     * @param target    the target series of the test steps.
     * @param predicted the prediction of the same steps.
     * @param maxSteps  how many steps to show at the most.
     * @param file      the PNG file.
     */
    private static void savePredictionPlot(final String title, final String yLabel, final double[] target,
                                           final double[] predicted, final int maxSteps, final Path file) {
        final int show = Math.min(maxSteps, target.length);
        Plots.savePng(Plots.lineChart(title, "test step", yLabel,
                new Plots.Series("target", range(show), java.util.Arrays.copyOf(target, show)),
                new Plots.Series("prediction", range(show), java.util.Arrays.copyOf(predicted, show))),
                file);
    }

    private static double[] range(final int n) {
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** Memory capacity. */
    @Command(name = "mc", mixinStandardHelpOptions = true, description = "Memory capacity (Jaeger 2001) of an ESN.")
    static final class Mc implements Callable<Integer> {
        @Mixin
        EsnOptions esn = new EsnOptions();
        @Option(names = "--washout", description = "steps, >= 0 (default 1000)")
        int washout = 1000;
        @Option(names = "--train", description = "training steps, >= 1 (default 20000)")
        int train = 20_000;
        @Option(names = "--test", description = "held-out steps, more than the 2N delays + 2 (default 5000)")
        int test = 5000;
        @Option(names = "--ridge", description = "ridge regularisation lambda, in [0, 1e6] (default 1e-10)")
        double ridge = 1e-10;

        @Override
        public Integer call() {
            Check.range("--ridge", ridge, 0, 1e6);
            Check.range("--washout", washout, 0, MAX_STEPS);
            Check.range("--train", train, 1, MAX_STEPS);
            Check.range("--size", esn.size, 1, MAX_SIZE);
            if (test < 2 * esn.size + 3 || test > MAX_STEPS) {
                throw new IllegalArgumentException("--test = " + test + ": must be more than the 2N + 2 = " + (2 * esn.size + 2)
                        + " delays measured for --size " + esn.size + " (and at most " + MAX_STEPS + ")");
            }
            final EsnParameters p = esn.params((double) washout + train + test, 2.0 * esn.size, "mc");
            try (ResultFolder folder = open(esn.out, "mc")) {
                final EchoStateNetwork net = esn.build(p);
                final MemoryCapacity.Result r = MemoryCapacity.measure(net, 2 * esn.size, washout, train, test, ridge,
                        esn.seed);
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("benchmark", "memory_capacity");
                m.put("size", esn.size);
                m.put("spectral_radius", net.spectralRadius());
                m.put("memory_capacity", r.capacity());
                m.put("delays", 2 * esn.size);
                m.put("train_steps", train);
                m.put("test_steps", test);
                m.put("mc_per_delay", r.perDelay());
                Plots.savePng(Plots.lineChart("Memory capacity " + String.format("%.2f", r.capacity()) + " (N = " + esn.size + ")",
                        "delay k", "r^2", new Plots.Series("MC_k", range(r.perDelay().length), r.perDelay())),
                        folder.file("mc.png"));
                emit(folder, "reservoir mc", "mc", "mc.png", m);
                return 0;
            }
        }
    }

    /** NARMA-10. */
    @Command(name = "narma", mixinStandardHelpOptions = true, description = "NARMA-10 one-step prediction, test NRMSE.")
    static final class Narma implements Callable<Integer> {
        @Mixin
        EsnOptions esn = new EsnOptions();
        @Option(names = "--length", description = "steps of data, at least washout + test + 10 (default 7200)")
        int length = 7200;
        @Option(names = "--washout", description = "steps, >= 0 (default 200)")
        int washout = 200;
        @Option(names = "--test", description = "held-out steps, >= 2 (default 2000)")
        int test = 2000;

        @Override
        public Integer call() {
            Check.range("--length", length, 12, MAX_STEPS);
            Check.range("--test", test, 2, length - 10);
            Check.range("--washout", washout, 0, length - test - 10);
            final EsnParameters p = esn.params(length, 1, "narma");
            try (ResultFolder folder = open(esn.out, "narma")) {
                final EchoStateNetwork net = esn.build(p);
                final Narma10.Result r = Narma10.run(net, length, washout, test, esn.seed);
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("benchmark", "narma10");
                m.put("size", esn.size);
                m.put("spectral_radius", net.spectralRadius());
                m.put("test_nrmse", r.testNrmse());
                m.put("train_nrmse", r.trainNrmse());
                m.put("ridge_lambda", r.lambda());
                m.put("online_lms_test_nrmse", r.lmsTestNrmse());
                savePredictionPlot("NARMA-10, test NRMSE " + String.format("%.3f", r.testNrmse()), "y",
                        r.target(), r.prediction(), 300, folder.file("narma.png"));
                emit(folder, "reservoir narma", "narma", "narma.png", m);
                return 0;
            }
        }
    }

    /** Mackey–Glass. */
    @Command(name = "mackey-glass", mixinStandardHelpOptions = true, description = "Mackey-Glass (tau 17) one-step prediction.")
    static final class MackeyGlassCmd implements Callable<Integer> {
        @Mixin
        EsnOptions esn = new EsnOptions();

        @Override
        public Integer call() {
            final EsnParameters p = esn.params(5200, 1, "mackey-glass");
            try (ResultFolder folder = open(esn.out, "mackey-glass")) {
                final EchoStateNetwork net = esn.build(p);
                final MackeyGlass.Result r = MackeyGlass.run(net, 5200, 200, 1000);
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("benchmark", "mackey_glass_17");
                m.put("size", esn.size);
                m.put("test_nrmse", r.testNrmse());
                m.put("ridge_lambda", r.lambda());
                savePredictionPlot("Mackey-Glass, test NRMSE " + String.format("%.2e", r.testNrmse()), "x",
                        r.target(), r.prediction(), 400, folder.file("mackey_glass.png"));
                emit(folder, "reservoir mackey-glass", "mackey_glass", "mackey_glass.png", m);
                return 0;
            }
        }
    }

    /** Liquid state machine: memory capacity, perturbation separation, branching ratio. */
    @Command(name = "lsm", mixinStandardHelpOptions = true,
            description = "Liquid state machine: memory capacity, perturbation separation and branching ratio.")
    static final class Lsm implements Callable<Integer> {
        @Option(names = "--size", description = "column neurons, in [10, 100000] (default 135 = 15x3x3)")
        int size = 135;
        @Option(names = "--gain", description = "recurrent weight scale, in [0, 100] (default 0.2)")
        double gain = 0.2;
        @Option(names = "--random", description = "distance-free random connectivity")
        boolean random;
        @Option(names = "--samples", description = "input samples: a washout of 20 + delays, 10 for training and a"
                + " quarter held out (at least 53 for 10 delays) (default 400)")
        int samples = 400;
        @Option(names = "--sample-ms", description = "duration of one input sample, ms, in [dt = 0.1, 10000] (default 30)")
        double sampleMs = 30;
        @Option(names = "--tau", description = "low-pass filter of the spike features, ms, in (0, 10000] (default 30)")
        double tauMs = 30;
        @Option(names = "--delays", description = "memory-capacity delays in samples, in [1, 1000] (default 10)")
        int delays = 10;
        @Option(names = "--seed", description = "seed, any integer (default 1)")
        long seed = 1;
        @Option(names = "--out", description = "output folder (default spikering-out/reservoir/<benchmark>); replaced "
                + "as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        @Override
        public Integer call() {
            Check.range("--size", size, 10, MAX_SIZE);
            Check.range("--gain", gain, 0, MAX_GAIN);
            Check.rangeOpenLow("--tau", tauMs, 0, 10_000);
            Check.range("--sample-ms", sampleMs, LiquidStateMachine.DT_MS, 10_000);
            Check.range("--delays", delays, 1, 1000);
            Check.range("--samples", samples, minLsmSamples(delays), MAX_STEPS);
            Check.outputFolder("--out", target(out, "lsm"));
            MemoryBudget.require("--size = " + size + ", --samples = " + samples, lsmBytes(size, samples, delays));
            try (ResultFolder folder = open(out, "lsm")) {
                final LsmParameters base = LsmParameters.maass(size, gain, seed);
                final LiquidStateMachine lsm = new LiquidStateMachine(new LsmParameters(size, base.excitatoryFraction(),
                        base.lambda(), gain, random, base.inputNeurons(), base.inputFraction(), base.inputRateHz(), seed));
                final LsmMemory.Result mc = LsmMemory.measure(lsm, samples, sampleMs, tauMs, delays, seed);
                final double[] u = new double[60];
                java.util.Arrays.fill(u, 0.3);
                final SpikingChaos.Result chaos = SpikingChaos.measure(lsm, u, sampleMs, tauMs, 10);
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("benchmark", "lsm");
                m.put("size", size);
                m.put("gain", gain);
                m.put("synapses", lsm.network().synapseCount());
                m.put("memory_capacity", mc.capacity());
                m.put("mean_rate_hz", mc.meanRateHz());
                m.put("separation_lag0", chaos.separation()[0]);
                m.put("separation_lag10", chaos.separation()[10]);
                m.put("separation_lag40", chaos.separation()[40]);
                m.put("branching_ratio", chaos.branchingRatio());
                m.put("sample_ms", sampleMs);
                m.put("tau_ms", tauMs);
                m.put("mc_per_delay", mc.perDelay());
                m.put("simulated_s", samples * sampleMs * 1e-3);
                m.put("wall_s", mc.wallSeconds());
                Plots.savePng(Plots.lineChart("LSM perturbation separation (gain " + gain + ")", "samples after perturbation (" + sampleMs + " ms)",
                        "distance / sqrt(N)", new Plots.Series("separation", range(chaos.separation().length), chaos.separation())),
                        folder.file("lsm_separation.png"));
                emit(folder, "reservoir lsm", "lsm", "lsm_separation.png", m);
                return 0;
            }
        }
    }

    /** Delayed XOR, parity and (4,6)-back on spike- or rate-encoded bits. */
    @Command(name = "bits", mixinStandardHelpOptions = true,
            description = "Delayed XOR, 3-bit parity and the (4,6)-back task on encoded bits (ESN or LSM).")
    static final class Binary implements Callable<Integer> {
        @Option(names = "--kind", description = "esn or lsm (default esn)")
        String kind = "esn";
        @Option(names = "--size", description = "reservoir size, in [1, 100000] (lsm: [10, 100000]; default 200 for esn, 135 for lsm)")
        Integer size;
        @Option(names = "--gain", description = "spectral radius (esn, in (0, 100], default 0.9) or weight gain (lsm, in [0, 100],"
                + " default 0.2)")
        Double gain;
        @Option(names = "--delay", description = "delay d of XOR and tau of parity, in [1, 1000] (default 1; 0 would"
                + " ask for the current bits, which the state holds)")
        int delay = 1;
        @Option(names = "--samples", description = "bits, at least 500 and 20 (delay + 16) (default 3000 for esn, 1500 for lsm)")
        Integer samples;
        @Option(names = "--seed", description = "seed, any integer (default 1)")
        long seed = 1;
        @Option(names = "--out", description = "output folder (default spikering-out/reservoir/<benchmark>); replaced "
                + "as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        @Override
        public Integer call() {
            Check.choice("--kind", kind, "esn", "lsm");
            final boolean esn = "esn".equals(kind);
            Check.range("--delay", delay, 1, 1000);
            final int n = samples != null ? samples : esn ? 3000 : 1500;
            // BinaryMemoryTasks: start max(50, delay + 6), a quarter held out, the xor curve up to delay 8
            Check.range("--samples", n, Math.max(500, 20 * (delay + 16)), MAX_STEPS);
            final int sz = size != null ? size : esn ? 200 : 135;
            Check.range("--size", sz, esn ? 1 : 10, MAX_SIZE);
            final double g = gain != null ? gain : esn ? 0.9 : 0.2;
            if (esn) {
                Check.rangeOpenLow("--gain", g, 0, MAX_GAIN);
            } else {
                Check.range("--gain", g, 0, MAX_GAIN);
            }
            Check.outputFolder("--out", target(out, "bits-" + kind));
            MemoryBudget.require("--size = " + sz + ", --samples = " + n, esn
                    ? MemoryBudget.esn(sz, 0.1, false, n, 1) : lsmBytes(sz, n, 1));
            try (ResultFolder folder = open(out, "bits-" + kind)) {
                final int[] s = org.spikering.reservoir.bench.BinaryMemoryTasks.bits(n, seed);
                final double[][] features;
                if (esn) {
                    final EchoStateNetwork net = new EchoStateNetwork(new EsnParameters(sz, g, 0.1, 0.5, 1.0, 0.2,
                            EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, seed), 1);
                    final double[] u = new double[n];
                    for (int i = 0; i < n; i++) {
                        u[i] = 2 * s[i] - 1;
                    }
                    features = net.run(u);
                } else {
                    final LiquidStateMachine lsm = new LiquidStateMachine(LsmParameters.maass(sz, g, seed));
                    final double[] u = new double[n];
                    for (int i = 0; i < n; i++) {
                        u[i] = s[i];
                    }
                    features = lsm.drive(u, 30, 30, -1).features();
                }
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("benchmark", "bits_" + kind);
                m.put("delay", delay);
                for (String task : new String[] {"xor", "parity", "nback"}) {
                    final org.spikering.reservoir.bench.BinaryMemoryTasks.Result r =
                            org.spikering.reservoir.bench.BinaryMemoryTasks.score(features, s, task, delay, 50);
                    m.put(task + "_" + r.metric(), r.score());
                }
                final double[] lags = new double[8];
                final double[] acc = new double[8];
                for (int d = 1; d <= 8; d++) {
                    lags[d - 1] = d;
                    acc[d - 1] = org.spikering.reservoir.bench.BinaryMemoryTasks.score(features, s, "xor", d, 50).score();
                }
                m.put("xor_accuracy_by_delay", acc);
                Plots.savePng(Plots.lineChart("Delayed XOR accuracy (" + kind + ")", "delay d (samples)", "test accuracy",
                        new Plots.Series("xor", lags, acc)), folder.file("bits_" + kind + ".png"));
                m.put("nback_bound_nothing_learned", 0.6616);
                m.put("nback_bound_4_back_learned", 0.5192);
                m.put("nback_bound_both_learned", 0.4545);
                emit(folder, "reservoir bits", "bits_" + kind, "bits_" + kind + ".png", m);
                return 0;
            }
        }
    }

    /** The scaling study. */
    @Command(name = "scaling", mixinStandardHelpOptions = true,
            description = "Sweep size and gain over seeds; table and plots of performance, memory and Lyapunov exponent / separation.")
    static final class Scaling implements Callable<Integer> {
        static final String[] SCALING_FILES = {"scaling.csv", "perf_vs_size.png", "perf_vs_gain.png", "chaos_vs_gain.png",
            "memory_vs_size.png"};
        @Option(names = "--kind", description = "esn or lsm (default esn)")
        String kind = "esn";
        @Option(names = "--sizes", split = ",", description = "sizes, each once, each in [1, 100000] (lsm: [10, 100000])"
                + " (default esn 50,100,200,400,800; lsm 135,270,540)")
        List<Integer> sizes;
        @Option(names = "--gains", split = ",", description = "spectral radii (esn, each in (0, 100], default 0.5,0.8,0.95,1.1,1.4)"
                + " or weight gains (lsm, each in [0, 100], default 0.05,0.1,0.2,0.5,1), each once")
        List<Double> gains;
        @Option(names = "--seeds", description = "seeds per point, in [1, 1000] (default 3)")
        int seeds = 3;
        @Option(names = "--out", description = "output folder (default spikering-out/scaling); replaced as a whole when the "
                + "study completes; a study killed half-way and started again with the same settings reuses its completed runs")
        Path out = Path.of("spikering-out", "scaling");

        @Override
        public Integer call() {
            Check.choice("--kind", kind, "esn", "lsm");
            final boolean esn = "esn".equals(kind);
            Check.range("--seeds", seeds, 1, 1000);
            final List<Integer> n = sizes != null ? sizes : esn ? List.of(50, 100, 200, 400, 800) : List.of(135, 270, 540);
            final List<Double> g = gains != null ? gains : esn ? List.of(0.5, 0.8, 0.95, 1.1, 1.4) : List.of(0.05, 0.1, 0.2, 0.5, 1.0);
            Check.distinct("--sizes", n);
            Check.distinct("--gains", g);
            int largest = 0;
            for (int size : n) {
                largest = Math.max(largest, Check.range("--sizes", size, esn ? 1 : 10, MAX_SIZE));
            }
            for (double gain : g) {
                if (esn) {
                    Check.rangeOpenLow("--gains", gain, 0, MAX_GAIN);
                } else {
                    Check.range("--gains", gain, 0, MAX_GAIN);
                }
            }
            Check.outputFolder("--out", out);
            // ScalingStudy: NARMA-10 over 5200 steps and MC with up to 400 delays, per size in turn
            MemoryBudget.require("--sizes containing " + largest, esn
                    ? MemoryBudget.esn(largest, Math.min(1.0, Math.max(0.1, 10.0 / largest)), false, 5200, 400)
                    : lsmBytes(largest, 300, 8));
            try (ResultFolder folder = ResultFolder.open("--out", out)) {
                final com.fasterxml.jackson.databind.node.ObjectNode settings = Json.object();
                settings.put("study", "scaling_" + kind);
                settings.putPOJO("sizes", n);
                settings.putPOJO("gains", g);
                settings.put("seeds", seeds);
                final RunRecords records = RunRecords.open(folder.checkpointDir(),
                        Json.MAPPER.valueToTree(settings), System.err);
                final ScalingStudy.Table t = esn ? ScalingStudy.esn(n, g, seeds, System.err, records)
                        : ScalingStudy.lsm(n, g, seeds, System.err, records);
                if (records.reused() > 0) {
                    System.err.printf("spikering: reused %d runs of an interrupted study with the same settings%n", records.reused());
                }
                t.write(folder.dir());
                folder.commit("reservoir scaling", SCALING_FILES);
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("study", "scaling_" + kind);
                m.put("rows", t.rows().size());
                m.put("table", folder.target().resolve("scaling.csv").toString());
                System.out.println(Json.oneLine(m));
                return 0;
            }
        }
    }
}
