package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainedModel;
import org.spikering.plasticity.analysis.LyapunovSpectrum;
import org.spikering.plasticity.analysis.NetworkLyapunov;
import org.spikering.plasticity.analysis.PerturbationDistance;
import org.spikering.plasticity.network.RecurrentNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering analyze lyapunov MODEL}: the top k Lyapunov exponents of a saved model's network (or, with
 * {@code --initial}, of the network its run started from) along the trajectory an input drives (issue 15 item 4;
 * TASKS.md §6.1–§6.3), by {@link NetworkLyapunov} (QR method on the step Jacobians; surrogate Jacobians for LIF/ALIF
 * networks), and the finite-perturbation distance curve of {@link PerturbationDistance} (§6.2). The trajectory is one
 * run from the zero state, in double precision, of {@code --warmup} + {@code --steps} + 1 steps of input:
 * <table>
 * <caption>--input</caption>
 * <tr><td>task</td><td>the model's task sequences (drawn with --seed) one after another, the state carried across</td></tr>
 * <tr><td>none</td><td>zero input (autonomous; a rate network without bias stays at the fixed point 0)</td></tr>
 * <tr><td>noise</td><td>i.i.d. N(0, --noise-sd²) on every input at every step (spike inputs get analog values)</td></tr>
 * </table>
 * Writes into {@code --out} (replaced as a whole): {@code lyapunov.json}, {@code lyapunov.csv} (the running estimates of
 * every exponent against the step), {@code lyapunov.png} (those), {@code distance.csv} (lag, mean distance); prints one
 * line.
 */
@Command(name = "lyapunov", mixinStandardHelpOptions = true,
        description = {"Top k Lyapunov exponents (QR method) of a saved model's network along an input-driven trajectory.",
            "For LIF/ALIF networks: the surrogate-Jacobian exponents.",
            "For both kinds: the finite-perturbation distance (one extra input spike, liquid states filtered with --distance-tau).",
            "--initial: the network the run started from.",
            "Writes lyapunov.json, lyapunov.csv, lyapunov.png and distance.csv; prints one line."})
final class LyapunovCommand implements Callable<Integer> {

    /** Largest --steps and --warmup. */
    static final int MAX_STEPS = 1_000_000;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by train")
    Path model;

    @Option(names = "--exponents", defaultValue = "10", description = "k, the exponents, in [1, the state dimension]"
            + " (units, plus ALIF adaptation variables). Default: ${DEFAULT-VALUE}")
    int exponents;

    @Option(names = "--steps", defaultValue = "1000", description = "steps averaged, in [1, " + MAX_STEPS + "]."
            + " Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--warmup", defaultValue = "500", description = "steps before averaging starts (trajectory and"
            + " tangent vectors settle), in [0, " + MAX_STEPS + "]. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--input", defaultValue = "task", description = "what drives the trajectory: task, none or noise."
            + " Default: ${DEFAULT-VALUE}")
    String input;

    @Option(names = "--noise-sd", defaultValue = "1.0", description = "standard deviation of --input noise, in (0, 1e6]."
            + " Default: ${DEFAULT-VALUE}")
    double noiseSd;

    @Option(names = "--reset", defaultValue = "detached", description = "LIF/ALIF reset in the surrogate Jacobian:"
            + " detached (not differentiated, as in training) or attached. Default: ${DEFAULT-VALUE}")
    String reset;

    @Option(names = "--initial", description = "analyse the network the run started from (its spec's initial network"
            + " and seed) instead of the trained one")
    boolean initial;

    @Option(names = "--distance-lags", defaultValue = "100", description = "lags of the perturbation distance curve, in"
            + " [1, --steps]. Default: ${DEFAULT-VALUE}")
    int lags;

    @Option(names = "--distance-tau", defaultValue = "30", description = "time constant of the liquid-state filter, ms,"
            + " in (0, 1e6] (Maass et al. 2002: 30 ms; the filter's rise shows over the first tau of lags and it cannot"
            + " show decay faster than 1/tau). Default: ${DEFAULT-VALUE}")
    double tauMs;

    @Option(names = "--distance-trials", defaultValue = "20", description = "perturbed runs averaged, in [0, 10000]"
            + " (0: no distance curve). Default: ${DEFAULT-VALUE}")
    int trials;

    @Option(names = "--seed", description = "seed of the task input, the noise, the start vectors and the perturbations"
            + " (default: the model's seed)")
    Long seed;

    @Option(names = "--out", description = "output folder, replaced as a whole (default: spikering-out/lyapunov-<task>)")
    Path out;

    @Override
    public Integer call() {
        Check.range("--steps", steps, 1, MAX_STEPS);
        Check.range("--warmup", warmup, 0, MAX_STEPS);
        Check.choice("--input", input, "task", "none", "noise");
        Check.rangeOpenLow("--noise-sd", noiseSd, 0.0, 1e6);
        Check.choice("--reset", reset, "detached", "attached");
        Check.range("--distance-trials", trials, 0, 10_000);
        Check.rangeOpenLow("--distance-tau", tauMs, 0.0, 1e6);
        if (trials > 0) {
            Check.range("--distance-lags", lags, 1, steps);
        }
        if (exponents < 1) {
            throw new IllegalArgumentException("--exponents = " + exponents + ": must be >= 1");
        }
        Check.inputFile("MODEL", model, "model.json written by train");
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        final TrainedModel m = TrainedModel.read("MODEL", model);
        m.requireBatchRuleNetwork("MODEL", model, "analyze lyapunov");
        final TaskPreset p = m.preset();
        m.checkFits("MODEL", model, p.name(), p.network());
        if (initial && !m.training().path("--init-from").isNull() && !m.training().path("--init-from").isMissingNode()) {
            throw new IllegalArgumentException("--initial: the run of MODEL = '" + model + "' started from "
                    + m.training().path("--init-from").asText() + " (--init-from), not from its task's initial network;"
                    + " analyse that model instead");
        }
        final RecurrentNetwork net = initial ? p.network() : m.network();
        final int dim = NetworkLyapunov.stateDimension(net);
        if (exponents > dim) {
            throw new IllegalArgumentException("--exponents = " + exponents + ": must be at most the state dimension "
                    + dim + (net.isRate() ? " (units)" : " (units plus ALIF adaptation variables)"));
        }
        final int total = warmup + steps + 1;
        MemoryBudget.require("--warmup + --steps = " + (total - 1), NetworkLyapunov.trajectoryBytes(net, total));
        final long s = seed != null ? seed : m.seed();
        final float[] x = input(p, net, total, s);
        final Path dir = out != null ? out : Path.of("spikering-out", "lyapunov-" + p.name());
        try (ResultFolder folder = ResultFolder.open("--out", dir)) {
            final long t0 = System.nanoTime();
            final LyapunovSpectrum.Result r = NetworkLyapunov.compute(net, x, exponents, warmup, s,
                    Math.max(1, steps / 200), "attached".equals(reset));
            final double lyapSeconds = (System.nanoTime() - t0) * 1e-9;
            final PerturbationDistance.Result d = trials == 0 ? null
                    : PerturbationDistance.compute(net, x, lags, trials, tauMs, s + 1);
            write(folder, m, p, net, s, r, d, lyapSeconds);
            final List<String> files = new ArrayList<>(List.of("lyapunov.json", "lyapunov.csv", "lyapunov.png"));
            if (d != null) {
                files.add("distance.csv");
            }
            folder.commit("analyze lyapunov", files.toArray(String[]::new));
            final double dt = net.params().dtMs();
            System.out.printf(Locale.ROOT, "lyapunov  %s of the %s network of %s, input %s, %d steps after %d: lambda_1 "
                    + "%.6g per step (%.6g per ms), top %d %s, Kaplan-Yorke dimension %.4g%s, %.2f s; wrote %s%n",
                    net.isRate() ? "exponents" : "surrogate-Jacobian exponents", initial ? "initial" : "trained", p.name(),
                    input, steps, warmup, r.exponents()[0], r.exponents()[0] / dt, exponents, format(r.exponents()),
                    r.kaplanYorke(), d == null ? "" : String.format(Locale.ROOT, "; perturbation distance lambda %.4g per ms"
                    + " (%d of %d perturbations died)", d.lambdaPerMs(), d.died(), d.trials()), lyapSeconds,
                    folder.target());
            return 0;
        }
    }

    /** The T × inputs input of --input. */
    private float[] input(final TaskPreset p, final RecurrentNetwork net, final int total, final long s) {
        final int nIn = net.inputs();
        final float[] x = new float[total * nIn];
        switch (input) {
            case "none" -> {
                return x;
            }
            case "noise" -> {
                final double[] g = RecurrentNetwork.gaussian(new SplittableRandom(s), x.length, noiseSd);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) g[i];
                }
                return x;
            }
            default -> {
                return org.spikering.app.train.TrainingAnalysis.taskInput(p.source(), total, s);
            }
        }
    }

    /** JSON has no infinities: −∞ (a direction mapped to 0) is written as null. */
    private static List<Object> finiteOrNull(final double[] v) {
        final List<Object> l = new ArrayList<>();
        for (double x : v) {
            l.add(Double.isFinite(x) ? x : null);
        }
        return l;
    }

    private static String format(final double[] v) {
        final StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", v[i]));
        }
        return b.append(']').toString();
    }

    private void write(final ResultFolder folder, final TrainedModel m, final TaskPreset p, final RecurrentNetwork net,
            final long s, final LyapunovSpectrum.Result r, final PerturbationDistance.Result d, final double seconds) {
        final int k = r.exponents().length;
        final int rows = r.traceSteps().length;
        final String[] header = new String[k + 1];
        header[0] = "step";
        final double[][] cols = new double[k + 1][rows];
        final Plots.Series[] series = new Plots.Series[Math.min(k, 10)];
        for (int i = 0; i < rows; i++) {
            cols[0][i] = r.traceSteps()[i];
        }
        for (int e = 0; e < k; e++) {
            header[e + 1] = "lambda_" + (e + 1) + "_per_step";
            for (int i = 0; i < rows; i++) {
                cols[e + 1][i] = r.trace()[i][e];
            }
            if (e < series.length) {
                series[e] = new Plots.Series("lambda_" + (e + 1), cols[0], cols[e + 1]);
            }
        }
        Csv.writeColumns(folder.file("lyapunov.csv"), header, cols);
        Plots.savePng(Plots.lineChart(p.name() + " — running Lyapunov exponent estimates" + (k > 10 ? " (first 10)" : ""),
                "step", "exponent per step", series), folder.file("lyapunov.png"));
        final double dt = net.params().dtMs();
        final Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("task", p.name());
        o.put("network_state", initial ? "initial (the run's starting network)" : "trained");
        o.put("iterations_trained", initial ? 0 : m.completed());
        o.put("network", net.isRate() ? "rate" : "spiking");
        o.put("kind", net.isRate() ? "exponents of the step Jacobians" : "surrogate-Jacobian exponents (spike"
                + " differentiated with the training's pseudo-derivative; reset " + reset + ")");
        o.put("state_dimension", NetworkLyapunov.stateDimension(net));
        o.put("input", input);
        if ("noise".equals(input)) {
            o.put("noise_sd", noiseSd);
        }
        o.put("seed", s);
        o.put("warmup_steps", warmup);
        o.put("steps", r.counted());
        o.put("dt_ms", dt);
        o.put("exponents_per_step", finiteOrNull(r.exponents()));
        final double[] perMs = new double[k];
        for (int e = 0; e < k; e++) {
            perMs[e] = r.exponents()[e] / dt;
        }
        o.put("exponents_per_ms", finiteOrNull(perMs));
        if (!Double.isFinite(r.exponents()[k - 1])) {
            o.put("exponents_note", "null = -infinity: the step Jacobians map that direction to 0 (e.g. silent ReLU units"
                    + " with tau = dt)");
        }
        o.put("max_exponent_per_step", finiteOrNull(new double[] {r.exponents()[0]}).get(0));
        o.put("kaplan_yorke_dimension", r.kaplanYorke());
        o.put("kaplan_yorke_note", r.kaplanYorke() >= k ? "every partial sum of the k exponents is >= 0: a lower bound;"
                + " raise --exponents" : "j + sum_{i<=j} lambda_i / |lambda_{j+1}|");
        o.put("wall_s", seconds);
        if (d != null) {
            final Map<String, Object> dist = new LinkedHashMap<>();
            dist.put("method", "one extra input spike (+1 on one input at one step), liquid states z filtered with tau "
                    + tauMs + " ms, mean Euclidean distance over trials (Maass et al. 2002)");
            dist.put("lambda_definition", "ln(d(L) / d(s1)) / ((L - s1) dt), s1 the first lag with d > 0; the filter"
                    + " rises over the first tau and bounds the decay it can show at -1/tau");
            dist.put("trials", d.trials());
            dist.put("lags", d.meanDistance().length - 1);
            dist.put("died", d.died());
            dist.put("first_lag_with_distance", d.firstLag());
            dist.put("lambda_per_ms", Double.isNaN(d.lambdaPerMs()) ? null : d.lambdaPerMs());
            if (Double.isNaN(d.lambdaPerMs())) {
                dist.put("lambda_note", "no estimate: the perturbation changed nothing, or only at the last lag");
            }
            o.put("perturbation_distance", dist);
            final int n = d.meanDistance().length;
            final double[] lag = new double[n];
            for (int i = 0; i < n; i++) {
                lag[i] = i;
            }
            Csv.writeColumns(folder.file("distance.csv"), new String[] {"lag", "mean_distance"}, lag, d.meanDistance());
        }
        Json.write(folder.file("lyapunov.json"), o);
    }
}
