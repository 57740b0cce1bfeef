package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * {@link RateSyntheticGradients} and {@link AccumulateBpLambdaTrace} against independent computations: the
 * least-squares solution and the analytic Jacobian of a linear network, the plain DNI update and the eligibility-trace
 * form written out here with explicit matrices, and BPTT with a hand-derived exact A.
 */
class RateSyntheticGradientsTest {

    private static RateSyntheticGradients rule(double lambda, double lrJ, RateSyntheticGradients.Jacobian jac) {
        return new RateSyntheticGradients(new RateSyntheticGradients.Settings(lambda, 1e-3, lrJ, jac),
                new SymmetricFeedback(), "test");
    }

    /** Zero-mean Gaussian inputs, one masked step per sequence (the last; J's fit does not depend on the error). */
    private static SequenceBatch noiseBatch(int batch, int steps, int in, int out, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * steps * in];
        double[] g = RecurrentNetwork.gaussian(r, x.length, 1.0);
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) g[k];
        }
        boolean[] mask = new boolean[batch * steps];
        for (int b = 0; b < batch; b++) {
            mask[b * steps + steps - 1] = true;
        }
        return new SequenceBatch(batch, steps, in, out, x, new double[batch * steps * out], mask, LossKind.REGRESSION_MSE);
    }

    @Test
    void learnedJacobianIsTheLeastSquaresFitAndOnALinearNetworkTheTrueJacobian() {
        final int n = 4;
        RecurrentNetwork net = RecurrentNetwork.randomRate(n, n, 1, new RateUnits(RateActivation.LINEAR, 2.0,
                LeakyRateUnit.Form.RATE_LEAK, 0.0), RateFixtures.params(), 7, 1.0, 0.8, 1.0);
        SequenceBatch batch = noiseBatch(32, 400, n, 1, 11);
        // least squares of r^t on [r^{t−1}; 1]: [J_LS c_LS] = C10 C00^{-1}, from the recorded trajectories
        final int m = n + 1;
        double[] c00 = new double[m * m];
        double[] c10 = new double[m * m];
        Trajectory tr = new Trajectory(batch.steps(), n, 1);
        for (int s = 0; s < batch.batchSize(); s++) {
            RateForwardPass.run(net, batch, s, tr);
            for (int t = 1; t < tr.steps; t++) {
                for (int i = 0; i < m; i++) {
                    for (int k = 0; k < m; k++) {
                        double pi = i < n ? tr.z[(t - 1) * n + i] : 1.0;
                        double pk = k < n ? tr.z[(t - 1) * n + k] : 1.0;
                        c00[i * m + k] += pi * pk;
                        c10[i * m + k] += i < n ? tr.z[t * n + i] * pk : 0.0; // row n unused
                    }
                }
            }
        }
        double[] ls = solveRight(c10, c00, m);
        double[] jLs = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ls, i * m, jLs, i * n, n);
        }
        // gradient descent on the same batch; the normalised step η_J = 1 is 1 / trace(C00) ≤ 1 / λ_max: converges to J_LS
        RateSyntheticGradients g = rule(0.0, 1.0, RateSyntheticGradients.Jacobian.LEARNED);
        Gradients out = Gradients.zerosFor(net);
        for (int it = 0; it < 700; it++) {
            g.compute(net, batch, out);
        }
        double[] j = g.learnedJacobian();
        for (int k = 0; k < n * n; k++) {
            assertEquals(jLs[k], j[k], 1e-9, "J vs least squares, entry " + k);
        }
        // the true Jacobian of r^t = (1 − α) r^{t−1} + α (W_rec r^{t−1} + W_in x^t), α = 0.5
        double num = 0.0;
        double den = 0.0;
        double numWrong = 0.0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double d = 0.5 * net.wRec()[i * n + k] + (i == k ? 0.5 : 0.0);
                num += (j[i * n + k] - d) * (j[i * n + k] - d);
                numWrong += (j[i * n + k] - net.wRec()[i * n + k]) * (j[i * n + k] - net.wRec()[i * n + k]);
                den += d * d;
            }
        }
        // 12 800 samples: sampling error of the fit about 1/sqrt(12 800) ≈ 0.009 relative
        assertTrue(Math.sqrt(num / den) < 0.03, "relative error of J vs (1-α)I + αW_rec: " + Math.sqrt(num / den));
        assertTrue(Math.sqrt(numWrong / den) > 0.3, "J is not W_rec itself: " + Math.sqrt(numWrong / den));
    }

    /** X = B C^{-1} for n × n row-major B, symmetric positive definite C (Gaussian elimination on Cᵀ Xᵀ = Bᵀ). */
    private static double[] solveRight(double[] bMat, double[] c, int n) {
        double[] x = new double[n * n];
        for (int row = 0; row < n; row++) {
            double[][] m = new double[n][n + 1];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    m[i][k] = c[k * n + i];
                }
                m[i][n] = bMat[row * n + i];
            }
            for (int p = 0; p < n; p++) {
                for (int i = p + 1; i < n; i++) {
                    double f = m[i][p] / m[p][p];
                    for (int k = p; k <= n; k++) {
                        m[i][k] -= f * m[p][k];
                    }
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = m[i][n];
                for (int k = i + 1; k < n; k++) {
                    s -= m[i][k] * x[row * n + k];
                }
                x[row * n + i] = s / m[i][i];
            }
        }
        return x;
    }

    /** The A-update sum written out with explicit matrices: plain DNI (λ = 0) or the accumulate trace. */
    private static double[] referenceUpdate(RecurrentNetwork net, SequenceBatch batch, double[] a, double[] jLearned,
            double lambda, boolean exact, boolean trace) {
        final int n = net.recurrent();
        final int m = n + 1;
        final int nOut = net.outputs();
        final double alpha = 0.25; // τ = 4 ms, dt = 1 ms (RateFixtures)
        double[] dA = new double[n * m];
        Trajectory tr = new Trajectory(batch.steps(), n, nOut);
        for (int s = 0; s < batch.batchSize(); s++) {
            RateForwardPass.run(net, batch, s, tr);
            final int steps = tr.steps;
            double[][][] d = new double[steps][n][n];
            double[][] q = new double[steps][n];
            double[][] gh = new double[steps][n];
            double[][] at = new double[steps][m];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < n; k++) {
                        d[t][i][k] = exact ? (i == k ? 1 - alpha : 0) + alpha * tr.psi[t * n + i] * net.wRec()[i * n + k]
                                : jLearned[i * n + k];
                    }
                    for (int o = 0; o < nOut; o++) {
                        q[t][i] += net.wOut()[o * n + i] * tr.err[t * nOut + o];
                    }
                    at[t][i] = tr.z[t * n + i];
                }
                at[t][n] = 1.0;
                for (int i = 0; t < steps - 1 && i < n; i++) {
                    for (int c = 0; c < m; c++) {
                        gh[t][i] += a[i * m + c] * at[t][c];
                    }
                }
            }
            AccumulateBpLambdaTrace e = new AccumulateBpLambdaTrace(n, m, lambda);
            e.reset();
            for (int t = 0; t < steps - 1; t++) {
                double[] delta = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        delta[i] += (q[t + 1][j] + gh[t + 1][j]) * d[t + 1][j][i];
                    }
                    delta[i] -= gh[t][i];
                }
                if (trace) {
                    double[] flat = new double[n * n];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            flat[i * n + k] = d[t][i][k];
                        }
                    }
                    e.step(flat, at[t]);
                    e.addUpdate(delta, dA);
                } else {
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < m; c++) {
                            dA[i * m + c] += delta[i] * at[t][c];
                        }
                    }
                }
            }
        }
        return dA;
    }

    private static double[] random(int len, long seed, double scale) {
        return RecurrentNetwork.gaussian(new SplittableRandom(seed), len, scale);
    }

    private static double[] updateOf(double lambda, RateSyntheticGradients.Jacobian jac, RecurrentNetwork net,
            SequenceBatch batch, double[] a, double[] j) {
        RateSyntheticGradients g = rule(lambda, 0.0, jac);
        g.setCreditWeights(net.recurrent(), a);
        g.setLearnedJacobian(net.recurrent(), j);
        g.compute(net, batch, Gradients.zerosFor(net));
        return g.lastCreditUpdateSum();
    }

    @Test
    void lambdaZeroIsPlainSyntheticGradientsAndEveryLambdaMatchesTheAccumulateTrace() {
        RecurrentNetwork net = RateFixtures.net(RateActivation.TANH, LeakyRateUnit.Form.RATE_LEAK, 3);
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 5);
        final int n = net.recurrent();
        double[] a = random(n * (n + 1), 21, 0.3);
        double[] j = random(n * n, 22, 0.4);
        for (RateSyntheticGradients.Jacobian jac : RateSyntheticGradients.Jacobian.values()) {
            boolean exact = jac == RateSyntheticGradients.Jacobian.EXACT;
            double[] plain = referenceUpdate(net, batch, a, j, 0.0, exact, false);
            assertClose(plain, updateOf(0.0, jac, net, batch, a, j), 1e-12, jac + " λ = 0 vs plain DNI");
            assertClose(plain, referenceUpdate(net, batch, a, j, 0.0, exact, true), 1e-12, jac + " trace λ = 0 vs plain");
            for (double lambda : new double[] {0.5, 0.9, 1.0}) {
                double[] forward = updateOf(lambda, jac, net, batch, a, j);
                assertClose(referenceUpdate(net, batch, a, j, lambda, exact, true), forward, 1e-12,
                        jac + " λ = " + lambda + " vs accumulate trace");
                double diff = 0;
                for (int k = 0; k < plain.length; k++) {
                    diff = Math.max(diff, Math.abs(forward[k] - plain[k]));
                }
                assertTrue(diff > 1e-3, "λ = " + lambda + " changes the update: " + diff);
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, double relTol, String what) {
        double scale = 0.0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + ": nonzero");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], relTol * scale, what + " entry " + k);
        }
    }

    /**
     * Linear network, α = 1, two units, loss only at the last of three steps, input only at step 0. By hand:
     * r^0 = W_in = (1, 2), r^1 = W r^0 = (1, −0.3), r^2 = W r^1 = (−0.15, −0.3), y^2 = W_out r^2 = −0.12,
     * err = y^2 − 0.3 = −0.42, q^2 = W_outᵀ err = (−0.168, −0.084), true credit of r^1: G^1 = q^2 W =
     * (0.0252, −0.084). G^1 = Wᵀ W_outᵀ (W_out W r^1 − y*) is affine in r^1, so A = [Wᵀ W_outᵀ W_out W | −Wᵀ W_outᵀ y*]
     * is exact at step 1; with it the rule's W_rec gradient is BPTT's (W_rec's gradient uses the credit of steps 1, 2).
     */
    @Test
    void exactAAndJacobianGiveTheTrueOneStepCreditAndBpttsRecurrentGradient() {
        RecurrentNetwork net = RecurrentNetwork.randomRate(1, 2, 1, new RateUnits(RateActivation.LINEAR, 1.0,
                LeakyRateUnit.Form.RATE_LEAK, 0.0), RateFixtures.params(), 1, 1.0, 1.0, 1.0);
        double[] w = {0.0, 0.5, -0.3, 0.0};
        System.arraycopy(w, 0, net.wRec(), 0, 4);
        System.arraycopy(new double[] {1.0, 2.0}, 0, net.wIn(), 0, 2);
        System.arraycopy(new double[] {0.4, 0.2}, 0, net.wOut(), 0, 2);
        float[] x = {1f, 0f, 0f};
        SequenceBatch batch = new SequenceBatch(1, 3, 1, 1, x, new double[] {0, 0, 0.3}, new boolean[] {false, false, true},
                LossKind.REGRESSION_MSE);
        double[] wo = {0.4, 0.2};
        double[] a = new double[6];
        for (int p = 0; p < 2; p++) {
            // (Wᵀ W_outᵀ W_out W)_pc = (W_out W)_p (W_out W)_c
            for (int c = 0; c < 2; c++) {
                a[p * 3 + c] = (wo[0] * w[p] + wo[1] * w[2 + p]) * (wo[0] * w[c] + wo[1] * w[2 + c]);
            }
            a[p * 3 + 2] = -(wo[0] * w[p] + wo[1] * w[2 + p]) * 0.3;
        }
        double[] r1 = {1.0, -0.3};
        assertEquals(0.0252, a[0] * r1[0] + a[1] * r1[1] + a[2], 1e-15, "A[r^1;1]_0 vs hand");
        assertEquals(-0.084, a[3] * r1[0] + a[4] * r1[1] + a[5], 1e-15, "A[r^1;1]_1 vs hand");
        RateSyntheticGradients g = rule(0.0, 0.0, RateSyntheticGradients.Jacobian.EXACT);
        g.setCreditWeights(2, a);
        Gradients sg = Gradients.zerosFor(net);
        g.compute(net, batch, sg);
        Gradients bptt = Gradients.zerosFor(net);
        new RateBptt().compute(net, batch, bptt);
        for (int k = 0; k < 4; k++) {
            assertEquals(bptt.wRec[k], sg.wRec[k], 1e-15, "W_rec gradient " + k);
        }
        // dE/dW_01 = G^1_0 r^0_1 + q^2_0 r^1_1 = 0.0252·2 + (−0.168)(−0.3) = 0.1008
        assertEquals(0.1008, sg.wRec[1], 1e-15, "dE/dW_01 by hand");
    }

    @Test
    void refusesCurrentLeakAndSpikingNetworks() {
        RecurrentNetwork cur = RateFixtures.net(RateActivation.TANH, LeakyRateUnit.Form.CURRENT_LEAK, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule(0, 0,
                RateSyntheticGradients.Jacobian.EXACT).compute(cur, RateFixtures.batch(LossKind.REGRESSION_MSE, 1),
                Gradients.zerosFor(cur)));
        assertTrue(e.getMessage().contains("rate_leak"), e.getMessage());
        RecurrentNetwork lif = RecurrentNetwork.random(3, 5, 2, 0, RateFixtures.params(), 1, 1.0, 1.0, 1.0);
        for (LearningRule r : new LearningRule[] {LearningRule.SG, LearningRule.BP_LAMBDA}) {
            IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                    () -> Rules.create(r, Computation.EVENT, lif, 1));
            assertTrue(s.getMessage().contains("rate networks"), s.getMessage());
        }
    }
}
