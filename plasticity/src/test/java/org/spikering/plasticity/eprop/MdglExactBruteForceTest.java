package org.spikering.plasticity.eprop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
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
 * {@code mdgl-exact} against a brute-force evaluation of its own formula ({@link LearningSignals#mdglExact}),
 * written here from the equations with plain nested loops over the recorded trajectory of a tiny network, without
 * the production learning-signal, eligibility or κ-filter code:
 * <pre>
 * L_j^t  = Σ_k W^out_kj err_k^t
 * δ_j^t  = ζ_out Σ_{s=t}^{T−1} κ^{s−t} L_j^s
 * zbar_q^t = Σ_{u=0}^{t} α^{t−u} ζ s_q^u          s = x^u (input) or z^{u−1} (recurrent)
 * e_pq^t = ψ_p^t (zbar_q^t − β_a eps_pq^t),  eps_pq^{t+1} = ρ eps_pq^t + e_pq^t   (LIF: e = ψ zbar)
 * R_p    = c_reg (n_p/T − f_target dt) / T
 * dE/dW^rec_pq = Σ_t (δ_p^t + Σ_{j≠p} ζ W^rec_jp ψ_j^{t+1} δ_j^{t+1}) e_pq^t + R_p Σ_t e_pq^t     (ψ^T = 0)
 * dE/dW^in_pq  = Σ_t δ_p^t e_pq^t + R_p Σ_t e_pq^t
 * dE/dW^out_kj = Σ_t err_k^t Σ_{u≤t} κ^{t−u} ζ_out z_j^u
 * </pre>
 * averaged over the batch. Every computation of the rule must agree to 1e-12 relative.
 */
final class MdglExactBruteForceTest {

    /** 3 inputs, 5 recurrent (the first {@code adaptive} ALIF), 2 readouts, weights with strong recurrence. */
    private static RecurrentNetwork network(boolean regularArrival, int adaptive, long seed) {
        double vth = 1.0;
        NetworkParams p = new NetworkParams(1.0, 20.0, vth, 2, regularArrival, 0.3 / vth, 1.0 / vth, 200.0, 0.4,
                25.0, 0.7, 10.0);
        RecurrentNetwork net = RecurrentNetwork.random(3, 5, 2, adaptive, p, seed);
        double gain = regularArrival ? 2.0 : 40.0; // ζ = 1 − α ≈ 0.05 needs larger weights to spike
        for (double[] w : new double[][] {net.wIn(), net.wRec()}) {
            for (int n = 0; n < w.length; n++) {
                w[n] *= gain;
            }
        }
        return net;
    }

    private static SequenceBatch batch(int batchSize, int steps, LossKind loss, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batchSize * steps * 3];
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
        return new SequenceBatch(batchSize, steps, 3, 2, x, y, m, loss);
    }

    /** The gradients of the formula above, straight from its sums. */
    private static Gradients bruteForce(RecurrentNetwork net, SequenceBatch batch) {
        NetworkParams p = net.params();
        int nIn = net.inputs();
        int nRec = net.recurrent();
        int nOut = net.outputs();
        int steps = batch.steps();
        double alpha = Math.exp(-p.dtMs() / p.tauMembraneMs());
        double kappa = Math.exp(-p.dtMs() / p.tauReadoutMs());
        double rho = Math.exp(-p.dtMs() / p.tauAdaptMs());
        double zeta = p.regularSpikeArrival() ? 1.0 : 1.0 - alpha;
        double zetaOut = p.regularSpikeArrival() ? 1.0 : 1.0 - kappa;
        double[] wRec = net.wRec();
        double[] wOut = net.wOut();
        Gradients g = Gradients.zerosFor(net);
        for (int b = 0; b < batch.batchSize(); b++) {
            Trajectory tr = new Trajectory(steps, nRec, nOut);
            ForwardPass.run(net, batch, b, tr);
            double[][] psi = new double[steps + 1][nRec]; // psi[T] = 0
            double[][] z = new double[steps][nRec];
            double[][] err = new double[steps][nOut];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < nRec; j++) {
                    psi[t][j] = tr.psi[t * nRec + j];
                    z[t][j] = tr.z[t * nRec + j];
                }
                for (int k = 0; k < nOut; k++) {
                    err[t][k] = tr.err[t * nOut + k];
                }
            }
            double[][] l = new double[steps][nRec];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < nRec; j++) {
                    for (int k = 0; k < nOut; k++) {
                        l[t][j] += wOut[k * nRec + j] * err[t][k];
                    }
                }
            }
            double[][] delta = new double[steps + 1][nRec]; // delta[T] = 0
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < nRec; j++) {
                    for (int s = t; s < steps; s++) {
                        delta[t][j] += zetaOut * Math.pow(kappa, s - t) * l[s][j];
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
            // presynaptic arrivals s_q^u: inputs x^u, recurrent z^{u−1}
            double[][] sIn = new double[steps][nIn];
            double[][] sRec = new double[steps][nRec];
            for (int u = 0; u < steps; u++) {
                for (int q = 0; q < nIn; q++) {
                    sIn[u][q] = batch.inputSpikes()[batch.inputIndex(b, u, q)];
                }
                for (int q = 0; q < nRec; q++) {
                    sRec[u][q] = u > 0 ? z[u - 1][q] : 0.0;
                }
            }
            for (int pp = 0; pp < nRec; pp++) {
                for (int q = 0; q < nIn; q++) {
                    double[] e = eligibility(net, pp, sIn, q, psi, alpha, rho, zeta, steps);
                    double sum = 0.0;
                    for (int t = 0; t < steps; t++) {
                        sum += delta[t][pp] * e[t] + reg[pp] * e[t];
                    }
                    g.wIn[pp * nIn + q] += sum;
                }
                for (int q = 0; q < nRec; q++) {
                    if (q == pp) {
                        continue;
                    }
                    double[] e = eligibility(net, pp, sRec, q, psi, alpha, rho, zeta, steps);
                    double sum = 0.0;
                    for (int t = 0; t < steps; t++) {
                        double m = 0.0;
                        for (int j = 0; j < nRec; j++) {
                            if (j != pp) {
                                m += zeta * wRec[j * nRec + pp] * psi[t + 1][j] * delta[t + 1][j];
                            }
                        }
                        sum += (delta[t][pp] + m) * e[t] + reg[pp] * e[t];
                    }
                    g.wRec[pp * nRec + q] += sum;
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
                        sum += err[t][k] * zf;
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

    /** e_pq^t for t = 0..T−1 of synapse q → p with presynaptic arrivals s[u][q]. */
    private static double[] eligibility(RecurrentNetwork net, int p, double[][] s, int q, double[][] psi,
            double alpha, double rho, double zeta, int steps) {
        double[] e = new double[steps];
        double eps = 0.0;
        for (int t = 0; t < steps; t++) {
            double zbar = 0.0;
            for (int u = 0; u <= t; u++) {
                zbar += Math.pow(alpha, t - u) * zeta * s[u][q];
            }
            if (net.isAdaptive(p)) {
                e[t] = psi[t][p] * (zbar - net.params().betaAdapt() * eps);
                eps = rho * eps + e[t];
            } else {
                e[t] = psi[t][p] * zbar;
            }
        }
        return e;
    }

    @ParameterizedTest
    @CsvSource({"true,0,REGRESSION_MSE,3", "true,2,CLASSIFICATION_CE,5", "false,2,REGRESSION_MSE,7",
        "false,0,CLASSIFICATION_CE,11"})
    void shouldEqualItsFormulaComputedByBruteForce(boolean regularArrival, int adaptive, LossKind loss, long seed) {
        RecurrentNetwork net = network(regularArrival, adaptive, seed);
        SequenceBatch batch = batch(2, 60, loss, seed + 1);
        Gradients expected = bruteForce(net, batch);
        Gradients eprop = Gradients.zerosFor(net);
        Rules.create(LearningRule.EPROP, Computation.DENSE, net, 0).compute(net, batch, eprop);
        // the non-local term must matter here, or the test could not tell mdgl-exact from e-prop
        double nonLocal = GradientComparison.maxRelativeDifference(eprop.wRec, expected.wRec);
        assertTrue(nonLocal > 1e-2, "MDGL's non-local term changes W_rec's gradient by only " + nonLocal);
        assertTrue(eprop.meanRateHz > 5.0, "network must spike: " + eprop.meanRateHz + " Hz");
        for (Computation c : new Computation[] {Computation.DENSE, Computation.EVENT_STEPWISE, Computation.EVENT}) {
            Gradients got = Gradients.zerosFor(net);
            Rules.create(LearningRule.MDGL_EXACT, c, net, 0).compute(net, batch, got);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double d = GradientComparison.maxRelativeDifference(got.get(id), expected.get(id));
                assertTrue(d < 1e-12, c + " " + id + ": max relative difference " + d + " from the brute-force formula");
            }
        }
    }
}
