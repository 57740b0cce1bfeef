package org.spikering.plasticity;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;

/** Small random networks and batches for tests. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** Paper-style constants: v_th = 1, τ_m = τ_out = 20 ms, t_ref = 2, ζ = 1, ALIF τ_a = 200 ms, β_a = 0.5, c_reg = 0.5. */
    public static NetworkParams params() {
        return new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.5, 20.0, 0.5, 10.0);
    }

    /** 8 inputs, 12 recurrent (the first {@code adaptive} ALIF), 2 outputs, weights scaled by {@code gain}. */
    public static RecurrentNetwork network(int adaptive, boolean recurrentZero, double gain, long seed) {
        RecurrentNetwork net = RecurrentNetwork.random(8, 12, 2, adaptive, params(), seed);
        for (double[] w : new double[][] {net.wIn(), net.wRec()}) {
            for (int n = 0; n < w.length; n++) {
                w[n] *= gain;
            }
        }
        if (recurrentZero) {
            java.util.Arrays.fill(net.wRec(), 0.0);
        }
        return net;
    }

    /** Bernoulli(0.1) inputs, 150 steps; regression: random smooth targets; classification: one-hot, last 30 steps. */
    public static SequenceBatch batch(int batchSize, LossKind loss, long seed) {
        int steps = 150;
        int nIn = 8;
        int nOut = 2;
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batchSize * steps * nIn];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.1 ? 1f : 0f;
        }
        double[] y = new double[batchSize * steps * nOut];
        boolean[] mask = new boolean[batchSize * steps];
        for (int b = 0; b < batchSize; b++) {
            int cls = r.nextInt(nOut);
            double ph = r.nextDouble() * 6.28;
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < nOut; k++) {
                    int idx = (b * steps + t) * nOut + k;
                    y[idx] = loss == LossKind.REGRESSION_MSE ? Math.sin(ph + 0.05 * t + k) : (k == cls ? 1.0 : 0.0);
                }
                mask[b * steps + t] = loss == LossKind.REGRESSION_MSE || t >= steps - 30;
            }
        }
        return new SequenceBatch(batchSize, steps, nIn, nOut, x, y, mask, loss);
    }
}
