package org.spikering.hw.mask;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * Which synapses may change: one bitset per weight matrix (row-major [post][pre], bit set = plastic).
 * Used as a {@link WeightUpdateHook} decorator around any learning rule: {@code afterGradient} zeroes
 * the gradient of frozen entries, {@code afterUpdate} restores frozen weights from the snapshot taken
 * by {@link #bind}, so frozen synapses never change bit for bit whatever the optimizer, clip or inner
 * hook does. The rule never knows about the mask.
 */
public final class PlasticityMask implements WeightUpdateHook {
    private final Map<WeightMatrixId, BitSet> plastic;
    private final Map<WeightMatrixId, Integer> sizes;
    private final Map<WeightMatrixId, double[]> frozenValues = new EnumMap<>(WeightMatrixId.class);
    private WeightUpdateHook inner = WeightUpdateHook.NONE;

    PlasticityMask(Map<WeightMatrixId, BitSet> plastic, Map<WeightMatrixId, Integer> sizes) {
        this.plastic = new EnumMap<>(plastic);
        this.sizes = new EnumMap<>(sizes);
    }

    /**
     * Snapshots the network's current weights (the frozen values) and wraps {@code innerHook}
     * (e.g. a weight quantiser), which runs before frozen weights are restored.
     *
     * @return this mask, now usable as the trainer's hook.
     */
    public PlasticityMask bind(RecurrentNetwork net, WeightUpdateHook innerHook) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] w = net.weights(id);
            if (w.length != sizes.get(id)) {
                throw new IllegalArgumentException("mask for " + id + " has " + sizes.get(id)
                        + " entries but the network has " + w.length);
            }
            frozenValues.put(id, w.clone());
        }
        this.inner = innerHook == null ? WeightUpdateHook.NONE : innerHook;
        return this;
    }

    public boolean isPlastic(WeightMatrixId id, int index) {
        return plastic.get(id).get(index);
    }

    /** @return number of plastic entries in matrix {@code id}. */
    public int plasticCount(WeightMatrixId id) {
        return plastic.get(id).cardinality();
    }

    /** @return total number of entries of matrix {@code id}. */
    public int size(WeightMatrixId id) {
        return sizes.get(id);
    }

    /** @return plastic fraction over all matrices. */
    public double plasticFraction() {
        long p = 0;
        long n = 0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            p += plasticCount(id);
            n += size(id);
        }
        return n == 0 ? 0 : (double) p / n;
    }

    @Override
    public void afterGradient(WeightMatrixId id, double[] grad) {
        final BitSet b = plastic.get(id);
        for (int i = b.nextClearBit(0); i < grad.length; i = b.nextClearBit(i + 1)) {
            grad[i] = 0.0;
        }
        inner.afterGradient(id, grad);
    }

    @Override
    public void afterUpdate(WeightMatrixId id, double[] w) {
        inner.afterUpdate(id, w);
        final double[] frozen = frozenValues.get(id);
        if (frozen == null) {
            throw new IllegalStateException("PlasticityMask used before bind(network, hook)");
        }
        final BitSet b = plastic.get(id);
        for (int i = b.nextClearBit(0); i < w.length; i = b.nextClearBit(i + 1)) {
            w[i] = frozen[i];
        }
    }
}
