package org.spikering.app.spec.training;

import java.util.Locale;
import org.spikering.app.spec.Problems;
import org.spikering.app.task.OptimizerSettings;
import org.spikering.plasticity.optim.LearningRateSchedule;

/**
 * {@code training.optimizer}: Adam (TensorFlow's form, as NEST) or SGD, with a learning-rate schedule.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>kind</td><td>—</td><td>adam or sgd</td></tr>
 * <tr><td>lr</td><td>—</td><td>η of the first update, in (0, 1]</td></tr>
 * <tr><td>beta1, beta2</td><td>—</td><td>adam: moment decays in [0, 1)</td></tr>
 * <tr><td>epsilon</td><td>weight units</td><td>adam: ε &gt; 0</td></tr>
 * <tr><td>schedule</td><td></td><td>{@link ScheduleSpec}</td></tr>
 * </table>
 *
 * @param kind     adam or sgd.
 * @param lr       η.
 * @param beta1    β1 (adam), or null.
 * @param beta2    β2 (adam), or null.
 * @param epsilon  ε (adam), or null.
 * @param schedule the schedule.
 */
public record OptimizerSpec(String kind, double lr, Double beta1, Double beta2, Double epsilon, ScheduleSpec schedule) {

    /**
     * @param problems where problems go.
     * @param path     this object's path.
     */
    public void check(final Problems problems, final String path) {
        if (!"adam".equals(kind)) {
            for (Object[] f : new Object[][] {{"beta1", beta1}, {"beta2", beta2}, {"epsilon", epsilon}}) {
                if (f[1] != null) {
                    problems.add(path + "." + f[0], f[1], "only with kind adam (kind is " + kind + ")");
                }
            }
        }
        if ("constant".equals(schedule.kind())) {
            for (Object[] f : new Object[][] {{"factor", schedule.factor()}, {"every", schedule.every()}}) {
                if (f[1] != null) {
                    problems.add(path + ".schedule." + f[0], f[1], "not used by schedule kind constant (step: factor and"
                            + " every; exponential: factor)");
                }
            }
        } else if ("exponential".equals(schedule.kind()) && schedule.every() != null) {
            problems.add(path + ".schedule.every", schedule.every(), "not used by schedule kind exponential (only factor)");
        }
    }

    /** @return the optimizer settings without the base rate. */
    public OptimizerSettings settings() {
        final LearningRateSchedule.Kind k = LearningRateSchedule.Kind.valueOf(schedule.kind().toUpperCase(Locale.ROOT));
        final double factor = schedule.factor() != null ? schedule.factor() : 1.0;
        final int every = schedule.every() != null ? schedule.every() : 1;
        return "adam".equals(kind) ? new OptimizerSettings(true, beta1, beta2, epsilon, k, factor, every)
                : new OptimizerSettings(false, 0.9, 0.999, 1e-7, k, factor, every);
    }
}
