package org.spikering.plasticity.optim;

import org.spikering.plasticity.network.WeightMatrixId;

/** Applies a gradient to a weight matrix in place (one call per matrix per update). */
public interface Optimizer {
    /** w ← update(w, grad); state (if any) is kept per matrix id. */
    void apply(WeightMatrixId id, double[] w, double[] grad);

    /** Signals that all matrices of one update were applied (advances step counters). */
    default void endUpdate() {
    }
}
