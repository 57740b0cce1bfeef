package org.spikering.plasticity.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * (c) Reward-based e-prop learns a delayed two-armed choice from rewards alone: a cue (left or right input group) in
 * the first 10 ms, a 30-ms delay, a 10-ms go signal with an action at each of its steps, reward 1 for the cued side and
 * 0 otherwise ({@link org.spikering.plasticity.data.ChoiceReward}). After training on 400 fresh trials, at level 1e-6
 * against chance (a policy blind to the cue earns 1/2 per trial in expectation): the greedy accuracy of
 * {@link Evaluator} (one choice per trial) must exceed the one-sided binomial bound (248 of 400), and the mean reward
 * of the rule's own sampled actions (correlated within a trial, so bounded per trial by Hoeffding:
 * 1/2 + sqrt(ln(1e6)/(2·400)) = 0.631) must exceed that; before training both must be below their bounds (measured:
 * mean reward 0.48 before, 1.0 after 200 updates of 32; greedy 1.0).
 */
final class RewardEpropLearningTest {
    private static final int CUE = 10;
    private static final int DELAY = 30;
    private static final int GO = 10;
    private static final int STEPS = CUE + DELAY + GO;
    private static final int GROUP = 4;

    /** Inputs: left cue, right cue, go, background (GROUP each). */
    private static final SequenceSource TASK = new SequenceSource() {
        @Override
        public SequenceBatch batch(int batchSize, long seed) {
            int in = inputs();
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[batchSize * STEPS * in];
            double[] y = new double[batchSize * STEPS * 2];
            boolean[] mask = new boolean[batchSize * STEPS];
            for (int b = 0; b < batchSize; b++) {
                int side = r.nextInt(2);
                for (int t = 0; t < STEPS; t++) {
                    for (int i = 0; i < in; i++) {
                        int group = i / GROUP;
                        double p = group == 3 ? 0.02 : group == 2 ? (t >= CUE + DELAY ? 0.3 : 0) : group == side
                                ? (t < CUE ? 0.3 : 0) : 0;
                        x[(b * STEPS + t) * in + i] = r.nextDouble() < p ? 1f : 0f;
                    }
                }
                for (int t = CUE + DELAY; t < STEPS; t++) {
                    mask[b * STEPS + t] = true;
                    y[(b * STEPS + t) * 2 + side] = 1.0;
                }
            }
            return new SequenceBatch(batchSize, STEPS, in, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
        }

        @Override
        public int inputs() {
            return 4 * GROUP;
        }

        @Override
        public int outputs() {
            return 2;
        }

        @Override
        public int steps() {
            return STEPS;
        }

        @Override
        public LossKind loss() {
            return LossKind.CLASSIFICATION_CE;
        }
    };

    /** Smallest k with P(X ≥ k) ≤ level for X ~ Binomial(n, 1/2). */
    static int chanceBound(int n, double level) {
        double[] logC = new double[n + 1];
        for (int k = 1; k <= n; k++) {
            logC[k] = logC[k - 1] + Math.log((double) (n - k + 1) / k);
        }
        double tail = 0;
        for (int k = n; k >= 0; k--) {
            double next = tail + Math.exp(logC[k] - n * Math.log(2));
            if (next > level) {
                return k + 1;
            }
            tail = next;
        }
        return 0;
    }

    /**
     * Same seed, same bits: two trainings of 15 updates give bit-identical weights; the engine's forward pass gives the
     * event computation's gradients (its trajectories are bit-identical) and the same draws.
     */
    @Test
    void shouldBeDeterministicAndAgreeOnTheEngine() {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.2, 20.0, 0.5, 10.0);
        RecurrentNetwork[] nets = new RecurrentNetwork[2];
        for (int n = 0; n < 2; n++) {
            nets[n] = RecurrentNetwork.random(TASK.inputs(), 12, 2, 6, p, 3, 3.0, 1.0, 0.3);
            GradientComputer rule = Rules.create(LearningRule.REWARD_EPROP, Computation.EVENT, nets[n], 7);
            new Trainer(nets[n], rule, new Adam(0.01), WeightClip.none(), WeightUpdateHook.NONE).train(TASK, 15, 8, 5);
        }
        for (org.spikering.plasticity.network.WeightMatrixId id : org.spikering.plasticity.network.WeightMatrixId.values()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(nets[0].weights(id), nets[1].weights(id), 0.0, id.name());
        }
        SequenceBatch b = TASK.batch(8, 11);
        Gradients event = Gradients.zerosFor(nets[0]);
        Gradients engine = Gradients.zerosFor(nets[0]);
        Rules.create(LearningRule.REWARD_EPROP, Computation.EVENT, nets[0], 9).compute(nets[0], b, event);
        Rules.create(LearningRule.REWARD_EPROP, Computation.ENGINE, nets[0], 9).compute(nets[0], b, engine);
        org.junit.jupiter.api.Assertions.assertEquals(event.accuracy, engine.accuracy, 0.0, "same draws");
        for (org.spikering.plasticity.network.WeightMatrixId id : org.spikering.plasticity.network.WeightMatrixId.values()) {
            double[] e = event.get(id);
            double[] g = engine.get(id);
            double scale = 0;
            for (double x : e) {
                scale = Math.max(scale, Math.abs(x));
            }
            assertTrue(scale > 0, id + ": nonzero gradient");
            for (int n = 0; n < e.length; n++) {
                org.junit.jupiter.api.Assertions.assertEquals(e[n], g[n], 1e-12 * scale, id + "[" + n + "]");
            }
        }
    }

    @Test
    void shouldLearnADelayedChoiceFromRewardsAboveChance() {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.2, 20.0, 0.0, 10.0);
        RecurrentNetwork net = RecurrentNetwork.random(TASK.inputs(), 30, 2, 15, p, 3, 3.0, 1.0, 0.3);
        GradientComputer rule = Rules.create(LearningRule.REWARD_EPROP, Computation.EVENT, net, 7);
        int n = 400;
        SequenceBatch test = TASK.batch(n, 99);
        int bound = chanceBound(n, 1e-6);
        double hoeffding = 0.5 + Math.sqrt(Math.log(1e6) / (2.0 * n));
        Gradients g = Gradients.zerosFor(net);
        rule.compute(net.copy(), test, g);
        double before = g.accuracy;
        assertTrue(before < hoeffding, "untrained: mean reward " + before + " (the task is not solved at the start)");
        assertTrue(Evaluator.evaluate(net, test).accuracy() * n < bound, "untrained: greedy accuracy below the bound");
        rule = Rules.create(LearningRule.REWARD_EPROP, Computation.EVENT, net, 7);
        Trainer trainer = new Trainer(net, rule, new Adam(0.01), WeightClip.none(), WeightUpdateHook.NONE);
        trainer.train(TASK, 200, 32, 5);
        rule.compute(net, test, g);
        assertTrue(g.accuracy > hoeffding, "mean reward of sampled actions " + g.accuracy + ", chance bound " + hoeffding);
        double greedy = Evaluator.evaluate(net, test).accuracy();
        assertTrue(greedy * n >= bound, "greedy accuracy " + greedy + ", chance bound " + bound + "/" + n);
    }
}
