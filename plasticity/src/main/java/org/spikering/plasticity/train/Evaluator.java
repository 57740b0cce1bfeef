package org.spikering.plasticity.train;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.Trajectory;

/**
 * Runs a batch forward without learning ({@link ForwardPass}: LIF/ALIF or rate network). The mean rate is NaN for a
 * rate network (its units do not spike).
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** Runs the batch in double precision. */
    public static Evaluation evaluate(RecurrentNetwork net, SequenceBatch batch) {
        return evaluate(net, batch, StateUpdateHook.NONE);
    }

    /**
     * Runs the batch with the neuron state rounded by {@code q} ({@link ForwardPass#run(RecurrentNetwork,
     * SequenceBatch, int, Trajectory, StateUpdateHook)}).
     */
    public static Evaluation evaluate(RecurrentNetwork net, SequenceBatch batch, StateUpdateHook q) {
        Trajectory tr = new Trajectory(batch.steps(), net.recurrent(), net.outputs());
        double loss = 0.0;
        double correct = 0.0;
        long spikes = 0;
        for (int b = 0; b < batch.batchSize(); b++) {
            ForwardPass.run(net, batch, b, tr, q);
            loss += tr.loss;
            correct += tr.correct;
            spikes += tr.totalSpikes();
        }
        int n = batch.batchSize();
        return new Evaluation(loss / n, correct / n, net.isRate() ? Double.NaN
                : spikes / (double) n / net.recurrent() / (batch.steps() * net.params().dtMs() / 1000.0));
    }
}
