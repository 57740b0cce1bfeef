package org.spikering.plasticity.optim;

import java.util.Map;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Plain gradient descent W ← W − η_t g (NEST {@code gradient_descent}), t = 0, 1, … the update, η_t from a
 * {@link LearningRateSchedule}. With a constant rate it has no state; with another schedule its state is the next
 * update's index ({@code step}, counted from 1 as {@link Adam}'s).
 */
public final class Sgd implements Optimizer {
    private final LearningRateSchedule schedule;
    private int step = 1;
    private int savedStep = 1;

    /** @param eta learning rate η, finite and &gt; 0 */
    public Sgd(double eta) {
        this(LearningRateSchedule.constant(eta));
    }

    /** @param schedule the learning rate of each update. */
    public Sgd(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule: must not be null");
        }
        this.schedule = schedule;
    }

    @Override
    public void apply(WeightMatrixId id, double[] w, double[] grad) {
        final double eta = schedule.rate(step - 1);
        for (int n = 0; n < w.length; n++) {
            w[n] -= eta * grad[n];
        }
    }

    @Override
    public void endUpdate() {
        step++;
    }

    /** Empty with a constant rate; else {@code step}: the next update's t (counted from 1). */
    @Override
    public Map<String, double[]> exportState() {
        return schedule.isConstant() ? Map.of() : Map.of("step", new double[] {step});
    }

    @Override
    public void importState(Map<String, double[]> state) {
        if (schedule.isConstant()) {
            Optimizer.super.importState(state);
            return;
        }
        final double[] t = state.get("step");
        if (state.size() != 1 || t == null || t.length != 1 || !(t[0] >= 1) || t[0] != Math.rint(t[0])
                || t[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SGD state " + state.keySet() + ": must be one integer 'step' >= 1");
        }
        step = (int) t[0];
    }

    @Override
    public void mark() {
        savedStep = step;
    }

    @Override
    public void rollback() {
        step = savedStep;
    }
}
