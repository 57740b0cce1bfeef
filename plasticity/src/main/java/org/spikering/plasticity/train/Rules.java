package org.spikering.plasticity.train;

import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.eprop.ClosedFormEventEprop;
import org.spikering.plasticity.eprop.DenseEprop;
import org.spikering.plasticity.engine.EngineForwardPass;
import org.spikering.plasticity.eprop.EventEprop;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.ForwardModel;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.sim.SimulationConfig;

/** Factory of gradient computers. */
public final class Rules {
    private Rules() {
    }

    /** A rule; RANDOM_EPROP draws B ~ N(0,1)/sqrt(n_rec) from {@code seed}; BPTT ignores the computation. */
    public static GradientComputer create(LearningRule rule, Computation computation, RecurrentSpikingNetwork net,
            long seed) {
        switch (rule) {
            case EPROP:
                return eprop(new SymmetricFeedback(), false, computation);
            case RANDOM_EPROP:
                return eprop(RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed), false, computation);
            case MDGL:
                return eprop(new SymmetricFeedback(), true, computation);
            case BPTT:
                return new Bptt(true);
            default:
                throw new IllegalArgumentException("rule = " + rule);
        }
    }

    /** The engine forward pass of {@link Computation#ENGINE}: sim-core's Disruptor engine, one partition thread. */
    private static final ForwardModel ENGINE_FORWARD = new EngineForwardPass(SimulationConfig.threads(1));

    /** e-prop with a given feedback (e.g. NEST's B), optionally with MDGL's non-local term. */
    public static GradientComputer eprop(Feedback feedback, boolean mdgl, Computation computation) {
        switch (computation) {
            case EVENT: return new ClosedFormEventEprop(feedback, mdgl);
            case ENGINE: return new ClosedFormEventEprop(feedback, mdgl).withForward(ENGINE_FORWARD);
            case EVENT_STEPWISE: return new EventEprop(feedback, mdgl);
            default: return new DenseEprop(feedback, mdgl);
        }
    }

    /**
     * e-prop exactly as NEST 3.9's bsshslm models compute it, including the late last-step learning signal
     * (see {@code SequenceGradientComputer#nestLateLastSignal}); for reproducing NEST's frozen-pattern runs.
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
}
