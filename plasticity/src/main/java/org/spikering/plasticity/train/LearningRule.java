package org.spikering.plasticity.train;

import java.util.Locale;

/**
 * The learning rules. Each name means one thing everywhere: the {@code --rule} value of {@code spikering train}, the
 * {@code "rule"} of a summary, the label of a plot and of a {@code spikering gradients} row.
 *
 * <table>
 * <caption>Rules</caption>
 * <tr><th>constant</th><th>{@link #id()}</th><th>what it computes</th></tr>
 * <tr><td>EPROP</td><td>eprop</td><td>e-prop with symmetric feedback B = W_outᵀ (Bellec et al. 2020, EPROP.md §1)</td></tr>
 * <tr><td>RANDOM_EPROP</td><td>random-eprop</td><td>e-prop with a fixed random feedback B_jk ~ N(0, 1)/√n_rec drawn
 *     from the seed ({@link org.spikering.plasticity.feedback.RandomFeedback#gaussian})</td></tr>
 * <tr><td>NEST_EPROP</td><td>nest-eprop</td><td>e-prop as NEST 3.9's {@code eprop_*_bsshslm_2020} models compute
 *     it: random feedback B read from NEST's run, last learning signal of an interval applied one step late; only on
 *     NEST's sine-wave network ({@link Rules#nestEprop})</td></tr>
 * <tr><td>MDGL_EXACT</td><td>mdgl-exact</td><td>e-prop plus MDGL's one-synapse, one-step non-local term with the
 *     per-synapse weights W^rec_jp and the exact κ-filtered ∂E/∂z (an offline, exact one-step truncation of BPTT; not
 *     the online, cell-type rule of Liu et al. 2021 / EPROP.md §4; see
 *     {@link org.spikering.plasticity.eprop.LearningSignals#mdglExact})</td></tr>
 * <tr><td>BPTT</td><td>bptt</td><td>backpropagation through time with the same pseudo-derivative, reset path
 *     detached ({@link org.spikering.plasticity.bptt.Bptt})</td></tr>
 * <tr><td>NEST_EPROP_IAF</td><td>nest-eprop-iaf</td><td>NEST 3.9's current event-based e-prop family
 *     ({@code eprop_iaf}, {@code eprop_iaf_adapt}, {@code eprop_readout}, {@code eprop_synapse}): its own neuron
 *     model (reset in the spike step, no ζ) and continuous learning, every synapse updating at its presynaptic spikes
 *     within a sequence ({@link org.spikering.plasticity.nestiaf.NestIafLearner}); no batch gradient, so not a
 *     {@link Rules#create} rule and not in {@code spikering gradients}; only on NEST's iaf sine-wave network</td></tr>
 * <tr><td>RFLO</td><td>rflo</td><td>random-feedback local online learning (Murray 2019, EPROP.md §5): its own trace
 *     p_ji^t = α p_ji^{t−1} + ζ ψ_j^t s_i^t, a low-pass of the product of the pseudo-derivative (φ' for rate units)
 *     and the presynaptic arrival, gradient Σ_t L_j^t p_ji^t (+ the rate regularisation with p for e) with a fixed
 *     random feedback B (random-eprop's draw for the same seed and feedback gain); no κ filter, and on ALIF neurons
 *     no adaptation eligibility; W_out exact ({@link org.spikering.plasticity.eprop.DenseRflo},
 *     {@link org.spikering.plasticity.eprop.EventRflo} on LIF/ALIF networks); rate and spiking networks</td></tr>
 * <tr><td>MDGL</td><td>mdgl</td><td>modulated dynamic gradient learning (Liu et al. 2021, EPROP.md §4): e-prop's
 *     learning signal (B = W_outᵀ) plus, for the recurrent weights, a one-step term from the postsynaptic neighbours
 *     through cell-type-averaged gains w_{c(j)c(p)} (the "Wab" of the ModProp code), recomputed from W_rec every batch;
 *     one type when the network has no cell types
 *     ({@link org.spikering.plasticity.eprop.LearningSignals#mdglCellType} on LIF/ALIF networks); rate and spiking
 *     networks</td></tr>
 * <tr><td>RTRL</td><td>rtrl</td><td>exact real-time recurrent learning (Williams and Zipser 1989, in the form of
 *     Marschall et al. 2020 §3.1): the full influence matrix ∂h/∂θ carried forward; the same gradient as bptt to
 *     rounding, O(n⁴) per step (Marschall's α is our λ = dt/τ of rate_leak; our loss is the task's ReadoutLoss on
 *     a linear readout without bias) ({@link org.spikering.plasticity.rate.RateRtrl}); on LIF/ALIF networks the
 *     forward-mode form of bptt with the pseudo-derivative, reset path detached
 *     ({@link org.spikering.plasticity.bptt.SpikingRtrl})</td></tr>
 * <tr><td>UORO</td><td>uoro</td><td>unbiased online recurrent optimisation (Tallec and Ollivier 2017, Marschall et
 *     al. 2020 §4.1): a rank-one unbiased estimate of RTRL's influence matrix, signs ν drawn from a stream seeded
 *     with the rule seed (deterministic); factors start at 0 each sequence; rate networks only
 *     ({@link org.spikering.plasticity.rate.RateUoro})</td></tr>
 * <tr><td>KF_RTRL</td><td>kf-rtrl</td><td>Kronecker-factored RTRL (Mujika et al. 2018, Marschall et al. 2020 §4.2):
 *     an unbiased Kronecker-product estimate u ⊗ A, signs from the rule seed's stream; rate networks only
 *     ({@link org.spikering.plasticity.rate.RateKfRtrl})</td></tr>
 * <tr><td>KERNL</td><td>kernl</td><td>kernel RNN learning (Roth et al. 2019, Marschall et al. 2020 §5.3): influence
 *     ≈ A_kj × a trace filtered with learned rates γ_j; A and γ learned online from a perturbed copy of the network
 *     (perturbations from the rule seed's stream); starts at A = I, γ = λ, where it equals eprop; rate networks only
 *     ({@link org.spikering.plasticity.rate.RateKernl})</td></tr>
 * <tr><td>REWARD_EPROP</td><td>reward-eprop</td><td>reward-based e-prop (Bellec et al. 2020, Methods, "Reward-based
 *     e-prop"): an actor-critic policy gradient carried by e-prop's eligibility traces. Source of the learning signal:
 *     rewards of actions sampled from the softmax readouts (the policy; an action at every step of the recall (loss-mask)
 *     window, reward 1 for the target class, else 0, {@link org.spikering.plasticity.data.ChoiceReward}), never the targets;
 *     L_j^t = Σ_k W^out_kj A^t (π_k^t − 1[a^t = k]) − c_V A^t w^V_j with the advantage A^t = G^t − V^t of a linear
 *     critic V. Local in: the synapse's eligibility trace times a per-neuron signal built from one broadcast scalar
 *     (A^t) and the neuron's own feedback weights. Differs from the paper: the critic is trained inside the rule by a
 *     normalised LMS step (not by the optimizer, not checkpointed, no hardware hook on it), returns summed after the
 *     sequence instead of the online F_γ filter (same sum), γ = 0, c_V = 1, no entropy term
 *     ({@link org.spikering.plasticity.eprop.ActorCritic}); LIF/ALIF networks, classification tasks only; not in
 *     {@code spikering gradients}</td></tr>
 * <tr><td>SG</td><td>sg</td><td>synthetic gradients as a local rule (Marschall, Cho &amp; Savin 2019): credit
 *     q^t + A[r^t; 1] with A trained by one-step bootstrapping through a learned Jacobian J (delta rule), immediate
 *     credit through a fixed random B (random-eprop's draw); rate_leak rate networks only
 *     ({@link org.spikering.plasticity.rate.RateSyntheticGradients}, λ = 0)</td></tr>
 * <tr><td>BP_LAMBDA</td><td>bp-lambda</td><td>accumulate BP(λ) (Pemberton &amp; Costa): synthetic gradients whose A is
 *     trained on λ-returns (eligibility traces), exact Jacobian, B = W_outᵀ; rate_leak rate networks only
 *     ({@link org.spikering.plasticity.rate.RateSyntheticGradients})</td></tr>
 * </table>
 */
public enum LearningRule {
    EPROP("e-prop"),
    RANDOM_EPROP("random e-prop"),
    NEST_EPROP("NEST e-prop"),
    MDGL_EXACT("MDGL-exact"),
    BPTT("BPTT"),
    NEST_EPROP_IAF("NEST e-prop (eprop_iaf)"),
    RFLO("RFLO"),
    MDGL("MDGL"),
    RTRL("RTRL"),
    UORO("UORO"),
    KF_RTRL("KF-RTRL"),
    KERNL("KeRNL"),
    REWARD_EPROP("reward e-prop"),
    SG("synthetic gradients"),
    BP_LAMBDA("BP(λ)");

    private final String label;

    LearningRule(String label) {
        this.label = label;
    }

    /** The name on the command line and in summaries: eprop, random-eprop, nest-eprop, mdgl-exact, bptt, nest-eprop-iaf, rflo, mdgl, rtrl, uoro, kf-rtrl, kernl, reward-eprop, sg, bp-lambda. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name in plots and printed tables, e.g. "random e-prop". */
    public String label() {
        return label;
    }
}
