package org.spikering.nir.run;

/**
 * The per-step computation of one unit: reads its summed input x (flat, row-major) and writes its output y.
 * Stateful for neurons and delays. Not thread-safe.
 */
interface NodeStep {

    /**
     * @param x summed input of this step (not modified).
     * @param y output of this step (overwritten).
     */
    void step(double[] x, double[] y);

    /** @return the membrane potentials v (live array), or null for units without a membrane. */
    default double[] voltage() {
        return null;
    }

    /** @return the synaptic currents I (live array) of CubaLI/CubaLIF, or null for units without one. */
    default double[] current() {
        return null;
    }

    /** @return whether y is a 0/1 spike vector. */
    default boolean spiking() {
        return false;
    }
}
