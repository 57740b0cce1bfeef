package org.spikering.plasticity.train;

import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.bptt.MatchedStepLengthBptt;
import org.spikering.plasticity.eprop.ClosedFormEventEprop;
import org.spikering.plasticity.eprop.DenseEprop;
import org.spikering.plasticity.eprop.DenseRflo;
import org.spikering.plasticity.engine.EngineForwardPass;
import org.spikering.plasticity.eprop.EventEprop;
import org.spikering.plasticity.eprop.EventRflo;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.RecurrentSignal;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.ForwardModel;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.sim.SimulationConfig;

/** Factory of gradient computers. */
public final class Rules {
    private Rules() {
    }

    /**
     * A rule (see {@link LearningRule}): EPROP uses B = W_outᵀ; RANDOM_EPROP draws B ~ N(0,1)/sqrt(n_rec) from
     * {@code seed}; NEST_EPROP reads NEST's B from {@link NestSineWaveReference} and needs NEST's sine-wave network
     * shape (100 inputs, 100 recurrent, 1 readout); MDGL_EXACT and MDGL use B = W_outᵀ; RFLO draws B as
     * RANDOM_EPROP does (the same B for the same seed); BPTT and RTRL ignore the computation.
     */
    public static GradientComputer create(LearningRule rule, Computation computation, RecurrentNetwork net,
            long seed) {
        return create(rule, computation, net, seed, 1.0);
    }

    /**
     * As {@link #create(LearningRule, Computation, RecurrentNetwork, long)}, with RANDOM_EPROP's B drawn as
     * N(0, feedbackGain²)/sqrt(n_rec) ({@link RandomFeedback#gaussian(int, int, long, double)}), and RFLO's the same
     * way; other rules ignore it.
     */
    public static GradientComputer create(LearningRule rule, Computation computation, RecurrentNetwork net,
            long seed, double feedbackGain) {
        if (net.isRate()) {
            return org.spikering.plasticity.rate.RateRules.create(rule, computation, net, seed, feedbackGain);
        }
        switch (rule) {
            case EPROP:
                return eprop(new SymmetricFeedback(), false, computation);
            case RANDOM_EPROP:
                return eprop(RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, feedbackGain), false, computation);
            case NEST_EPROP:
                if (net.inputs() != NestSineWaveReference.INPUTS || net.recurrent() != NestSineWaveReference.RECURRENT
                        || net.outputs() != NestSineWaveReference.OUTPUTS) {
                    throw new IllegalArgumentException("rule nest-eprop: only on NEST's sine-wave network ("
                            + NestSineWaveReference.INPUTS + " inputs, " + NestSineWaveReference.RECURRENT
                            + " recurrent, " + NestSineWaveReference.OUTPUTS + " readout), not " + net.inputs() + ", "
                            + net.recurrent() + ", " + net.outputs());
                }
                return nestEprop(NestSineWaveReference.load().feedback(), computation);
            case MDGL_EXACT:
                return eprop(new SymmetricFeedback(), true, computation);
            case BPTT:
                return new Bptt(true);
            case NEST_EPROP_IAF:
                throw new IllegalArgumentException("rule nest-eprop-iaf: learns continuously within each sequence "
                        + "(org.spikering.plasticity.nestiaf.NestIafLearner), so it has no batch gradient computer");
            case RFLO:
                return rflo(RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, feedbackGain), computation);
            case MDGL:
                return eprop(new SymmetricFeedback(), RecurrentSignal.MDGL, computation);
            case RTRL:
                return new org.spikering.plasticity.bptt.SpikingRtrl();
            case UORO:
            case KF_RTRL:
            case KERNL:
                throw new IllegalArgumentException("rule " + rule.id() + ": implemented for rate networks only"
                        + " (training.network.kind rate); not for LIF/ALIF networks (rtrl and bptt are)");
            case REWARD_EPROP:
                return rewardEprop(org.spikering.plasticity.eprop.ActorCritic.standard(seed), computation);
            case SG:
            case BP_LAMBDA:
                throw new IllegalArgumentException("rule " + rule.id() + ": synthetic gradients are implemented for"
                        + " rate networks (network kind rate, form rate_leak), not LIF/ALIF networks");
            default:
                throw new IllegalArgumentException("rule = " + rule);
        }
    }

    /**
     * BPTT at the step length of another rule ({@link MatchedStepLengthBptt}): both computers made by
     * {@link #create(LearningRule, Computation, RecurrentNetwork, long, double)} for the same network (BPTT ignores
     * the computation; the other rule uses it).
     *
     * @param other a rule with a batch gradient other than BPTT: eprop, random-eprop, mdgl-exact, rflo, mdgl (not
     *              bptt, nest-eprop or nest-eprop-iaf).
     */
    public static MatchedStepLengthBptt matchedBptt(LearningRule other, Computation computation, RecurrentNetwork net,
            long seed, double feedbackGain) {
        switch (other) {
            case BPTT:
            case NEST_EPROP:
            case NEST_EPROP_IAF:
                throw new IllegalArgumentException("BPTT at the step length of " + other.id() + ": not possible ("
                        + MATCHABLE + " only)");
            default:
                return new MatchedStepLengthBptt(create(LearningRule.BPTT, computation, net, seed, feedbackGain),
                        create(other, computation, net, seed, feedbackGain), other.id());
        }
    }

    /** The rules {@link #matchedBptt} accepts. */
    public static final String MATCHABLE = "eprop, random-eprop, mdgl-exact, rflo, mdgl";

    /** The engine forward pass of {@link Computation#ENGINE}: sim-core's Disruptor engine, one partition thread. */
    private static final ForwardModel ENGINE_FORWARD = new EngineForwardPass(SimulationConfig.threads(1));

    /**
     * e-prop with a given feedback, optionally with the non-local term of {@link LearningRule#MDGL_EXACT}
     * ({@link org.spikering.plasticity.eprop.LearningSignals#mdglExact}).
     */
    public static GradientComputer eprop(Feedback feedback, boolean mdglExact, Computation computation) {
        return eprop(feedback, mdglExact ? RecurrentSignal.MDGL_EXACT : RecurrentSignal.EPROP, computation);
    }

    /** e-prop with a given feedback and learning signal of the recurrent weights ({@link RecurrentSignal}). */
    public static GradientComputer eprop(Feedback feedback, RecurrentSignal signal, Computation computation) {
        switch (computation) {
            case EVENT: return new ClosedFormEventEprop(feedback, signal);
            case ENGINE: return new ClosedFormEventEprop(feedback, signal).withForward(ENGINE_FORWARD);
            case EVENT_STEPWISE: return new EventEprop(feedback, signal);
            default: return new DenseEprop(feedback, signal);
        }
    }

    /**
     * {@link LearningRule#REWARD_EPROP}: e-prop with symmetric feedback whose errors and learning signal come from
     * rewards ({@link org.spikering.plasticity.eprop.ActorCritic}); same computations as {@link #eprop}.
     *
     * @param critic      the actor-critic (its environments, γ, c_V, c_e, critic rate, action seed); one per computer.
     * @param computation how the eligibility traces are computed.
     */
    public static GradientComputer rewardEprop(org.spikering.plasticity.eprop.ActorCritic critic,
            Computation computation) {
        final SymmetricFeedback b = new SymmetricFeedback();
        switch (computation) {
            case EVENT: return new ClosedFormEventEprop(b, RecurrentSignal.EPROP).withReward(critic);
            case ENGINE: {
                final ClosedFormEventEprop g = new ClosedFormEventEprop(b, RecurrentSignal.EPROP);
                g.withReward(critic);
                g.withForward(ENGINE_FORWARD);
                return g;
            }
            case EVENT_STEPWISE: return new EventEprop(b, RecurrentSignal.EPROP).withReward(critic);
            default: return new DenseEprop(b, RecurrentSignal.EPROP).withReward(critic);
        }
    }

    /**
     * {@link LearningRule#RFLO} on a LIF/ALIF network with a given fixed feedback: DENSE is {@link DenseRflo}; EVENT
     * and EVENT_STEPWISE are both the event form {@link EventRflo} (RFLO has no stepwise variant of its own); ENGINE
     * is {@link EventRflo} on sim-core's engine forward pass.
     */
    public static GradientComputer rflo(Feedback feedback, Computation computation) {
        switch (computation) {
            case EVENT:
            case EVENT_STEPWISE:
                return new EventRflo(feedback);
            case ENGINE: return new EventRflo(feedback).withForward(ENGINE_FORWARD);
            default: return new DenseRflo(feedback);
        }
    }

    /**
     * {@link LearningRule#NEST_EPROP}: e-prop as NEST 3.9's {@code eprop_*_bsshslm_2020} models compute it, with a
     * given fixed feedback (NEST's recorded B, {@link NestSineWaveReference#feedback()}) and the last learning signal
     * of an interval applied one step late (see {@code SequenceGradientComputer#nestLateLastSignal}); for
     * reproducing NEST's frozen-pattern runs.
     */
    public static GradientComputer nestEprop(Feedback feedback, Computation computation) {
        switch (computation) {
            case EVENT: return new ClosedFormEventEprop(feedback, false).nestLateLastSignal(true);
            case ENGINE: {
                final ClosedFormEventEprop g = new ClosedFormEventEprop(feedback, false);
                g.nestLateLastSignal(true);
                g.withForward(ENGINE_FORWARD);
                return g;
            }
            case EVENT_STEPWISE: return new EventEprop(feedback, false).nestLateLastSignal(true);
            default: return new DenseEprop(feedback, false).nestLateLastSignal(true);
        }
    }

    /**
     * Prepares a {@link #nestEprop} computer for the last update of a run: NEST's sine-wave example ends every run by
     * forcing that update with a spike at step 2 of an extra interval, so the last update has every learning-signal
     * term (no late last signal; see {@code SequenceGradientComputer#nestLateLastSignal}).
     *
     * @param computer a computer made by {@link #nestEprop} (others are left as they are).
     */
    public static void nestFinalUpdate(final GradientComputer computer) {
        if (computer instanceof ClosedFormEventEprop c) {
            c.nestLateLastSignal(false);
        } else if (computer instanceof EventEprop e) {
            e.nestLateLastSignal(false);
        } else if (computer instanceof DenseEprop d) {
            d.nestLateLastSignal(false);
        }
    }
}
