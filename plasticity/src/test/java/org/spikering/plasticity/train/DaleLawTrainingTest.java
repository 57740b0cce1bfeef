package org.spikering.plasticity.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.DaleLaw;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

/** Dale's law through training ({@link Trainer}, {@link OnlineEpropTrainer}); networks without cell types unchanged. */
final class DaleLawTrainingTest {

    /** Records at afterUpdate whether W_rec obeyed Dale's law, and how many of its entries were 0. */
    private static final class SignHook implements WeightUpdateHook {
        private final CellTypes types;
        boolean violated;
        int zeros;

        SignHook(CellTypes types) {
            this.types = types;
        }

        @Override
        public void afterGradient(WeightMatrixId id, double[] grad) {
        }

        @Override
        public void afterUpdate(WeightMatrixId id, double[] w) {
            if (id != WeightMatrixId.RECURRENT) {
                return;
            }
            int n = types.units();
            zeros = 0;
            for (int k = 0; k < w.length; k++) {
                violated |= w[k] * types.sign(k % n) < 0.0;
                zeros += w[k] == 0.0 ? 1 : 0;
            }
        }
    }

    @Test
    void shouldKeepSignsWithALargeLearningRate() {
        RecurrentNetwork drawn = TestNetworks.network(4, false, 2.0, 41);
        CellTypes types = CellTypes.ofFraction(0.75, drawn.recurrent());
        RecurrentNetwork net = DaleLaw.apply(drawn, types);
        int zerosBefore = 0;
        for (double w : net.wRec()) {
            zerosBefore += w == 0.0 ? 1 : 0;
        }
        SignHook hook = new SignHook(types);
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.EVENT, net, 1), new Sgd(20.0),
                WeightClip.none(), hook);
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 7);
        for (int n = 0; n < 8; n++) {
            t.step(batch);
            assertTrue(!hook.violated, "a W_rec sign flipped at step " + (n + 1));
        }
        // the projection must have had work to do, or this test could not fail
        assertTrue(hook.zeros > zerosBefore + 5, "zeros in W_rec: " + zerosBefore + " -> " + hook.zeros);

        RecurrentNetwork online = DaleLaw.apply(drawn, types);
        SignHook onlineHook = new SignHook(types);
        OnlineEpropTrainer o = new OnlineEpropTrainer(online, new SymmetricFeedback(), new Sgd(2.0),
                WeightClip.none(), onlineHook);
        o.step(TestNetworks.batch(1, LossKind.REGRESSION_MSE, 8));
        assertTrue(!onlineHook.violated, "online: a W_rec sign flipped");
        assertTrue(onlineHook.zeros > zerosBefore + 5, "online zeros in W_rec: " + zerosBefore + " -> "
                + onlineHook.zeros);
    }

    @Test
    void shouldTrainANetworkWithoutCellTypesAsBefore() {
        RecurrentNetwork net = TestNetworks.network(4, false, 2.0, 43);
        RecurrentNetwork ref = net.copy();
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 9);
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.EVENT, net, 1), new Sgd(20.0),
                WeightClip.nestDefault(), WeightUpdateHook.NONE);
        // the trainer's sequence without a projection, written out: gradient, w -= η g, clip
        GradientComputer c = Rules.create(LearningRule.EPROP, Computation.EVENT, ref, 1);
        Gradients g = Gradients.zerosFor(ref);
        WeightClip clip = WeightClip.nestDefault();
        for (int n = 0; n < 4; n++) {
            t.step(batch);
            c.compute(ref, batch, g);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double[] w = ref.weights(id);
                double[] d = g.get(id);
                for (int k = 0; k < w.length; k++) {
                    w[k] -= 20.0 * d[k];
                }
                clip.apply(w);
            }
            for (WeightMatrixId id : WeightMatrixId.values()) {
                assertArrayEquals(ref.weights(id), net.weights(id), 0.0, id + " after step " + (n + 1));
            }
        }
        boolean mixed = false;
        for (int k = 0; k < net.wRec().length; k++) {
            mixed |= net.wRec()[k] < 0.0 && k % net.recurrent() < 9;
        }
        assertTrue(mixed, "negative weights of units 0..8 must survive without cell types");
    }
}
