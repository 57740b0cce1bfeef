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
        throw new IllegalArgumentException("reservoir: give a sub-command: mc, narma, mackey-glass, lsm or scaling");
    }

    /** ESN options shared by the ESN benchmarks. */
    static final class EsnOptions {
        @Option(names = "--size", description = "units N (default 200)")
        int size = 200;
        @Option(names = "--spectral-radius", description = "rho(W) (default 0.9)")
        double rho = 0.9;
        @Option(names = "--connectivity", description = "density of W (default 0.1)")
        double connectivity = 0.1;
        @Option(names = "--input-scaling", description = "W_in in [-s, s] (default 0.3)")
        double inputScaling = 0.3;
        @Option(names = "--leak", description = "leak rate (default 1)")
        double leak = 1.0;
        @Option(names = "--activation", description = "tanh or linear (default tanh)")
        String activation = "tanh";
        @Option(names = "--topology", description = "gaussian or orthogonal (default gaussian)")
        String topology = "gaussian";
        @Option(names = "--seed", description = "seed (default 1)")
        long seed = 1;
        @Option(names = "--out", description = "output folder (default spikering-out/reservoir/<benchmark>); replaced "
                + "as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        EsnParameters params() {
            return new EsnParameters(size, rho, connectivity, inputScaling, leak, 0.0,
                    Cli.parseEnum(EsnParameters.Activation.class, "--activation", activation),
                    Cli.parseEnum(EsnParameters.Topology.class, "--topology", topology), seed);
        }
    }

    /** Writes {@code <name>.json}, commits the result folder (the JSON and the plot {@code png}) and prints the JSON line. */
    private static void emit(final ResultFolder folder, final String command, final String name, final String png,
                             final Map<String, Object> r) {
        Json.write(folder.file(name + ".json"), r);
        folder.commit(command, name + ".json", png);
        System.out.println(Json.oneLine(r));
    }

    /** The result folder {@code out}, or {@code spikering-out/reservoir/<bench>} if not given. */
    private static ResultFolder open(final Path out, final String bench) {
        return ResultFolder.open("--out", out != null ? out : Path.of("spikering-out", "reservoir", bench));
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
        @Option(names = "--washout", description = "steps (default 1000)")
        int washout = 1000;
        @Option(names = "--train", description = "training steps (default 20000)")
        int train = 20_000;
        @Option(names = "--test", description = "held-out steps, more than the 2N delays (default 5000)")
        int test = 5000;
        @Option(names = "--ridge", description = "ridge regularisation lambda (default 1e-10)")
        double ridge = 1e-10;

        @Override
        public Integer call() {
            try (ResultFolder folder = open(esn.out, "mc")) {
                return compute(folder);
            }
        }

        private Integer compute(final ResultFolder folder) {
            if (!(ridge >= 0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("--ridge = " + ridge + ": must be a finite number >= 0");
            }
            final EchoStateNetwork net = new EchoStateNetwork(esn.params(), 1);
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

    /** NARMA-10. */
    @Command(name = "narma", mixinStandardHelpOptions = true, description = "NARMA-10 one-step prediction, test NRMSE.")
    static final class Narma implements Callable<Integer> {
        @Mixin
        EsnOptions esn = new EsnOptions();
        @Option(names = "--length", description = "steps of data (default 7200)")
        int length = 7200;
        @Option(names = "--washout", description = "steps (default 200)")
        int washout = 200;
        @Option(names = "--test", description = "held-out steps (default 2000)")
        int test = 2000;

        @Override
        public Integer call() {
            try (ResultFolder folder = open(esn.out, "narma")) {
                return compute(folder);
            }
        }

        private Integer compute(final ResultFolder folder) {
            final EchoStateNetwork net = new EchoStateNetwork(esn.params(), 1);
            final Narma10.Result r = Narma10.run(net, length, washout, test, esn.seed);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "narma10");
            m.put("size", esn.size);
            m.put("spectral_radius", net.spectralRadius());
            m.put("test_nrmse", r.testNrmse());
            m.put("train_nrmse", r.trainNrmse());
            m.put("ridge_lambda", r.lambda());
            m.put("online_lms_test_nrmse", r.lmsTestNrmse());
            final int show = Math.min(300, r.target().length);
            Plots.savePng(Plots.lineChart("NARMA-10, test NRMSE " + String.format("%.3f", r.testNrmse()), "test step", "y",
                    new Plots.Series("target", range(show), java.util.Arrays.copyOf(r.target(), show)),
                    new Plots.Series("prediction", range(show), java.util.Arrays.copyOf(r.prediction(), show))),
                    folder.file("narma.png"));
            emit(folder, "reservoir narma", "narma", "narma.png", m);
            return 0;
        }
    }

    /** Mackey–Glass. */
    @Command(name = "mackey-glass", mixinStandardHelpOptions = true, description = "Mackey-Glass (tau 17) one-step prediction.")
    static final class MackeyGlassCmd implements Callable<Integer> {
        @Mixin
        EsnOptions esn = new EsnOptions();

        @Override
        public Integer call() {
            try (ResultFolder folder = open(esn.out, "mackey-glass")) {
                return compute(folder);
            }
        }

        private Integer compute(final ResultFolder folder) {
            final EchoStateNetwork net = new EchoStateNetwork(esn.params(), 1);
            final MackeyGlass.Result r = MackeyGlass.run(net, 5200, 200, 1000);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "mackey_glass_17");
            m.put("size", esn.size);
            m.put("test_nrmse", r.testNrmse());
            m.put("ridge_lambda", r.lambda());
            final int show = Math.min(400, r.target().length);
            Plots.savePng(Plots.lineChart("Mackey-Glass, test NRMSE " + String.format("%.2e", r.testNrmse()), "test step", "x",
                    new Plots.Series("target", range(show), java.util.Arrays.copyOf(r.target(), show)),
                    new Plots.Series("prediction", range(show), java.util.Arrays.copyOf(r.prediction(), show))),
                    folder.file("mackey_glass.png"));
            emit(folder, "reservoir mackey-glass", "mackey_glass", "mackey_glass.png", m);
            return 0;
        }
    }

    /** Liquid state machine: memory capacity, perturbation separation, branching ratio. */
    @Command(name = "lsm", mixinStandardHelpOptions = true,
            description = "Liquid state machine: memory capacity, perturbation separation and branching ratio.")
    static final class Lsm implements Callable<Integer> {
        @Option(names = "--size", description = "column neurons (default 135 = 15x3x3)")
        int size = 135;
        @Option(names = "--gain", description = "recurrent weight scale (default 0.2)")
        double gain = 0.2;
        @Option(names = "--random", description = "distance-free random connectivity")
        boolean random;
        @Option(names = "--samples", description = "input samples (default 400)")
        int samples = 400;
        @Option(names = "--sample-ms", description = "duration of one input sample, ms (default 30)")
        double sampleMs = 30;
        @Option(names = "--tau", description = "low-pass filter of the spike features, ms (default 30)")
        double tauMs = 30;
        @Option(names = "--delays", description = "memory-capacity delays in samples (default 10)")
        int delays = 10;
        @Option(names = "--seed", description = "seed (default 1)")
        long seed = 1;
        @Option(names = "--out", description = "output folder (default spikering-out/reservoir/<benchmark>); replaced "
                + "as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        @Override
        public Integer call() {
            try (ResultFolder folder = open(out, "lsm")) {
                return compute(folder);
            }
        }

        private Integer compute(final ResultFolder folder) {
            if (!(tauMs > 0) || Double.isInfinite(tauMs)) {
                throw new IllegalArgumentException("--tau = " + tauMs + " ms: must be a finite number > 0");
            }
            if (!(sampleMs >= LiquidStateMachine.DT_MS) || Double.isInfinite(sampleMs)) {
                throw new IllegalArgumentException("--sample-ms = " + sampleMs + ": must be a finite number >= dt = "
                        + LiquidStateMachine.DT_MS + " ms");
            }
            if (delays < 1) {
                throw new IllegalArgumentException("--delays = " + delays + ": must be >= 1");
            }
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

    /** Delayed XOR, parity and (4,6)-back on spike- or rate-encoded bits. */
    @Command(name = "bits", mixinStandardHelpOptions = true,
            description = "Delayed XOR, 3-bit parity and the (4,6)-back task on encoded bits (ESN or LSM).")
    static final class Binary implements Callable<Integer> {
        @Option(names = "--kind", description = "esn or lsm (default esn)")
        String kind = "esn";
        @Option(names = "--size", description = "reservoir size (default 200 for esn, 135 for lsm)")
        Integer size;
        @Option(names = "--gain", description = "spectral radius (esn, default 0.9) or weight gain (lsm, default 0.2)")
        Double gain;
        @Option(names = "--delay", description = "delay d of XOR and tau of parity (default 1)")
        int delay = 1;
        @Option(names = "--samples", description = "bits (default 3000 for esn, 1500 for lsm)")
        Integer samples;
        @Option(names = "--seed", description = "seed (default 1)")
        long seed = 1;
        @Option(names = "--out", description = "output folder (default spikering-out/reservoir/<benchmark>); replaced "
                + "as a whole when the run completes (a new, empty or earlier result folder)")
        Path out;

        @Override
        public Integer call() {
            try (ResultFolder folder = open(out, "bits-" + kind)) {
                return compute(folder);
            }
        }

        private Integer compute(final ResultFolder folder) {
            final boolean esn = "esn".equals(kind);
            if (!esn && !"lsm".equals(kind)) {
                throw new IllegalArgumentException("--kind = '" + kind + "': must be one of [esn, lsm]");
            }
            final int n = samples != null ? samples : esn ? 3000 : 1500;
            final int[] s = org.spikering.reservoir.bench.BinaryMemoryTasks.bits(n, seed);
            final double[][] features;
            if (esn) {
                final EchoStateNetwork net = new EchoStateNetwork(new EsnParameters(size != null ? size : 200,
                        gain != null ? gain : 0.9, 0.1, 0.5, 1.0, 0.2, EsnParameters.Activation.TANH,
                        EsnParameters.Topology.GAUSSIAN, seed), 1);
                final double[] u = new double[n];
                for (int i = 0; i < n; i++) {
                    u[i] = 2 * s[i] - 1;
                }
                features = net.run(u);
            } else {
                final LiquidStateMachine lsm = new LiquidStateMachine(LsmParameters.maass(size != null ? size : 135,
                        gain != null ? gain : 0.2, seed));
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

    /** The scaling study. */
    @Command(name = "scaling", mixinStandardHelpOptions = true,
            description = "Sweep size and gain over seeds; table and plots of performance, memory and Lyapunov exponent / separation.")
    static final class Scaling implements Callable<Integer> {
        /** The result set of the scaling study. */
        static final String[] SCALING_FILES = {"scaling.csv", "perf_vs_size.png", "perf_vs_gain.png", "chaos_vs_gain.png",
            "memory_vs_size.png"};
        @Option(names = "--kind", description = "esn or lsm (default esn)")
        String kind = "esn";
        @Option(names = "--sizes", split = ",", description = "sizes (default esn 50,100,200,400,800; lsm 135,270,540)")
        List<Integer> sizes;
        @Option(names = "--gains", split = ",", description = "spectral radii (esn, default 0.5,0.8,0.95,1.1,1.4) or weight gains (lsm, default 0.05,0.1,0.2,0.5,1)")
        List<Double> gains;
        @Option(names = "--seeds", description = "seeds per point (default 3)")
        int seeds = 3;
        @Option(names = "--out", description = "output folder (default spikering-out/scaling); replaced as a whole when the "
                + "study completes; a study killed half-way and started again with the same settings reuses its completed runs")
        Path out = Path.of("spikering-out", "scaling");

        @Override
        public Integer call() {
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds = " + seeds + ": must be >= 1");
            }
            final boolean esn = !"lsm".equals(kind);
            if (!esn && !"lsm".equals(kind) || esn && !"esn".equals(kind)) {
                throw new IllegalArgumentException("--kind = '" + kind + "': must be one of [esn, lsm]");
            }
            final List<Integer> n = sizes != null ? sizes : esn ? List.of(50, 100, 200, 400, 800) : List.of(135, 270, 540);
            final List<Double> g = gains != null ? gains : esn ? List.of(0.5, 0.8, 0.95, 1.1, 1.4) : List.of(0.05, 0.1, 0.2, 0.5, 1.0);
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
