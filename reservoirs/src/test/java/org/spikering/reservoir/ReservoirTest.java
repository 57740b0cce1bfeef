package org.spikering.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.reservoir.analysis.Lyapunov;
import org.spikering.reservoir.bench.MemoryCapacity;
import org.spikering.reservoir.bench.Narma10;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.esn.SpectralRadius;
import org.spikering.reservoir.readout.RidgeRegression;

final class ReservoirTest {

    private static EsnParameters linearOrthogonal(final int n, final double rho) {
        return new EsnParameters(n, rho, 1.0, 1.0, 1.0, 0.0, EsnParameters.Activation.LINEAR,
                EsnParameters.Topology.ORTHOGONAL, 3);
    }

    @Test
    void shouldReachMemoryCapacityCloseToNForALinearOrthogonalReservoirAndNeverAbove() {
        // seed 5 is one whose plain held-out sum exceeded N (20.05 for N = 20, 50.07 for N = 50) before the
        // test design was whitened
        for (int n : new int[] {10, 20, 50}) {
            for (long seed = 1; seed <= 6; seed++) {
                final EsnParameters p = new EsnParameters(n, 0.9, 1.0, 1.0, 1.0, 0.0, EsnParameters.Activation.LINEAR,
                        EsnParameters.Topology.ORTHOGONAL, seed);
                final MemoryCapacity.Result r = MemoryCapacity.measure(new EchoStateNetwork(p, 1), 2 * n, 1000,
                        20_000, 5000, 1e-10, seed);
                assertTrue(r.capacity() > 0.94 * n, "N = " + n + ", seed " + seed + ": MC = " + r.capacity());
                assertTrue(r.capacity() <= n, "N = " + n + ", seed " + seed + ": MC = " + r.capacity() + " above N");
            }
        }
    }

    @Test
    void shouldRejectATestWindowShorterThanTheDelays() {
        final EchoStateNetwork esn = new EchoStateNetwork(linearOrthogonal(10, 0.9), 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemoryCapacity.measure(esn, 20, 100, 1000, 20, 1e-8, 1));
        assertTrue(e.getMessage().contains("test = 20"), e.getMessage());
    }

    /** Sample mean and standard deviation. */
    private static double[] meanSd(final double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return new double[] {m, Math.sqrt(ss / (x.length - 1))};
    }

    /**
     * TASKS.md §2.1 (computed there by the team, protocol in its §8; mean of seeds 0–2, no spread given): tanh ESN,
     * dense Gaussian W at ρ = 0.95, W_in ~ U[−1, 1] (input scale 1), N = 50, u ~ U[−0.8, 0.8], wash-out 500 + k_max,
     * 5000 training and 2000 test steps, ridge 1e-9, delays 1 … 2N: MC = 11.8 (Jaeger 2001's bound is N = 50). Here
     * the same protocol over 6 seeds, summing delays 1 … 100 of {@link MemoryCapacity} (which also counts delay 0,
     * left out here; its whitened, bias-adjusted r² differs from plain squared Pearson by about 1/T per delay, 0.05
     * in total). The mean must agree with 11.8 within 3 standard errors of the difference of the two means, taking
     * the reference's 3 seeds to spread as ours do (measured: mean 10.9, sd 0.65 over 8 seeds).
     */
    @Test
    void shouldLoseMemoryWithASaturatingTanhReservoirAsTasksMdMeasured() {
        final int seeds = 6;
        final double[] mc = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            final EsnParameters p = new EsnParameters(50, 0.95, 1.0, 1.0, 1.0, 0.0, EsnParameters.Activation.TANH,
                    EsnParameters.Topology.GAUSSIAN, s);
            final MemoryCapacity.Result r = MemoryCapacity.measure(new EchoStateNetwork(p, 1), 101, 600, 5000, 2000, 1e-9,
                    100 + s);
            for (int k = 1; k <= 100; k++) {
                mc[s] += r.perDelay()[k];
            }
        }
        final double[] ms = meanSd(mc);
        final double margin = 3 * ms[1] * Math.sqrt(1.0 / seeds + 1.0 / 3);
        assertEquals(11.8, ms[0], margin, "MC over " + seeds + " seeds: mean " + ms[0] + ", sd " + ms[1]
                + " (TASKS.md: 11.8)");
        assertTrue(ms[1] < 1.5, "seed-to-seed sd " + ms[1] + ": a wide spread would make the check loose");
    }

    /** The dense W of an ESN, column by column through W·e_j. */
    private static double[] dense(final EchoStateNetwork esn, final int n) {
        final double[] w = new double[n * n];
        final double[] e = new double[n];
        final double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            esn.applyJacobianLinear(e, col);
            for (int i = 0; i < n; i++) {
                w[i * n + j] = col[i];
            }
        }
        return w;
    }

    /**
     * Spectral radius by a method independent of the eigen-solver that scaled W (Commons Math's Hessenberg–Schur
     * decomposition): power iteration with a two-term fit. The normalised iterates x_k = W^k x / ‖W^k x‖ approach the
     * invariant subspace of the dominant eigenvalue(s), a real one or a complex pair λ, λ̄; there W²x = p·Wx + q·x
     * holds with p = λ1 + λ2 and q = −λ1λ2, so the least-squares (p, q) from x, Wx, W²x give the roots of
     * z² − p z − q, and ρ = the larger root modulus (√−q for a complex pair). Returns the estimates after
     * {@code iterations − 500} and after {@code iterations} steps, to show convergence.
     */
    private static double[] powerTwoTermRadius(final double[] w, final int n, final int iterations) {
        final double[] x = new double[n];
        final SplittableRandom r = new SplittableRandom(99);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() - 0.5;
        }
        final double[] y1 = new double[n];
        final double[] y2 = new double[n];
        final double[] out = new double[2];
        for (int k = 1; k <= iterations; k++) {
            double norm = 0;
            for (double v : x) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                x[i] /= norm;
            }
            multiply(w, n, x, y1);
            multiply(w, n, y1, y2);
            double a11 = 0;
            double a12 = 0;
            double a22 = 0;
            double b1 = 0;
            double b2 = 0;
            for (int i = 0; i < n; i++) {
                a11 += y1[i] * y1[i];
                a12 += y1[i] * x[i];
                a22 += x[i] * x[i];
                b1 += y2[i] * y1[i];
                b2 += y2[i] * x[i];
            }
            final double det = a11 * a22 - a12 * a12;
            final double p = (b1 * a22 - b2 * a12) / det;
            final double q = (a11 * b2 - a12 * b1) / det;
            final double disc = p * p + 4 * q;
            final double rho = disc < 0 ? Math.sqrt(-q) : (Math.abs(p) + Math.sqrt(disc)) / 2;
            if (k == iterations - 500) {
                out[0] = rho;
            }
            out[1] = rho;
            System.arraycopy(y1, 0, x, 0, n);
        }
        return out;
    }

    private static void multiply(final double[] w, final int n, final double[] x, final double[] y) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += w[i * n + j] * x[j];
            }
            y[i] = s;
        }
    }

    @Test
    void shouldHaveTheRequestedSpectralRadiusByAnIndependentMethod() {
        final EchoStateNetwork esn = new EchoStateNetwork(EsnParameters.tanh(200, 4).withSpectralRadius(0.9), 1);
        assertEquals(0.9, esn.spectralRadius(), 1e-12, "reported");
        final double[] est = powerTwoTermRadius(dense(esn, 200), 200, 3000);
        assertEquals(est[0], est[1], 1e-12, "the independent estimate must have converged");
        assertEquals(0.9, est[1], 1e-11, "spectral radius of W by power iteration");
    }

    @Test
    void shouldEstimateSpectralRadiusByPowerIterationToAFewPerMille() {
        final int n = 300;
        final EchoStateNetwork esn = new EchoStateNetwork(EsnParameters.tanh(n, 8).withSpectralRadius(1.3), 1);
        final double[] w = dense(esn, n);
        final double[] independent = powerTwoTermRadius(w, n, 3000);
        assertEquals(independent[0], independent[1], 1e-12, "the independent estimate must have converged");
        assertEquals(1.3, independent[1], 1e-11, "W scaled to 1.3");
        assertEquals(independent[1], SpectralRadius.exact(w, n), 1e-11, "SpectralRadius.exact");
        // the library's estimator for large sparse W is only claimed to a few per mille
        assertEquals(independent[1], SpectralRadius.powerEstimate(w, n), 5e-3 * 1.3, "SpectralRadius.powerEstimate");
    }

    @Test
    void shouldRecoverAKnownLinearMapExactly() {
        final SplittableRandom r = new SplittableRandom(1);
        final double[][] x = new double[300][4];
        final double[][] y = new double[300][2];
        for (int t = 0; t < 300; t++) {
            for (int i = 0; i < 4; i++) {
                x[t][i] = r.nextDouble() - 0.5;
            }
            y[t][0] = 2 * x[t][0] - 3 * x[t][3] + 0.5;
            y[t][1] = -x[t][1] + x[t][2];
        }
        final RidgeRegression ridge = RidgeRegression.fitCrossValidated(x, y, new double[] {0, 1e-3, 1}, 5);
        assertEquals(0.0, ridge.lambda());
        assertEquals(2.0, ridge.coefficient(0, 0), 1e-8);
        assertEquals(-3.0, ridge.coefficient(3, 0), 1e-8);
        assertEquals(0.5, ridge.coefficient(4, 0), 1e-8);
        assertEquals(1.0, ridge.coefficient(2, 1), 1e-8);
        assertEquals(0.0, ridge.coefficient(0, 1), 1e-8);
    }

    @Test
    void shouldGiveLogOfTheLargestEigenvalueForALinearMapAndANegativeExponentForAContractingNetwork() {
        // block-diagonal map with eigenvalues 0.5 ± 0.6i (|λ| = 0.781) and 0.3
        final double[] a = {0.5, -0.6, 0, 0.6, 0.5, 0, 0, 0, 0.3};
        assertEquals(Math.log(Math.hypot(0.5, 0.6)), Lyapunov.ofLinearMap(a, 3, 5000), 1e-6);
        final EchoStateNetwork contracting = new EchoStateNetwork(EsnParameters.tanh(100, 2).withSpectralRadius(0.5), 1);
        final double[] u = new double[3000];
        final SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < u.length; t++) {
            u[t] = r.nextDouble() - 0.5;
        }
        final double mle = Lyapunov.maximum(contracting, u, 200);
        assertTrue(mle < Math.log(0.5) + 0.05, "contracting network (rho 0.5): MLE " + mle + " must be about ln 0.5 or below");
        final double chaotic = Lyapunov.maximum(new EchoStateNetwork(EsnParameters.tanh(100, 2).withSpectralRadius(3.0)
                .withInputScaling(0.01), 1), u, 200);
        assertTrue(chaotic > 0, "rho = 3 autonomous-like tanh network should be chaotic: " + chaotic);
    }

    /**
     * TASKS.md §2.2 (computed there by the team): plain tanh ESN, N = 200, dense Gaussian W, bias-free, W_in ~ U[−s, s],
     * ridge readout with bias, 4000 training and 2000 test steps after a 200-step wash-out, (ρ, s) = (0.8, 0.3)
     * chosen there on a validation set: test NRMSE 0.220 ± 0.020 (mean ± sd over 5 seeds). Same network and split
     * here over 5 seeds (λ by 5-fold cross-validation on the training part instead of a validation set; measured over
     * 8 seeds: mean 0.203, sd 0.027). The mean must agree with 0.220 within 3 standard errors of the difference of
     * the two means.
     */
    @Test
    void shouldPredictNarma10AsTasksMdMeasured() {
        final int seeds = 5;
        final double[] nrmse = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            final EsnParameters p = new EsnParameters(200, 0.8, 1.0, 0.3, 1.0, 0.0, EsnParameters.Activation.TANH,
                    EsnParameters.Topology.GAUSSIAN, s + 1);
            nrmse[s] = Narma10.run(new EchoStateNetwork(p, 1), 6200, 200, 2000, 101 + s).testNrmse();
        }
        final double[] ms = meanSd(nrmse);
        final double margin = 3 * Math.sqrt(ms[1] * ms[1] / seeds + 0.020 * 0.020 / 5);
        assertEquals(0.220, ms[0], margin, "NARMA-10 NRMSE over " + seeds + " seeds: mean " + ms[0] + ", sd " + ms[1]
                + " (TASKS.md: 0.220 +- 0.020)");
    }

    @Test
    void shouldNameBadParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EsnParameters.tanh(10, 1).withSpectralRadius(0));
        assertTrue(e.getMessage().contains("spectral_radius = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EsnParameters.tanh(10, 1).withSpectralRadius(Double.NaN));
        assertTrue(e.getMessage().contains("spectral_radius = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EsnParameters.tanh(0, 1));
        assertTrue(e.getMessage().contains("size = 0"), e.getMessage());
        final EchoStateNetwork esn = new EchoStateNetwork(EsnParameters.tanh(20, 1), 1);
        e = assertThrows(IllegalArgumentException.class, () -> Narma10.run(esn, 1000, 2000, 100, 1));
        assertTrue(e.getMessage().contains("washout = 2000 steps: must be in [0, 890]"), e.getMessage());
    }
}
