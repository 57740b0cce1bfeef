package org.spikering.nir.run;

import org.spikering.nir.NirNode;

/**
 * The end-of-step spike rule shared by the NIR neurons that test the threshold once per step ({@code IF},
 * {@code LIF} under EULER, {@code CubaLIF}), and the output of their non-spiking variants ({@code I}, {@code LI},
 * {@code CubaLI}):
 * <pre>
 *   spiking:      z = 1 if v &gt; v_th (strictly); then v ← v_reset (ZERO) or v − v_th (SUBTRACT); y = z
 *   not spiking:  y = v
 * </pre>
 * Immutable; the rounding of {@code v − v_th} is the run's precision.
 */
final class Firing {

    /** v_th per neuron, or null when not spiking. */
    final double[] vTh;
    /** v_reset per neuron, or null when not spiking. */
    final double[] vReset;
    final boolean spiking;
    final boolean subtract;
    private final Rounding q;

    /**
     * @param vTh    v_th (already rounded), or null for a non-spiking neuron.
     * @param vReset v_reset (already rounded), or null for a non-spiking neuron.
     * @param o      the run options (reset mode).
     * @param q      the run's rounding.
     */
    Firing(final double[] vTh, final double[] vReset, final RunOptions o, final Rounding q) {
        this.vTh = vTh;
        this.vReset = vReset;
        this.spiking = vTh != null;
        this.subtract = o.reset() == RunOptions.Reset.SUBTRACT;
        this.q = q;
    }

    /**
     * @param node a neuron node: {@code IF}, {@code LIF} and {@code CubaLIF} spike (their v_threshold and v_reset,
     *             rounded by q); any other ({@code I}, {@code LI}, {@code CubaLI}) does not.
     * @param o    the run options (reset mode).
     * @param q    the run's rounding.
     * @return the node's spike rule.
     */
    static Firing of(final NirNode node, final RunOptions o, final Rounding q) {
        if (node instanceof NirNode.IntegrateAndFire f) {
            return new Firing(q.r(f.vThreshold().values()), q.r(f.vReset().values()), o, q);
        }
        if (node instanceof NirNode.Lif lif) {
            return new Firing(q.r(lif.vThreshold().values()), q.r(lif.vReset().values()), o, q);
        }
        if (node instanceof NirNode.CubaLif c) {
            return new Firing(q.r(c.vThreshold().values()), q.r(c.vReset().values()), o, q);
        }
        return new Firing(null, null, o, q);
    }

    /**
     * Applies the spike rule to neuron k's potential at the end of the step and stores v[k] and y[k].
     *
     * @param k  the neuron.
     * @param vk its potential at the end of the step, before any reset.
     * @param v  the potentials (v[k] is written).
     * @param y  the output (y[k] is written).
     */
    void settle(final int k, final double vk, final double[] v, final double[] y) {
        if (spiking && vk > vTh[k]) {
            v[k] = subtract ? q.r(vk - vTh[k]) : vReset[k];
            y[k] = 1;
        } else {
            v[k] = vk;
            y[k] = spiking ? 0 : vk;
        }
    }
}
