package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.GradientComparison;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * The local rules on rate networks ({@link RateLocalRule} via {@link Rules#create}) against a second implementation
 * written here from the formulas, to 1e-12 relative (per matrix, max |g − g_ref| / max |g_ref|):
 * <ul>
 * <li>e-prop's eligibility e_ji^t is, by definition (diagonal Jacobian only), the derivative of r_j^t with respect to
 *     W_ji when unit j alone is re-simulated with its presynaptic activities clamped to the recorded ones; the test
 *     re-simulates each unit with a forward-mode dual number (value, d/dW_ji) straight from the units' equations
 *     (φ written out here), without reading ψ or the traces of the rule;</li>
 * <li>RFLO's trace in closed form, p_ji^t = Σ_{s≤t} λ (1 − λ)^{t−s} φ'(v_j^s) pre_i^s (a double sum instead of the
 *     recursion);</li>
 * <li>MDGL's gains w_ab built by explicit lists of the existing weights of each pair of cell types, and
 *     Ltilde_p^t = L_p^t + Σ_{j: W_jp ≠ 0} w_{c(j)c(p)} λ φ'(v_j^{t+1}) L_j^{t+1};</li>
 * <li>L_j^t = Σ_k B_jk err_k^t with B = W_outᵀ or RandomFeedback's draw, and the exact W_out gradient Σ_t err r.</li>
 * </ul>
 * The trajectory's err and r come from {@link RateForwardPass} (checked against finite differences in
 * {@link RateBpttFiniteDifferenceTest}).
 */
final class RateLocalRuleBruteForceTest {
    private static final long SEED = 7;
    private static final double GAIN = 1.7;

    static List<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        for (LearningRule rule : new LearningRule[] {LearningRule.EPROP, LearningRule.RANDOM_EPROP, LearningRule.RFLO,
                LearningRule.MDGL}) {
            for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
                for (RateActivation phi : new RateActivation[] {RateActivation.TANH, RateActivation.SOFTPLUS,
                        RateActivation.RELU}) {
                    for (LossKind loss : LossKind.values()) {
                        c.add(Arguments.of(rule, form, phi, loss));
                    }
                }
            }
        }
        return c;
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void ruleEqualsItsFormulaComputedByBruteForce(LearningRule rule, LeakyRateUnit.Form form, RateActivation phi,
            LossKind loss) {
        RecurrentNetwork net = RateFixtures.net(phi, form, 19);
        if (rule == LearningRule.MDGL) {
            net = daleSparse(net);
        }
        SequenceBatch batch = RateFixtures.batch(loss, 29);
        Gradients g = Gradients.zerosFor(net);
        Rules.create(rule, Computation.EVENT, net, SEED, GAIN).compute(net, batch, g);
        Gradients ref = reference(rule, net, batch);
        assertClose(rule + " W_in", g.wIn, ref.wIn);
        assertClose(rule + " W_rec", g.wRec, ref.wRec);
        assertClose(rule + " W_out", g.wOut, ref.wOut);
    }

    /** MDGL without cell types (one type) too: w is then the mean of all existing recurrent weights. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void mdglWithoutCellTypesUsesOneGain(LeakyRateUnit.Form form) {
        RecurrentNetwork net = daleSparse(RateFixtures.net(RateActivation.TANH, form, 19)).withCellTypes(null);
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 29);
        Gradients g = Gradients.zerosFor(net);
        Rules.create(LearningRule.MDGL, Computation.DENSE, net, SEED).compute(net, batch, g);
        Gradients ref = reference(LearningRule.MDGL, net, batch);
        assertClose("mdgl W_rec", g.wRec, ref.wRec);
        Gradients e = Gradients.zerosFor(net);
        Rules.create(LearningRule.EPROP, Computation.EVENT, net, SEED).compute(net, batch, e);
        assertTrue(GradientComparison.maxRelativeDifference(g.wRec, e.wRec) > 1e-3, "mdgl must differ from e-prop");
        assertClose("mdgl W_in = e-prop's", g.wIn, e.wIn);
    }

    static List<Arguments> forms() {
        List<Arguments> c = new ArrayList<>();
        for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
            c.add(Arguments.of(form));
        }
        return c;
    }

    private static void assertClose(String what, double[] a, double[] ref) {
        double d = GradientComparison.maxRelativeDifference(a, ref);
        assertTrue(d <= 1e-12, what + ": relative difference " + d);
        double m = 0.0;
        for (double v : ref) {
            m = Math.max(m, Math.abs(v));
        }
        assertTrue(m > 1e-4, what + ": reference gradient too small to test: " + m);
    }

    /** 3 excitatory, 2 inhibitory units; W_rec with Dale's signs and about a third of the synapses removed. */
    static RecurrentNetwork daleSparse(RecurrentNetwork net) {
        CellTypes types = new CellTypes(3, net.recurrent());
        int n = net.recurrent();
        double[] w = net.wRec();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double v = Math.abs(w[j * n + i]) * types.sign(i);
                w[j * n + i] = i == j || r.nextDouble() < 0.33 ? 0.0 : v;
            }
        }
        return net.withCellTypes(types);
    }

    // ---------------------------------------------------------------- the second implementation

    private static Gradients reference(LearningRule rule, RecurrentNetwork net, SequenceBatch batch) {
        int nIn = net.inputs();
        int nRec = net.recurrent();
        int nOut = net.outputs();
        int steps = batch.steps();
        double[] b = new double[nRec * nOut];
        if (rule == LearningRule.EPROP || rule == LearningRule.MDGL) {
            for (int j = 0; j < nRec; j++) {
                for (int k = 0; k < nOut; k++) {
                    b[j * nOut + k] = net.wOut()[k * nRec + j];
                }
            }
        } else {
            b = RandomFeedback.gaussian(nRec, nOut, SEED, GAIN).values();
        }
        double lambda = 1.0 / net.rateUnits().tauMs() * net.params().dtMs();
        double[][] wab = rule == LearningRule.MDGL ? typeMeans(net) : null;
        Gradients out = Gradients.zerosFor(net);
        Trajectory tr = new Trajectory(steps, nRec, nOut);
        for (int s = 0; s < batch.batchSize(); s++) {
            RateForwardPass.run(net, batch, s, tr);
            double[][] l = new double[steps][nRec];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < nRec; j++) {
                    for (int k = 0; k < nOut; k++) {
                        l[t][j] += b[j * nOut + k] * tr.err[t * nOut + k];
                    }
                }
            }
            double[][] lRec = l;
            if (wab != null) {
                lRec = new double[steps][nRec];
                CellTypes c = net.cellTypes();
                for (int t = 0; t < steps; t++) {
                    for (int p = 0; p < nRec; p++) {
                        double sum = l[t][p];
                        if (t + 1 < steps) {
                            for (int j = 0; j < nRec; j++) {
                                if (net.wRec()[j * nRec + p] != 0.0) {
                                    int a = c == null ? 0 : c.type(j);
                                    int bb = c == null ? 0 : c.type(p);
                                    sum += wab[a][bb] * lambda * phiPrime(net, tr.v[(t + 1) * nRec + j])
                                            * l[t + 1][j];
                                }
                            }
                        }
                        lRec[t][p] = sum;
                    }
                }
            }
            for (int j = 0; j < nRec; j++) {
                for (int i = 0; i < nIn; i++) {
                    double[] e = rule == LearningRule.RFLO ? rfloTrace(net, batch, s, tr, j, i, false)
                            : epropTrace(net, batch, s, tr, j, i, false);
                    for (int t = 0; t < steps; t++) {
                        out.wIn[j * nIn + i] += l[t][j] * e[t] / batch.batchSize();
                    }
                }
                for (int i = 0; i < nRec; i++) {
                    if (i == j) {
                        continue;
                    }
                    double[] e = rule == LearningRule.RFLO ? rfloTrace(net, batch, s, tr, j, i, true)
                            : epropTrace(net, batch, s, tr, j, i, true);
                    for (int t = 0; t < steps; t++) {
                        out.wRec[j * nRec + i] += lRec[t][j] * e[t] / batch.batchSize();
                    }
                }
            }
            for (int k = 0; k < nOut; k++) {
                for (int j = 0; j < nRec; j++) {
                    for (int t = 0; t < steps; t++) {
                        out.wOut[k * nRec + j] += tr.err[t * nOut + k] * tr.z[t * nRec + j] / batch.batchSize();
                    }
                }
            }
        }
        return out;
    }

    /** w_ab: the mean of the lists of existing W_rec[j][p] with type(j) = a, type(p) = b. */
    private static double[][] typeMeans(RecurrentNetwork net) {
        int n = net.recurrent();
        CellTypes c = net.cellTypes();
        List<List<List<Double>>> lists = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            lists.add(new ArrayList<>());
            for (int bb = 0; bb < 2; bb++) {
                lists.get(a).add(new ArrayList<>());
            }
        }
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < n; p++) {
                double w = net.wRec()[j * n + p];
                if (w != 0.0) {
                    lists.get(c == null ? 0 : c.type(j)).get(c == null ? 0 : c.type(p)).add(w);
                }
            }
        }
        double[][] m = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int bb = 0; bb < 2; bb++) {
                List<Double> v = lists.get(a).get(bb);
                m[a][bb] = v.isEmpty() ? 0.0 : v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            }
        }
        return m;
    }

    /** pre_i^t: x_i^t (input) or the recorded r_i^{t−1} (recurrent, 0 at t = 0). */
    private static double pre(SequenceBatch batch, int s, Trajectory tr, int i, int t, boolean recurrent) {
        if (recurrent) {
            return t == 0 ? 0.0 : tr.z[(t - 1) * tr.recurrent + i];
        }
        return batch.inputSpikes()[batch.inputIndex(s, t, i)];
    }

    /**
     * e_ji^t = d r_j^t / d W_ji with unit j re-simulated alone, every presynaptic activity clamped to the recording:
     * dual numbers (value, derivative) through a_j^t = b + Σ W_in x + Σ W_rec r_rec, then the unit's form.
     */
    private static double[] epropTrace(RecurrentNetwork net, SequenceBatch batch, int s, Trajectory tr, int j, int q,
            boolean recurrent) {
        int nIn = net.inputs();
        int nRec = net.recurrent();
        int steps = tr.steps;
        double lambda = net.params().dtMs() / net.rateUnits().tauMs();
        boolean rateLeak = net.rateUnits().form() == LeakyRateUnit.Form.RATE_LEAK;
        double[] e = new double[steps];
        double h = 0.0;
        double dh = 0.0;
        for (int t = 0; t < steps; t++) {
            double a = net.rateUnits().bias();
            for (int i = 0; i < nIn; i++) {
                a += net.wIn()[j * nIn + i] * pre(batch, s, tr, i, t, false);
            }
            for (int i = 0; i < nRec; i++) {
                a += net.wRec()[j * nRec + i] * pre(batch, s, tr, i, t, true);
            }
            double da = pre(batch, s, tr, q, t, recurrent);
            double r;
            double dr;
            if (rateLeak) {
                h = (1 - lambda) * h + lambda * phi(net, a);
                dh = (1 - lambda) * dh + lambda * phiPrime(net, a) * da;
                r = h;
                dr = dh;
            } else {
                h = (1 - lambda) * h + lambda * a;
                dh = (1 - lambda) * dh + lambda * da;
                r = phi(net, h);
                dr = phiPrime(net, h) * dh;
            }
            assertTrue(Math.abs(r - tr.z[t * nRec + j]) <= 1e-12 * (1 + Math.abs(r)), "re-simulated rate differs");
            e[t] = dr;
        }
        return e;
    }

    /** RFLO's trace in closed form: p_ji^t = Σ_{s≤t} λ (1 − λ)^{t−s} φ'(v_j^s) pre_i^s. */
    private static double[] rfloTrace(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, int j, int q,
            boolean recurrent) {
        int steps = tr.steps;
        double lambda = net.params().dtMs() / net.rateUnits().tauMs();
        double[] p = new double[steps];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s <= t; s++) {
                p[t] += lambda * Math.pow(1 - lambda, t - s) * phiPrime(net, tr.v[s * tr.recurrent + j])
                        * pre(batch, seq, tr, q, s, recurrent);
            }
        }
        return p;
    }

    /** φ written out (not RateActivation.value). */
    private static double phi(RecurrentNetwork net, double x) {
        switch (net.rateUnits().activation()) {
            case TANH: return Math.tanh(x);
            case SOFTPLUS: return Math.log(1 + Math.exp(x));
            case RELU: return Math.max(0, x);
            default: return Math.max(0, Math.tanh(x));
        }
    }

    /** φ' written out. */
    private static double phiPrime(RecurrentNetwork net, double x) {
        switch (net.rateUnits().activation()) {
            case TANH: return 1 / (Math.cosh(x) * Math.cosh(x));
            case SOFTPLUS: return Math.exp(x) / (1 + Math.exp(x));
            case RELU: return x > 0 ? 1 : 0;
            default: return x > 0 ? 1 / (Math.cosh(x) * Math.cosh(x)) : 0;
        }
    }
}
