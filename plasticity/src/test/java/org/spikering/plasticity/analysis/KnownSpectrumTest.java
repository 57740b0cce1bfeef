package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Power iteration, Lanczos, the Jacobi eigen-solver and the central-difference HVP on operators whose spectra are
 * known by construction: A = Q diag(λ) Qᵀ with Q orthogonal (modified Gram–Schmidt of a random matrix) and chosen λ.
 */
final class KnownSpectrumTest {
    private static final int N = 30;

    /** λ_k = 10·0.8^k for k = 0 … N−1, the last four negative: −0.5, −1, −1.5, −2. Gap λ₂/λ₁ = 0.8. */
    private static double[] spectrum() {
        final double[] l = new double[N];
        for (int k = 0; k < N - 4; k++) {
            l[k] = 10.0 * Math.pow(0.8, k);
        }
        for (int k = 0; k < 4; k++) {
            l[N - 4 + k] = -0.5 * (k + 1);
        }
        return l;
    }

    static double[][] withSpectrum(final double[] lambda, final long seed) {
        final int n = lambda.length;
        final SplittableRandom r = new SplittableRandom(seed);
        final double[][] q = new double[n][];
        for (int k = 0; k < n; k++) {
            final double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextDouble() - 0.5;
            }
            for (int j = 0; j < k; j++) {
                Vectors.axpy(-Vectors.dot(q[j], v), q[j], v);
            }
            Vectors.scale(v, 1.0 / Vectors.norm(v));
            q[k] = v;
        }
        final double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += q[k][i] * lambda[k] * q[k][j];
                }
                a[i][j] = s;
            }
        }
        return a;
    }

    @Test
    void lanczosWithFullReorthogonalisationFindsTheTopEigenvalues() {
        final double[] l = spectrum();
        final VectorOperator a = VectorOperator.ofMatrix(withSpectrum(l, 1));
        final Lanczos.Result r = Lanczos.top(a, 5, N, 7);
        assertEquals(5, r.values().length);
        for (int k = 0; k < 5; k++) {
            assertEquals(l[k], r.values()[k], 1e-10 * l[0], "Ritz value " + k);
            assertTrue(r.residualBounds()[k] <= 1e-8, "bound " + r.residualBounds()[k]);
        }
        // the Ritz vectors are the constructed eigenvectors: A y = λ y, unit, orthogonal
        final double[][] m = withSpectrum(l, 1);
        for (int k = 0; k < 5; k++) {
            final double[] y = r.vectors()[k];
            assertEquals(1.0, Vectors.norm(y), 1e-12);
            double res = 0.0;
            for (int i = 0; i < N; i++) {
                double ay = 0.0;
                for (int j = 0; j < N; j++) {
                    ay += m[i][j] * y[j];
                }
                res += (ay - l[k] * y[i]) * (ay - l[k] * y[i]);
            }
            assertTrue(Math.sqrt(res) <= 1e-8, "|Ay - ly| = " + Math.sqrt(res) + " for vector " + k);
            for (int j = 0; j < k; j++) {
                assertEquals(0.0, Vectors.dot(y, r.vectors()[j]), 1e-10);
            }
        }
        // 12 steps: the largest already converged (Kaniel–Paige), the bound says how well
        final Lanczos.Result short12 = Lanczos.top(a, 1, 12, 7);
        assertTrue(Math.abs(short12.values()[0] - l[0]) <= Math.max(short12.residualBounds()[0], 1e-12) + 1e-12,
                "error " + Math.abs(short12.values()[0] - l[0]) + " vs bound " + short12.residualBounds()[0]);
    }

    @Test
    void jacobiReturnsTheConstructedSpectrumAndEigenvectors() {
        final double[] l = spectrum();
        final double[][] m = withSpectrum(l, 2);
        final SymmetricEigen.Decomposition d = SymmetricEigen.of(m);
        final double[] sorted = l.clone();
        java.util.Arrays.sort(sorted);
        for (int k = 0; k < N; k++) {
            assertEquals(sorted[N - 1 - k], d.values()[k], 1e-12 * l[0]);
            final double[] v = new double[N];
            for (int i = 0; i < N; i++) {
                v[i] = d.vectors()[i][k];
            }
            final double[] av = new double[N];
            VectorOperator.ofMatrix(m).apply(v, av);
            Vectors.axpy(-d.values()[k], v, av);
            assertTrue(Vectors.norm(av) <= 1e-11 * l[0], "residual of eigenvector " + k + ": " + Vectors.norm(av));
        }
    }

    @Test
    void powerIterationConvergesToTheLargestEigenvalueAtTheRateOfTheGap() {
        final double[] l = spectrum();
        final VectorOperator a = VectorOperator.ofMatrix(withSpectrum(l, 3));
        final PowerIteration.Result r = PowerIteration.run(a, 500, 1e-13, 5);
        assertTrue(r.converged(), "not converged in 500");
        assertEquals(l[0], r.eigenvalue(), 1e-10 * l[0]);
        // symmetric: the Rayleigh quotient's error falls like (λ₂/λ₁)^{2i} = 0.64^i, the residual like 0.8^i
        assertTrue(r.residual()[r.iterations() - 1] <= 1e-5 * l[0], "residual " + r.residual()[r.iterations() - 1]);
        final int i = 40;
        assertTrue(Math.abs(r.lambda()[i] - l[0]) <= 1e3 * Math.pow(0.64, i) * l[0],
                "error after " + i + ": " + Math.abs(r.lambda()[i] - l[0]));
        // a dominant negative eigenvalue: run() finds it, topAlgebraic() the largest algebraic one
        final double[] neg = l.clone();
        neg[N - 1] = -30.0;
        final VectorOperator b = VectorOperator.ofMatrix(withSpectrum(neg, 4));
        assertEquals(-30.0, PowerIteration.run(b, 1000, 1e-14, 5).eigenvalue(), 1e-8);
        assertEquals(10.0, PowerIteration.topAlgebraic(b, 2000, 1e-14, 5).eigenvalue(), 1e-7);
    }

    @Test
    void centralDifferencesOfAnAffineGradientAreExactAndTheSymmetryCheckSeesAsymmetry() {
        final double[][] a = withSpectrum(spectrum(), 6);
        final double[] b = new double[N];
        b[3] = 2.0;
        // L(θ) = ½ θᵀAθ + bᵀθ, g = Aθ + b, H = A
        final GradientOracle quad = new GradientOracle() {
            @Override
            public int dimension() {
                return N;
            }

            @Override
            public double gradient(final double[] theta, final double[] grad) {
                VectorOperator.ofMatrix(a).apply(theta, grad);
                Vectors.axpy(1.0, b, grad);
                return 0.5 * Vectors.dot(theta, grad) + 0.5 * Vectors.dot(b, theta);
            }
        };
        final double[] theta = new double[N];
        java.util.Arrays.fill(theta, 0.3);
        final HessianVectorProduct h = new HessianVectorProduct(quad, theta, HessianVectorProduct.defaultStep(theta));
        final double[] v = Vectors.randomUnit(N, new SplittableRandom(9));
        final double[] hv = new double[N];
        final double[] av = new double[N];
        h.apply(v, hv);
        VectorOperator.ofMatrix(a).apply(v, av);
        for (int i = 0; i < N; i++) {
            assertEquals(av[i], hv[i], 1e-8, "entry " + i);
        }
        assertEquals(2, h.gradientCalls());
        assertTrue(SymmetryCheck.of(h, 1).asymmetry() <= 1e-8);
        // A + S with S skew: vᵀ(A+S)w − wᵀ(A+S)v = 2 vᵀSw
        final double[][] skewed = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                skewed[i][j] = a[i][j] + (i < j ? 1.0 : i > j ? -1.0 : 0.0);
            }
        }
        final SymmetryCheck s = SymmetryCheck.of(VectorOperator.ofMatrix(skewed), 1);
        final SplittableRandom r = new SplittableRandom(1);
        final double[] x = Vectors.randomUnit(N, r);
        final double[] y = Vectors.randomUnit(N, r);
        double vsw = 0.0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                vsw += x[i] * (i < j ? 1.0 : i > j ? -1.0 : 0.0) * y[j];
            }
        }
        assertEquals(2.0 * vsw, s.vAw() - s.wAv(), 1e-12);
        assertTrue(s.asymmetry() > 0.01, "asymmetry " + s.asymmetry());
    }
}
