package org.spikering.plasticity.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Learning-rate schedules in the optimizers, against the closed forms written out by hand: step η γ^⌊t/N⌋ and
 * exponential η γ^t (values below computed on paper for η = 0.1, γ = 0.5), and Adam's update with a schedule against
 * its closed form for a constant gradient.
 */
class LearningRateScheduleTest {

    /** Applies {@code n} updates of gradient 1 to one weight, each from 0, and returns each update's step size. */
    private static double[] steps(final Optimizer o, final int n) {
        final double[] w = {0.0};
        final double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            w[0] = 0.0;
            o.apply(WeightMatrixId.INPUT, w, new double[] {1.0});
            o.endUpdate();
            out[t] = -w[0];
        }
        return out;
    }

    @Test
    void sgdStepScheduleHalvesEveryTwoUpdates() {
        final double[] s = steps(new Sgd(new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.1, 0.5, 2)), 6);
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025}, s, 0.0);
    }

    @Test
    void sgdExponentialScheduleHalvesEveryUpdate() {
        final double[] s = steps(new Sgd(new LearningRateSchedule(LearningRateSchedule.Kind.EXPONENTIAL, 0.1, 0.5, 1)), 4);
        assertArrayEquals(new double[] {0.1, 0.05, 0.025, 0.0125}, s, 0.0);
    }

    @Test
    void constantScheduleIsTheFixedRateBitForBit() {
        assertArrayEquals(steps(new Sgd(0.3), 5), steps(new Sgd(LearningRateSchedule.constant(0.3)), 5), 0.0);
        assertArrayEquals(steps(new Adam(0.3), 5), steps(new Adam(LearningRateSchedule.constant(0.3), 0.9, 0.999, 1e-7), 5), 0.0);
        assertEquals(Map.of(), new Sgd(0.3).exportState(), "constant-rate SGD has no state (old model files)");
    }

    @Test
    void adamWithStepScheduleFollowsTheClosedForm() {
        // constant g: m_t = (1 - b1^t) g, v_t = (1 - b2^t) g^2, so the step is eta_t sqrt(1-b2^t) g / (sqrt(1-b2^t) g + eps)
        final double b1 = 0.9;
        final double b2 = 0.999;
        final double eps = 1e-3;
        final double[] s = steps(new Adam(new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.1, 0.5, 2), b1, b2, eps), 5);
        final double[] eta = {0.1, 0.1, 0.05, 0.05, 0.025};
        for (int t = 1; t <= 5; t++) {
            final double c = Math.sqrt(1 - Math.pow(b2, t));
            assertEquals(eta[t - 1] * c / (c + eps), s[t - 1], 1e-15, "update " + t);
        }
    }

    @Test
    void sgdScheduleStateResumesAndRollsBack() {
        final LearningRateSchedule sch = new LearningRateSchedule(LearningRateSchedule.Kind.EXPONENTIAL, 0.1, 0.5, 1);
        final Sgd a = new Sgd(sch);
        steps(a, 3);
        final Sgd b = new Sgd(sch);
        b.importState(a.exportState());
        assertArrayEquals(new double[] {0.0125}, steps(b, 1), 0.0, "continues at update 3");
        b.mark();
        steps(b, 1);
        b.rollback();
        assertArrayEquals(new double[] {0.00625 / 1}, steps(b, 1), 0.0, "rolled back to update 4");
        assertThrows(IllegalArgumentException.class, () -> new Sgd(sch).importState(Map.of("m", new double[1])));
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.1, 1.5, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.1, 0.5, 0));
    }
}
