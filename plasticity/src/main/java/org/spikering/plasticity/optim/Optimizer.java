package org.spikering.plasticity.optim;

import org.spikering.plasticity.network.WeightMatrixId;

/** Applies a gradient to a weight matrix in place (one call per matrix per update). */
public interface Optimizer {
    /** w ← update(w, grad); state (if any) is kept per matrix id. */
    void apply(WeightMatrixId id, double[] w, double[] grad);

    /** Signals that all matrices of one update were applied (advances step counters). */
    default void endUpdate() {
    }

    /**
     * Saves the optimizer's state (e.g. Adam's moments and step counter) so that {@link #rollback()} can restore it;
     * the trainer calls it before each update. Stateless optimizers need not override it.
     */
    default void mark() {
    }

    /** Restores the state saved by the last {@link #mark()}: the calls to {@link #apply} since then leave no trace. */
    default void rollback() {
    }
}
