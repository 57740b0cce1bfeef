package org.spikering.plasticity.optim;

import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Lets hardware constraints act on training without the rule knowing. Per update and matrix the trainer calls
 * {@code afterGradient} (e.g. zero entries outside a plastic-synapse mask), then the optimizer and clipping, then
 * {@code afterUpdate} (e.g. quantise weights in place). A hook that changes nothing leaves training bit-identical.
 */
public interface WeightUpdateHook {
    /** The hook that does nothing. */
    WeightUpdateHook NONE = new WeightUpdateHook() {
    };

    /** May modify the batch-mean gradient in place before the optimizer sees it. */
    default void afterGradient(WeightMatrixId id, double[] grad) {
    }

    /** May modify the updated (and clipped) weights in place. */
    default void afterUpdate(WeightMatrixId id, double[] w) {
    }
}
