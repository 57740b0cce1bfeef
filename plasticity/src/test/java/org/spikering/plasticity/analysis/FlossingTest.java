package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * {@link Flossing}: its per-step gradient against two independent answers on a linear rate network (ψ = 1, so the
 * trajectory does not depend on W_rec): for k = n, Σ_i ∂ln R_ii/∂W = λ D^{−T} per step (d ln|det D|, D inverted here
 * by Gauss–Jordan); for k &lt; n over one map from the fixed Q_0, central finite differences of L itself; and flossing
 * pre-training of a chaotic tanh network lowers |λ_max|.
 */
final class FlossingTest {
    private static final int N = 6;

    private static RecurrentNetwork linear(final long seed) {
        return RecurrentNetwork.randomRate(2, N, 1, new RateUnits(RateActivation.LINEAR, 3.0,
                LeakyRateUnit.Form.RATE_LEAK, 0.0), NetworkParams.nestSineWave(), seed, 1.0, 0.9, 1.0);
    }

    private static float[] input(final int steps, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] x = new float[steps * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() - 0.5);
        }
        return x;
    }

    private static double[][] inverse(final double[][] m) {
        final int n = m.length;
        final double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1.0;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
                    p = i;
                }
            }
            final double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            final double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int i = 0; i < n; i++) {
                if (i != c) {
                    final double f = a[i][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[i][j] -= f * a[c][j];
                    }
                }
            }
        }
        final double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    @Test
    void fullSpectrumGradientIsTheLogDeterminantsGradient() {
        final RecurrentNetwork net = linear(3);
        final float[] x = input(60, 1);
        final NetworkTangentMap map = new NetworkTangentMap(net, NetworkLyapunov.run(net, x), false);
        final double[] coef = new double[N];
        java.util.Arrays.fill(coef, 1.0);
        final double[] g = new double[N * N];
        Flossing.logGrowthGradient(map, N, 9, 4, coef, g);
        final double lambda = 1.0 / 3.0;
        final double[][] d = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                d[i][j] = (i == j ? 1 - lambda : 0.0) + lambda * net.wRec()[i * N + j];
            }
        }
        final double[][] inv = inverse(d);
        final int counted = 59 - 9;
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                final double want = a == b ? 0.0 : counted * lambda * inv[b][a];
                assertEquals(want, g[a * N + b], 1e-10 * counted, "W_rec[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void oneMapGradientMatchesFiniteDifferencesOfTheLoss() {
        final RecurrentNetwork net = linear(8);
        final float[] x = input(2, 5);
        final int k = 3;
        final Flossing.Result r = Flossing.lossAndGradient(net, x, k, 0, 6);
        final double eps = 1e-6;
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                if (a == b) {
                    assertEquals(0.0, r.gradient()[a * N + b], 0.0);
                    continue;
                }
                final RecurrentNetwork p = net.copy();
                final RecurrentNetwork m = net.copy();
                p.wRec()[a * N + b] += eps;
                m.wRec()[a * N + b] -= eps;
                final double fd = (Flossing.lossAndGradient(p, x, k, 0, 6).loss()
                        - Flossing.lossAndGradient(m, x, k, 0, 6).loss()) / (2 * eps);
                assertEquals(fd, r.gradient()[a * N + b], 1e-8, "W_rec[" + a + "][" + b + "]");
            }
        }
    }

    @Test
    void flossingPretrainingLowersTheMaximumExponentOfAChaoticNetwork() {
        final int n = 40;
        final RecurrentNetwork net = RecurrentNetwork.randomRate(1, n, 1, new RateUnits(RateActivation.TANH, 1.0,
                LeakyRateUnit.Form.RATE_LEAK, 0.0), NetworkParams.nestSineWave(), 2, 1.0, 3.0, 1.0);
        final List<double[]> h = Flossing.pretrain(net, e -> NetworkLyapunovTest.kick(600, 100 + e), 40, 4, 200, 0.01, 1);
        final double before = h.get(0)[1];
        final double after = h.get(h.size() - 1)[1];
        assertTrue(before > 0.2, "chaotic before: lambda_1 = " + before);
        assertTrue(Math.abs(after) < 0.25 * before, "lambda_1 " + before + " -> " + after);
        assertTrue(h.get(h.size() - 1)[0] < 0.1 * h.get(0)[0], "loss " + h.get(0)[0] + " -> " + h.get(h.size() - 1)[0]);
    }
}
