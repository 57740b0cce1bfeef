package org.spikering.plasticity.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * Rule rtrl on a LIF/ALIF network ({@link SpikingRtrl}, forward in time) against rule bptt ({@link Bptt}, reset path
 * detached, backward in time): 3 inputs, 5 neurons of which 2 ALIF, 2 readouts, 60 steps, 2 sequences, rate
 * regularisation on (c_reg 0.7), recurrent weights ×1.5 so that the network spikes. Claim: per matrix,
 * max_n |g_rtrl − g_bptt| ≤ 1e-10 max_n |g_bptt|; loss, accuracy and rate equal.
 */
final class SpikingRtrlTest {

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void rtrlEqualsBpttWithTheResetDetached(LossKind loss) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 1, true, 0.3, 1.0, 50.0, 0.4, 15.0, 0.7, 20.0);
        int nIn = 3;
        int nRec = 5;
        int nOut = 2;
        int steps = 60;
        int batch = 2;
        RecurrentNetwork net = RecurrentNetwork.random(nIn, nRec, nOut, 2, p, 5);
        for (int n = 0; n < net.wIn().length; n++) {
            net.wIn()[n] *= 3.0;
        }
        for (int n = 0; n < net.wRec().length; n++) {
            net.wRec()[n] *= 1.5;
        }
        SplittableRandom r = new SplittableRandom(8);
        float[] x = new float[batch * steps * nIn];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.3 ? 1f : 0f;
        }
        double[] y = new double[batch * steps * nOut];
        boolean[] mask = new boolean[batch * steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                y[(b * steps + t) * nOut + (t / 20 + b) % nOut] = 1.0;
                mask[b * steps + t] = t >= 10;
            }
        }
        SequenceBatch sb = new SequenceBatch(batch, steps, nIn, nOut, x, y, mask, loss);
        Gradients bptt = Gradients.zerosFor(net);
        Rules.create(LearningRule.BPTT, Computation.EVENT, net, 1).compute(net, sb, bptt);
        Gradients rtrl = Gradients.zerosFor(net);
        Rules.create(LearningRule.RTRL, Computation.EVENT, net, 1).compute(net, sb, rtrl);
        assertTrue(bptt.meanRateHz > 10, "network must spike: " + bptt.meanRateHz + " Hz");
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] b = bptt.get(id);
            double scale = 0.0;
            for (double v : b) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1e-6, id + ": BPTT gradient must not vanish");
            for (int n = 0; n < b.length; n++) {
                assertEquals(b[n], rtrl.get(id)[n], 1e-10 * scale, loss + " " + id + "[" + n + "]");
            }
        }
        assertEquals(bptt.loss, rtrl.loss, 0.0);
        assertEquals(bptt.accuracy, rtrl.accuracy, 0.0);
        assertEquals(bptt.meanRateHz, rtrl.meanRateHz, 0.0);
    }
}
