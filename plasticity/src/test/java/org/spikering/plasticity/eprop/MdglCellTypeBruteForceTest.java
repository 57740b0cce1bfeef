package org.spikering.plasticity.eprop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.DaleLaw;
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
 * {@code mdgl} (cell-type MDGL, EPROP.md §4) on LIF/ALIF networks against a brute-force evaluation of §4's sum,
 * written here with plain loops over the recorded trajectory:
 * <pre>
 * L_j^t      = Σ_k W^out_kj err_k^t
 * w_ab       = mean of the non-zero W^rec_jp with c(j) = a, c(p) = b          (one type without cell types)
 * Ltilde_p^t = L_p^t + Σ_{j: W^rec_jp ≠ 0} G_jp ζ ψ_j^{t+1} L_j^{t+1}          (ψ^T = 0), G_jp = w_{c(j)c(p)}
 * e_pq^t     = e-prop's eligibility trace (EPROP.md §1.5),  ebar_pq^t = Σ_{u≤t} κ^{t−u} ζ_out e_pq^u
 * dE/dW^rec_pq = Σ_t Ltilde_p^t ebar_pq^t + R_p Σ_t e_pq^t;   W_in: the same with L; W_out exact
 * </pre>
 * With the per-synapse gain G_jp = W^rec_jp instead, the same sum is compared with {@code mdgl-exact}: equal for a
 * non-leaky readout (κ = 0), different for κ &gt; 0 (see {@link LearningSignals#mdglCellType}).
 */
final class MdglCellTypeBruteForceTest {

    private static RecurrentNetwork network(boolean regularArrival, int adaptive, double tauOut, long seed) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, regularArrival, 0.3, 1.0, 200.0, 0.4, tauOut, 0.7,
                10.0);
        RecurrentNetwork net = RecurrentNetwork.random(3, 6, 2, adaptive, p, seed);
        double gain = regularArrival ? 2.0 : 40.0;
        for (double[] w : new double[][] {net.wIn(), net.wRec()}) {
            for (int n = 0; n < w.length; n++) {
                w[n] *= gain;
            }
        }
        net.wRec()[1 * 6 + 4] = 0.0; // absent synapses: left out of the gains and of the sum
        net.wRec()[5 * 6 + 0] = 0.0;
        return net;
    }

    private static RecurrentNetwork absoluteRecurrent(RecurrentNetwork net) {
        RecurrentNetwork c = net.copy();
        for (int n = 0; n < c.wRec().length; n++) {
            c.wRec()[n] = 0.25 * Math.abs(c.wRec()[n]);
        }
        return c;
    }

    /** G_jp: the type-averaged gains, computed here type pair by type pair. */
    private static double[][] typeGains(RecurrentNetwork net) {
        int n = net.recurrent();
        CellTypes c = net.cellTypes();
        double[][] g = new double[n][n];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double sum = 0.0;
                int count = 0;
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < n; p++) {
                        int cj = c == null ? 0 : c.type(j);
                        int cp = c == null ? 0 : c.type(p);
                        if (cj == a && cp == b && net.wRec()[j * n + p] != 0.0) {
                            sum += net.wRec()[j * n + p];
                            count++;
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < n; p++) {
                        int cj = c == null ? 0 : c.type(j);
                        int cp = c == null ? 0 : c.type(p);
                        if (cj == a && cp == b) {
                            g[j][p] = count == 0 ? 0.0 : sum / count;
                        }
                    }
                }
            }
        }
        return g;
    }

    private static double[][] perSynapseGains(RecurrentNetwork net) {
        int n = net.recurrent();
        double[][] g = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < n; p++) {
                g[j][p] = net.wRec()[j * n + p];
            }
        }
        return g;
    }

    private static Gradients bruteForce(RecurrentNetwork net, SequenceBatch batch, double[][] gain) {
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
        Gradients g = Gradients.zerosFor(net);
        for (int b = 0; b < batch.batchSize(); b++) {
            Trajectory tr = new Trajectory(steps, nRec, nOut);
            ForwardPass.run(net, batch, b, tr);
            double[][] psi = new double[steps + 1][nRec];
            double[][] z = new double[steps][nRec];
            double[][] l = new double[steps + 1][nRec];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < nRec; j++) {
                    psi[t][j] = tr.psi[t * nRec + j];
                    z[t][j] = tr.z[t * nRec + j];
                    for (int k = 0; k < nOut; k++) {
                        l[t][j] += net.wOut()[k * nRec + j] * tr.err[t * nOut + k];
                    }
                }
            }
            double[][] lt = new double[steps][nRec];
            for (int t = 0; t < steps; t++) {
                for (int pp = 0; pp < nRec; pp++) {
                    lt[t][pp] = l[t][pp];
                    for (int j = 0; j < nRec; j++) {
                        if (net.wRec()[j * nRec + pp] != 0.0) {
                            lt[t][pp] += gain[j][pp] * zeta * psi[t + 1][j] * l[t + 1][j];
                        }
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
            for (int pp = 0; pp < nRec; pp++) {
                for (int i = 0; i < nIn + nRec; i++) {
                    boolean rec = i >= nIn;
                    int q = rec ? i - nIn : i;
                    if (rec && q == pp) {
                        continue;
                    }
                    double[] e = new double[steps];
                    double eps = 0.0;
                    for (int t = 0; t < steps; t++) {
                        double zbar = 0.0;
                        for (int u = 0; u <= t; u++) {
                            double s = rec ? (u > 0 ? z[u - 1][q] : 0.0)
                                    : batch.inputSpikes()[batch.inputIndex(b, u, q)];
                            zbar += Math.pow(alpha, t - u) * zeta * s;
                        }
                        if (net.isAdaptive(pp)) {
                            e[t] = psi[t][pp] * (zbar - p.betaAdapt() * eps);
                            eps = rho * eps + e[t];
                        } else {
                            e[t] = psi[t][pp] * zbar;
                        }
                    }
                    double sum = 0.0;
                    for (int t = 0; t < steps; t++) {
                        double ebar = 0.0;
                        for (int u = 0; u <= t; u++) {
                            ebar += Math.pow(kappa, t - u) * zetaOut * e[u];
                        }
                        sum += (rec ? lt[t][pp] : l[t][pp]) * ebar + reg[pp] * e[t];
                    }
                    if (rec) {
                        g.wRec[pp * nRec + q] += sum;
                    } else {
                        g.wIn[pp * nIn + q] += sum;
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

    private static Gradients run(LearningRule rule, Computation c, RecurrentNetwork net, SequenceBatch batch) {
        Gradients g = Gradients.zerosFor(net);
        Rules.create(rule, c, net, 0).compute(net, batch, g);
        return g;
    }

    private static void assertClose(Gradients got, Gradients want, double tol, String what) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double d = GradientComparison.maxRelativeDifference(got.get(id), want.get(id));
            assertTrue(d < tol, what + " " + id + ": max relative difference " + d);
        }
    }

    @ParameterizedTest
    @CsvSource({"true,0,REGRESSION_MSE,false,3", "true,2,CLASSIFICATION_CE,true,5", "false,2,REGRESSION_MSE,true,7",
        "false,0,CLASSIFICATION_CE,true,11", "true,2,CLASSIFICATION_CE,false,13"})
    void shouldEqualSection4ComputedByBruteForce(boolean regularArrival, int adaptive, LossKind loss, boolean types,
            long seed) {
        RecurrentNetwork drawn = network(regularArrival, adaptive, 25.0, seed);
        // without cell types, |W_rec|/4: a zero-mean draw would make the one gain, and so the term, nearly 0
        RecurrentNetwork net = types ? DaleLaw.apply(drawn, new CellTypes(4, 6)) : absoluteRecurrent(drawn);
        SequenceBatch batch = RfloBruteForceTest.batch(2, 50, 3, loss, seed + 1);
        Gradients expected = bruteForce(net, batch, typeGains(net));
        Gradients eprop = run(LearningRule.EPROP, Computation.DENSE, net, batch);
        assertTrue(eprop.meanRateHz > 5.0, "network must spike: " + eprop.meanRateHz + " Hz");
        double nonLocal = GradientComparison.maxRelativeDifference(eprop.wRec, expected.wRec);
        assertTrue(nonLocal > 1e-3, "MDGL's term changes W_rec's gradient by only " + nonLocal);
        for (Computation c : Computation.values()) {
            assertClose(run(LearningRule.MDGL, c, net, batch), expected, 1e-12, "mdgl " + c);
        }
    }

    @Test
    void shouldMatchMdglExactWithPerSynapseGainsOnlyForANonLeakyReadout() {
        for (double tauOut : new double[] {1e-3, 25.0}) { // κ = exp(−1000) = 0, and κ = exp(−1/25)
            RecurrentNetwork net = network(true, 2, tauOut, 19);
            SequenceBatch batch = RfloBruteForceTest.batch(2, 50, 3, LossKind.REGRESSION_MSE, 20);
            Gradients perSynapse = bruteForce(net, batch, perSynapseGains(net));
            Gradients exact = run(LearningRule.MDGL_EXACT, Computation.DENSE, net, batch);
            double d = GradientComparison.maxRelativeDifference(exact.wRec, perSynapse.wRec);
            if (net.params().kappa() == 0.0) {
                assertClose(exact, perSynapse, 1e-12, "kappa = 0");
            } else {
                assertTrue(d > 1e-3, "kappa = " + net.params().kappa() + ": differ by only " + d);
            }
        }
    }

    @Test
    void shouldGiveOtherGainsWithTwoCellTypesThanWithOne() {
        RecurrentNetwork net = DaleLaw.apply(network(true, 0, 25.0, 23), new CellTypes(4, 6));
        RecurrentNetwork oneType = net.withCellTypes(null);
        double[] two = LearningSignals.cellTypeGains(net, null);
        double[] one = LearningSignals.cellTypeGains(oneType, null);
        assertTrue(two[0] > 0 && two[2] > 0 && two[1] < 0 && two[3] < 0, "E→ gains > 0, I→ gains < 0");
        assertTrue(Math.abs(one[0] - two[0]) > 1e-3 && Math.abs(one[0] - two[1]) > 1e-3, "one-type gain " + one[0]);
        SequenceBatch batch = RfloBruteForceTest.batch(2, 50, 3, LossKind.REGRESSION_MSE, 24);
        double d = GradientComparison.maxRelativeDifference(run(LearningRule.MDGL, Computation.EVENT, net, batch).wRec,
                run(LearningRule.MDGL, Computation.EVENT, oneType, batch).wRec);
        assertTrue(d > 1e-3, "one and two cell types give W_rec gradients differing by only " + d);
    }
}
