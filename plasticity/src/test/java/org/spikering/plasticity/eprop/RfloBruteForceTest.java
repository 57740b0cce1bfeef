package org.spikering.plasticity.eprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.GradientComparison;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * {@code rflo} on LIF/ALIF networks against a brute-force evaluation of its formula (EPROP.md §5, spiking version),
 * written here with plain nested loops over the recorded trajectory, the trace as an explicit sum:
 * <pre>
 * p_ji^t = Σ_{u≤t} α^{t−u} ζ ψ_j^u s_i^u          s = x^u (input) or z^{u−1} (recurrent)
 * L_j^t  = Σ_k B_jk err_k^t                       B = RandomFeedback.gaussian(n_rec, n_out, seed, gain), random-eprop's
 * dE/dW_ji = Σ_t (L_j^t + R_j) p_ji^t,   R_j = c_reg (n_j/T − f_target dt) / T
 * dE/dW^out_kj = Σ_t err_k^t Σ_{u≤t} κ^{t−u} ζ_out z_j^u
 * </pre>
 * averaged over the batch. Every computation (dense, the event form, and the event form on the engine's forward pass)
 * must agree with it to 1e-12 relative, and dense with event to 1e-12.
 */
final class RfloBruteForceTest {
    private static final double GAIN = 1.7;

    private static RecurrentNetwork network(boolean regularArrival, int adaptive, long seed) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, regularArrival, 0.3, 1.0, 200.0, 0.4, 25.0, 0.7, 10.0);
        RecurrentNetwork net = RecurrentNetwork.random(3, 6, 2, adaptive, p, seed);
        double gain = regularArrival ? 2.0 : 40.0; // ζ = 1 − α ≈ 0.05 needs larger weights to spike
        for (double[] w : new double[][] {net.wIn(), net.wRec()}) {
            for (int n = 0; n < w.length; n++) {
                w[n] *= gain;
            }
        }
        return net;
    }

    static SequenceBatch batch(int batchSize, int steps, int nIn, LossKind loss, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batchSize * steps * nIn];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.2 ? 1f : 0f;
        }
        double[] y = new double[batchSize * steps * 2];
        boolean[] m = new boolean[batchSize * steps];
        for (int b = 0; b < batchSize; b++) {
            int cls = r.nextInt(2);
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < 2; k++) {
                    y[(b * steps + t) * 2 + k] = loss == LossKind.REGRESSION_MSE ? Math.sin(0.2 * t + 1.3 * k + b)
                            : (k == cls ? 1.0 : 0.0);
                }
                m[b * steps + t] = loss == LossKind.REGRESSION_MSE || t >= steps / 2;
            }
        }
        return new SequenceBatch(batchSize, steps, nIn, 2, x, y, m, loss);
    }

    private static Gradients bruteForce(RecurrentNetwork net, SequenceBatch batch, double[] bFeedback) {
        NetworkParams p = net.params();
        int nIn = net.inputs();
        int nRec = net.recurrent();
        int nOut = net.outputs();
        int steps = batch.steps();
        double alpha = Math.exp(-p.dtMs() / p.tauMembraneMs());
        double kappa = Math.exp(-p.dtMs() / p.tauReadoutMs());
        double zeta = p.regularSpikeArrival() ? 1.0 : 1.0 - alpha;
        double zetaOut = p.regularSpikeArrival() ? 1.0 : 1.0 - kappa;
        Gradients g = Gradients.zerosFor(net);
        for (int b = 0; b < batch.batchSize(); b++) {
            Trajectory tr = new Trajectory(steps, nRec, nOut);
            ForwardPass.run(net, batch, b, tr);
            double[][] psi = new double[steps][nRec];
            double[][] z = new double[steps][nRec];
            double[][] l = new double[steps][nRec];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < nRec; j++) {
                    psi[t][j] = tr.psi[t * nRec + j];
                    z[t][j] = tr.z[t * nRec + j];
                    for (int k = 0; k < nOut; k++) {
                        l[t][j] += bFeedback[j * nOut + k] * tr.err[t * nOut + k];
                    }
                }
            }
            double[] reg = new double[nRec];
            for (int j = 0; j < nRec; j++) {
                double spikes = 0.0;
                for (int t = 0; t < steps; t++) {
                    spikes += z[t][j];
                }
                reg[j] = p.cReg() * (spikes / steps - p.fTargetHz() * p.dtMs() / 1000.0) / steps;
            }
            for (int j = 0; j < nRec; j++) {
                for (int i = 0; i < nIn + nRec; i++) {
                    boolean rec = i >= nIn;
                    int q = rec ? i - nIn : i;
                    if (rec && q == j) {
                        continue;
                    }
                    double sum = 0.0;
                    for (int t = 0; t < steps; t++) {
                        double trace = 0.0;
                        for (int u = 0; u <= t; u++) {
                            double s = rec ? (u > 0 ? z[u - 1][q] : 0.0)
                                    : batch.inputSpikes()[batch.inputIndex(b, u, q)];
                            trace += Math.pow(alpha, t - u) * zeta * psi[u][j] * s;
                        }
                        sum += (l[t][j] + reg[j]) * trace;
                    }
                    if (rec) {
                        g.wRec[j * nRec + q] += sum;
                    } else {
                        g.wIn[j * nIn + q] += sum;
                    }
                }
            }
            for (int k = 0; k < nOut; k++) {
                for (int j = 0; j < nRec; j++) {
                    double sum = 0.0;
                    for (int t = 0; t < steps; t++) {
                        double zf = 0.0;
                        for (int u = 0; u <= t; u++) {
                            zf += Math.pow(kappa, t - u) * zetaOut * z[u][j];
                        }
                        sum += tr.err[t * nOut + k] * zf;
                    }
                    g.wOut[k * nRec + j] += sum;
                }
            }
        }
        for (double[] a : new double[][] {g.wIn, g.wRec, g.wOut}) {
            for (int n = 0; n < a.length; n++) {
                a[n] /= batch.batchSize();
            }
        }
        return g;
    }

    private static Gradients run(LearningRule rule, Computation c, RecurrentNetwork net, SequenceBatch batch,
            long seed) {
        Gradients g = Gradients.zerosFor(net);
        Rules.create(rule, c, net, seed, GAIN).compute(net, batch, g);
        return g;
    }

    @ParameterizedTest
    @CsvSource({"true,0,REGRESSION_MSE,3", "true,3,CLASSIFICATION_CE,5", "false,3,REGRESSION_MSE,7",
        "false,0,CLASSIFICATION_CE,11"})
    void shouldEqualItsFormulaComputedByBruteForce(boolean regularArrival, int adaptive, LossKind loss, long seed) {
        RecurrentNetwork net = network(regularArrival, adaptive, seed);
        SequenceBatch batch = batch(2, 50, 3, loss, seed + 1);
        Gradients expected = bruteForce(net, batch,
                RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, GAIN).values());
        Gradients dense = run(LearningRule.RFLO, Computation.DENSE, net, batch, seed);
        assertTrue(dense.meanRateHz > 5.0, "network must spike: " + dense.meanRateHz + " Hz");
        for (Computation c : Computation.values()) {
            Gradients got = c == Computation.DENSE ? dense : run(LearningRule.RFLO, c, net, batch, seed);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double d = GradientComparison.maxRelativeDifference(got.get(id), expected.get(id));
                assertTrue(d < 1e-12, c + " " + id + ": max relative difference " + d + " from the brute-force formula");
                double de = GradientComparison.maxRelativeDifference(got.get(id), dense.get(id));
                assertTrue(de < 1e-12, c + " " + id + ": max relative difference " + de + " from dense");
            }
            assertEquals(dense.loss, got.loss, 0.0, c + " loss");
        }
    }

    @Test
    void shouldDifferFromRandomEpropWithTheSameFeedback() {
        RecurrentNetwork net = network(true, 3, 13);
        SequenceBatch batch = batch(2, 60, 3, LossKind.REGRESSION_MSE, 14);
        Gradients rflo = run(LearningRule.RFLO, Computation.EVENT, net, batch, 13);
        Gradients eprop = run(LearningRule.RANDOM_EPROP, Computation.EVENT, net, batch, 13);
        assertTrue(rflo.meanRateHz > 5.0, "network must spike: " + rflo.meanRateHz + " Hz");
        for (WeightMatrixId id : new WeightMatrixId[] {WeightMatrixId.INPUT, WeightMatrixId.RECURRENT}) {
            double d = GradientComparison.maxRelativeDifference(rflo.get(id), eprop.get(id));
            assertTrue(d > 1e-3, id + ": rflo and random-eprop differ by only " + d);
        }
        // W_out's gradient is exact in both
        assertTrue(GradientComparison.maxRelativeDifference(rflo.wOut, eprop.wOut) < 1e-12, "W_out");
    }
}
