package org.spikering.app.spec.training;

/**
 * {@code training.optimizer.schedule}: the learning rate η_t of update t = 0, 1, … from the base rate η
 * ({@code org.spikering.plasticity.optim.LearningRateSchedule}).
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>kind</td><td>—</td><td>constant η_t = η; step η_t = η γ^⌊t/N⌋; exponential η_t = η γ^t</td></tr>
 * <tr><td>factor</td><td>—</td><td>γ in (0, 1] (step, exponential)</td></tr>
 * <tr><td>every</td><td>updates</td><td>N (step)</td></tr>
 * </table>
 *
 * @param kind   constant, step or exponential.
 * @param factor γ, or null.
 * @param every  N, or null.
 */
public record ScheduleSpec(String kind, Double factor, Integer every) {
}
