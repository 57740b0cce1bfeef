package org.spikering.plasticity.network;

/**
 * The recorded forward pass of one sequence (structure of arrays, [t][j] row-major), reused across
 * sequences. Also the per-neuron archive of the event-based rule: ψ_j^t and L_j^t.
 *
 * <p>For a rate network ({@link RecurrentNetwork#isRate()}, {@code org.spikering.plasticity.rate.RateForwardPass})
 * the same arrays hold:
 * <table>
 * <caption>Fields of a rate network's trajectory</caption>
 * <tr><th>field</th><th>rate_leak</th><th>current_leak</th></tr>
 * <tr><td>v</td><td>a_j^t, the summed input, argument of φ</td><td>u_j^t, the current (state), argument of φ</td></tr>
 * <tr><td>psi</td><td colspan="2">φ'(v_j^t)</td></tr>
 * <tr><td>z</td><td>r_j^t, the rate (state)</td><td>r_j^t = φ(u_j^t), the rate</td></tr>
 * <tr><td>a</td><td colspan="2">0</td></tr>
 * <tr><td>yv</td><td colspan="2">Σ_j W^out_kj r_j^t (instantaneous readout; softmax argument for classification)</td></tr>
 * <tr><td>spikeStart, spikeCount</td><td colspan="2">all 0 (no spikes; spikeIndex unused)</td></tr>
 * </table>
 * y, err, learning, loss and correct mean the same for both kinds.
 */
public final class Trajectory {
    /** Steps T. */
    public final int steps;
    /** Recurrent neurons. */
    public final int recurrent;
    /** Readouts. */
    public final int outputs;
    /** Membrane voltage v_j^t after reset (relative to E_L), mV; rate network: the argument of φ (class comment). */
    public final double[] v;
    /** Pseudo-derivative ψ_j^t; rate network: φ'(v_j^t). */
    public final double[] psi;
    /** Spike z_j^t ∈ {0, 1}; rate network: the rate r_j^t. */
    public final double[] z;
    /** Adaptation variable a_j^t (ALIF; 0 for LIF and rate units). */
    public final double[] a;
    /** Readout voltage yv_k^t (rate network: Σ_j W^out_kj r_j^t). */
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
