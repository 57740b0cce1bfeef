package org.spikering.plasticity.rate;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.TrajectoryListener;

/**
 * Shared batch loop of the rate-network rules: per sequence the forward pass ({@link RateForwardPass}), the listener,
 * the rule's W_in and W_rec gradient (subclass) and the exact output-weight gradient of the linear readout
 * <pre>
 * dE/dW^out_kj = Σ_t err_k^t r_j^t
 * </pre>
 * then the mean over the batch. {@link Gradients#meanRateHz} is NaN (rate units do not spike). Rate networks have no
 * firing-rate regularisation, so no regularisation term is added. A state hook other than
 * {@link StateUpdateHook#NONE} is refused (it rounds LIF/ALIF state).
 */
abstract class RateGradientComputer implements GradientComputer {
    private Trajectory trajectory;
    private TrajectoryListener listener = TrajectoryListener.NONE;

    @Override
    public final void setTrajectoryListener(TrajectoryListener l) {
        if (l == null) {
            throw new IllegalArgumentException("trajectory listener = null: use TrajectoryListener.NONE for none");
        }
        this.listener = l;
    }

    @Override
    public final void setStateHook(StateUpdateHook q) {
        if (q == null) {
            throw new IllegalArgumentException("state hook = null: use StateUpdateHook.NONE for double precision");
        }
        if (q != StateUpdateHook.NONE) {
            throw new IllegalArgumentException(ForwardPass.RATE_STATE_HOOK);
        }
    }

    @Override
    public final void compute(RecurrentNetwork net, SequenceBatch batch, Gradients out) {
        if (!net.isRate()) {
            throw new IllegalArgumentException(name() + ": needs a rate network (rate units), not LIF/ALIF neurons");
        }
        if (!out.fits(net)) {
            throw new IllegalArgumentException("gradients shaped for another network");
        }
        out.clear();
        final int steps = batch.steps();
        if (trajectory == null || !trajectory.fits(steps, net.recurrent(), net.outputs())) {
            trajectory = new Trajectory(steps, net.recurrent(), net.outputs());
        }
        final Trajectory tr = trajectory;
        beginBatch(net, steps);
        double correct = 0.0;
        for (int s = 0; s < batch.batchSize(); s++) {
            RateForwardPass.run(net, batch, s, tr);
            listener.onForwardPass(net, batch, s, tr);
            accumulate(net, batch, s, tr, out);
            outputGradient(net, tr, out.wOut);
            out.loss += tr.loss;
            correct += tr.correct;
        }
        final double inv = 1.0 / batch.batchSize();
        scale(out.wIn, inv);
        scale(out.wRec, inv);
        scale(out.wOut, inv);
        out.loss *= inv;
        out.accuracy = correct * inv;
        out.meanRateHz = Double.NaN;
    }

    /**
     * Called once per batch before the first sequence, with the current weights (e.g. to read the feedback matrix).
     *
     * @param net   the network.
     * @param steps steps per sequence.
     */
    abstract void beginBatch(RecurrentNetwork net, int steps);

    /** Adds sequence {@code seq}'s dE/dW_in and dE/dW_rec (as the rule approximates them) to out.wIn, out.wRec. */
    abstract void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out);

    /** @return the most recent trajectory (for inspection), or null before the first batch. */
    public final Trajectory lastTrajectory() {
        return trajectory;
    }

    private static void outputGradient(RecurrentNetwork net, Trajectory tr, double[] gOut) {
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        for (int t = 0; t < tr.steps; t++) {
            final int base = t * nRec;
            for (int k = 0; k < nOut; k++) {
                final double e = tr.err[t * nOut + k];
                if (e != 0.0) {
                    final int row = k * nRec;
                    for (int j = 0; j < nRec; j++) {
                        gOut[row + j] += e * tr.z[base + j];
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
