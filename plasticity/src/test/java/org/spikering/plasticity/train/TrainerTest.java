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
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

final class TrainerTest {

    @Test
    void shouldLowerLossWhenTrainingClassificationWithAdam() {
        RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 31);
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

    /** A plastic-synapse mask: gradient entries outside it are zeroed before the optimizer sees them. */
    private static final class MaskHook implements WeightUpdateHook {
        private final boolean[][] plastic = new boolean[WeightMatrixId.values().length][];

        MaskHook(RecurrentNetwork net, double fraction, long seed) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                boolean[] m = new boolean[net.weights(id).length];
                for (int n = 0; n < m.length; n++) {
                    m[n] = r.nextDouble() < fraction;
                }
                plastic[id.ordinal()] = m;
            }
        }

        boolean plastic(WeightMatrixId id, int n) {
            return plastic[id.ordinal()][n];
        }

        @Override
        public void afterGradient(WeightMatrixId id, double[] grad) {
            boolean[] m = plastic[id.ordinal()];
            for (int n = 0; n < grad.length; n++) {
                if (!m[n]) {
                    grad[n] = 0.0;
                }
            }
        }
    }

    private static Gradients gradientsOf(RecurrentNetwork net, SequenceBatch batch) {
        Gradients g = Gradients.zerosFor(net);
        Rules.create(LearningRule.EPROP, Computation.DENSE, net, 1).compute(net, batch, g);
        return g;
    }

    @Test
    void shouldTrainBitIdenticallyWhenTheMaskHasEverySynapsePlastic() {
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 4);
        RecurrentNetwork a = TestNetworks.network(3, false, 2.0, 5);
        RecurrentNetwork b = a.copy();
        MaskHook allPlastic = new MaskHook(b, 1.1, 9);
        Trainer ta = new Trainer(a, Rules.create(LearningRule.EPROP, Computation.EVENT, a, 1), new Adam(0.01),
                WeightClip.nestDefault(), WeightUpdateHook.NONE);
        Trainer tb = new Trainer(b, Rules.create(LearningRule.EPROP, Computation.EVENT, b, 1), new Adam(0.01),
                WeightClip.nestDefault(), allPlastic);
        for (int n = 0; n < 5; n++) {
            assertEquals(ta.step(batch).loss(), tb.step(batch).loss(), 0.0);
        }
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(a.weights(id), b.weights(id), 0.0);
        }
    }

    /**
     * A random half of each matrix is plastic. Over two Adam updates, checked against the update written out here from
     * gradients computed on a separate copy of the network: masked weights keep their exact initial value (their
     * gradient is nonzero, so the mask is what holds them); every plastic weight moves by
     * Δ_t = −η·sqrt(1 − β2^t)/(1 − β1^t) · m_t/(sqrt(v_t) + ε) with m_t, v_t the moment recurrences of NEST's Adam.
     */
    @Test
    void shouldKeepMaskedWeightsAndMovePlasticOnesByTheAdamStepComputedIndependently() {
        SequenceBatch batch = TestNetworks.batch(2, LossKind.CLASSIFICATION_CE, 4);
        RecurrentNetwork net = TestNetworks.network(4, false, 2.0, 5);
        MaskHook mask = new MaskHook(net, 0.5, 17);
        final double eta = 0.01;
        final double b1 = 0.9;
        final double b2 = 0.999;
        final double eps = 1e-7;
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.DENSE, net, 1), new Adam(eta),
                WeightClip.none(), mask);
        WeightMatrixId[] ids = WeightMatrixId.values();
        double[][] initial = new double[ids.length][];
        double[][] m = new double[ids.length][];
        double[][] v = new double[ids.length][];
        for (WeightMatrixId id : ids) {
            initial[id.ordinal()] = net.weights(id).clone();
            m[id.ordinal()] = new double[net.weights(id).length];
            v[id.ordinal()] = new double[net.weights(id).length];
        }
        int maskedWithGradient = 0;
        int plasticMoved = 0;
        for (int step = 1; step <= 2; step++) {
            Gradients g = gradientsOf(net.copy(), batch);
            double[][] before = new double[ids.length][];
            for (WeightMatrixId id : ids) {
                before[id.ordinal()] = net.weights(id).clone();
            }
            t.step(batch);
            double correction = Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
            for (WeightMatrixId id : ids) {
                double[] w = net.weights(id);
                double[] gi = g.get(id);
                int k = id.ordinal();
                for (int n = 0; n < w.length; n++) {
                    if (!mask.plastic(id, n)) {
                        assertEquals(Double.doubleToLongBits(initial[k][n]), Double.doubleToLongBits(w[n]),
                                id + "[" + n + "] is masked but changed at step " + step);
                        maskedWithGradient += gi[n] != 0 ? 1 : 0;
                        continue;
                    }
                    m[k][n] = b1 * m[k][n] + (1 - b1) * gi[n];
                    v[k][n] = b2 * v[k][n] + (1 - b2) * gi[n] * gi[n];
                    double expected = before[k][n] - eta * correction * m[k][n] / (Math.sqrt(v[k][n]) + eps);
                    assertEquals(expected, w[n], 1e-15 * Math.max(1, Math.abs(expected)),
                            id + "[" + n + "] step " + step + ", gradient " + gi[n]);
                    plasticMoved += w[n] != before[k][n] ? 1 : 0;
                }
            }
        }
        assertTrue(maskedWithGradient > 50, "the mask must hold back real gradients: " + maskedWithGradient);
        assertTrue(plasticMoved > 50, "plastic weights must move: " + plasticMoved);
    }

    @Test
    void shouldKeepMaskedWeightsFixedWhenHookZeroesGradients() {
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 4);
        RecurrentNetwork net = TestNetworks.network(0, false, 2.0, 5);
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
        RecurrentNetwork net = TestNetworks.network(0, false, 2.0, 5);
        SequenceBatch batch = TestNetworks.batch(1, LossKind.REGRESSION_MSE, 4);
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.DENSE, net, 1), new Sgd(1e308),
                WeightClip.none(), WeightUpdateHook.NONE);
        double[][] before = new double[3][];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> {
            for (int n = 0; n < 10; n++) {
                for (WeightMatrixId id : WeightMatrixId.values()) {
                    before[id.ordinal()] = net.weights(id).clone();
                }
                t.step(batch);
            }
        });
        assertTrue(e.getMessage().startsWith("training diverged at iteration " + e.iteration()), e.getMessage());
        assertTrue(e.getMessage().contains("INPUT") || e.getMessage().contains("OUTPUT")
                || e.getMessage().contains("RECURRENT") || e.getMessage().contains("loss"), e.getMessage());
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(before[id.ordinal()], net.weights(id), 0.0, id + ": the diverged step must change nothing");
        }
    }

    /**
     * A step that diverges part-way (after W_in, and for the second case W_rec, were already updated and Adam's moments
     * moved) changes nothing: continuing from it gives, bit for bit, the run in which that step never failed.
     */
    @Test
    void shouldRestoreWeightsAndAdamStateWhenAStepDivergesPartWay() {
        SequenceBatch batch = TestNetworks.batch(2, LossKind.CLASSIFICATION_CE, 8);
        for (WeightMatrixId poisoned : new WeightMatrixId[] {WeightMatrixId.RECURRENT, WeightMatrixId.OUTPUT}) {
            RecurrentNetwork ref = TestNetworks.network(4, false, 2.0, 12);
            RecurrentNetwork net = ref.copy();
            boolean[] armed = {false};
            WeightUpdateHook poison = new WeightUpdateHook() {
                @Override
                public void afterGradient(WeightMatrixId id, double[] grad) {
                    if (armed[0] && id == WeightMatrixId.OUTPUT && poisoned == WeightMatrixId.OUTPUT) {
                        grad[1] = Double.NaN;
                    }
                }

                @Override
                public void afterUpdate(WeightMatrixId id, double[] w) {
                    if (armed[0] && id == WeightMatrixId.RECURRENT && poisoned == WeightMatrixId.RECURRENT) {
                        w[3] = Double.POSITIVE_INFINITY;
                    }
                }
            };
            Trainer tr = new Trainer(ref, Rules.create(LearningRule.EPROP, Computation.EVENT, ref, 1), new Adam(0.02),
                    WeightClip.nestDefault(), WeightUpdateHook.NONE);
            Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.EVENT, net, 1), new Adam(0.02),
                    WeightClip.nestDefault(), poison);
            for (int n = 0; n < 2; n++) {
                tr.step(batch);
                t.step(batch);
            }
            double[][] before = new double[3][];
            for (WeightMatrixId id : WeightMatrixId.values()) {
                before[id.ordinal()] = net.weights(id).clone();
            }
            armed[0] = true;
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.step(batch));
            assertEquals(3, e.iteration());
            assertTrue(e.getMessage().contains(poisoned.toString()), e.getMessage());
            for (WeightMatrixId id : WeightMatrixId.values()) {
                assertArrayEquals(before[id.ordinal()], net.weights(id), 0.0, poisoned + " case, " + id + " after the failed step");
            }
            armed[0] = false;
            for (int n = 3; n <= 5; n++) {
                IterationResult a = tr.step(batch);
                IterationResult b = t.step(batch);
                assertEquals(a.iteration(), b.iteration(), "the failed step is not counted");
                assertEquals(Double.doubleToLongBits(a.loss()), Double.doubleToLongBits(b.loss()), poisoned + " case, loss " + n);
            }
            for (WeightMatrixId id : WeightMatrixId.values()) {
                assertArrayEquals(ref.weights(id), net.weights(id), 0.0, poisoned + " case, " + id
                        + ": Adam's moments and step counter must be as before the failed step");
            }
        }
    }

    @Test
    void shouldRejectFeedbackMatrixOfWrongShape() {
        RecurrentNetwork net = TestNetworks.network(0, false, 2.0, 5);
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
        RecurrentNetwork net = TestNetworks.network(0, false, 2.0, 7).withParams(p);
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
