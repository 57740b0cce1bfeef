package org.spikering.plasticity.eprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.RewardEnvironment;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Reward-based e-prop ({@link ActorCritic}) against the policy gradient it estimates, computed without the rule:
 * <ul>
 * <li>W_out: finite differences of the expected reward F(W_out) = Σ_{acting t} (Σ_a π_a^t r_a^t + c_e H(π^t)), π from
 *     the plain forward pass (the spikes do not depend on W_out, so F is smooth in W_out); the rule's expected update
 *     must be −∂F/∂W_out;</li>
 * <li>W_in, W_rec: a spiking network has no exact gradient through its spikes, so the reference is the surrogate
 *     gradient of the same objective: BPTT (reset detached; with W_rec = 0 e-prop is exact) or supervised e-prop on
 *     a batch whose soft targets y*_k = π_k (1 + r_k − J) make π − y* = −∂J/∂y, J = Σ_a π_a r_a;</li>
 * <li>the critic's term: with one readout (π = 1, no policy term) and a constant reward the rule's gradient must be
 *     c_V times supervised regression e-prop with W_out = w^V and target the analytic return G^t.</li>
 * </ul>
 */
final class RewardEpropPolicyGradientTest {
    private static final int IN = 3;
    private static final int REC = 6;
    private static final int T = 40;

    private static RecurrentNetwork network(int outputs, boolean recurrent, double cReg) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.4, 25.0, cReg, 10.0);
        RecurrentNetwork net = RecurrentNetwork.random(IN, REC, outputs, 2, p, 11, 2.5, recurrent ? 1.5 : 0.0, 0.15);
        return net;
    }

    private static float[] inputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[T * IN];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.25 ? 1f : 0f;
        }
        return x;
    }

    /** A one-sequence batch with the given targets at the masked steps (the reward rule ignores them). */
    private static SequenceBatch batch(float[] x, int outputs, double[] targets, boolean[] mask, LossKind loss) {
        return new SequenceBatch(1, T, IN, outputs, x, targets, mask, loss);
    }

    /** Acting steps with a reward table r[t][a] (null rows: no action at t). */
    private record Table(double[][] r) implements RewardEnvironment {
        @Override
        public boolean acts(int b, int t) {
            return r[t] != null;
        }

        @Override
        public double reward(int b, int t, int action) {
            return r[t][action];
        }
    }

    private static double[][] table(int outputs, int[] acting, double[][] rows) {
        double[][] r = new double[T][];
        for (int n = 0; n < acting.length; n++) {
            r[acting[n]] = rows[n];
        }
        return r;
    }

    private static Trajectory forward(RecurrentNetwork net, SequenceBatch b) {
        Trajectory tr = new Trajectory(T, net.recurrent(), net.outputs());
        ForwardPass.run(net, b, 0, tr);
        return tr;
    }

    private static double[] softmax(Trajectory tr, int t) {
        int n = tr.outputs;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, tr.yv[t * n + k]);
        }
        double[] p = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            p[k] = Math.exp(tr.yv[t * n + k] - max);
            s += p[k];
        }
        for (int k = 0; k < n; k++) {
            p[k] /= s;
        }
        return p;
    }

    /** F(W_out) = Σ_t (Σ_a π_a^t r_a^t + c_e H(π^t)). */
    private static double expectedReward(RecurrentNetwork net, SequenceBatch b, double[][] r, double cE) {
        Trajectory tr = forward(net, b);
        double f = 0;
        for (int t = 0; t < T; t++) {
            if (r[t] == null) {
                continue;
            }
            double[] p = softmax(tr, t);
            for (int a = 0; a < p.length; a++) {
                f += p[a] * r[t][a] - cE * p[a] * Math.log(p[a]);
            }
        }
        return f;
    }

    /** −∂F/∂W_out by central differences. */
    private static double[] minusGradOut(RecurrentNetwork net, SequenceBatch b, double[][] r, double cE) {
        double[] w = net.wOut();
        double[] g = new double[w.length];
        double h = 1e-6;
        for (int n = 0; n < w.length; n++) {
            double w0 = w[n];
            w[n] = w0 + h;
            double up = expectedReward(net, b, r, cE);
            w[n] = w0 - h;
            double down = expectedReward(net, b, r, cE);
            w[n] = w0;
            g[n] = -(up - down) / (2 * h);
        }
        return g;
    }

    private static SequenceGradientComputer rule(ActorCritic ac, int computation) {
        SymmetricFeedback f = new SymmetricFeedback();
        SequenceGradientComputer c = switch (computation) {
            case 0 -> new DenseEprop(f, RecurrentSignal.EPROP);
            case 1 -> new ClosedFormEventEprop(f, RecurrentSignal.EPROP);
            default -> new EventEprop(f, RecurrentSignal.EPROP);
        };
        return c.withReward(ac);
    }

    private static void assertClose(double[] expected, double[] actual, double relTol, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 1e-6, what + ": reference gradient is zero, the test would prove nothing");
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n], actual[n], relTol * scale, what + "[" + n + "]");
        }
    }

    /**
     * (a) γ = 0, one action at the last step, a frozen constant baseline b^V = 0.4: the rule's exact expectation over
     * the three actions (Σ_a π_a g(a), each g(a) found by drawing seeds until every action has been taken) equals
     * REINFORCE's −∂E_a[r]/∂W: for W_out by finite differences, for W_in and W_rec by BPTT on the soft-target batch
     * (W_rec = 0, where e-prop is exact). Dense, event and stepwise-event computations all agree.
     */
    @Test
    void shouldHaveTheExpectedUpdateOfReinforceWithBaseline() {
        RecurrentNetwork net = network(3, false, 0.0);
        float[] x = inputs(5);
        boolean[] mask = new boolean[T];
        mask[T - 1] = true;
        double[] r = {1.0, -0.5, 0.3};
        double[][] tab = table(3, new int[] {T - 1}, new double[][] {r});
        SequenceBatch plain = batch(x, 3, oneHot(3, 0), mask, LossKind.CLASSIFICATION_CE);
        double[] pi = softmax(forward(net, plain), T - 1);
        assertTrue(pi[0] > 0.01 && pi[1] > 0.01 && pi[2] > 0.01, "every action likely enough: " + java.util.Arrays.toString(pi));
        double j = 0;
        for (int a = 0; a < 3; a++) {
            j += pi[a] * r[a];
        }
        double[] soft = new double[T * 3];
        for (int k = 0; k < 3; k++) {
            soft[(T - 1) * 3 + k] = pi[k] * (1 + r[k] - j);
        }
        Gradients bptt = Gradients.zerosFor(net);
        new Bptt(true).compute(net, batch(x, 3, soft, mask, LossKind.CLASSIFICATION_CE), bptt);
        double[] fdOut = minusGradOut(net, plain, tab, 0.0);
        for (int computation = 0; computation < 3; computation++) {
            Gradients[] byAction = new Gradients[3];
            for (long seed = 0; seed < 3000 && (byAction[0] == null || byAction[1] == null || byAction[2] == null); seed++) {
                ActorCritic ac = new ActorCritic(b -> new Table(tab), 0.0, 0.0, 0.0, 0.0, seed);
                ac.setCritic(new double[REC], 0.4);
                Gradients g = Gradients.zerosFor(net);
                rule(ac, computation).compute(net, plain, g);
                int a = g.accuracy == 1.0 ? 0 : g.accuracy == -0.5 ? 1 : 2; // mean reward per action names the action
                byAction[a] = g;
            }
            for (Gradients g : byAction) {
                assertTrue(g != null, "every action drawn within 3000 seeds");
            }
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double[] mean = new double[byAction[0].get(id).length];
                for (int a = 0; a < 3; a++) {
                    double[] ga = byAction[a].get(id);
                    for (int n = 0; n < mean.length; n++) {
                        mean[n] += pi[a] * ga[n];
                    }
                }
                if (id == WeightMatrixId.RECURRENT) {
                    assertClose(bptt.wRec, mean, 1e-9, "W_rec vs BPTT, computation " + computation);
                } else if (id == WeightMatrixId.INPUT) {
                    assertClose(bptt.wIn, mean, 1e-9, "W_in vs BPTT, computation " + computation);
                } else {
                    assertClose(fdOut, mean, 1e-6, "W_out vs finite differences, computation " + computation);
                    assertClose(bptt.wOut, mean, 1e-9, "W_out vs BPTT, computation " + computation);
                }
            }
        }
    }

    /**
     * The critic's term alone: one readout (π ≡ 1, so the policy term vanishes for every draw), a constant reward
     * r = 0.7 at steps 14 and 39, γ = 0.95, c_V = 0.6, frozen critic w^V (random), b^V = 0: the rule's W_in and W_rec
     * gradient must be c_V times supervised regression e-prop on a copy whose readout weights are w^V and whose target
     * is the analytic return at the acting steps, G^14 = r + γ r and G^39 = r (γ per action; W_rec ≠ 0, rate
     * regularisation off).
     */
    @Test
    void shouldTrainTheNetworkTowardsTheReturnsWithTheCriticTerm() {
        RecurrentNetwork net = network(1, true, 0.0);
        float[] x = inputs(9);
        double gamma = 0.95;
        double cV = 0.6;
        double r0 = 0.7;
        int[] acting = {14, T - 1};
        double[][] tab = table(1, acting, new double[][] {{r0}, {r0}});
        boolean[] maskLast = new boolean[T];
        maskLast[T - 1] = true;
        SequenceBatch plain = batch(x, 1, oneHot(1, 0), maskLast, LossKind.CLASSIFICATION_CE);
        double[] wV = new double[REC];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int j = 0; j < REC; j++) {
            wV[j] = rnd.nextGaussian();
        }
        ActorCritic ac = new ActorCritic(b -> new Table(tab), gamma, cV, 0.0, 0.0, 1);
        ac.setCritic(wV, 0.0);
        Gradients g = Gradients.zerosFor(net);
        rule(ac, 0).compute(net, plain, g);

        double[] returns = new double[T];
        returns[acting[0]] = r0 + gamma * r0; // discounted per action
        returns[acting[1]] = r0;
        boolean[] all = new boolean[T];
        for (int a : acting) {
            all[a] = true;
        }
        RecurrentNetwork critic = new RecurrentNetwork(IN, REC, 1, adaptive(net), net.params(), net.wIn().clone(),
                net.wRec().clone(), wV.clone());
        Gradients reg = Gradients.zerosFor(critic);
        new DenseEprop(new SymmetricFeedback(), RecurrentSignal.EPROP).compute(critic,
                batch(x, 1, returns, all, LossKind.REGRESSION_MSE), reg);
        double[] in = reg.wIn.clone();
        double[] rec = reg.wRec.clone();
        for (int n = 0; n < in.length; n++) {
            in[n] *= cV;
        }
        for (int n = 0; n < rec.length; n++) {
            rec[n] *= cV;
        }
        assertClose(in, g.wIn, 1e-12, "W_in");
        assertClose(rec, g.wRec, 1e-12, "W_rec");
        for (double w : g.wOut) {
            assertEquals(0.0, w, 0.0, "no policy term with one action");
        }
    }

    /**
     * (b) Statistical: two acting steps, γ = 0.9, c_V = 0.5, c_e = 0.05, a frozen random critic; the mean of the rule's
     * update over 4000 sampled episodes (seeds) must lie within 4.5 standard errors of the analytic expectation in every
     * component, and within 10 % of it in norm: W_out against −∂F/∂W_out (finite differences), W_in and W_rec against
     * supervised e-prop with soft targets at the acting steps plus c_V times regression e-prop towards E[G^t] at the
     * acting steps (by
     * linearity; the actions are independent because they do not change the inputs).
     */
    @Test
    void shouldConvergeToTheAnalyticExpectationOverSampledEpisodes() {
        RecurrentNetwork net = network(3, true, 0.0);
        float[] x = inputs(21);
        double gamma = 0.9;
        double cV = 0.5;
        double cE = 0.05;
        int[] acting = {19, T - 1};
        double[][] rows = {{0.2, 1.0, -0.3}, {1.0, 0.0, 0.5}};
        double[][] tab = table(3, acting, rows);
        boolean[] mask = new boolean[T];
        for (int a : acting) {
            mask[a] = true;
        }
        SequenceBatch plain = batch(x, 3, new double[T * 3], mask, LossKind.CLASSIFICATION_CE);
        double[] wV = new double[REC];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int j = 0; j < REC; j++) {
            wV[j] = 0.5 * rnd.nextGaussian();
        }
        // analytic expectation
        Trajectory tr = forward(net, plain);
        double[] soft = new double[T * 3];
        double[] expectedReturn = new double[T];
        for (int n = 0; n < acting.length; n++) {
            int t = acting[n];
            double[] p = softmax(tr, t);
            double j = 0;
            double h = 0;
            for (int a = 0; a < 3; a++) {
                j += p[a] * rows[n][a];
                h -= p[a] * Math.log(p[a]);
            }
            for (int k = 0; k < 3; k++) {
                // π − y* = −π_k (r_k − J) + c_e π_k (log π_k + H)
                soft[t * 3 + k] = p[k] * (1 + rows[n][k] - j) - cE * p[k] * (Math.log(p[k]) + h);
            }
            for (int m = 0; m <= n; m++) {
                expectedReturn[acting[m]] += Math.pow(gamma, n - m) * j; // E[G] at the acting steps, γ per action
            }
        }
        Gradients policy = Gradients.zerosFor(net);
        new DenseEprop(new SymmetricFeedback(), RecurrentSignal.EPROP).compute(net,
                batch(x, 3, soft, mask, LossKind.CLASSIFICATION_CE), policy);
        RecurrentNetwork critic = new RecurrentNetwork(IN, REC, 1, adaptive(net), net.params(), net.wIn().clone(),
                net.wRec().clone(), wV.clone());
        Gradients value = Gradients.zerosFor(critic);
        new DenseEprop(new SymmetricFeedback(), RecurrentSignal.EPROP).compute(critic,
                batch(x, 1, expectedReturn, mask, LossKind.REGRESSION_MSE), value);
        double[][] expected = new double[3][];
        expected[WeightMatrixId.INPUT.ordinal()] = sum(policy.wIn, value.wIn, cV);
        expected[WeightMatrixId.RECURRENT.ordinal()] = sum(policy.wRec, value.wRec, cV);
        expected[WeightMatrixId.OUTPUT.ordinal()] = minusGradOut(net, plain, tab, cE);
        assertClose(policy.wOut, expected[WeightMatrixId.OUTPUT.ordinal()], 1e-6, "W_out: FD vs soft-target e-prop");

        int samples = 4000;
        double[][] sum = new double[3][];
        double[][] sumSq = new double[3][];
        for (WeightMatrixId id : WeightMatrixId.values()) {
            sum[id.ordinal()] = new double[expected[id.ordinal()].length];
            sumSq[id.ordinal()] = new double[expected[id.ordinal()].length];
        }
        Gradients g = Gradients.zerosFor(net);
        for (int s = 0; s < samples; s++) {
            ActorCritic ac = new ActorCritic(b -> new Table(tab), gamma, cV, cE, 0.0, 1000 + s);
            ac.setCritic(wV, 0.0);
            rule(ac, 1).compute(net, plain, g);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double[] v = g.get(id);
                for (int n = 0; n < v.length; n++) {
                    sum[id.ordinal()][n] += v[n];
                    sumSq[id.ordinal()][n] += v[n] * v[n];
                }
            }
        }
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] e = expected[id.ordinal()];
            double dist2 = 0;
            double norm2 = 0;
            for (int n = 0; n < e.length; n++) {
                double mean = sum[id.ordinal()][n] / samples;
                double var = sumSq[id.ordinal()][n] / samples - mean * mean;
                double se = Math.sqrt(Math.max(var, 0) / samples);
                assertEquals(e[n], mean, 4.5 * se + 1e-12, id + "[" + n + "]: mean of " + samples + " draws, SE " + se);
                dist2 += (mean - e[n]) * (mean - e[n]);
                norm2 += e[n] * e[n];
            }
            assertTrue(norm2 > 0, id + ": nonzero expectation");
            assertTrue(Math.sqrt(dist2 / norm2) < 0.1, id + ": relative distance " + Math.sqrt(dist2 / norm2));
        }
    }

    private static double[] sum(double[] a, double[] b, double f) {
        double[] s = new double[a.length];
        for (int n = 0; n < a.length; n++) {
            s[n] = a[n] + f * b[n];
        }
        return s;
    }

    private static boolean[] adaptive(RecurrentNetwork net) {
        boolean[] a = new boolean[net.recurrent()];
        for (int j = 0; j < a.length; j++) {
            a[j] = net.isAdaptive(j);
        }
        return a;
    }

    private static double[] oneHot(int outputs, int k) {
        double[] y = new double[T * outputs];
        for (int t = 0; t < T; t++) {
            y[t * outputs + k] = 1.0;
        }
        return y;
    }
}
