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

    @Test
    void shouldLoseMemoryWithASaturatingTanhReservoir() {
        final EsnParameters p = new EsnParameters(50, 0.95, 1.0, 1.0, 1.0, 0.0, EsnParameters.Activation.TANH,
                EsnParameters.Topology.GAUSSIAN, 2);
        final double mc = MemoryCapacity.measure(new EchoStateNetwork(p, 1), 100, 200, 5000, 2000, 1e-8, 1).capacity();
        assertTrue(mc < 25, "TASKS.md: tanh, input scale 1, N 50 gives MC about 12; got " + mc);
    }

    @Test
    void shouldReportTheRequestedSpectralRadius() {
        final EchoStateNetwork esn = new EchoStateNetwork(EsnParameters.tanh(200, 4).withSpectralRadius(0.9), 1);
        assertEquals(0.9, esn.spectralRadius(), 1e-9);
    }

    @Test
    void shouldEstimateSpectralRadiusByPowerIterationToAFewPerMille() {
        final int n = 300;
        final EchoStateNetwork esn = new EchoStateNetwork(EsnParameters.tanh(n, 8).withSpectralRadius(1.3), 1);
        // rebuild the dense matrix through the exact path: compare both estimators on the same W
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
        assertEquals(SpectralRadius.exact(w, n), SpectralRadius.powerEstimate(w, n), 5e-3 * 1.3);
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

    @Test
    void shouldPredictNarma10WithinPublishedErrors() {
        final EsnParameters p = new EsnParameters(200, 0.9, 0.1, 0.3, 1.0, 0.0, EsnParameters.Activation.TANH,
                EsnParameters.Topology.GAUSSIAN, 1);
        final Narma10.Result r = Narma10.run(new EchoStateNetwork(p, 1), 6200, 200, 2000, 5);
        assertTrue(r.testNrmse() < 0.35, "NARMA-10 NRMSE " + r.testNrmse() + " (TASKS.md: N = 200 gives 0.22)");
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
