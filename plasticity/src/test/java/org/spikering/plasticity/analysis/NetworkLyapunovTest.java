package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Lyapunov exponents of rate networks against an independent computation: the maximum exponent of a chaotic and of a
 * stable tanh network by the twin-trajectory method (TASKS.md §6.1: a nonlinear twin of the recorded trajectory,
 * advanced by this test's own loop, the separation renormalised to δ₀ = 1e-8 every step; no Jacobian), and against TASKS.md's reference values
 * for N = 200, h ← tanh(g J h): λ₁ ≈ +0.30 at g = 3, +0.15 at g = 2 (another draw of J: the spectrum is extensive,
 * so a draw moves λ₁ by about 0.01 at this N). The two methods agree to 2e-8 here; the test allows 1e-7.
 */
final class NetworkLyapunovTest {
    private static final int N = 200;
    private static final int KICK = 20;
    private static final long SEED = 3;

    /** h ← tanh(W h + W_in x): rate_leak with τ = dt (λ = 1), no bias. */
    static RecurrentNetwork tanhNetwork(final double gain, final long seed) {
        return RecurrentNetwork.randomRate(1, N, 1, new RateUnits(RateActivation.TANH, 1.0, LeakyRateUnit.Form.RATE_LEAK,
                0.0), NetworkParams.nestSineWave(), seed, 1.0, gain, 1.0);
    }

    /** N(0, 1) input for the first {@link #KICK} steps (to leave the fixed point at 0), then none. */
    static float[] kick(final int steps, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] x = new float[steps];
        for (int t = 0; t < KICK; t++) {
            x[t] = (float) (r.nextDouble() * 2.0 - 1.0);
        }
        return x;
    }

    /**
     * λ₁ per step by the twin-trajectory method along the network's recorded trajectory h^t ({@code tr.z}): a twin
     * h₂ = h + δ₀ e started at step 0 is advanced by this loop's own step h₂ ← tanh(W h₂ + W_in x^t), its separation
     * from h^t measured and renormalised to δ₀ every step; ln(d/δ₀) counted for the steps after {@code warmup}. Also
     * checks that one step of this loop from h^{t−1} gives the recorded h^t.
     */
    static double twinMaximum(final RecurrentNetwork net, final float[] x, final int warmup, final Trajectory tr) {
        final double[] w = net.wRec();
        final double[] wIn = net.wIn();
        final int steps = x.length;
        final double delta0 = 1e-8;
        // e: the first start vector of LyapunovSpectrum with seed SEED (its first n uniform draws − 0.5, normalised),
        // so that both methods follow the same tangent direction from step 0 (QR's first column is the normalised
        // tangent propagation of its first start vector)
        final SplittableRandom r = new SplittableRandom(SEED);
        final double[] e = new double[N];
        for (int i = 0; i < N; i++) {
            e[i] = r.nextDouble() - 0.5;
        }
        Vectors.scale(e, 1.0 / Vectors.norm(e));
        double[] h2 = new double[N];
        for (int i = 0; i < N; i++) {
            h2[i] = tr.z[i] + delta0 * e[i];
        }
        double sum = 0.0;
        double maxDiff = 0.0;
        for (int t = 1; t < steps; t++) {
            final double[] next = new double[N];
            double d2 = 0.0;
            for (int i = 0; i < N; i++) {
                double a = wIn[i] * x[t];
                double a2 = a;
                for (int j = 0; j < N; j++) {
                    a += w[i * N + j] * tr.z[(t - 1) * N + j];
                    a2 += w[i * N + j] * h2[j];
                }
                maxDiff = Math.max(maxDiff, Math.abs(Math.tanh(a) - tr.z[t * N + i]));
                next[i] = Math.tanh(a2);
                final double d = next[i] - tr.z[t * N + i];
                d2 += d * d;
            }
            final double d = Math.sqrt(d2);
            if (t > warmup) {
                sum += Math.log(d / delta0);
            }
            for (int i = 0; i < N; i++) {
                next[i] = tr.z[t * N + i] + (next[i] - tr.z[t * N + i]) * delta0 / d;
            }
            h2 = next;
        }
        assertTrue(maxDiff < 1e-12, "one step of this loop and the network's forward pass differ by " + maxDiff);
        return sum / (steps - 1 - warmup);
    }

    @Test
    void chaoticNetworkMatchesTheTwinTrajectoryEstimateAndTheReference() {
        for (double[] gRef : new double[][] {{3.0, 0.30}, {2.0, 0.15}}) {
            final RecurrentNetwork net = tanhNetwork(gRef[0], 21);
            final float[] x = kick(3500, 8);
            final Trajectory tr = NetworkLyapunov.run(net, x);
            final LyapunovSpectrum.Result r = NetworkLyapunov.compute(net, x, 4, 500, SEED, 100, false);
            final double twin = twinMaximum(net, x, 500, tr);
            assertEquals(twin, r.exponents()[0], 1e-7, "g = " + gRef[0]);
            assertEquals(gRef[1], r.exponents()[0], 0.03, "g = " + gRef[0] + " against TASKS.md's reference");
        }
    }

    @Test
    void stableNetworkAtTheOriginHasTheLogModuliOfItsJacobian() {
        // g = 0.5: the trajectory falls back to h = 0, where D = diag(tanh'(0)) W = W; the twin method measures ln ρ(W)
        final RecurrentNetwork net = tanhNetwork(0.5, 21);
        final float[] x = kick(2000, 8);
        final Trajectory tr = NetworkLyapunov.run(net, x);
        final LyapunovSpectrum.Result r = NetworkLyapunov.compute(net, x, 3, 500, SEED, 100, false);
        final double twin = twinMaximum(net, x, 500, tr);
        assertEquals(twin, r.exponents()[0], 1e-7);
        assertTrue(r.exponents()[0] < -0.5 && r.exponents()[0] > -0.8, "ln rho(W) near ln 0.5: " + r.exponents()[0]);
    }
}
