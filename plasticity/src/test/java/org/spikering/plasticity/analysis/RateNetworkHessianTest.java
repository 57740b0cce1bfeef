package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Evaluator;

/**
 * The BPTT-gradient HVPs of {@link NetworkGradientOracle} on tiny rate networks against Hessians computed without
 * them: (a) the full finite-difference Hessian of the batch loss of a tanh network (second differences of the loss
 * only, {@link Evaluator}), (b) the analytic Hessian of a linear network (φ(x) = x) with the MSE loss
 * E = (1/B) Σ_b Σ_t m_bt ½ Σ_k (y_k^t − y*_k^t)², quadratic in W_out and in W_in:
 * <pre>
 * ∂²E/∂W^out_kj ∂W^out_k'j' = δ_kk' (1/B) Σ_{b,t} m_bt r_j^t r_j'^t
 * ∂²E/∂θ_p ∂θ_q            = (1/B) Σ_{b,t} m_bt Σ_k J_kp^t J_kq^t,   J^t = ∂y^t/∂W^in = W^out D^t   (θ = W^in)
 * D^t_{j,(p,i)} = (1 − λ) D^{t−1}_{j,(p,i)} + λ (δ_jp x_i^t + Σ_l W^rec_jl D^{t−1}_{l,(p,i)})   (rate_leak, D^{−1} = 0)
 * </pre>
 * written here with their own forward loop.
 */
final class RateNetworkHessianTest {
    private static final int IN = 2;
    private static final int REC = 3;
    private static final int OUT = 2;
    private static final int STEPS = 8;
    private static final int BATCH = 2;

    static RecurrentNetwork net(final RateActivation phi, final long seed) {
        return RecurrentNetwork.randomRate(IN, REC, OUT, new RateUnits(phi, 4.0, LeakyRateUnit.Form.RATE_LEAK, 0.2),
                NetworkParams.nestSineWave(), seed, 1.5, 1.2, 1.0);
    }

    /** Analog inputs in [0, 1), targets in [−1, 1], about 70 % of the steps scored. */
    static SequenceBatch batch(final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] x = new float[BATCH * STEPS * IN];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) r.nextDouble();
        }
        final double[] y = new double[BATCH * STEPS * OUT];
        final boolean[] mask = new boolean[BATCH * STEPS];
        for (int bt = 0; bt < BATCH * STEPS; bt++) {
            mask[bt] = r.nextDouble() < 0.7;
            for (int k = 0; k < OUT; k++) {
                y[bt * OUT + k] = 2.0 * r.nextDouble() - 1.0;
            }
        }
        return new SequenceBatch(BATCH, STEPS, IN, OUT, x, y, mask, LossKind.REGRESSION_MSE);
    }

    /** The operator's matrix, column by column: H e_q. */
    static double[][] columns(final VectorOperator h) {
        final int n = h.dimension();
        final double[][] m = new double[n][n];
        final double[] e = new double[n];
        final double[] col = new double[n];
        for (int q = 0; q < n; q++) {
            e[q] = 1.0;
            h.apply(e, col);
            e[q] = 0.0;
            for (int p = 0; p < n; p++) {
                m[p][q] = col[p];
            }
        }
        return m;
    }

    static double maxAbs(final double[][] m) {
        double x = 0.0;
        for (double[] row : m) {
            for (double v : row) {
                x = Math.max(x, Math.abs(v));
            }
        }
        return x;
    }

    /**
     * (a) Claim: every entry of the HVP matrix within 1e-5·max|H| of the finite-difference Hessian
     * [E(θ+he_p+he_q) − E(θ+he_p−he_q) − E(θ−he_p+he_q) + E(θ−he_p−he_q)] / 4h², h = 1e-4 (error O(h²) ≈ 1e-8 plus
     * rounding ≈ 1e-16·E/h² ≈ 1e-8); top-3 eigenvalues (Lanczos, m = n) and λ_max (power iteration) within 1e-5·|λ|max.
     */
    @Test
    void hvpOfBpttGradientsEqualsTheFiniteDifferenceHessianOfTheLoss() {
        final RecurrentNetwork net = net(RateActivation.TANH, 5);
        final SequenceBatch batch = batch(17);
        final NetworkGradientOracle oracle = NetworkGradientOracle.bptt(net, batch, EnumSet.allOf(WeightMatrixId.class));
        assertEquals(IN * REC + REC * (REC - 1) + OUT * REC, oracle.dimension());
        assertTrue(!oracle.surrogate());
        final double[] theta = oracle.parameters();
        final HessianVectorProduct h = new HessianVectorProduct(oracle, theta, HessianVectorProduct.defaultStep(theta));
        final double[][] hvp = columns(h);
        final double[][] fd = finiteDifferenceHessian(net, batch, oracle, theta, 1e-4);
        final double scale = maxAbs(fd);
        assertTrue(scale > 0.1, "Hessian too small to test: " + scale);
        for (int p = 0; p < hvp.length; p++) {
            for (int q = 0; q < hvp.length; q++) {
                assertEquals(fd[p][q], hvp[p][q], 1e-5 * scale, "H[" + p + "][" + q + "]");
            }
        }
        final double[] exact = SymmetricEigen.of(fd).values();
        final Lanczos.Result l = Lanczos.top(h, 3, hvp.length, 3);
        for (int k = 0; k < 3; k++) {
            assertEquals(exact[k], l.values()[k], 1e-5 * scale, "eigenvalue " + k);
        }
        final PowerIteration.Result pi = PowerIteration.topAlgebraic(h, 1000, 1e-12, 4);
        assertEquals(exact[0], pi.eigenvalue(), 1e-5 * scale);
        assertTrue(SymmetryCheck.of(h, 8).asymmetry() <= 1e-6, "asymmetry of a true Hessian");
    }

    /** E at θ = the chosen matrices' entries, by the forward pass only. */
    private static double loss(final RecurrentNetwork template, final SequenceBatch batch,
            final NetworkGradientOracle oracle, final double[] theta) {
        final RecurrentNetwork net = template.copy();
        int o = 0;
        for (WeightMatrixId id : oracle.matrices()) {
            final double[] w = net.weights(id);
            final int cols = net.columns(id);
            for (int n = 0; n < w.length; n++) {
                if (id != WeightMatrixId.RECURRENT || n / cols != n % cols) {
                    w[n] = theta[o++];
                }
            }
        }
        return Evaluator.evaluate(net, batch).loss();
    }

    private static double[][] finiteDifferenceHessian(final RecurrentNetwork net, final SequenceBatch batch,
            final NetworkGradientOracle oracle, final double[] theta, final double h) {
        final int n = theta.length;
        final double[][] m = new double[n][n];
        final double[] t = theta.clone();
        for (int p = 0; p < n; p++) {
            for (int q = p; q < n; q++) {
                double s = 0.0;
                for (int sp = -1; sp <= 1; sp += 2) {
                    for (int sq = -1; sq <= 1; sq += 2) {
                        System.arraycopy(theta, 0, t, 0, n);
                        t[p] += sp * h;
                        t[q] += sq * h;
                        s += sp * sq * loss(net, batch, oracle, t);
                    }
                }
                m[p][q] = s / (4 * h * h);
                m[q][p] = m[p][q];
            }
        }
        return m;
    }

    /**
     * (b) Claim: for the linear network the HVP matrices w.r.t. W_out and w.r.t. W_in equal the analytic Gram matrices
     * to 1e-8·max|H| (the loss is quadratic in each, so the central difference has no truncation error, only
     * rounding ≈ u‖g‖/ε ≈ 1e-10), and Lanczos' top-3 their eigenvalues to the same tolerance.
     */
    @Test
    void hvpOfALinearNetworkEqualsItsAnalyticGaussNewtonHessian() {
        final RecurrentNetwork net = net(RateActivation.LINEAR, 9);
        final SequenceBatch batch = batch(21);
        final double lambda = 1.0 / 4.0; // dt / τ
        final double[][][] r = new double[BATCH][STEPS][REC];
        final double[][][][] d = new double[BATCH][STEPS][REC][REC * IN];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                for (int j = 0; j < REC; j++) {
                    double a = 0.2;
                    for (int i = 0; i < IN; i++) {
                        a += net.wIn()[j * IN + i] * batch.inputSpikes()[batch.inputIndex(b, t, i)];
                    }
                    double prev = 0.0;
                    if (t > 0) {
                        prev = r[b][t - 1][j];
                        for (int l = 0; l < REC; l++) {
                            a += net.wRec()[j * REC + l] * r[b][t - 1][l];
                        }
                    }
                    r[b][t][j] = (1 - lambda) * prev + lambda * a;
                    for (int p = 0; p < REC; p++) {
                        for (int i = 0; i < IN; i++) {
                            final int c = p * IN + i;
                            double s = j == p ? batch.inputSpikes()[batch.inputIndex(b, t, i)] : 0.0;
                            double keep = 0.0;
                            if (t > 0) {
                                keep = d[b][t - 1][j][c];
                                for (int l = 0; l < REC; l++) {
                                    s += net.wRec()[j * REC + l] * d[b][t - 1][l][c];
                                }
                            }
                            d[b][t][j][c] = (1 - lambda) * keep + lambda * s;
                        }
                    }
                }
            }
        }
        final double[][] hOut = new double[OUT * REC][OUT * REC];
        final double[][] hIn = new double[REC * IN][REC * IN];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                if (!batch.lossMask()[batch.maskIndex(b, t)]) {
                    continue;
                }
                for (int k = 0; k < OUT; k++) {
                    for (int j = 0; j < REC; j++) {
                        for (int jj = 0; jj < REC; jj++) {
                            hOut[k * REC + j][k * REC + jj] += r[b][t][j] * r[b][t][jj] / BATCH;
                        }
                    }
                    final double[] jac = new double[REC * IN];
                    for (int c = 0; c < REC * IN; c++) {
                        for (int j = 0; j < REC; j++) {
                            jac[c] += net.wOut()[k * REC + j] * d[b][t][j][c];
                        }
                    }
                    for (int p = 0; p < REC * IN; p++) {
                        for (int q = 0; q < REC * IN; q++) {
                            hIn[p][q] += jac[p] * jac[q] / BATCH;
                        }
                    }
                }
            }
        }
        check(net, batch, EnumSet.of(WeightMatrixId.OUTPUT), hOut);
        check(net, batch, EnumSet.of(WeightMatrixId.INPUT), hIn);
    }

    private static void check(final RecurrentNetwork net, final SequenceBatch batch, final Set<WeightMatrixId> m,
            final double[][] exact) {
        final NetworkGradientOracle oracle = NetworkGradientOracle.bptt(net, batch, m);
        final double[] theta = oracle.parameters();
        final HessianVectorProduct h = new HessianVectorProduct(oracle, theta, HessianVectorProduct.defaultStep(theta));
        final double[][] hvp = columns(h);
        final double scale = maxAbs(exact);
        assertTrue(scale > 0.01, m + ": Hessian too small to test: " + scale);
        for (int p = 0; p < exact.length; p++) {
            for (int q = 0; q < exact.length; q++) {
                assertEquals(exact[p][q], hvp[p][q], 1e-8 * scale, m + " H[" + p + "][" + q + "]");
            }
        }
        final double[] values = SymmetricEigen.of(exact).values();
        final Lanczos.Result l = Lanczos.top(h, 3, exact.length, 2);
        for (int k = 0; k < 3; k++) {
            assertEquals(values[k], l.values()[k], 1e-8 * scale, m + " eigenvalue " + k);
        }
    }
}
