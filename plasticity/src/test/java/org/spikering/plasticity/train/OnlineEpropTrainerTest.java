package org.spikering.plasticity.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.DenseEprop;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

final class OnlineEpropTrainerTest {

    @Test
    void shouldSumToSequenceGradientWhenLearningRateIsTiny() {
        // with η → 0 the weights barely change within the sequence, so Σ_t of the per-step updates equals
        // −η × the per-sequence e-prop gradient (regularisation off in both)
        NetworkParams p = TestNetworks.params().withRegularisation(0.0, 10.0);
        RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 41).withParams(p);
        SequenceBatch batch = TestNetworks.batch(1, LossKind.REGRESSION_MSE, 42);
        Gradients g = Gradients.zerosFor(net);
        new DenseEprop(new SymmetricFeedback(), false).compute(net, batch, g);
        double eta = 1e-9;
        RecurrentNetwork online = net.copy();
        new OnlineEpropTrainer(online, new SymmetricFeedback(), new Sgd(eta), WeightClip.none(), WeightUpdateHook.NONE)
                .step(batch);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] w0 = net.weights(id);
            double[] w1 = online.weights(id);
            double[] ge = g.get(id);
            double scale = 0.0;
            for (double v : ge) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0.0, id + ": zero gradient");
            for (int n = 0; n < w0.length; n++) {
                assertEquals(ge[n], (w0[n] - w1[n]) / eta, 1e-4 * scale, id + "[" + n + "]");
            }
        }
    }

    @Test
    void shouldLowerLossWhenTrainingOnline() {
        NetworkParams p = TestNetworks.params().withRegularisation(0.0, 10.0);
        RecurrentNetwork net = TestNetworks.network(0, false, 2.0, 43).withParams(p);
        SequenceBatch batch = TestNetworks.batch(1, LossKind.REGRESSION_MSE, 44);
        OnlineEpropTrainer t = new OnlineEpropTrainer(net, new SymmetricFeedback(), new Sgd(2e-3), WeightClip.nestDefault(),
                WeightUpdateHook.NONE);
        double first = t.step(batch).loss();
        double last = first;
        for (int n = 0; n < 15; n++) {
            last = t.step(batch).loss();
        }
        assertTrue(last < 0.8 * first, first + " -> " + last);
    }
}
