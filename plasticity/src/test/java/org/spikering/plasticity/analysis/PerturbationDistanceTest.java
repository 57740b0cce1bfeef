package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * {@link PerturbationDistance} on a case with a known answer: a linear rate network with W_in = I and W_rec = 0, so the
 * extra input at t₀ on input i moves only unit i, by δr(s) = λ (1 − λ)^s, and the liquid-state difference is
 * δx(s) = Σ_{u ≤ s} e^{−(s−u) dt/τ} λ (1 − λ)^u whatever t₀ and i; and on a spiking network whose extra spike dies.
 */
final class PerturbationDistanceTest {

    @Test
    void linearNetworkWithoutRecurrenceHasTheAnalyticDistance() {
        final int n = 4;
        final double[] wIn = new double[n * n];
        for (int i = 0; i < n; i++) {
            wIn[i * n + i] = 1.0;
        }
        final NetworkParams p = NetworkParams.nestSineWave();
        final RecurrentNetwork net = new RecurrentNetwork(n, n, 1, new boolean[n], p, wIn, new double[n * n],
                new double[n], new RateUnits(RateActivation.LINEAR, 5.0, LeakyRateUnit.Form.RATE_LEAK, 0.0), null);
        final float[] x = new float[200 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.1 * i);
        }
        final int lags = 40;
        final PerturbationDistance.Result r = PerturbationDistance.compute(net, x, lags, 7, 30.0, 3);
        final double lambda = 0.2;
        final double decay = Math.exp(-1.0 / 30.0);
        double dx = 0.0;
        for (int s = 0; s <= lags; s++) {
            dx = decay * dx + lambda * Math.pow(1 - lambda, s);
            assertEquals(dx, r.meanDistance()[s], 1e-6 * dx, "lag " + s);
        }
        assertEquals(0, r.firstLag());
        assertEquals(Math.log(r.meanDistance()[lags] / r.meanDistance()[0]) / lags, r.lambdaPerMs(), 1e-12);
        assertEquals(0, r.died());
    }

    @Test
    void silentSpikingNetworkNeverChangesAndHasNoEstimate() {
        final NetworkParams p = NetworkParams.nestSineWave();
        final RecurrentNetwork net = new RecurrentNetwork(2, 3, 1, new boolean[3], p, new double[6], new double[9],
                new double[3]);
        final PerturbationDistance.Result r = PerturbationDistance.compute(net, new float[100 * 2], 20, 5, 30.0, 1);
        assertEquals(-1, r.firstLag());
        assertTrue(Double.isNaN(r.lambdaPerMs()));
        assertEquals(5, r.died());
    }
}
