package org.spikering.plasticity.feedback;

import org.spikering.plasticity.network.RecurrentNetwork;

/** Feedback weights B [rec × out] that turn readout errors into learning signals L_j = Σ_k B_jk err_k. */
public interface Feedback {
    /** B for the network's current weights, row-major [j][k]; the array may be reused by the next call. */
    double[] matrix(RecurrentNetwork net);
}
