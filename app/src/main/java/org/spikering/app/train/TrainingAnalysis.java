package org.spikering.app.train;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.spikering.app.spec.training.AnalysisSpec;
import org.spikering.plasticity.analysis.HessianVectorProduct;
import org.spikering.plasticity.analysis.Lanczos;
import org.spikering.plasticity.analysis.LyapunovSpectrum;
import org.spikering.plasticity.analysis.NetworkGradientOracle;
import org.spikering.plasticity.analysis.NetworkLyapunov;
import org.spikering.plasticity.analysis.PowerIteration;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Evaluation;
import org.spikering.plasticity.train.Evaluator;
import org.spikering.plasticity.train.GradientComparison;

/**
 * One row of {@code analysis.csv} ({@code training.analysis}, {@link AnalysisSpec}): what the seed papers measure
 * along training (issue 15 items 1–4; TASKS.md §6.1, §6.4, §6.5), at a point after {@code iteration} updates. Columns,
 * in this order, for the parts switched on:
 * <table>
 * <caption>Columns</caption>
 * <tr><th>part</th><th>columns</th><th>meaning</th></tr>
 * <tr><td></td><td>iteration</td><td>updates done</td></tr>
 * <tr><td>alignment</td><td>cos_M, alpha_M for M = input, recurrent, output, all</td><td>cos = g·ĝ/(‖g‖‖ĝ‖),
 *     α = g·ĝ/‖ĝ‖² of the rule's gradient g against BPTT's ĝ on the batch of the next update (Liu et al. 2022's
 *     Theorem 1 step length), double precision; W_rec without its diagonal</td></tr>
 * <tr><td>generalisation</td><td>train_loss, test_loss, [ood_loss], gap_test, [gap_ood], and for classification
 *     train_accuracy, test_accuracy, [ood_accuracy]</td><td>loss per sequence on training sequences, the held-out
 *     test and the out-of-distribution test; gap = test − train</td></tr>
 * <tr><td>lyapunov</td><td>lambda_1 … lambda_k, kaplan_yorke</td><td>{@link NetworkLyapunov} along a fixed input,
 *     per step</td></tr>
 * <tr><td>curvature</td><td>hessian_top, [error_top_cos], with top k ≥ 2 hessian_eig_1 … k, [error_eig_cos_1 … k]</td>
 *     <td>the eigenvalue of largest modulus of the (surrogate) Hessian w.r.t. W_rec on the batch of the next update
 *     (power iteration); with alignment |cos(g_rec − ĝ_rec, v₁)|, v₁ its eigenvector (Liu et al. 2022: the rule's
 *     error along the sharpest direction); with top k the k largest eigenvalues by Lanczos and the error's |cos| with
 *     each Ritz vector (orthonormal, so their squares sum to at most 1)</td></tr>
 * </table>
 */
public final class TrainingAnalysis {
    private final AnalysisSpec spec;
    private final Supplier<GradientComputer> ruleComputer;
    private final boolean classification;
    private final boolean hasOod;
    private final float[] lyapunovInput;
    private final long seed;

    /**
     * @param spec           what to measure.
     * @param ruleComputer   a fresh gradient computer of the rule being trained (no hooks or listeners: the training's
     *                       counters and rounding streams are not touched).
     * @param classification true for a classification task (accuracy columns).
     * @param hasOod         true if an out-of-distribution test batch is given to {@link #row}.
     * @param lyapunovInput  the input of the Lyapunov trajectory (T × inputs), or null without lyapunov.
     * @param seed           seed of the tangent and power-iteration start vectors.
     */
    public TrainingAnalysis(final AnalysisSpec spec, final Supplier<GradientComputer> ruleComputer,
            final boolean classification, final boolean hasOod, final float[] lyapunovInput, final long seed) {
        this.spec = spec;
        this.ruleComputer = ruleComputer;
        this.classification = classification;
        this.hasOod = hasOod;
        this.lyapunovInput = lyapunovInput;
        this.seed = seed;
    }

    /** @return the interval in updates. */
    public int every() {
        return spec.every();
    }

    /** @return the column names. */
    public String[] header() {
        final List<String> h = new ArrayList<>();
        h.add("iteration");
        if (spec.alignment()) {
            for (String m : MATRICES) {
                h.add("cos_" + m);
            }
            for (String m : MATRICES) {
                h.add("alpha_" + m);
            }
        }
        if (spec.generalisation()) {
            h.add("train_loss");
            h.add("test_loss");
            if (hasOod) {
                h.add("ood_loss");
            }
            h.add("gap_test");
            if (hasOod) {
                h.add("gap_ood");
            }
            if (classification) {
                h.add("train_accuracy");
                h.add("test_accuracy");
                if (hasOod) {
                    h.add("ood_accuracy");
                }
            }
        }
        if (spec.lyapunov() != null) {
            for (int i = 1; i <= spec.lyapunov().exponents(); i++) {
                h.add("lambda_" + i);
            }
            h.add("kaplan_yorke");
        }
        if (spec.curvature() != null) {
            h.add("hessian_top");
            if (spec.alignment()) {
                h.add("error_top_cos");
            }
            final int k = spec.curvature().top();
            if (k >= 2) {
                for (int i = 1; i <= k; i++) {
                    h.add("hessian_eig_" + i);
                }
                if (spec.alignment()) {
                    for (int i = 1; i <= k; i++) {
                        h.add("error_eig_cos_" + i);
                    }
                }
            }
        }
        return h.toArray(String[]::new);
    }

    private static final String[] MATRICES = {"input", "recurrent", "output", "all"};

    /**
     * @param iteration updates done.
     * @param net       the network now (not changed).
     * @param next      the batch of the next update (or of the last, at the end).
     * @param train     training sequences.
     * @param test      the held-out test.
     * @param ood       the out-of-distribution test, or null.
     * @param testHook  a fresh state hook of one test evaluation (the run's test quantiser, or NONE).
     * @return the row, as {@link #header}.
     */
    public double[] row(final int iteration, final RecurrentNetwork net, final SequenceBatch next,
            final SequenceBatch train, final SequenceBatch test, final SequenceBatch ood,
            final Supplier<StateUpdateHook> testHook) {
        final List<Double> r = new ArrayList<>();
        r.add((double) iteration);
        double[] error = null;
        if (spec.alignment()) {
            final EnumSet<WeightMatrixId> all = EnumSet.allOf(WeightMatrixId.class);
            final NetworkGradientOracle rule = new NetworkGradientOracle(net, ruleComputer.get(), next, all);
            final NetworkGradientOracle bptt = NetworkGradientOracle.bptt(net, next, all);
            final double[] theta = rule.parameters();
            final double[] g = new double[theta.length];
            final double[] gb = new double[theta.length];
            rule.gradient(theta, g);
            bptt.gradient(theta, gb);
            final int nIn = net.recurrent() * net.inputs();
            final int nRec = net.recurrent() * (net.recurrent() - 1);
            final int[][] ranges = {{0, nIn}, {nIn, nIn + nRec}, {nIn + nRec, theta.length}, {0, theta.length}};
            final double[] cos = new double[4];
            final double[] alpha = new double[4];
            for (int m = 0; m < 4; m++) {
                final double[] a = java.util.Arrays.copyOfRange(g, ranges[m][0], ranges[m][1]);
                final double[] b = java.util.Arrays.copyOfRange(gb, ranges[m][0], ranges[m][1]);
                cos[m] = GradientComparison.cosine(a, b);
                alpha[m] = GradientComparison.stepLength(a, b);
            }
            for (double c : cos) {
                r.add(c);
            }
            for (double a : alpha) {
                r.add(a);
            }
            error = new double[nRec];
            for (int i = 0; i < nRec; i++) {
                error[i] = g[nIn + i] - gb[nIn + i];
            }
        }
        if (spec.generalisation()) {
            final Evaluation tr = Evaluator.evaluate(net, train, testHook.get());
            final Evaluation te = Evaluator.evaluate(net, test, testHook.get());
            final Evaluation od = hasOod ? Evaluator.evaluate(net, ood, testHook.get()) : null;
            r.add(tr.loss());
            r.add(te.loss());
            if (hasOod) {
                r.add(od.loss());
            }
            r.add(te.loss() - tr.loss());
            if (hasOod) {
                r.add(od.loss() - tr.loss());
            }
            if (classification) {
                r.add(tr.accuracy());
                r.add(te.accuracy());
                if (hasOod) {
                    r.add(od.accuracy());
                }
            }
        }
        if (spec.lyapunov() != null) {
            final AnalysisSpec.Lyapunov l = spec.lyapunov();
            final LyapunovSpectrum.Result s = NetworkLyapunov.compute(net, lyapunovInput, l.exponents(), l.warmup(), seed,
                    l.steps(), false);
            for (double x : s.exponents()) {
                r.add(x);
            }
            r.add(s.kaplanYorke());
        }
        if (spec.curvature() != null) {
            final NetworkGradientOracle o = NetworkGradientOracle.bptt(net, next, EnumSet.of(WeightMatrixId.RECURRENT));
            final double[] theta = o.parameters();
            final HessianVectorProduct hvp = new HessianVectorProduct(o, theta, HessianVectorProduct.defaultStep(theta));
            final PowerIteration.Result p = PowerIteration.run(hvp, spec.curvature().iterations(), 0.0, seed);
            r.add(p.eigenvalue());
            if (error != null) {
                r.add(Math.abs(GradientComparison.cosine(error, p.vector())));
            }
            final int k = spec.curvature().top();
            if (k >= 2) {
                final Lanczos.Result lz = Lanczos.top(hvp, k, Math.min(theta.length,
                        Math.max(k, spec.curvature().iterations())), seed);
                for (int i = 0; i < k; i++) {
                    r.add(i < lz.values().length ? lz.values()[i] : Double.NaN);
                }
                if (error != null) {
                    for (int i = 0; i < k; i++) {
                        r.add(i < lz.vectors().length ? Math.abs(GradientComparison.cosine(error, lz.vectors()[i]))
                                : Double.NaN);
                    }
                }
            }
        }
        final double[] out = new double[r.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.get(i);
        }
        return out;
    }

    /**
     * @param source the task.
     * @param steps  steps needed.
     * @param seed   seed of the task's sequences.
     * @return the first {@code steps} steps of the task's sequences (drawn with {@code seed}) one after another: the
     *         input of a long trajectory with the state carried across sequences (Lyapunov spectra, flossing).
     */
    public static float[] taskInput(final org.spikering.plasticity.data.SequenceSource source, final int steps,
            final long seed) {
        final int per = source.steps();
        final SequenceBatch b = source.batch((steps + per - 1) / per, seed);
        final float[] x = new float[steps * source.inputs()];
        System.arraycopy(b.inputSpikes(), 0, x, 0, x.length);
        return x;
    }
}
