package org.spikering.plasticity.eprop;

import java.util.function.Function;
import org.spikering.plasticity.data.ChoiceReward;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.RewardEnvironment;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * The reward part of reward-based e-prop ({@link org.spikering.plasticity.train.LearningRule#REWARD_EPROP}; Bellec et
 * al. 2020, Nat. Commun. 11:3625, Methods, "Reward-based e-prop"): turns a recorded sequence into the errors and
 * learning signals of an actor-critic policy gradient, which e-prop's eligibility traces then carry to the weights
 * ({@link SequenceGradientComputer#withReward}). Not thread-safe; one instance per gradient computer.
 *
 * <p><b>Agent.</b> Policy π_k^t = softmax_k(y^t) of the network's leaky readouts y_k^t (the actions are the readouts);
 * value V^t = Σ_j w^V_j zbar_j^t + b^V, a further linear readout of the same filtered spikes
 * zbar_j^t = κ zbar_j^{t−1} + ζ_out z_j^t that the readouts integrate. At every acting step t of the
 * {@link RewardEnvironment} an action a^t is drawn from π^t and earns r^t.
 *
 * <p><b>Loss and gradient</b> (EPROP.md §1 notation). The agent's time steps are the acting steps t_1 &lt; … &lt; t_n of
 * a sequence (one episode; "next" below is the next acting step, and after t_n the episode ends, V = 0): policy,
 * value, returns and TD errors exist only there, and γ discounts per action, as the paper's Atari agent reads its
 * policy and value every few network steps ("discounting applied on action steps"). With t, t' acting steps:
 * <pre>
 * G^t   = r^t + γ G^{next(t)},  G^{next(t_n)} = 0                        (discounted return)
 * δ^t   = r^t + γ V^{next(t)} − V^t                                     (TD error)
 * A^t   = G^t − V^t = Σ_{t'≥t} γ^{#actions from t to t'} δ^{t'}          (advantage)
 * E     = −Σ_t A^t log π_{a^t}^t  +  c_V ½ Σ_t (G^t − V^t)²  −  c_e Σ_t H(π^t)
 * err_k^t = A^t (π_k^t − 1[a^t = k]) + c_e π_k^t (log π_k^t + H(π^t))     (= ∂E/∂y_k^t with A held fixed; 0 at
 *                                                                             network steps without an action)
 * L_j^t   = Σ_k B_jk err_k^t − c_V A^t B^V_j           B_jk = W^out_kj (symmetric), B^V_j = w^V_j
 * dE/dW_ji ≈ Σ_t L_j^t ebar_ji^t  (+ rate regularisation)     dE/dW^out_kj = Σ_t err_k^t zbar_j^t
 * </pre>
 * with e-prop's κ-filtered eligibility traces ebar_ji^t (§1.5), which bridge the network steps between actions. The
 * paper writes the same sum online, ΔW_ji = −η Σ_t δ^t F_γ(L_j ebar_ji)^t with F_γ(x)^t = γ F_γ(x)^{prev(t)} + x^t
 * over the acting steps: exchanging the sums, Σ_t δ^t Σ_{u≤t} γ^{…} X^u = Σ_u X^u Σ_{t≥u} γ^{…} δ^t = Σ_u A^u X^u,
 * so we multiply by A^t after the sequence instead of filtering by F_γ during it (identical sums, another order).
 * With γ = 0 and one acting step this is REINFORCE with baseline V: E_a[err_k] = −∂(Σ_a π_a r_a)/∂y_k, whatever the
 * baseline (tests: {@code RewardEpropPolicyGradientTest}). Source note: these formulas follow the paper's Methods
 * (L_j^t = −c_V B^V_j + Σ_k B^π_jk (π_k^t − 1[a^t = k]) multiplied by δ^t through F_γ) as recalled, and the authors'
 * code (its A2C loss with e-prop's stop-gradients); the Methods text itself was not at hand when this was written,
 * which is why the tests check every term against the expected-reward gradient computed independently.
 *
 * <p><b>Critic.</b> The value readout is this object's state (w^V, b^V, zero at the start), not a network weight. After
 * each batch it takes one normalised-LMS step towards the returns,
 * <pre>
 * w^V_j ← w^V_j + η_V ⟨A^t zbar_j^t / (1 + |zbar^t|²)⟩,   b^V ← b^V + η_V ⟨A^t / (1 + |zbar^t|²)⟩
 * </pre>
 * (⟨⟩: mean over the acting steps of the batch), the gradient step of c_V E_V made stable for any input scale.
 *
 * <p><b>Where this differs from the paper and its code</b> (IGITUGraz/eligibility_propagation,
 * Figure_4_and_5_ATARI/main.py: A2C loss, policy + baseline_cost 1 · value + entropy_cost 0.0025, Adam):
 * <ul>
 * <li>the critic is updated by the normalised LMS step above inside the rule, not by the run's optimizer; it is not
 *     saved in checkpoints and no hardware hook (mask, quantiser) applies to it;</li>
 * <li>returns are computed after the sequence (the sum above), not online with F_γ; actions are drawn after the
 *     forward pass from the recorded π^t, which is the same draw because the inputs do not depend on the actions;</li>
 * <li>one policy readout per action and the actions are the task's classes; the paper's Atari agent acts every few
 *     steps of a game whose next frame depends on the action;</li>
 * <li>defaults γ = 0 (the code: 0.99 per action): on our tasks an action does not change the inputs, so later
 *     rewards do not depend on it and discounting them in would only add variance; the credit over time from the cues
 *     to the decision is carried by the eligibility traces, not by γ. c_V = 1 (as the code), c_e = 0 (the code:
 *     0.0025).</li>
 * </ul>
 *
 * <p><b>Randomness.</b> The actions of sequence b come from a SplitMix64 stream seeded by the rule's seed, b and a hash
 * of the sequence's inputs, so a run is bit-identical for a seed and a resumed or repeated batch draws the same actions.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>symbol</th><th>default</th><th>allowed</th></tr>
 * <tr><td>gamma</td><td>per action</td><td>γ</td><td>0</td><td>[0, 1]</td></tr>
 * <tr><td>valueCost</td><td>—</td><td>c_V</td><td>1</td><td>≥ 0</td></tr>
 * <tr><td>entropyCost</td><td>—</td><td>c_e</td><td>0</td><td>≥ 0</td></tr>
 * <tr><td>criticRate</td><td>—</td><td>η_V</td><td>0.2</td><td>[0, 1]</td></tr>
 * </table>
 */
public final class ActorCritic {
    /** Default discount per action γ. */
    public static final double GAMMA = 0.0;
    /** Default value-loss weight c_V. */
    public static final double VALUE_COST = 1.0;
    /** Default entropy weight c_e. */
    public static final double ENTROPY_COST = 0.0;
    /** Default critic step η_V. */
    public static final double CRITIC_RATE = 0.2;

    private final Function<SequenceBatch, RewardEnvironment> environments;
    private final double gamma;
    private final double valueCost;
    private final double entropyCost;
    private final double criticRate;
    private final long seed;
    private double[] wV = new double[0];
    private double bV;
    private double[] dwV = new double[0];
    private double dbV;
    private double[] zbar = new double[0];
    private double[] norm = new double[0];
    private double[] value = new double[0];
    private double[] advantage = new double[0];
    /** a^t at acting steps, −1 elsewhere. */
    private int[] action = new int[0];
    private RewardEnvironment env;
    private long criticSamples;

    /**
     * @param environments the reward environment of a batch (e.g. {@link #choice}).
     * @param gamma        γ in [0, 1].
     * @param valueCost    c_V ≥ 0.
     * @param entropyCost  c_e ≥ 0.
     * @param criticRate   η_V in [0, 1].
     * @param seed         seed of the action draws.
     */
    public ActorCritic(Function<SequenceBatch, RewardEnvironment> environments, double gamma, double valueCost,
            double entropyCost, double criticRate, long seed) {
        if (environments == null) {
            throw new IllegalArgumentException("reward environments: must not be null");
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma = " + gamma + ": must be in [0, 1]");
        }
        if (!(valueCost >= 0) || !Double.isFinite(valueCost)) {
            throw new IllegalArgumentException("value cost c_V = " + valueCost + ": must be finite and >= 0");
        }
        if (!(entropyCost >= 0) || !Double.isFinite(entropyCost)) {
            throw new IllegalArgumentException("entropy cost c_e = " + entropyCost + ": must be finite and >= 0");
        }
        if (!(criticRate >= 0 && criticRate <= 1)) {
            throw new IllegalArgumentException("critic rate = " + criticRate + ": must be in [0, 1]");
        }
        this.environments = environments;
        this.gamma = gamma;
        this.valueCost = valueCost;
        this.entropyCost = entropyCost;
        this.criticRate = criticRate;
        this.seed = seed;
    }

    /** The defaults of the class table on {@link ChoiceReward} with wrong-choice reward 0. */
    public static ActorCritic standard(long seed) {
        return new ActorCritic(choice(0.0), GAMMA, VALUE_COST, ENTROPY_COST, CRITIC_RATE, seed);
    }

    /** Reward environments of {@link ChoiceReward} with the given wrong-choice reward. */
    public static Function<SequenceBatch, RewardEnvironment> choice(double wrongReward) {
        return batch -> new ChoiceReward(batch, wrongReward);
    }

    /** The critic's weights w^V [n_rec] (live; zero-length before the first batch). */
    public double[] criticWeights() {
        return wV;
    }

    /** The critic's bias b^V. */
    public double criticBias() {
        return bV;
    }

    /**
     * Sets the critic (for tests and for a known baseline).
     *
     * @param w    w^V, length n_rec (copied).
     * @param bias b^V.
     */
    public void setCritic(double[] w, double bias) {
        wV = w.clone();
        bV = bias;
    }

    /** Prepares a batch: its environment, array sizes, a cleared critic step. */
    void beginBatch(RecurrentNetwork net, SequenceBatch batch) {
        if (batch.loss() != LossKind.CLASSIFICATION_CE) {
            throw new IllegalArgumentException("reward e-prop: needs a softmax (classification) readout as its policy,"
                    + " not " + batch.loss());
        }
        env = environments.apply(batch);
        final int nRec = net.recurrent();
        final int steps = batch.steps();
        if (wV.length != nRec) {
            wV = new double[nRec];
            bV = 0.0;
        }
        if (dwV.length != nRec) {
            dwV = new double[nRec];
            zbar = new double[nRec];
        }
        if (value.length != steps + 1) {
            value = new double[steps + 1];
            norm = new double[steps];
            advantage = new double[steps];
            action = new int[steps];
        }
        java.util.Arrays.fill(dwV, 0.0);
        dbV = 0.0;
        criticSamples = 0;
    }

    /**
     * Replaces the supervised errors of sequence s in {@code tr} (computed by the forward pass from the targets) by the
     * reward errors err_k^t of the class comment; sets {@code tr.loss} = −Σ_t r^t and {@code tr.correct} = the mean
     * reward per action; keeps A^t for {@link #addValueSignal}; adds the sequence's critic step.
     */
    void sequence(RecurrentNetwork net, SequenceBatch batch, int s, Trajectory tr) {
        final NetworkParams p = net.params();
        final int nRec = tr.recurrent;
        final int nOut = tr.outputs;
        final int steps = tr.steps;
        final double kappa = p.kappa();
        final double zetaOut = p.zetaOut();
        java.util.Arrays.fill(zbar, 0.0);
        for (int t = 0; t < steps; t++) {
            double v = bV;
            double n2 = 0.0;
            final int zb = t * nRec;
            for (int j = 0; j < nRec; j++) {
                final double x = kappa * zbar[j] + zetaOut * tr.z[zb + j];
                zbar[j] = x;
                v += wV[j] * x;
                n2 += x * x;
            }
            value[t] = v;
            norm[t] = 1.0 / (1.0 + n2);
        }
        value[steps] = 0.0;
        long state = mix(seed, s, inputHash(batch, s));
        double rewardSum = 0.0;
        int acts = 0;
        // rewards into advantage[] first (as r^t), then the backward pass turns them into A^t
        for (int t = 0; t < steps; t++) {
            final int ob = t * nOut;
            advantage[t] = 0.0;
            action[t] = -1;
            if (!env.acts(s, t)) {
                continue;
            }
            state += 0x9E3779B97F4A7C15L;
            final double u = (splitMix(state) >>> 11) * 0x1.0p-53;
            int a = nOut - 1;
            double cum = 0.0;
            for (int k = 0; k < nOut; k++) {
                cum += tr.y[ob + k];
                if (u < cum) {
                    a = k;
                    break;
                }
            }
            final double r = env.reward(s, t, a);
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("reward of sequence " + s + ", step " + t + " = " + r
                        + ": must be finite");
            }
            advantage[t] = r;
            action[t] = a;
            rewardSum += r;
            acts++;
        }
        double g = 0.0;
        for (int t = steps - 1; t >= 0; t--) {
            if (action[t] >= 0) {
                g = advantage[t] + gamma * g;
                advantage[t] = g - value[t];
            }
        }
        for (int t = 0; t < steps; t++) {
            final int ob = t * nOut;
            if (action[t] < 0) {
                for (int k = 0; k < nOut; k++) {
                    tr.err[ob + k] = 0.0;
                }
                continue;
            }
            double h = 0.0;
            for (int k = 0; k < nOut; k++) {
                final double pk = tr.y[ob + k];
                h -= pk > 0.0 ? pk * Math.log(pk) : 0.0;
            }
            final double adv = advantage[t];
            for (int k = 0; k < nOut; k++) {
                final double pk = tr.y[ob + k];
                final double chosen = k == action[t] ? 1.0 : 0.0;
                final double ent = pk > 0.0 ? entropyCost * pk * (Math.log(pk) + h) : 0.0;
                tr.err[ob + k] = adv * (pk - chosen) + ent;
            }
        }
        accumulateCritic(tr, nRec, steps, kappa, zetaOut);
        criticSamples += acts;
        tr.loss = -rewardSum;
        tr.correct = acts == 0 ? Double.NaN : rewardSum / acts;
    }

    /** Adds the critic's gradient step of this sequence at its acting steps (needs the advantages of {@link #sequence}). */
    private void accumulateCritic(Trajectory tr, int nRec, int steps, double kappa, double zetaOut) {
        java.util.Arrays.fill(zbar, 0.0);
        for (int t = 0; t < steps; t++) {
            final int zb = t * nRec;
            for (int j = 0; j < nRec; j++) {
                zbar[j] = kappa * zbar[j] + zetaOut * tr.z[zb + j];
            }
            if (action[t] >= 0) {
                final double w = advantage[t] * norm[t];
                for (int j = 0; j < nRec; j++) {
                    dwV[j] += w * zbar[j];
                }
                dbV += w;
            }
        }
    }

    /** Adds the value part −c_V A^t w^V_j to e-prop's learning signal in {@code tr.learning} (after B·err). */
    void addValueSignal(Trajectory tr) {
        if (valueCost == 0.0) {
            return;
        }
        final int nRec = tr.recurrent;
        for (int t = 0; t < tr.steps; t++) {
            final double c = valueCost * advantage[t];
            if (c != 0.0) {
                final int lb = t * nRec;
                for (int j = 0; j < nRec; j++) {
                    tr.learning[lb + j] -= c * wV[j];
                }
            }
        }
    }

    /** Applies the batch's critic step (the weights of the network are the trainer's). */
    void endBatch() {
        if (criticSamples == 0 || criticRate == 0.0) {
            return;
        }
        final double f = criticRate / criticSamples;
        for (int j = 0; j < wV.length; j++) {
            wV[j] += f * dwV[j];
        }
        bV += f * dbV;
    }

    private static long inputHash(SequenceBatch batch, int s) {
        final float[] x = batch.inputSpikes();
        final int n = batch.steps() * batch.inputs();
        final int from = s * n;
        long h = 1125899906842597L;
        for (int i = from; i < from + n; i++) {
            h = 31 * h + Float.floatToIntBits(x[i]);
        }
        return h;
    }

    private static long mix(long seed, int s, long hash) {
        return splitMix(splitMix(seed ^ 0x5DEECE66DL) + s * 0xBF58476D1CE4E5B9L + hash);
    }

    /** SplitMix64's output function (Steele, Lea &amp; Flood 2014). */
    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
