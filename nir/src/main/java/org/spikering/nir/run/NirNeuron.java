package org.spikering.nir.run;

import org.spikering.nir.NirNode;

/**
 * What the NIR neuron steps share: the run's rounding and the node's end-of-step spike rule ({@link Firing}),
 * which also says whether the output is a spike vector. Not thread-safe.
 */
abstract class NirNeuron implements NodeStep {

    /** The run's rounding (precision). */
    final Rounding q;
    /** The node's spike rule (none for I, LI, CubaLI). */
    final Firing firing;

    /**
     * @param node the neuron node.
     * @param o    the run options.
     */
    NirNeuron(final NirNode node, final RunOptions o) {
        this.q = new Rounding(o.precision());
        this.firing = Firing.of(node, o, q);
    }

    @Override
    public final boolean spiking() {
        return firing.spiking;
    }
}
