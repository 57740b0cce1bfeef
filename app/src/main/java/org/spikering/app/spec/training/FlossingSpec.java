package org.spikering.app.spec.training;

/**
 * {@code training.flossing}: gradient flossing as pre-training (Engelken 2023; Liu et al. 2024), before the first
 * update: {@code epochs} Adam steps on W_rec that drive the top {@code exponents} Lyapunov exponents towards 0, with
 * the local truncated gradient of {@link org.spikering.plasticity.analysis.Flossing} or the exact one of
 * {@link org.spikering.plasticity.analysis.ExactFlossing} (rate networks), each epoch along fresh task input ({@code warmup} + {@code steps} + 1 steps of its sequences one after another).
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>epochs</td><td>steps</td><td>Adam steps, ≥ 1</td></tr>
 * <tr><td>exponents</td><td>—</td><td>k, at most the state dimension</td></tr>
 * <tr><td>steps</td><td>steps</td><td>steps averaged per epoch</td></tr>
 * <tr><td>warmup</td><td>steps</td><td>steps before averaging</td></tr>
 * <tr><td>lr</td><td>—</td><td>Adam's learning rate</td></tr>
 * <tr><td>gradient</td><td>—</td><td>local (default) or exact (rate networks only)</td></tr>
 * </table>
 *
 * @param epochs    Adam steps.
 * @param exponents k.
 * @param steps     steps averaged.
 * @param warmup    steps before averaging.
 * @param lr        learning rate.
 * @param gradient  local or exact (the schema has checked the name).
 */
public record FlossingSpec(int epochs, int exponents, int steps, int warmup, double lr, String gradient) {

    /** @return {@link #gradient} as the enum (local when absent). */
    public org.spikering.plasticity.analysis.Flossing.Gradient gradientKind() {
        return gradient == null ? org.spikering.plasticity.analysis.Flossing.Gradient.LOCAL
                : org.spikering.plasticity.analysis.Flossing.Gradient.valueOf(gradient.toUpperCase(java.util.Locale.ROOT));
    }
}
