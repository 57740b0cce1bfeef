package org.spikering.plasticity.network;

/**
 * Called by the forward pass once per step on the recurrent neurons' new state, to hold it at limited precision
 * (hardware-sim's {@code StateQuantizer}, the {@code hardware.state} block of a spec): {@link ForwardPass} calls it after the state update v_t = α v_{t−1} + ζ I_t − v_th z_{t−1}, a_t = ρ a_{t−1} + z_{t−1}
 * ({@code AlifNeuron#integrate}) and before the threshold, ψ and the spike are computed from the state
 * ({@code AlifNeuron#fire}), so the spikes, ψ and the recorded trajectory are those of the rounded state and the next
 * step starts from it. The gradients of every rule are computed from that trajectory as if the rounding were the
 * identity (straight-through estimator: d round(x)/dx := 1).
 *
 * <p>Implementations round in place and allocate nothing per call; one with a
 * random stream (stochastic rounding) must be used by one forward pass at a time.
 */
public interface StateUpdateHook {

    /** Keeps double precision (the identity; the forward pass then is bit for bit the plain one). */
    StateUpdateHook NONE = (adaptive, from, to, v, a, out) -> {
    };

    /**
     * Rounds v_t and a_t of neurons [from, to) in place.
     *
     * @param adaptive per neuron j, whether it is ALIF (a LIF neuron's a_t is 0 and stays 0).
     * @param from     first neuron, inclusive.
     * @param to       last neuron, exclusive.
     * @param v        membrane potentials v_t (mV, relative to rest) at out + j.
     * @param a        adaptation variables a_t (dimensionless) at out + j.
     * @param out      offset of step t's state in {@code v} and {@code a}.
     */
    void afterStateUpdate(boolean[] adaptive, int from, int to, double[] v, double[] a, int out);
}
