package org.spikering.plasticity.network;

/** The trainable weight matrices of a {@link RecurrentNetwork}, each row-major [post][pre]. */
public enum WeightMatrixId {
    /** W_in [rec × in]. */
    INPUT,
    /** W_rec [rec × rec], zero diagonal (no autapses). */
    RECURRENT,
    /** W_out [out × rec]. */
    OUTPUT
}
