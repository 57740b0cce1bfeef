package org.spikering.plasticity.rate;

import java.util.SplittableRandom;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;

/** Tiny rate networks and batches with analog inputs for the rate tests. */
final class RateFixtures {
    static final int IN = 3;
    static final int REC = 5;
    static final int OUT = 2;
    static final int STEPS = 14;
    static final int BATCH = 2;

    private RateFixtures() {
    }

    /** dt = 1 ms, so λ = 1/τ. */
    static NetworkParams params() {
        return NetworkParams.nestSineWave();
    }

    /** A random rate network, τ = 4 ms (λ = 0.25), bias 0.2, gains 1.5 (input), 1.3 (recurrent), 1 (output). */
    static RecurrentNetwork net(RateActivation phi, LeakyRateUnit.Form form, long seed) {
        return RecurrentNetwork.randomRate(IN, REC, OUT, new RateUnits(phi, 4.0, form, 0.2), params(), seed,
                1.5, 1.3, 1.0);
    }

    /**
     * Analog inputs in [−0.5, 1); regression: random targets in [−1, 1], about 70 % of the steps masked;
     * classification: one class per sequence, its one-hot target masked on the last 5 steps.
     */
    static SequenceBatch batch(LossKind loss, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[BATCH * STEPS * IN];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (1.5 * r.nextDouble() - 0.5);
        }
        double[] y = new double[BATCH * STEPS * OUT];
        boolean[] mask = new boolean[BATCH * STEPS];
        for (int b = 0; b < BATCH; b++) {
            int cls = r.nextInt(OUT);
            for (int t = 0; t < STEPS; t++) {
                int bt = b * STEPS + t;
                if (loss == LossKind.REGRESSION_MSE) {
                    mask[bt] = r.nextDouble() < 0.7;
                    for (int k = 0; k < OUT; k++) {
                        y[bt * OUT + k] = 2.0 * r.nextDouble() - 1.0;
                    }
                } else {
                    mask[bt] = t >= STEPS - 5;
                    y[bt * OUT + cls] = 1.0;
                }
            }
        }
        mask[0] = true;
        return new SequenceBatch(BATCH, STEPS, IN, OUT, x, y, mask, loss);
    }
}
