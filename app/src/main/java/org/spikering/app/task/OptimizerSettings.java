package org.spikering.app.task;

import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.LearningRateSchedule;
import org.spikering.plasticity.optim.Optimizer;
import org.spikering.plasticity.optim.Sgd;

/**
 * The optimizer of a training run without its base learning rate: Adam (β1, β2, ε) or plain gradient descent, and the
 * shape of the learning-rate schedule ({@link LearningRateSchedule}: η_t from the base rate η).
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>adam</td><td>—</td><td>Adam (true) or SGD (false)</td></tr>
 * <tr><td>beta1, beta2</td><td>—</td><td>Adam's moment decays, in [0, 1) (ignored by SGD)</td></tr>
 * <tr><td>epsilon</td><td>weight units per update</td><td>Adam's ε, &gt; 0 (ignored by SGD)</td></tr>
 * <tr><td>schedule</td><td>—</td><td>constant, step or exponential</td></tr>
 * <tr><td>factor</td><td>—</td><td>γ of the step and exponential schedules, in (0, 1]</td></tr>
 * <tr><td>every</td><td>updates</td><td>N of the step schedule, &ge; 1</td></tr>
 * </table>
 *
 * @param adam     Adam (true) or SGD (false).
 * @param beta1    Adam's β1.
 * @param beta2    Adam's β2.
 * @param epsilon  Adam's ε.
 * @param schedule the schedule's form.
 * @param factor   γ.
 * @param every    N.
 */
public record OptimizerSettings(boolean adam, double beta1, double beta2, double epsilon,
                                LearningRateSchedule.Kind schedule, double factor, int every) {

    /** @return Adam with NEST's defaults β1 0.9, β2 0.999, ε 1e-7 and a constant rate. */
    public static OptimizerSettings adamDefaults() {
        return new OptimizerSettings(true, 0.9, 0.999, 1e-7, LearningRateSchedule.Kind.CONSTANT, 1.0, 1);
    }

    /** @return SGD with a constant rate. */
    public static OptimizerSettings sgdConstant() {
        return new OptimizerSettings(false, 0.9, 0.999, 1e-7, LearningRateSchedule.Kind.CONSTANT, 1.0, 1);
    }

    /**
     * @param eta base learning rate η (of update 0), finite and &gt; 0.
     * @return a fresh optimizer.
     */
    public Optimizer create(final double eta) {
        final LearningRateSchedule s = new LearningRateSchedule(schedule, eta, factor, every);
        return adam ? new Adam(s, beta1, beta2, epsilon) : new Sgd(s);
    }
}
