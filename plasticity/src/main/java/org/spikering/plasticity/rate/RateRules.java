package org.spikering.plasticity.rate;

import java.util.Locale;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * The gradient computers of the rules on a rate network ({@link RecurrentNetwork#isRate()}); called by
 * {@code Rules.create} for such networks.
 *
 * <table>
 * <caption>Rules on rate networks</caption>
 * <tr><th>rule</th><th>computer</th></tr>
 * <tr><td>bptt</td><td>{@link RateBptt} (exact)</td></tr>
 * <tr><td>eprop</td><td>{@link RateLocalRule#eprop} with B = W_outᵀ</td></tr>
 * <tr><td>random-eprop</td><td>{@link RateLocalRule#eprop} with B = {@link RandomFeedback#gaussian}(seed, gain)</td></tr>
 * <tr><td>rflo</td><td>{@link RateLocalRule#rflo} with the same B as random-eprop</td></tr>
 * <tr><td>mdgl</td><td>{@link RateLocalRule#mdgl}, B = W_outᵀ</td></tr>
 * <tr><td>rtrl</td><td>{@link RateRtrl} (exact)</td></tr>
 * <tr><td>uoro</td><td>{@link RateUoro}, ν stream seeded with the seed</td></tr>
 * <tr><td>kf-rtrl</td><td>{@link RateKfRtrl}, sign stream seeded with the seed</td></tr>
 * <tr><td>kernl</td><td>{@link RateKernl}, perturbation stream seeded with the seed, default σ and η</td></tr>
 * <tr><td>sg</td><td>{@link RateSyntheticGradients} with {@link #SG_DEFAULTS}, B as random-eprop's</td></tr>
 * <tr><td>bp-lambda</td><td>{@link RateSyntheticGradients} with {@link #BP_LAMBDA_DEFAULTS}, B = W_outᵀ</td></tr>
 * <tr><td>mdgl-exact, nest-eprop, nest-eprop-iaf</td><td>refused (spiking only)</td></tr>
 * </table>
 * Rate networks have no events: computations {@code event} (the default) and {@code dense} give the same computer;
 * {@code event_stepwise} and {@code engine} are refused.
 */
public final class RateRules {
    private RateRules() {
    }

    /**
     * Settings of rule sg: λ = 0, normalised steps η_A = 0.5, η_J = 0.2, learned J (Marschall et al.'s local network;
     * the step sizes are this project's, chosen on (4,6)-back with 32 tanh units: η_J = 0.5 with Adam 1e-3 ended at
     * 0.529 nats after 3000 batches, η_J = 0.2 with Adam 5e-4 at 0.502, seed 1).
     */
    public static final RateSyntheticGradients.Settings SG_DEFAULTS =
            new RateSyntheticGradients.Settings(0.0, 0.5, 0.2, RateSyntheticGradients.Jacobian.LEARNED);

    /** Settings of rule bp-lambda: λ = 0.9, η_A = 0.5, exact Jacobian (this project's choice of λ and step). */
    public static final RateSyntheticGradients.Settings BP_LAMBDA_DEFAULTS =
            new RateSyntheticGradients.Settings(0.9, 0.5, 0.0, RateSyntheticGradients.Jacobian.EXACT);

    /**
     * @param rule         the rule.
     * @param computation  event or dense (same result).
     * @param net          a rate network.
     * @param seed         seed of random-eprop's and rflo's B and of the random streams of uoro, kf-rtrl and kernl.
     * @param feedbackGain gain of that B ({@link RandomFeedback#gaussian(int, int, long, double)}).
     * @return the gradient computer.
     * @throws IllegalArgumentException for a rule or computation that does not apply to rate networks.
     */
    public static GradientComputer create(LearningRule rule, Computation computation, RecurrentNetwork net,
            long seed, double feedbackGain) {
        if (!net.isRate()) {
            throw new IllegalArgumentException("rule " + rule.id() + " (rate): needs a rate network");
        }
        if (computation != Computation.EVENT && computation != Computation.DENSE) {
            throw new IllegalArgumentException("computation = " + computation.name().toLowerCase(Locale.ROOT)
                    + ": a rate network has no spike events; allowed: event (default) or dense (same result)");
        }
        switch (rule) {
            case BPTT:
                return new RateBptt();
            case EPROP:
                return RateLocalRule.eprop(new SymmetricFeedback());
            case RANDOM_EPROP:
                return RateLocalRule.eprop(RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, feedbackGain));
            case RFLO:
                return RateLocalRule.rflo(RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, feedbackGain));
            case MDGL:
                return RateLocalRule.mdgl();
            case RTRL:
                return new RateRtrl();
            case UORO:
                return new RateUoro(seed);
            case KF_RTRL:
                return new RateKfRtrl(seed);
            case KERNL:
                return new RateKernl(seed);
            case SG:
                return new RateSyntheticGradients(SG_DEFAULTS,
                        RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, feedbackGain), "synthetic gradients (rate)");
            case BP_LAMBDA:
                return new RateSyntheticGradients(BP_LAMBDA_DEFAULTS, new SymmetricFeedback(), "BP(lambda) (rate)");
            case MDGL_EXACT:
                throw new IllegalArgumentException("rule mdgl-exact: its non-local term is built from a spiking "
                        + "network's leaky readout (κ) and pseudo-derivative ψ; not for rate networks (use mdgl)");
            case NEST_EPROP:
                throw new IllegalArgumentException("rule nest-eprop: reproduces NEST's LIF sine-wave network; "
                        + "not for rate networks (use eprop or random-eprop)");
            case NEST_EPROP_IAF:
                throw new IllegalArgumentException("rule nest-eprop-iaf: NEST's eprop_iaf neuron model with "
                        + "continuous learning; not for rate networks");
            case REWARD_EPROP:
                throw new IllegalArgumentException("rule reward-eprop: implemented for LIF/ALIF networks only (its"
                        + " critic reads the readouts' filtered spikes); use a spiking network");
            default:
                throw new IllegalArgumentException("rule = " + rule);
        }
    }
}
