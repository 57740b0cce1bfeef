package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.GradientComparison;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * An analytic fact: with W_rec = 0 a unit's state depends on W_ji only through its own recursion (no path through
 * other units), so e-prop's diagonal-Jacobian trace is the exact ∂r_j^t/∂W_ji and e-prop's gradient equals BPTT's,
 * for every matrix (W_rec's too: its gradient at W_rec = 0 needs only r^{t−1}, which does not depend on W_rec). Both
 * forms, both losses, tanh and softplus; claim: per matrix max |g_eprop − g_bptt| / max |g_bptt| ≤ 1e-12. With
 * W_rec ≠ 0 the two differ (checked, so the equality is not vacuous).
 */
final class RateEpropWithoutRecurrenceTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(LeakyRateUnit.Form.class)
    void epropEqualsBpttWhenRecurrentWeightsAreZero(LeakyRateUnit.Form form) {
        for (RateActivation phi : new RateActivation[] {RateActivation.TANH, RateActivation.SOFTPLUS}) {
            for (LossKind loss : LossKind.values()) {
                SequenceBatch batch = RateFixtures.batch(loss, 5);
                RecurrentNetwork net = RateFixtures.net(phi, form, 3);
                Gradients recurrent = gradients(LearningRule.EPROP, net, batch);
                Gradients recurrentBptt = gradients(LearningRule.BPTT, net, batch);
                assertTrue(GradientComparison.maxRelativeDifference(recurrent.wIn, recurrentBptt.wIn) > 1e-3,
                        "with W_rec != 0 e-prop must differ from BPTT");
                Arrays.fill(net.wRec(), 0.0);
                Gradients e = gradients(LearningRule.EPROP, net, batch);
                Gradients b = gradients(LearningRule.BPTT, net, batch);
                for (WeightMatrixId id : WeightMatrixId.values()) {
                    double d = GradientComparison.maxRelativeDifference(e.get(id), b.get(id));
                    assertTrue(d <= 1e-12, phi + " " + loss + " " + id + ": " + d);
                }
                assertTrue(max(b.wRec) > 1e-3 && max(b.wIn) > 1e-3, "gradients must not vanish");
            }
        }
    }

    private static Gradients gradients(LearningRule rule, RecurrentNetwork net, SequenceBatch batch) {
        Gradients g = Gradients.zerosFor(net);
        Rules.create(rule, Computation.EVENT, net, 1).compute(net, batch, g);
        return g;
    }

    private static double max(double[] a) {
        double m = 0.0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
