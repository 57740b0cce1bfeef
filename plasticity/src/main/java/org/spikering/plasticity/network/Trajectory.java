package org.spikering.plasticity.network;

/**
 * The recorded forward pass of one sequence (structure of arrays, [t][j] row-major), reused across
 * sequences. Also the per-neuron archive of the event-based rule: ψ_j^t and L_j^t.
 */
public final class Trajectory {
    /** Steps T. */
    public final int steps;
    /** Recurrent neurons. */
    public final int recurrent;
    /** Readouts. */
    public final int outputs;
    /** Membrane voltage v_j^t after reset (relative to E_L), mV. */
    public final double[] v;
    /** Pseudo-derivative ψ_j^t. */
    public final double[] psi;
    /** Spike z_j^t ∈ {0, 1}. */
    public final double[] z;
    /** Adaptation variable a_j^t (ALIF; 0 for LIF). */
    public final double[] a;
    /** Readout voltage yv_k^t. */
    public final double[] yv;
    /** Readout output y_k^t (identity, or softmax π_k^t). */
    public final double[] y;
    /** Masked error err_k^t = ∂E/∂yv_k^t (y − y* where masked, else 0). */
    public final double[] err;
    /** Learning signal L_j^t (filled by the rule). */
    public final double[] learning;
    /** Indices of neurons that spiked at step t: spikeIndex[spikeStart[t] .. spikeStart[t+1]). */
    public int[] spikeIndex;
    /** Offsets into spikeIndex, length T + 1. */
    public final int[] spikeStart;
    /** Spike count of each neuron over the sequence. */
    public final int[] spikeCount;
    /** Task loss of the sequence. */
    public double loss;
    /** 1 if the sequence was classified correctly, 0 if not, NaN for regression. */
    public double correct;

    public Trajectory(int steps, int recurrent, int outputs) {
        this.steps = steps;
        this.recurrent = recurrent;
        this.outputs = outputs;
        this.v = new double[steps * recurrent];
        this.psi = new double[steps * recurrent];
        this.z = new double[steps * recurrent];
        this.a = new double[steps * recurrent];
        this.yv = new double[steps * outputs];
        this.y = new double[steps * outputs];
        this.err = new double[steps * outputs];
        this.learning = new double[steps * recurrent];
        this.spikeIndex = new int[Math.max(16, steps)];
        this.spikeStart = new int[steps + 1];
        this.spikeCount = new int[recurrent];
    }

    /** True if this trajectory has the given shape. */
    public boolean fits(int t, int rec, int out) {
        return steps == t && recurrent == rec && outputs == out;
    }

    /** Total spikes of all neurons. */
    public int totalSpikes() {
        return spikeStart[steps];
    }
}
