package org.spikering.plasticity.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.DenseEprop;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

final class TrainerTest {

    @Test
    void shouldLowerLossWhenTrainingClassificationWithAdam() {
        RecurrentSpikingNetwork net = TestNetworks.network(6, false, 2.0, 31);
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.EVENT, net, 1), new Adam(0.01),
                WeightClip.nestDefault(), WeightUpdateHook.NONE);
        SequenceBatch batch = TestNetworks.batch(4, LossKind.CLASSIFICATION_CE, 3);
        double first = t.step(batch).loss();
        double last = first;
        for (int n = 0; n < 40; n++) {
            last = t.step(batch).loss();
        }
        assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
    }

    @Test
    void shouldTrainBitIdenticallyWhenHookChangesNothing() {
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 4);
        RecurrentSpikingNetwork a = TestNetworks.network(3, false, 2.0, 5);
        RecurrentSpikingNetwork b = a.copy();
        WeightUpdateHook allTrueMask = new WeightUpdateHook() {
            @Override
            public void afterGradient(WeightMatrixId id, double[] grad) {
                for (int n = 0; n < grad.length; n++) {
                    grad[n] = true ? grad[n] : 0.0;
                }
            }
        };
        Trainer ta = new Trainer(a, Rules.create(LearningRule.EPROP, Computation.EVENT, a, 1), new Adam(0.01),
                WeightClip.nestDefault(), WeightUpdateHook.NONE);
        Trainer tb = new Trainer(b, Rules.create(LearningRule.EPROP, Computation.EVENT, b, 1), new Adam(0.01),
                WeightClip.nestDefault(), allTrueMask);
        for (int n = 0; n < 5; n++) {
            assertEquals(ta.step(batch).loss(), tb.step(batch).loss(), 0.0);
        }
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(a.weights(id), b.weights(id), 0.0);
        }
    }

    @Test
    void shouldKeepMaskedWeightsFixedWhenHookZeroesGradients() {
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 4);
        RecurrentSpikingNetwork net = TestNetworks.network(0, false, 2.0, 5);
        double[] before = net.wIn().clone();
        WeightUpdateHook freezeInput = new WeightUpdateHook() {
            @Override
            public void afterGradient(WeightMatrixId id, double[] grad) {
                if (id == WeightMatrixId.INPUT) {
                    java.util.Arrays.fill(grad, 0.0);
                }
            }
        };
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.DENSE, net, 1), new Adam(0.01),
                WeightClip.nestDefault(), freezeInput);
        t.step(batch);
        t.step(batch);
        assertArrayEquals(before, net.wIn(), 0.0);
    }

    @Test
    void shouldStopWithMessageNamingIterationWhenLearningRateMakesWeightsNaN() {
        RecurrentSpikingNetwork net = TestNetworks.network(0, false, 2.0, 5);
        SequenceBatch batch = TestNetworks.batch(1, LossKind.REGRESSION_MSE, 4);
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.DENSE, net, 1), new Sgd(1e308),
                WeightClip.none(), WeightUpdateHook.NONE);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> {
            for (int n = 0; n < 10; n++) {
                t.step(batch);
            }
        });
        assertTrue(e.getMessage().startsWith("training diverged at iteration " + e.iteration()), e.getMessage());
        assertTrue(e.getMessage().contains("W") || e.getMessage().contains("INPUT") || e.getMessage().contains("OUTPUT")
                || e.getMessage().contains("RECURRENT") || e.getMessage().contains("loss"), e.getMessage());
    }

    @Test
    void shouldRejectFeedbackMatrixOfWrongShape() {
        RecurrentSpikingNetwork net = TestNetworks.network(0, false, 2.0, 5);
        RandomFeedback wrong = new RandomFeedback(12, 3, new double[36]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DenseEprop(wrong, false).compute(net, TestNetworks.batch(1, LossKind.REGRESSION_MSE, 1),
                        Gradients.zerosFor(net)));
        assertTrue(e.getMessage().contains("12x3") && e.getMessage().contains("12x2"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> new RandomFeedback(12, 2, new double[5]));
        assertTrue(e2.getMessage().contains("feedback matrix B"), e2.getMessage());
    }

    @Test
    void shouldRejectBatchWithoutRecallSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SequenceBatch(1, 2, 1, 1,
                new float[2], new double[2], new boolean[2], LossKind.CLASSIFICATION_CE));
        assertTrue(e.getMessage().contains("lossMask"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SequenceBatch(1, 2, 1, 1,
                new float[3], new double[2], new boolean[] {true, true}, LossKind.REGRESSION_MSE));
    }

    @Test
    void shouldPushRatesTowardsTargetWhenOnlyRegularisationActs() {
        // zero readout error (W_out = 0, target 0): the only gradient is the regularisation term
        NetworkParams p = TestNetworks.params().withRegularisation(1.0, 0.0);
        RecurrentSpikingNetwork net = TestNetworks.network(0, false, 2.0, 7).withParams(p);
        java.util.Arrays.fill(net.wOut(), 0.0);
        SequenceBatch zeroTarget = new SequenceBatch(1, 150, 8, 2, TestNetworks.batch(1, LossKind.REGRESSION_MSE, 2).inputSpikes(),
                new double[300], fullMask(150), LossKind.REGRESSION_MSE);
        double rate0 = Evaluator.evaluate(net, zeroTarget).meanRateHz();
        Gradients g = Gradients.zerosFor(net);
        new DenseEprop(new SymmetricFeedback(), false).compute(net, zeroTarget, g);
        // above target (0 Hz): gradient descent must lower input drive on average
        double s = 0;
        for (double v : g.wIn) {
            s += v;
        }
        assertTrue(rate0 > 0 && s > 0, "rate " + rate0 + " Hz, sum of dE_reg/dW_in = " + s);
        Trainer t = new Trainer(net, new DenseEprop(new SymmetricFeedback(), false), new Sgd(0.5), WeightClip.none(),
                WeightUpdateHook.NONE);
        for (int n = 0; n < 20; n++) {
            t.step(zeroTarget);
        }
        double rate1 = Evaluator.evaluate(net, zeroTarget).meanRateHz();
        assertTrue(rate1 < rate0, "rate " + rate0 + " -> " + rate1);
    }

    private static boolean[] fullMask(int n) {
        boolean[] m = new boolean[n];
        java.util.Arrays.fill(m, true);
        return m;
    }
}
