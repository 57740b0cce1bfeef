package org.spikering.hw.counters;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.TrajectoryListener;

/**
 * Counts the operations of the forward passes a training run actually simulates (register it with
 * {@code GradientComputer.setTrajectoryListener}). Per simulated sequence of T steps:
 * <ul>
 *   <li>spikes: the recurrent spikes of the trajectory;</li>
 *   <li>input spikes: the nonzero entries x_i^t of the sequence's input (one event each);</li>
 *   <li>synaptic operations: for every spike, the number of its outgoing synapses with a nonzero weight
 *       at the time of the pass — an input neuron i reaches #{j : W^in_ji ≠ 0} recurrent neurons, a
 *       recurrent neuron i reaches #{j : W^rec_ji ≠ 0} recurrent neurons plus #{k : W^out_ki ≠ 0} readouts
 *       (spikes of the last step included);</li>
 *   <li>neuron updates: (recurrent + readout units) × T.</li>
 * </ul>
 * A rate network ({@code net.isRate()}) has no spikes: its analog input and rates are read by every synapse every
 * step, so it counts dense multiply-accumulates instead, T · (n_rec · (n_in + n_rec) + n_out · n_rec) per sequence
 * (every weight, zero or not: a dense matrix-vector product), and 0 spikes, input spikes and synaptic operations;
 * neuron updates as above.
 * Weight updates and memory are not counted here (see {@link WeightChangeCounter}).
 */
public final class TrajectoryCounter implements TrajectoryListener {
    private final OperationCounters counters;
    private int[] fanIn = new int[0];
    private int[] fanRec = new int[0];

    /** @param counters where the counts are added; not null. */
    public TrajectoryCounter(OperationCounters counters) {
        if (counters == null) {
            throw new IllegalArgumentException("counters = null: an OperationCounters is required");
        }
        this.counters = counters;
    }

    @Override
    public void onForwardPass(RecurrentNetwork net, SequenceBatch batch, int sequence, Trajectory tr) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        if (net.isRate()) {
            counters.addDenseMacs((long) tr.steps * ((long) nRec * (nIn + nRec) + (long) nOut * nRec));
            counters.addNeuronUpdates((long) (nRec + nOut) * tr.steps);
            return;
        }
        fanOut(net);
        final float[] x = batch.inputSpikes();
        final int from = sequence * tr.steps * nIn;
        final int to = from + tr.steps * nIn;
        long inputSpikes = 0;
        long ops = 0;
        for (int n = from; n < to; n++) {
            if (x[n] != 0f) {
                inputSpikes++;
                ops += fanIn[(n - from) % nIn];
            }
        }
        for (int j = 0; j < nRec; j++) {
            ops += (long) tr.spikeCount[j] * fanRec[j];
        }
        counters.addSpikes(tr.totalSpikes());
        counters.addInputSpikes(inputSpikes);
        counters.addSynapticOps(ops);
        counters.addNeuronUpdates((long) (nRec + nOut) * tr.steps);
    }

    /** Fan-out of every presynaptic neuron: nonzero entries of its column in W_in, or in W_rec and W_out. */
    private void fanOut(RecurrentNetwork net) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        if (fanIn.length != nIn || fanRec.length != nRec) {
            fanIn = new int[nIn];
            fanRec = new int[nRec];
        }
        java.util.Arrays.fill(fanIn, 0);
        java.util.Arrays.fill(fanRec, 0);
        final double[] wIn = net.wIn();
        final double[] wRec = net.wRec();
        final double[] wOut = net.wOut();
        for (int j = 0; j < nRec; j++) {
            for (int i = 0; i < nIn; i++) {
                if (wIn[j * nIn + i] != 0.0) {
                    fanIn[i]++;
                }
            }
            for (int i = 0; i < nRec; i++) {
                if (wRec[j * nRec + i] != 0.0) {
                    fanRec[i]++;
                }
            }
        }
        for (int k = 0; k < nOut; k++) {
            for (int i = 0; i < nRec; i++) {
                if (wOut[k * nRec + i] != 0.0) {
                    fanRec[i]++;
                }
            }
        }
    }
}
