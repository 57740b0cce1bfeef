package org.spikering.hw.counters;

import java.util.EnumMap;
import java.util.Map;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * {@link WeightUpdateHook} decorator that counts weight updates as they would cost on a chip: after the
 * wrapped hook (plastic-synapse mask, quantiser, ...) has run, every entry whose value differs from its
 * value after the previous update (at first: the network's weights when this counter was made) is one
 * weight update. Entries the optimizer moved but the mask restored or the quantiser rounded back to the
 * same value are not counted. Must be the outermost hook, and the network it was made from must be the
 * one being trained.
 */
public final class WeightChangeCounter implements WeightUpdateHook {
    private final WeightUpdateHook inner;
    private final OperationCounters counters;
    private final Map<WeightMatrixId, double[]> previous = new EnumMap<>(WeightMatrixId.class);

    /**
     * @param net      the network about to be trained (its current weights are the reference); not null.
     * @param inner    the hook to decorate, or {@link WeightUpdateHook#NONE}; not null.
     * @param counters where weight updates are added; not null.
     */
    public WeightChangeCounter(RecurrentNetwork net, WeightUpdateHook inner, OperationCounters counters) {
        if (net == null || inner == null || counters == null) {
            throw new IllegalArgumentException("net = " + net + ", inner = " + inner + ", counters = " + counters
                    + ": none may be null (use WeightUpdateHook.NONE for no inner hook)");
        }
        for (WeightMatrixId id : WeightMatrixId.values()) {
            previous.put(id, net.weights(id).clone());
        }
        this.inner = inner;
        this.counters = counters;
    }

    @Override
    public void afterGradient(WeightMatrixId id, double[] grad) {
        inner.afterGradient(id, grad);
    }

    @Override
    public void afterUpdate(WeightMatrixId id, double[] w) {
        inner.afterUpdate(id, w);
        final double[] before = previous.get(id);
        if (before.length != w.length) {
            throw new IllegalArgumentException(id + " has " + w.length + " weights: the counter was made for "
                    + before.length);
        }
        long changed = 0;
        for (int n = 0; n < w.length; n++) {
            if (w[n] != before[n]) {
                changed++;
                before[n] = w[n];
            }
        }
        counters.addWeightUpdates(changed);
    }
}
