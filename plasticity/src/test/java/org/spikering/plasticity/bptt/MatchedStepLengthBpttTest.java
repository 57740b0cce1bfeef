package org.spikering.plasticity.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.DenseEprop;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.LearningRateSchedule;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * {@link MatchedStepLengthBptt} against the two rules computed separately: the other rule with the dense traces (the
 * wrapper's comes from {@link Rules#create} with the event computation), α and cos by the polarisation identity
 * g̃·g = (‖g̃ + g‖² − ‖g̃ − g‖²)/4 instead of the dot product.
 */
final class MatchedStepLengthBpttTest {

    private static Gradients grads(GradientComputer c, RecurrentNetwork net, SequenceBatch batch) {
        final Gradients g = Gradients.zerosFor(net);
        c.compute(net, batch, g);
        return g;
    }

    /** {α, cos} over all matrices by the polarisation identity. */
    private static double[] polarised(Gradients rule, Gradients bptt) {
        double plus = 0.0;
        double minus = 0.0;
        double gg = 0.0;
        double rr = 0.0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] r = rule.get(id);
            final double[] g = bptt.get(id);
            for (int n = 0; n < g.length; n++) {
                plus += (r[n] + g[n]) * (r[n] + g[n]);
                minus += (r[n] - g[n]) * (r[n] - g[n]);
                gg += g[n] * g[n];
                rr += r[n] * r[n];
            }
        }
        final double dot = (plus - minus) / 4.0;
        return new double[] {dot / gg, dot / Math.sqrt(gg * rr)};
    }

    /** max |a_n − f·b_n| / max |f·b_n| over the three matrices. */
    private static double maxRelDiff(Gradients a, Gradients b, double f) {
        double d = 0.0;
        double m = 0.0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            for (int n = 0; n < a.get(id).length; n++) {
                d = Math.max(d, Math.abs(a.get(id)[n] - f * b.get(id)[n]));
                m = Math.max(m, Math.abs(f * b.get(id)[n]));
            }
        }
        assertTrue(m > 0.0, "gradient is zero: test is vacuous");
        return d / m;
    }

    /** W_rec = 0: e-prop's gradient is BPTT's (no recurrent path), so α = cos = 1 and the update is BPTT's. */
    @Test
    void shouldHaveUnitStepLengthWhenRecurrentWeightsAreZero() {
        for (int adaptive : new int[] {0, 12}) {
            for (LossKind loss : LossKind.values()) {
                final RecurrentNetwork net = TestNetworks.network(adaptive, true, 3.0, 21 + adaptive);
                final SequenceBatch batch = TestNetworks.batch(2, loss, 6);
                final MatchedStepLengthBptt m = Rules.matchedBptt(LearningRule.EPROP, Computation.EVENT, net, 1, 1.0);
                final Gradients out = grads(m, net, batch);
                final String what = "adaptive=" + adaptive + " " + loss;
                assertEquals(1.0, m.lastStepLength(), 1e-10, what + " alpha");
                assertEquals(1.0, m.lastCosine(), 1e-10, what + " cos");
                for (WeightMatrixId id : WeightMatrixId.values()) {
                    assertEquals(1.0, m.lastStepLength(id), 1e-10, what + " alpha " + id);
                    assertEquals(1.0, m.lastCosine(id), 1e-10, what + " cos " + id);
                }
                final Gradients bptt = grads(new Bptt(true), net, batch);
                assertTrue(maxRelDiff(out, bptt, 1.0) < 1e-10, what + ": update is not BPTT's");
                assertEquals(bptt.loss, out.loss, 0.0, what + " loss");
            }
        }
    }

    /** W_rec ≠ 0: α ≠ 1, and the update is α·g_bptt with α from the two rules computed apart. */
    @Test
    void shouldScaleBpttByTheOtherRulesStepLength() {
        final RecurrentNetwork net = TestNetworks.network(6, false, 3.0, 21);
        for (LossKind loss : LossKind.values()) {
            final SequenceBatch batch = TestNetworks.batch(3, loss, 6);
            final Gradients bptt = grads(new Bptt(true), net, batch);
            final Object[][] cases = {
                {LearningRule.EPROP, new DenseEprop(new SymmetricFeedback(), false)},
                {LearningRule.RANDOM_EPROP, new DenseEprop(RandomFeedback.gaussian(12, 2, 5, 1.0), false)}};
            for (Object[] c : cases) {
                final LearningRule rule = (LearningRule) c[0];
                final Gradients other = grads((GradientComputer) c[1], net, batch);
                final double[] ref = polarised(other, bptt);
                final MatchedStepLengthBptt m = Rules.matchedBptt(rule, Computation.EVENT, net, 5, 1.0);
                final Gradients out = grads(m, net, batch);
                final String what = rule.id() + " " + loss;
                assertTrue(Math.abs(ref[0] - 1.0) > 0.01, what + ": alpha = " + ref[0] + " is 1, test is vacuous");
                assertEquals(ref[0], m.lastStepLength(), 1e-8 * Math.abs(ref[0]), what + " alpha");
                assertEquals(ref[1], m.lastCosine(), 1e-8, what + " cos");
                assertTrue(maxRelDiff(out, bptt, ref[0]) < 1e-8, what + ": update is not alpha * g_bptt");
                assertEquals(bptt.loss, out.loss, 0.0, what + " loss");
                assertEquals(bptt.accuracy, out.accuracy, 0.0, what + " accuracy");
                if (rule == LearningRule.EPROP) { // e-prop's W_out gradient is exact
                    assertEquals(1.0, m.lastStepLength(WeightMatrixId.OUTPUT), 1e-12, what + " alpha_out");
                    assertEquals(1.0, m.lastCosine(WeightMatrixId.OUTPUT), 1e-12, what + " cos_out");
                    assertTrue(Math.abs(m.lastStepLength(WeightMatrixId.INPUT) - 1.0) > 1e-3, what + " alpha_in");
                }
            }
        }
    }

    /**
     * The step-decay schedule composes: three SGD updates through {@link Trainer} equal
     * W ← W − η_t α_t g_t computed here from separate BPTT and e-prop computers, η_t = 0.05 · 0.5^⌊t/2⌋.
     */
    @Test
    void shouldComposeWithAStepDecaySchedule() {
        final RecurrentNetwork net = TestNetworks.network(0, false, 3.0, 3);
        final RecurrentNetwork ref = net.copy();
        final LearningRateSchedule schedule = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.05, 0.5, 2);
        final MatchedStepLengthBptt m = Rules.matchedBptt(LearningRule.EPROP, Computation.EVENT, net, 1, 1.0);
        final Trainer trainer = new Trainer(net, m, new Sgd(schedule), WeightClip.none(), WeightUpdateHook.NONE);
        final double[] etas = {0.05, 0.05, 0.025};
        for (int t = 0; t < 3; t++) {
            final SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 40 + t);
            trainer.step(batch);
            final Gradients g = grads(new Bptt(true), ref, batch);
            final double alpha = polarised(grads(new DenseEprop(new SymmetricFeedback(), false), ref, batch), g)[0];
            assertEquals(alpha, m.lastStepLength(), 1e-8 * Math.abs(alpha), "alpha at update " + t);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                final double[] w = ref.weights(id);
                for (int n = 0; n < w.length; n++) {
                    w[n] -= etas[t] * alpha * g.get(id)[n];
                }
            }
        }
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double d = 0.0;
            double change = 0.0;
            for (int n = 0; n < ref.weights(id).length; n++) {
                d = Math.max(d, Math.abs(net.weights(id)[n] - ref.weights(id)[n]));
                change = Math.max(change, Math.abs(ref.weights(id)[n] - TestNetworks.network(0, false, 3.0, 3)
                        .weights(id)[n]));
            }
            assertTrue(change > 1e-6, id + ": weights did not move, test is vacuous");
            assertTrue(d <= 1e-9 * change, id + ": trained weights differ from the hand-made updates by " + d);
        }
    }

    /**
     * Rate networks (both forms, tanh): W_rec = 0 gives α = cos = 1 (e-prop is exact without recurrence); with
     * W_rec ≠ 0 the update is α·g_bptt with α from separately made BPTT and e-prop / rflo computers.
     */
    @Test
    void shouldMatchOnRateNetworks() {
        final SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 9);
        for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
            final RateUnits units = new RateUnits(RateActivation.TANH, 4.0, form, 0.2);
            final RecurrentNetwork zero = RecurrentNetwork.randomRate(8, 12, 2, units, TestNetworks.params(), 3,
                    1.5, 1.3, 1.0);
            java.util.Arrays.fill(zero.wRec(), 0.0);
            final MatchedStepLengthBptt z = Rules.matchedBptt(LearningRule.EPROP, Computation.EVENT, zero, 1, 1.0);
            grads(z, zero, batch);
            assertEquals(1.0, z.lastStepLength(), 1e-10, form + " W_rec = 0: alpha");
            assertEquals(1.0, z.lastCosine(), 1e-10, form + " W_rec = 0: cos");
            final RecurrentNetwork net = RecurrentNetwork.randomRate(8, 12, 2, units, TestNetworks.params(), 3,
                    1.5, 1.3, 1.0);
            final Gradients bptt = grads(Rules.create(LearningRule.BPTT, Computation.DENSE, net, 4, 1.0), net, batch);
            for (LearningRule rule : new LearningRule[] {LearningRule.EPROP, LearningRule.RFLO}) {
                final Gradients other = grads(Rules.create(rule, Computation.DENSE, net, 4, 1.0), net, batch);
                final double[] ref = polarised(other, bptt);
                final MatchedStepLengthBptt m = Rules.matchedBptt(rule, Computation.EVENT, net, 4, 1.0);
                final Gradients out = grads(m, net, batch);
                final String what = form + " " + rule.id();
                assertTrue(Math.abs(ref[0] - 1.0) > 0.01, what + ": alpha = " + ref[0] + " is 1, test is vacuous");
                assertEquals(ref[0], m.lastStepLength(), 1e-10 * Math.abs(ref[0]), what + " alpha");
                assertEquals(ref[1], m.lastCosine(), 1e-10, what + " cos");
                assertTrue(maxRelDiff(out, bptt, ref[0]) < 1e-12, what + ": update is not alpha * g_bptt");
            }
        }
    }

    @Test
    void shouldRefuseRulesWithoutABatchGradientAndStateHooks() {
        final RecurrentNetwork net = TestNetworks.network(0, false, 1.0, 3);
        for (LearningRule r : new LearningRule[] {LearningRule.BPTT, LearningRule.NEST_EPROP, LearningRule.NEST_EPROP_IAF}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Rules.matchedBptt(r, Computation.EVENT, net, 1, 1.0));
            assertTrue(e.getMessage().contains(r.id()), e.getMessage());
        }
        final MatchedStepLengthBptt m = Rules.matchedBptt(LearningRule.EPROP, Computation.EVENT, net, 1, 1.0);
        final StateUpdateHook round = (adaptive, from, to, v, a, out) -> {
            for (int j = from; j < to; j++) {
                v[out + j] = Math.rint(v[out + j] * 256) / 256;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> m.setStateHook(round));
    }
}
