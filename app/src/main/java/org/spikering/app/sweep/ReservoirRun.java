package org.spikering.app.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.cli.MemoryBudget;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.reservoir.ScalingStudy;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.ReservoirSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.reservoir.Benchmark;
import org.spikering.reservoir.analysis.SpikingChaos;
import org.spikering.reservoir.bench.BinaryMemoryTasks;
import org.spikering.reservoir.bench.LsmMemory;
import org.spikering.reservoir.bench.MackeyGlass;
import org.spikering.reservoir.bench.MemoryCapacity;
import org.spikering.reservoir.bench.Narma10;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.lsm.LiquidStateMachine;
import org.spikering.reservoir.lsm.LsmParameters;

/**
 * One run of the benchmark of a spec's {@code reservoir} section ({@link ReservoirSpec}) with the reservoirs module,
 * for {@link ReservoirSpecRunner}: its memory check, and the run writing its result folder: {@code <name>.json}
 * (the summary), its plot and {@code spec.yaml} (the spec with every default filled in). Messages name the option that
 * set a field, else the field ({@link FieldNames}). One instance per run; prints nothing.
 */
final class ReservoirRun {

    /** The file every result folder of a spec run holds: the spec it ran, defaults filled. */
    static final String SPEC_FILE = "spec.yaml";
    /** The file of one run of the scaling study besides {@code spec.yaml}. */
    static final String SCALING_RUN_FILE = "scaling_run.json";

    private final Spec spec;
    private final ReservoirSpec r;
    private final FieldNames names;
    private final long seed;
    private final boolean plots;

    ReservoirRun(final Spec spec, final FieldNames names) {
        this.spec = spec;
        this.r = spec.section(ReservoirSpec.PATH, ReservoirSpec.class);
        this.names = names;
        this.seed = spec.seed();
        final OutputSpec o = spec.section("output", OutputSpec.class);
        this.plots = o == null || o.plots();
    }

    /** Checks what the benchmark needs before it starts: its parameters and its memory. */
    void check() {
        switch (r.benchmark()) {
            case MC -> esnChecked((double) r.washoutSteps() + r.trainSteps() + r.testSteps(), 2.0 * r.size());
            case NARMA -> esnChecked(r.lengthSteps(), 1);
            case MACKEY_GLASS -> esnChecked(5200, 1);
            case LSM -> MemoryBudget.require(names.label(field("size"), r.size()) + ", "
                    + names.label(field("samples"), r.samples()), lsmBytes(r.size(), r.samples(), r.delays()));
            case BITS -> MemoryBudget.require(names.label(field("size"), r.size()) + ", "
                    + names.label(field("samples"), r.samples()), bitsBytes());
            case SCALING -> {
                checkOneScalingRun();
                checkScalingMemory();
            }
            case FORCE -> {
                r.forceParameters(seed);
                MemoryBudget.require(names.label(field("size"), r.size()), forceBytes());
            }
            default -> throw new IllegalStateException("benchmark " + r.benchmark());
        }
    }

    /** @return estimated peak bytes of the run. */
    double memoryBytes() {
        return switch (r.benchmark()) {
            case MC -> esnBytes((double) r.washoutSteps() + r.trainSteps() + r.testSteps(), 2.0 * r.size());
            case NARMA -> esnBytes(r.lengthSteps(), 1);
            case MACKEY_GLASS -> esnBytes(5200, 1);
            case LSM -> lsmBytes(r.size(), r.samples(), r.delays());
            case BITS -> bitsBytes();
            case SCALING -> scalingBytes();
            case FORCE -> forceBytes();
        };
    }

    /**
     * @param out      the result folder (checked by the caller).
     * @param progress starts the progress display (the benchmarks show none: each is one short computation).
     * @return the summary: what {@code <name>.json} holds and the command prints.
     */
    Map<String, Object> run(final Path out, final ProgressStarter progress) {
        check();
        return switch (r.benchmark()) {
            case MC -> mc(out);
            case NARMA -> narma(out);
            case MACKEY_GLASS -> mackeyGlass(out);
            case LSM -> lsm(out);
            case BITS -> bits(out);
            case SCALING -> scaling(out);
            case FORCE -> force(out);
        };
    }

    /**
     * @param spec a spec with a reservoir section.
     * @return its folder when neither {@code --out} nor {@code output.folder} is given:
     *         {@code spikering-out/reservoir/<benchmark>} ({@code bits-<kind>}), {@code spikering-out/scaling}.
     */
    static Path defaultFolder(final Spec spec) {
        final ReservoirSpec r = spec.section(ReservoirSpec.PATH, ReservoirSpec.class);
        return switch (r.benchmark()) {
            case MC -> Path.of("spikering-out", "reservoir", "mc");
            case NARMA -> Path.of("spikering-out", "reservoir", "narma");
            case MACKEY_GLASS -> Path.of("spikering-out", "reservoir", "mackey-glass");
            case LSM -> Path.of("spikering-out", "reservoir", "lsm");
            case BITS -> Path.of("spikering-out", "reservoir", "bits-" + r.kind());
            case SCALING -> Path.of("spikering-out", "scaling");
            case FORCE -> Path.of("spikering-out", "reservoir", "force");
        };
    }

    /** Checks the memory of the largest run of a scaling spec. */
    void checkScalingMemory() {
        MemoryBudget.require(names.name(field("sizes")) + " containing " + largestSize(), scalingBytes());
    }

    private int largestSize() {
        return r.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** ScalingStudy: NARMA-10 over 5200 steps and MC with up to 400 delays, per size in turn. */
    private double scalingBytes() {
        final int largest = largestSize();
        return r.esn() ? MemoryBudget.esn(largest, Math.min(1.0, Math.max(0.1, 10.0 / largest)), false, 5200, 400)
                : lsmBytes(largest, 300, 8);
    }

    private double bitsBytes() {
        return r.esn() ? MemoryBudget.esn(r.size(), 0.1, false, r.samples(), 1) : lsmBytes(r.size(), r.samples(), 1);
    }

    private String field(final String name) {
        return ReservoirSpec.PATH + "." + name;
    }

    /** Checks the parameters and the memory of an ESN run over {@code steps} inputs with {@code outputs} targets. */
    private EsnParameters esnChecked(final double steps, final double outputs) {
        final EsnParameters p = r.esnParameters(seed);
        MemoryBudget.require(names.label(field("size"), r.size()), esnBytes(steps, outputs));
        return p;
    }

    private double esnBytes(final double steps, final double outputs) {
        return MemoryBudget.esn(r.size(), r.connectivity(), r.esnParameters(seed).topology() == EsnParameters.Topology.ORTHOGONAL,
                steps, outputs);
    }

    /** @return the network; an unstable linear reservoir (found once W is drawn) is an error naming the fields. */
    private EchoStateNetwork build(final EsnParameters p) {
        try {
            return new EchoStateNetwork(p, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage()
                    .replace("spectral_radius = ", names.name(field("spectral_radius")) + " = ")
                    .replace("leak_rate = ", names.name(field("leak_rate")) + " = ")
                    .replace("size = ", names.name(field("size")) + " = ")
                    .replace("connectivity = ", names.name(field("connectivity")) + " = ")
                    .replace("input_scaling = ", names.name(field("input_scaling")) + " = "), e);
        }
    }

    /** Writes {@code <name>.json} and {@code spec.yaml} and commits the folder; returns the summary. */
    private Map<String, Object> emit(final ResultFolder folder, final String command, final String name, final String png,
                      final Map<String, Object> m) {
        Json.write(folder.file(name + ".json"), m);
        writeSpec(folder);
        final List<String> files = new ArrayList<>(List.of(name + ".json", SPEC_FILE));
        if (plots) {
            files.add(png);
        }
        folder.commit(command, files.toArray(String[]::new));
        return m;
    }

    private void writeSpec(final ResultFolder folder) {
        try {
            Files.writeString(folder.file(SPEC_FILE), spec.toYaml());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + folder.file(SPEC_FILE), e);
        }
    }

    private Map<String, Object> mc(final Path out) {
        final EsnParameters p = r.esnParameters(seed);
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final EchoStateNetwork net = build(p);
            final MemoryCapacity.Result res = MemoryCapacity.measure(net, 2 * r.size(), r.washoutSteps(), r.trainSteps(),
                    r.testSteps(), r.ridge(), seed);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "memory_capacity");
            m.put("size", r.size());
            m.put("spectral_radius", net.spectralRadius());
            m.put("memory_capacity", res.capacity());
            m.put("delays", 2 * r.size());
            m.put("train_steps", r.trainSteps());
            m.put("test_steps", r.testSteps());
            m.put("mc_per_delay", res.perDelay());
            if (plots) {
                Plots.savePng(Plots.lineChart("Memory capacity " + String.format("%.2f", res.capacity()) + " (N = " + r.size()
                        + ")", "delay k", "r^2", new Plots.Series("MC_k", range(res.perDelay().length), res.perDelay())),
                        folder.file("mc.png"));
            }
            return emit(folder, "reservoir mc", "mc", "mc.png", m);
        }
    }

    private Map<String, Object> narma(final Path out) {
        final EsnParameters p = r.esnParameters(seed);
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final EchoStateNetwork net = build(p);
            final Narma10.Result res = Narma10.run(net, r.lengthSteps(), r.washoutSteps(), r.testSteps(), seed);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "narma10");
            m.put("size", r.size());
            m.put("spectral_radius", net.spectralRadius());
            m.put("test_nrmse", res.testNrmse());
            m.put("train_nrmse", res.trainNrmse());
            m.put("ridge_lambda", res.lambda());
            m.put("online_lms_test_nrmse", res.lmsTestNrmse());
            if (plots) {
                savePredictionPlot("NARMA-10, test NRMSE " + String.format("%.3f", res.testNrmse()), "y",
                        res.target(), res.prediction(), 300, folder.file("narma.png"));
            }
            return emit(folder, "reservoir narma", "narma", "narma.png", m);
        }
    }

    private Map<String, Object> mackeyGlass(final Path out) {
        final EsnParameters p = r.esnParameters(seed);
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final EchoStateNetwork net = build(p);
            final MackeyGlass.Result res = MackeyGlass.run(net, 5200, 200, 1000);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "mackey_glass_17");
            m.put("size", r.size());
            m.put("test_nrmse", res.testNrmse());
            m.put("ridge_lambda", res.lambda());
            if (plots) {
                savePredictionPlot("Mackey-Glass, test NRMSE " + String.format("%.2e", res.testNrmse()), "x",
                        res.target(), res.prediction(), 400, folder.file("mackey_glass.png"));
            }
            return emit(folder, "reservoir mackey-glass", "mackey_glass", "mackey_glass.png", m);
        }
    }

    /**
     * FORCE: the RLS matrix (N² doubles), J (12 bytes per non-zero, p N² of them, drawn into arrays of 1.2 p N² and
     * then trimmed: both at once), and the output traces (8 bytes per step, plus the CSV writer's buffer).
     */
    private double forceBytes() {
        final double n = r.size();
        return 8 * n * n + 2.2 * 12 * r.connectivity() * n * n + 16 * forceSteps(r.trainMs()) + 16 * forceSteps(r.testMs());
    }

    private long forceSteps(final double ms) {
        return Math.round(ms / r.dtMs());
    }

    /**
     * FORCE (Sussillo &amp; Abbott 2009): train with the loop closed, then run free. The errors are the mean of
     * |z − f| over each phase, the error of the untrained readout (z = 0) being the target's mean |f|.
     */
    private Map<String, Object> force(final Path out) {
        final org.spikering.reservoir.force.ForceNetwork.Parameters p = r.forceParameters(seed);
        final java.util.function.DoubleUnaryOperator f =
                org.spikering.reservoir.force.ForceNetwork.fourSines(r.amplitude(), r.periodMs());
        final int train = Math.toIntExact(forceSteps(r.trainMs()));
        final int test = Math.toIntExact(forceSteps(r.testMs()));
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final long t0 = System.nanoTime();
            final org.spikering.reservoir.force.ForceNetwork net = new org.spikering.reservoir.force.ForceNetwork(p);
            final double[] zTrain = new double[train];
            final double[] zTest = new double[test];
            net.run(train, f, zTrain);
            net.run(test, null, zTest);
            double trainErr = 0;
            double testErr = 0;
            double firstPeriodErr = 0;
            double scale = 0;
            final int period = (int) Math.min(test, Math.max(1, Math.round(r.periodMs() / r.dtMs())));
            for (int s = 0; s < train; s++) {
                trainErr += Math.abs(zTrain[s] - target(f, s)) / train;
            }
            for (int s = 0; s < test; s++) {
                final double ft = target(f, train + s);
                final double e = Math.abs(zTest[s] - ft);
                testErr += e / test;
                scale += Math.abs(ft) / test;
                if (s < period) {
                    firstPeriodErr += e / period;
                }
            }
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "force");
            m.put("size", r.size());
            m.put("gain", r.gain());
            m.put("train_mae", trainErr);
            m.put("test_mae", testErr);
            m.put("test_mae_first_period", firstPeriodErr);
            m.put("target_mean_abs", scale);
            m.put("readout_norm", Math.sqrt(dot(net.readoutWeights(), net.readoutWeights())));
            m.put("train_ms", r.trainMs());
            m.put("test_ms", r.testMs());
            m.put("wall_s", (System.nanoTime() - t0) * 1e-9);
            org.spikering.app.report.AtomicFiles.writeText(folder.file("force.csv"), w -> {
                w.append("t_ms,phase,target,z\n");
                for (int s = 0; s < train + test; s++) {
                    w.append(Double.toString((s + 1) * r.dtMs())).append(s < train ? ",train," : ",test,")
                            .append(Double.toString(target(f, s))).append(',')
                            .append(Double.toString(s < train ? zTrain[s] : zTest[s - train])).append('\n');
                }
            });
            if (plots) {
                final int from = Math.max(0, train - period);
                final int show = Math.min(train + test - from, 2 * period);
                final double[] t = new double[show];
                final double[] ft = new double[show];
                final double[] zt = new double[show];
                for (int i = 0; i < show; i++) {
                    final int s = from + i;
                    t[i] = (s + 1) * r.dtMs();
                    ft[i] = target(f, s);
                    zt[i] = s < train ? zTrain[s] : zTest[s - train];
                }
                Plots.savePng(Plots.lineChart(String.format(java.util.Locale.ROOT,
                        "FORCE: the last training period, then free running (test MAE %.3g)", testErr), "t (ms)", "z",
                        new Plots.Series("target", t, ft), new Plots.Series("z", t, zt)), folder.file("force.png"));
            }
            Json.write(folder.file("force.json"), m);
            writeSpec(folder);
            final List<String> files = new ArrayList<>(List.of("force.json", "force.csv", SPEC_FILE));
            if (plots) {
                files.add("force.png");
            }
            folder.commit("reservoir force", files.toArray(String[]::new));
            return m;
        }
    }

    /** @return the target at the end of step {@code s} (counted from 0), t = (s + 1) dt. */
    private double target(final java.util.function.DoubleUnaryOperator f, final int s) {
        return f.applyAsDouble((s + 1) * r.dtMs());
    }

    private static double dot(final double[] a, final double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private Map<String, Object> lsm(final Path out) {
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final LiquidStateMachine lsm = new LiquidStateMachine(r.lsmParameters(seed));
            final LsmMemory.Result mc = LsmMemory.measure(lsm, r.samples(), r.sampleMs(), r.tauMs(), r.delays(), seed);
            final double[] u = new double[60];
            Arrays.fill(u, 0.3);
            final SpikingChaos.Result chaos = SpikingChaos.measure(lsm, u, r.sampleMs(), r.tauMs(), 10);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "lsm");
            m.put("size", r.size());
            m.put("gain", r.gain());
            m.put("synapses", lsm.network().synapseCount());
            m.put("memory_capacity", mc.capacity());
            m.put("mean_rate_hz", mc.meanRateHz());
            m.put("separation_lag0", chaos.separation()[0]);
            m.put("separation_lag10", chaos.separation()[10]);
            m.put("separation_lag40", chaos.separation()[40]);
            m.put("branching_ratio", chaos.branchingRatio());
            m.put("sample_ms", r.sampleMs());
            m.put("tau_ms", r.tauMs());
            m.put("mc_per_delay", mc.perDelay());
            m.put("simulated_s", r.samples() * r.sampleMs() * 1e-3);
            m.put("wall_s", mc.wallSeconds());
            if (plots) {
                Plots.savePng(Plots.lineChart("LSM perturbation separation (gain " + r.gain() + ")", "samples after perturbation ("
                        + r.sampleMs() + " ms)", "distance / sqrt(N)", new Plots.Series("separation",
                        range(chaos.separation().length), chaos.separation())), folder.file("lsm_separation.png"));
            }
            return emit(folder, "reservoir lsm", "lsm", "lsm_separation.png", m);
        }
    }

    private Map<String, Object> bits(final Path out) {
        final boolean esn = r.esn();
        final int n = r.samples();
        final int sz = r.size();
        final double g = r.gain();
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final int[] s = BinaryMemoryTasks.bits(n, seed);
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
            final int delay = r.delaySamples();
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "bits_" + r.kind());
            m.put("delay", delay);
            for (String task : new String[] {"xor", "parity", "nback"}) {
                final BinaryMemoryTasks.Result res = BinaryMemoryTasks.score(features, s, task, delay, 50);
                m.put(task + "_" + res.metric(), res.score());
            }
            final double[] lags = new double[8];
            final double[] acc = new double[8];
            for (int d = 1; d <= 8; d++) {
                lags[d - 1] = d;
                acc[d - 1] = BinaryMemoryTasks.score(features, s, "xor", d, 50).score();
            }
            m.put("xor_accuracy_by_delay", acc);
            if (plots) {
                Plots.savePng(Plots.lineChart("Delayed XOR accuracy (" + r.kind() + ")", "delay d (samples)", "test accuracy",
                        new Plots.Series("xor", lags, acc)), folder.file("bits_" + r.kind() + ".png"));
            }
            m.put("nback_bound_nothing_learned", 0.6616);
            m.put("nback_bound_4_back_learned", 0.5192);
            m.put("nback_bound_both_learned", 0.4545);
            return emit(folder, "reservoir bits", "bits_" + r.kind(), "bits_" + r.kind() + ".png", m);
        }
    }

    /**
     * One run of the scaling study ({@link ScalingStudy#esnRun}, {@link ScalingStudy#lsmRun}): the spec's one size, one
     * gain, and run seed index s = seed − 1 (the default seed 1 is the study's first run, s = 0). A grid of runs is a
     * sweep of such specs ({@code spikering reservoir scaling}).
     */
    private Map<String, Object> scaling(final Path out) {
        final int n = r.sizes().get(0);
        final double g = r.gains().get(0);
        final long s = seed - 1;
        try (ResultFolder folder = ResultFolder.open(names.name("output.folder"), out)) {
            final double[] v = r.esn() ? ScalingStudy.esnRun(n, g, s) : ScalingStudy.lsmRun(n, g, s);
            final String[] measures = r.esn() ? ScalingStudy.ESN_MEASURES : ScalingStudy.LSM_MEASURES;
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "scaling_" + r.kind());
            m.put("size", n);
            m.put("gain", g);
            m.put("run_seed", s);
            for (int k = 0; k < measures.length; k++) {
                m.put(measures[k], v[k]);
            }
            Json.write(folder.file(SCALING_RUN_FILE), m);
            writeSpec(folder);
            folder.commit("reservoir scaling", SCALING_RUN_FILE, SPEC_FILE);
            return m;
        }
    }

    /** Checks that a scaling spec is one run: one size, one gain, one seed. */
    private void checkOneScalingRun() {
        if (r.sizes().size() != 1 || r.gains().size() != 1 || r.seeds() != 1) {
            throw new IllegalArgumentException(names.name(field("sizes")) + " = " + r.sizes() + ", "
                    + names.name(field("gains")) + " = " + r.gains() + ", " + names.name(field("seeds")) + " = "
                    + r.seeds() + ": a scaling run must have one size, one gain and seeds 1; a grid of runs is a sweep"
                    + " ('spikering reservoir scaling SPEC' runs it)");
        }
    }

    /**
     * Estimated bytes of an LSM run: the column's synapses (at most all pairs, 20 bytes each while built), the
     * filtered features (8 bytes per neuron and sample, twice) and the memory-capacity targets.
     */
    static double lsmBytes(final double size, final double samples, final double delays) {
        return 20 * size * size + 16 * size * samples + 8 * samples * delays + 24 * (size + 1) * (size + 1);
    }

    /** Saves a line chart of the first min(maxSteps, n) test steps of the target and the prediction. */
    private static void savePredictionPlot(final String title, final String yLabel, final double[] target,
                                           final double[] predicted, final int maxSteps, final Path file) {
        final int show = Math.min(maxSteps, target.length);
        Plots.savePng(Plots.lineChart(title, "test step", yLabel,
                new Plots.Series("target", range(show), Arrays.copyOf(target, show)),
                new Plots.Series("prediction", range(show), Arrays.copyOf(predicted, show))), file);
    }

    private static double[] range(final int n) {
        final double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** @return the benchmark of a spec's section, for the sub-command check. */
    static Benchmark benchmarkOf(final Spec spec) {
        return spec.section(ReservoirSpec.PATH, ReservoirSpec.class).benchmark();
    }
}
