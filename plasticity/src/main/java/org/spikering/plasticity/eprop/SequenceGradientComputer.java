package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.ForwardModel;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.TrajectoryListener;
import org.spikering.plasticity.reg.RateRegularisation;

/**
 * Shared batch loop of the e-prop computations: forward pass, learning signals, per-sequence
 * eligibility-trace gradient (subclass), output-weight gradient, mean over the batch.
 * Output weights (both computations): zbar_j^t = κ zbar_j^{t−1} + ζ_out z_j^t, dE/dW^out_kj = Σ_t err_k^t zbar_j^t.
 */
abstract class SequenceGradientComputer implements GradientComputer {
    private final Feedback feedback;
    private final boolean mdglExact;
    private Trajectory trajectory;
    private double[] mdglExactSignal = new double[0];
    private double[] regFactor = new double[0];
    private boolean nestLateLastSignal;
    private ForwardModel forward = ForwardModel.LOOPS;
    private TrajectoryListener listener = TrajectoryListener.NONE;

    SequenceGradientComputer(Feedback feedback, boolean mdglExact) {
        if (feedback == null) {
            throw new IllegalArgumentException("feedback: must not be null");
        }
        this.feedback = feedback;
        this.mdglExact = mdglExact;
    }

    /**
     * NEST 3.9 bsshslm artefact (found by reproducing NEST's loss curve): the learning signal of the last step of an
     * interval reaches the postsynaptic history one step too late for a synapse whose presynaptic neuron's first
     * spike of the next interval arrives at its step 1, so NEST's gradient for that synapse lacks the term
     * L_j^{T−1} ebar_ji^{T−1}. With this option on, that term is left out for presynaptic neurons whose spike arrives
     * at step 1 of the same sequence (exact when every sequence is the same frozen pattern, as in NEST's example).
     * Off by default.
     */
    public final SequenceGradientComputer nestLateLastSignal(boolean on) {
        this.nestLateLastSignal = on;
        return this;
    }

    /** True if presynaptic neuron i's last-step learning-signal term is dropped (see {@link #nestLateLastSignal}). */
    static boolean dropsLast(boolean option, SequenceBatch batch, int seq, Trajectory tr, int i, boolean recurrent) {
        if (!option || tr.steps < 2) {
            return false;
        }
        if (recurrent) {
            return tr.z[i] != 0.0;
        }
        return batch.inputSpikes()[(seq * tr.steps + 1) * batch.inputs() + i] != 0f;
    }

    /**
     * Simulates the sequences with {@code f} instead of the plain loops, e.g. on sim-core's engine
     * ({@code org.spikering.plasticity.engine.EngineForwardPass}); the gradients are computed from its
     * trajectories.
     *
     * @param f the forward model.
     * @return this.
     */
    public final SequenceGradientComputer withForward(ForwardModel f) {
        if (f == null) {
            throw new IllegalArgumentException("forward model: must not be null");
        }
        this.forward = f;
        return this;
    }

    final boolean nestLateLastSignal() {
        return nestLateLastSignal;
    }

    @Override
    public final void setTrajectoryListener(TrajectoryListener l) {
        if (l == null) {
            throw new IllegalArgumentException("trajectory listener = null: use TrajectoryListener.NONE for none");
        }
        this.listener = l;
    }

    @Override
    public final void compute(RecurrentSpikingNetwork net, SequenceBatch batch, Gradients out) {
        if (!out.fits(net)) {
            throw new IllegalArgumentException("gradients shaped for another network");
        }
        out.clear();
        int steps = batch.steps();
        if (trajectory == null || !trajectory.fits(steps, net.recurrent(), net.outputs())) {
            trajectory = new Trajectory(steps, net.recurrent(), net.outputs());
            mdglExactSignal = new double[steps * net.recurrent()];
        }
        if (regFactor.length != net.recurrent()) {
            regFactor = new double[net.recurrent()];
        }
        double[] b = feedback.matrix(net);
        Trajectory tr = trajectory;
        NetworkParams p = net.params();
        double correct = 0.0;
        long spikes = 0;
        for (int s = 0; s < batch.batchSize(); s++) {
            forward.run(net, batch, s, tr);
            listener.onForwardPass(net, batch, s, tr);
            LearningSignals.eprop(tr, b);
            double[] recSignal = tr.learning;
            if (mdglExact) {
                LearningSignals.mdglExact(net, tr, mdglExactSignal);
                recSignal = mdglExactSignal;
            }
            RateRegularisation.factors(p, tr.spikeCount, steps, regFactor);
            accumulate(net, batch, s, tr, tr.learning, recSignal, regFactor, out);
            outputGradient(net, tr, out.wOut);
            out.loss += tr.loss;
            correct += tr.correct;
            spikes += tr.totalSpikes();
        }
        double inv = 1.0 / batch.batchSize();
        scale(out.wIn, inv);
        scale(out.wRec, inv);
        scale(out.wOut, inv);
        out.loss *= inv;
        out.accuracy = correct * inv;
        out.meanRateHz = spikes * inv / net.recurrent() / (steps * p.dtMs() / 1000.0);
    }

    /**
     * Adds this sequence's dE/dW_in and dE/dW_rec (task + regularisation) to out.wIn / out.wRec.
     * {@code inSignal}, {@code recSignal}: learning signals [t][j] for input and recurrent synapses.
     */
    abstract void accumulate(RecurrentSpikingNetwork net, SequenceBatch batch, int seq, Trajectory tr,
            double[] inSignal, double[] recSignal, double[] reg, Gradients out);

    /** The most recent trajectory (for inspection). */
    public Trajectory lastTrajectory() {
        return trajectory;
    }

    private static void outputGradient(RecurrentSpikingNetwork net, Trajectory tr, double[] gOut) {
        int nRec = net.recurrent();
        int nOut = net.outputs();
        double kappa = net.params().kappa();
        double zetaOut = net.params().zetaOut();
        double[] zbar = new double[nRec];
        for (int t = 0; t < tr.steps; t++) {
            for (int j = 0; j < nRec; j++) {
                zbar[j] = kappa * zbar[j] + zetaOut * tr.z[t * nRec + j];
            }
            for (int k = 0; k < nOut; k++) {
                double e = tr.err[t * nOut + k];
                if (e != 0.0) {
                    int row = k * nRec;
                    for (int j = 0; j < nRec; j++) {
                        gOut[row + j] += e * zbar[j];
                    }
                }
            }
        }
    }

    private static void scale(double[] a, double f) {
        for (int n = 0; n < a.length; n++) {
            a[n] *= f;
        }
    }
}
