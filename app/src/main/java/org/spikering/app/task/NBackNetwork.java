package org.spikering.app.task;

import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.SparseRecurrence;

/**
 * The spiking network of the (4,6)-back preset: {@value #NEURONS} LIF neurons that update once per symbol and keep
 * the symbol history in their recurrent spike pattern.
 *
 * <p>Why not the dense LIF/ALIF network of the other classification tasks: the readout needs x(n − 4) (and x(n − 6))
 * separately from the intervening bits x(n − 1..3). Neuron-local memory (membrane, ALIF threshold adaptation) is a
 * single exponential kernel of the past input, which weighs lag 4 together with lags 1–3, so neither a trained readout
 * of it nor e-prop (whose eligibility traces are exactly these kernels) gets near the 4-back bound; the dense
 * network stayed at about 0.65 nats per symbol with e-prop and BPTT. Here the memory is the recurrent dynamics: each
 * neuron is a threshold unit of the previous step's spikes (τ_m ≪ dt), connected with in-degree
 * {@value #IN_DEGREE} ({@link SparseRecurrence}), the regime where random threshold networks keep the longest fading
 * memory.
 *
 * <table>
 * <caption>Constants</caption>
 * <tr><th>quantity</th><th>value</th><th>why</th></tr>
 * <tr><td>dt</td><td>1 ms = one symbol</td><td>one network update per symbol</td></tr>
 * <tr><td>τ_m</td><td>{@value #TAU_MEMBRANE_MS} ms, α = e^−5 ≈ 0.007</td><td>the membrane forgets between steps</td></tr>
 * <tr><td>v_th</td><td>{@value #THRESHOLD_MV} mV, reset by subtraction</td><td>scale of the weights</td></tr>
 * <tr><td>t_ref</td><td>0</td><td>a neuron may fire on consecutive symbols</td></tr>
 * <tr><td>W_in</td><td>dense N(0, 1/n_in)</td><td>as the other presets</td></tr>
 * <tr><td>W_rec</td><td>in-degree {@value #IN_DEGREE}, N(0, ({@value #RECURRENT_STD} mV)²)</td><td>critical regime</td></tr>
 * <tr><td>W_out</td><td>dense N(0, 1/n_rec)</td><td>as the other presets</td></tr>
 * <tr><td>τ_out</td><td>{@value #TAU_READOUT_MS} ms (one symbol)</td><td>the readout reads the current symbol</td></tr>
 * <tr><td>ψ</td><td>0.3/v_th · max(0, 1 − |v − v_th|/v_th)</td><td>as the other presets</td></tr>
 * <tr><td>c_reg</td><td>0</td><td>rates of 200–350 Hz per 1-ms symbol are the operating point, not a fault</td></tr>
 * </table>
 * All three matrices are trained (e-prop lets absent recurrent synapses grow).
 */
public final class NBackNetwork {
    /** Recurrent LIF neurons. */
    public static final int NEURONS = 400;
    /** Recurrent synapses per neuron. */
    public static final int IN_DEGREE = 2;
    /** Standard deviation of a recurrent weight, mV. */
    public static final double RECURRENT_STD = 3.0;
    /** Membrane time constant, ms. */
    public static final double TAU_MEMBRANE_MS = 0.2;
    /** Firing threshold above rest, mV. */
    public static final double THRESHOLD_MV = 0.5;
    /** Readout time constant, ms. */
    public static final double TAU_READOUT_MS = 1.0;

    private NBackNetwork() {
    }

    /** @return the neuron and readout constants (1-ms steps, no adaptation, no rate regularisation). */
    public static NetworkParams params() {
        final double vth = THRESHOLD_MV;
        return new NetworkParams(1.0, TAU_MEMBRANE_MS, vth, 0, true, 0.3 / vth, 1.0 / vth, 1.0, 0.0, TAU_READOUT_MS, 0.0, 0.0);
    }

    /**
     * @param inputs input neurons, &gt; 0.
     * @param seed   seed of all weights.
     * @return the untrained network with two readouts.
     */
    public static RecurrentNetwork create(final int inputs, final long seed) {
        final RecurrentNetwork dense = RecurrentNetwork.random(inputs, NEURONS, 2, 0, params(), seed);
        final double[] wRec = SparseRecurrence.fixedInDegree(NEURONS, IN_DEGREE, RECURRENT_STD, seed ^ 0x5EC0DEL);
        return new RecurrentNetwork(inputs, NEURONS, 2, dense.adaptiveFlags(), dense.params(), dense.wIn(), wRec,
                dense.wOut());
    }
}
