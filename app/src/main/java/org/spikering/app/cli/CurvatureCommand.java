package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainedModel;
import org.spikering.plasticity.analysis.CurvatureAnalysis;
import org.spikering.plasticity.analysis.HessianVectorProduct;
import org.spikering.plasticity.analysis.NetworkGradientOracle;
import org.spikering.plasticity.analysis.PowerIteration;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering analyze curvature MODEL}: the leading Hessian eigenvalues of a saved model's batch loss with
 * respect to chosen weight matrices (issue 15 item 1; TASKS.md §6.4), by {@link CurvatureAnalysis}: Hessian–vector
 * products by central differences of exact BPTT gradients ({@link NetworkGradientOracle#bptt}), power iteration for
 * the eigenvalue of largest modulus, Lanczos (full reorthogonalisation) for the top k, the symmetry check. The batch
 * is fixed: {@code --batch} sequences of the model's task drawn with {@code --seed} (default: the model's seed; a
 * frozen-pattern task, e.g. pattern-liu, gives its training pattern whatever the seed and batch size, so its default
 * batch is 1), simulated in double precision
 * (no hardware state rounding). For a spiking (LIF/ALIF) model it is the surrogate Hessian, the Jacobian of the
 * surrogate-gradient field, not symmetric in general: {@code kind} says so and the asymmetry is reported.
 *
 * <p>Writes into {@code --out} (replaced as a whole, {@link ResultFolder}): {@code curvature.json} (everything),
 * {@code curvature.csv} (the power-iteration trace: iteration, Rayleigh quotient λ_i, |λ_i − λ_{i−1}|, residual
 * ‖Hv − λv‖) and {@code curvature.png} (that trace); prints one line.
 */
@Command(name = "curvature", mixinStandardHelpOptions = true,
        description = {"Leading Hessian eigenvalues of a saved model's batch loss w.r.t. chosen weight matrices:",
            "Hessian-vector products by central differences of exact BPTT gradients, power iteration and Lanczos (top k),",
            "the symmetry check v'Hw vs w'Hv. For a spiking model: the surrogate Hessian (not symmetric in general).",
            "Writes curvature.json, curvature.csv (power-iteration trace) and curvature.png; prints one line."})
final class CurvatureCommand implements Callable<Integer> {

    /** Largest --top. */
    static final int MAX_TOP = 100;
    /** Largest --iterations. */
    static final int MAX_ITERATIONS = 10_000;
    /** Largest --batch. */
    static final int MAX_BATCH = 100_000;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by train")
    Path model;

    @Option(names = "--matrices", split = ",", defaultValue = "recurrent", description = "weight matrices the Hessian is"
            + " taken with respect to, any of input, recurrent, output (W_rec without its diagonal). Default: ${DEFAULT-VALUE}")
    List<String> matrices;

    @Option(names = "--top", defaultValue = "1", description = "eigenvalues from Lanczos, in [1, " + MAX_TOP + "] (and at"
            + " most the number of parameters). Default: ${DEFAULT-VALUE}")
    int top;

    @Option(names = "--iterations", defaultValue = "50", description = "power iterations at most, and Lanczos steps, in [1, "
            + MAX_ITERATIONS + "]; each costs two gradient evaluations. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "power iteration stops when |change of the"
            + " eigenvalue| < tolerance x |eigenvalue|, in [0, 0.5]; 0 runs all --iterations. Default: ${DEFAULT-VALUE}")
    double tolerance;

    @Option(names = "--epsilon", description = "step of the central differences, in (0, 1] (default: cbrt(2^-52) x"
            + " max(1, |theta|), about 6e-6 x the norm of the weights)")
    Double epsilon;

    @Option(names = "--batch", description = "sequences of the fixed batch, in [1, " + MAX_BATCH + "] (default: "
            + DEFAULT_BATCH + "; 1 for a frozen-pattern task such as pattern-liu, whose sequences are all the same)")
    Integer batch;

    /** --batch of a task with different sequences. */
    static final int DEFAULT_BATCH = 32;

    @Option(names = "--seed", description = "seed of the batch and of the random start vectors (default: the model's seed)")
    Long seed;

    @Option(names = "--out", description = "output folder, replaced as a whole (default: spikering-out/curvature-<task>)")
    Path out;

    @Override
    public Integer call() {
        final EnumSet<WeightMatrixId> ids = matrixIds(matrices);
        Check.range("--top", top, 1, MAX_TOP);
        Check.range("--iterations", iterations, 1, MAX_ITERATIONS);
        Check.range("--tolerance", tolerance, 0.0, 0.5);
        if (epsilon != null) {
            Check.rangeOpenLow("--epsilon", epsilon, 0.0, 1.0);
        }
        if (batch != null) {
            Check.range("--batch", batch, 1, MAX_BATCH);
        }
        Check.inputFile("MODEL", model, "model.json written by train");
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        final TrainedModel m = TrainedModel.read("MODEL", model);
        m.requireBatchRuleNetwork("MODEL", model, "analyze curvature");
        final TaskPreset p = m.preset();
        final RecurrentNetwork net = m.network();
        m.checkFits("MODEL", model, p.name(), p.network());
        final int batch = this.batch != null ? this.batch
                : p.source() instanceof org.spikering.app.task.FrozenPatternTask ? 1 : DEFAULT_BATCH;
        // the batch holds inputs and targets of every step of every sequence (8 bytes each at most), the BPTT
        // trajectory as much again per sequence
        MemoryBudget.require("--batch = " + batch, 8.0 * batch * p.source().steps()
                * (net.inputs() + net.outputs() + 1) * 2.0);
        final long s = seed != null ? seed : m.seed();
        final SequenceBatch b = p.source().batch(batch, s);
        final NetworkGradientOracle oracle = NetworkGradientOracle.bptt(net, b, ids);
        if (top > oracle.dimension()) {
            throw new IllegalArgumentException("--top = " + top + ": must be at most the " + oracle.dimension()
                    + " parameters of --matrices = " + String.join(",", matrices));
        }
        final Path dir = out != null ? out : Path.of("spikering-out", "curvature-" + p.name());
        try (ResultFolder folder = ResultFolder.open("--out", dir)) {
            final double[] theta = oracle.parameters();
            final CurvatureAnalysis.Report r = CurvatureAnalysis.run(oracle, theta, new CurvatureAnalysis.Options(top,
                    iterations, tolerance, epsilon != null ? epsilon : Double.NaN, s));
            final String kind = oracle.surrogate() ? "surrogate hessian" : "hessian";
            write(folder, m, p, oracle, b, s, kind, r);
            folder.commit("analyze curvature", "curvature.json", "curvature.csv", "curvature.png");
            final PowerIteration.Result pi = r.power();
            System.out.printf(Locale.ROOT, "curvature  %s of %s (%d parameters), batch %d: largest |eigenvalue| %.6g "
                    + "(power iteration, %d iterations, %s), top %d (Lanczos) %s, asymmetry %.3g, %.2f s; wrote "
                    + "%s/{curvature.json, curvature.csv, curvature.png}%n", kind, String.join(",", names(ids)),
                    r.dimension(), batch, pi.eigenvalue(), pi.iterations(), pi.converged() ? "converged"
                    : "not converged", r.lanczos().values().length, format(r.lanczos().values()),
                    r.symmetry().asymmetry(), r.seconds(), folder.target());
            return 0;
        }
    }

    private static EnumSet<WeightMatrixId> matrixIds(final List<String> names) {
        final List<WeightMatrixId> ids = new ArrayList<>();
        for (String n : names) {
            ids.add(WeightMatrixId.valueOf(Check.choice("--matrices", n, "input", "recurrent", "output")
                    .toUpperCase(Locale.ROOT)));
        }
        Check.distinct("--matrices", names);
        return EnumSet.copyOf(ids);
    }

    private static List<String> names(final EnumSet<WeightMatrixId> ids) {
        final List<String> n = new ArrayList<>();
        for (WeightMatrixId id : ids) {
            n.add(id.name().toLowerCase(Locale.ROOT));
        }
        return n;
    }

    private static String format(final double[] v) {
        final StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", v[i]));
        }
        return b.append(']').toString();
    }

    private void write(final ResultFolder folder, final TrainedModel m, final TaskPreset p,
            final NetworkGradientOracle oracle, final SequenceBatch b, final long s, final String kind,
            final CurvatureAnalysis.Report r) {
        final PowerIteration.Result pi = r.power();
        final int n = pi.iterations();
        final double[] it = new double[n];
        final double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            it[i] = i + 1;
            delta[i] = i == 0 ? Double.NaN : Math.abs(pi.lambda()[i] - pi.lambda()[i - 1]);
        }
        Csv.writeColumns(folder.file("curvature.csv"), new String[] {"iteration", "eigenvalue", "abs_change", "residual"},
                it, pi.lambda(), delta, pi.residual());
        Plots.savePng(Plots.lineChart(p.name() + " — power iteration on the " + kind, "iteration",
                "eigenvalue estimate / residual", new Plots.Series("Rayleigh quotient v'Hv", it, pi.lambda()),
                new Plots.Series("residual |Hv - (v'Hv) v|", it, pi.residual())), folder.file("curvature.png"));
        final Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("task", p.name());
        o.put("iterations_trained", m.completed());
        o.put("kind", kind);
        o.put("network", oracle.surrogate() ? "spiking" : "rate");
        if (oracle.surrogate()) {
            o.put("note", "spiking network: central differences of BPTT's surrogate gradient, the Jacobian of the "
                    + "surrogate-gradient field (not the gradient of any function; symmetric only approximately, see "
                    + "symmetry); it depends on epsilon where spikes appear or vanish");
        }
        o.put("matrices", names(EnumSet.copyOf(java.util.Arrays.asList(oracle.matrices()))));
        o.put("parameters", r.dimension());
        o.put("batch", b.batchSize());
        o.put("batch_seed", s);
        o.put("epsilon", r.epsilon());
        o.put("epsilon_rule", epsilon != null ? "--epsilon" : "cbrt(2^-52) * max(1, |theta|): balances the O(eps^2) "
                + "truncation and O(u/eps) rounding errors of the central difference");
        o.put("loss", Json.finite("loss", r.loss()));
        o.put("gradient_norm", r.gradientNorm());
        o.put("eigenvalues", r.lanczos().values());
        final Map<String, Object> power = new LinkedHashMap<>();
        power.put("eigenvalue", pi.eigenvalue());
        power.put("meaning", "the eigenvalue of largest modulus");
        power.put("iterations", n);
        power.put("converged", pi.converged());
        power.put("tolerance", tolerance);
        power.put("final_residual", pi.residual()[n - 1]);
        power.put("final_abs_change", n > 1 ? delta[n - 1] : null);
        o.put("power_iteration", power);
        final Map<String, Object> lanczos = new LinkedHashMap<>();
        lanczos.put("top", top);
        lanczos.put("steps", r.lanczos().steps());
        lanczos.put("eigenvalues", r.lanczos().values());
        lanczos.put("residual_bounds", r.lanczos().residualBounds());
        if (r.lanczos().values().length >= 2 && r.lanczos().values()[0] != 0.0) {
            lanczos.put("lambda2_over_lambda1", Math.abs(r.lanczos().values()[1] / r.lanczos().values()[0]));
        }
        o.put("lanczos", lanczos);
        final Map<String, Object> sym = new LinkedHashMap<>();
        sym.put("vHw", r.symmetry().vAw());
        sym.put("wHv", r.symmetry().wAv());
        sym.put("relative_asymmetry", r.symmetry().asymmetry());
        o.put("symmetry", sym);
        o.put("gradient_calls", r.gradientCalls());
        o.put("default_epsilon", HessianVectorProduct.defaultStep(oracle.parameters()));
        o.put("wall_s", r.seconds());
        Json.write(folder.file("curvature.json"), o);
    }
}
