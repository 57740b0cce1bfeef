package org.spikering.plasticity.optim;

import java.util.Map;
import org.spikering.plasticity.network.WeightMatrixId;

/** Applies a gradient to a weight matrix in place (one call per matrix per update). */
public interface Optimizer {
    /** w ← update(w, grad); state (if any) is kept per matrix id. */
    void apply(WeightMatrixId id, double[] w, double[] grad);

    /** Signals that all matrices of one update were applied (advances step counters). */
    default void endUpdate() {
    }

    /**
     * The optimizer's state as named arrays, for checkpoints and saved models (copies); empty for a stateless one.
     * {@link #importState} of it makes a fresh optimizer with the same settings continue bit-identically.
     */
    default Map<String, double[]> exportState() {
        return Map.of();
    }

    /**
     * Replaces the state by one from {@link #exportState} of an optimizer of the same kind and settings.
     *
     * @param state the named arrays.
     * @throws IllegalArgumentException if the state does not fit this optimizer.
     */
    default void importState(Map<String, double[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("optimizer state " + state.keySet() + ": this optimizer has no state");
        }
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
