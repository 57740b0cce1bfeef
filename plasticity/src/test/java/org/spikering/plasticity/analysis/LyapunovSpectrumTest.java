package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LyapunovSpectrum} on linear maps x ← A x, whose Lyapunov exponents are the log-moduli of A's eigenvalues,
 * known by construction: a normal A = O B Oᵀ (O orthogonal, B block-diagonal with rotation–scaling 2×2 blocks, whose
 * complex pairs give two equal exponents, and real 1×1 blocks) and a non-normal upper-triangular A (eigenvalues = its
 * diagonal, strong off-diagonal coupling).
 */
final class LyapunovSpectrumTest {

    /** A fixed matrix as a tangent map, T steps. */
    static TangentMap constant(final double[][] a, final int steps) {
        final int n = a.length;
        return new TangentMap() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public int steps() {
                return steps;
            }

            @Override
            public void apply(final int t, final double[] q, final int k, final double[] out) {
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < n; i++) {
                        double s = 0.0;
                        for (int j = 0; j < n; j++) {
                            s += a[i][j] * q[c * n + j];
                        }
                        out[c * n + i] = s;
                    }
                }
            }
        };
    }

    @Test
    void normalMapExponentsAreTheLogModuliOfItsEigenvalues() {
        // moduli of the blocks: pairs 1.3 (θ 0.7), 0.9 (θ 2.1), 0.5 (θ 1.0); reals −1.1, 0.8, 0.2
        final double[][] b = new double[9][9];
        block(b, 0, 1.3, 0.7);
        block(b, 2, 0.9, 2.1);
        block(b, 4, 0.5, 1.0);
        b[6][6] = -1.1;
        b[7][7] = 0.8;
        b[8][8] = 0.2;
        final double[][] o = orthogonal(9, 3);
        final double[][] a = new double[9][9];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                double s = 0.0;
                for (int p = 0; p < 9; p++) {
                    for (int q = 0; q < 9; q++) {
                        s += o[i][p] * b[p][q] * o[j][q];
                    }
                }
                a[i][j] = s;
            }
        }
        final double[] expected = {Math.log(1.3), Math.log(1.3), Math.log(1.1), Math.log(0.9), Math.log(0.9),
            Math.log(0.8), Math.log(0.5), Math.log(0.5), Math.log(0.2)};
        final LyapunovSpectrum.Result r = LyapunovSpectrum.compute(constant(a, 20_000), 9, 1000, 11, 1000);
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], r.exponents()[i], 2e-4, "exponent " + (i + 1) + ": " + Arrays.toString(r.exponents()));
        }
        assertEquals(19_000, r.counted());
    }

    @Test
    void nonNormalMapExponentsAreTheLogModuliOfItsDiagonal() {
        final int n = 12;
        final SplittableRandom rng = new SplittableRandom(4);
        final double[][] a = new double[n][n];
        final double[] d = {2.0, -1.5, 1.2, 0.95, -0.9, 0.7, 0.6, -0.4, 0.3, 0.25, -0.1, 0.05};
        for (int i = 0; i < n; i++) {
            a[i][i] = d[i];
            for (int j = i + 1; j < n; j++) {
                a[i][j] = 3.0 * (rng.nextDouble() - 0.5);
            }
        }
        final double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Math.log(Math.abs(d[i]));
        }
        Arrays.sort(expected);
        final LyapunovSpectrum.Result r = LyapunovSpectrum.compute(constant(a, 40_000), 6, 2000, 5, 40_000);
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[n - 1 - i], r.exponents()[i], 2e-3, "exponent " + (i + 1) + ": "
                    + Arrays.toString(r.exponents()));
        }
    }

    @Test
    void traceRecordsTheRunningEstimatesAndEndsAtTheResult() {
        final double[][] a = {{0.5, 0.0}, {0.0, 0.25}};
        // 60 warm-up steps align the vectors with e1, e2 to 2^−60 (ratio 0.25/0.5 per step)
        final LyapunovSpectrum.Result r = LyapunovSpectrum.compute(constant(a, 160), 2, 60, 1, 30);
        assertEquals(100, r.counted());
        assertEquals(4, r.traceSteps().length);
        assertEquals(90, r.traceSteps()[0]);
        assertEquals(160, r.traceSteps()[3]);
        assertEquals(Math.log(0.5), r.trace()[0][0], 1e-12);
        assertEquals(r.exponents()[1], r.trace()[3][1], 0.0);
        assertEquals(Math.log(0.25), r.exponents()[1], 1e-12);
    }

    @Test
    void kaplanYorkeDimensionOfAKnownSpectrum() {
        // partial sums 0.5, 0.6, 0.2, −0.8: j = 3, D = 3 + 0.2 / 1.0
        assertEquals(3.2, LyapunovSpectrum.kaplanYorke(new double[] {0.5, 0.1, -0.4, -1.0}), 1e-12);
        assertEquals(0.0, LyapunovSpectrum.kaplanYorke(new double[] {-0.1, -0.2}), 0.0);
        assertEquals(2.0, LyapunovSpectrum.kaplanYorke(new double[] {0.1, 0.0}), 0.0);
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        final TangentMap m = constant(new double[][] {{1.0}}, 10);
        assertEquals("k = 2: must be in [1, 1] (the state dimension)",
                assertThrows(IllegalArgumentException.class, () -> LyapunovSpectrum.compute(m, 2, 0, 1, 1)).getMessage());
        assertEquals("warmup = 10: must be in [0, 10) (the steps)",
                assertThrows(IllegalArgumentException.class, () -> LyapunovSpectrum.compute(m, 1, 10, 1, 1)).getMessage());
    }

    private static void block(final double[][] b, final int at, final double modulus, final double theta) {
        b[at][at] = modulus * Math.cos(theta);
        b[at][at + 1] = -modulus * Math.sin(theta);
        b[at + 1][at] = modulus * Math.sin(theta);
        b[at + 1][at + 1] = modulus * Math.cos(theta);
    }

    /** Rows of an orthogonal matrix: classical Gram–Schmidt of random vectors. */
    static double[][] orthogonal(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                q[k][i] = r.nextDouble() - 0.5;
            }
            for (int j = 0; j < k; j++) {
                final double d = Vectors.dot(q[j], q[k]);
                Vectors.axpy(-d, q[j], q[k]);
            }
            Vectors.scale(q[k], 1.0 / Vectors.norm(q[k]));
        }
        return q;
    }
}
