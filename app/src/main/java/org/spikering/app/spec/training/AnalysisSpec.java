package org.spikering.app.spec.training;

/**
 * {@code training.analysis}: measurements of the network during training (issue 15; TASKS.md §6), every {@code every}
 * updates, before the first and after the last, written to {@code analysis.csv} / {@code analysis.png} by
 * {@link org.spikering.app.train.TrainingAnalysis}.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>every</td><td>updates</td><td>interval, ≥ 1</td></tr>
 * <tr><td>alignment</td><td>—</td><td>cosine and step length α of the rule's gradient against BPTT's on the batch of
 *     the next update, per matrix and over all</td></tr>
 * <tr><td>generalisation</td><td>—</td><td>loss (and accuracy) on training sequences, the held-out test and the
 *     out-of-distribution test, and the gaps</td></tr>
 * <tr><td>lyapunov</td><td></td><td>{@link Lyapunov}, or absent (none)</td></tr>
 * <tr><td>curvature</td><td></td><td>{@link Curvature}, or absent (none)</td></tr>
 * </table>
 *
 * @param every          interval.
 * @param alignment      gradient alignment on.
 * @param generalisation generalisation gap on.
 * @param lyapunov       the Lyapunov spectrum, or null.
 * @param curvature      the leading Hessian eigenvalue, or null.
 */
public record AnalysisSpec(int every, boolean alignment, boolean generalisation, Lyapunov lyapunov, Curvature curvature) {

    /**
     * {@code training.analysis.lyapunov}: the top exponents along the task's input (its sequences one after another).
     *
     * @param exponents k, ≥ 1 and at most the state dimension.
     * @param steps     steps averaged, ≥ 1.
     * @param warmup    steps before averaging, ≥ 0.
     */
    public record Lyapunov(int exponents, int steps, int warmup) {
    }

    /**
     * {@code training.analysis.curvature}: the eigenvalue of largest modulus of the Hessian of the batch loss with
     * respect to W_rec (surrogate Hessian for LIF/ALIF), by power iteration on central-difference HVPs of BPTT.
     *
     * @param iterations power iterations, ≥ 1 (2 BPTT gradients each).
     * @param top        k: with k ≥ 2 also the top-k eigenvalues and Ritz vectors by Lanczos (max(k, iterations) steps).
     */
    public record Curvature(int iterations, int top) {
    }

    /** @return true if anything is measured. */
    public boolean any() {
        return alignment || generalisation || lyapunov != null || curvature != null;
    }
}
