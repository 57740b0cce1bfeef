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
    SG("synthetic gradients"),
    BP_LAMBDA("BP(λ)");

    private final String label;

    LearningRule(String label) {
        this.label = label;
    }

    /** The name on the command line and in summaries: eprop, random-eprop, nest-eprop, mdgl-exact, bptt, nest-eprop-iaf, rflo, mdgl, sg, bp-lambda. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name in plots and printed tables, e.g. "random e-prop". */
    public String label() {
        return label;
    }
}
