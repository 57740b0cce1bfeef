package org.spikering.hw.fixedpoint;

import java.util.EnumMap;
import java.util.Map;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * Weight-precision decorator (snnTorch's state_quant idea): after every update each weight matrix is
 * re-quantised to its own {@link WeightQuantizer} (per-projection exponent chosen from the initial
 * weights). Rules and models don't know about precision.
 */
public final class QuantizingHook implements WeightUpdateHook {
    private final Map<WeightMatrixId, WeightQuantizer> quantizers = new EnumMap<>(WeightMatrixId.class);

    /**
     * Creates one quantiser per matrix fitted to its current range and quantises the network's weights
     * in place (initial quantisation).
     */
    public QuantizingHook(RecurrentNetwork net, int bits, Rounding rounding, long seed) {
        int k = 0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] w = net.weights(id);
            final WeightQuantizer q = WeightQuantizer.fitting(w, bits, rounding, seed * 31 + (k++));
            q.quantizeInPlace(w);
            quantizers.put(id, q);
        }
    }

    @Override
    public void afterUpdate(WeightMatrixId id, double[] w) {
        quantizers.get(id).quantizeInPlace(w);
    }

    public WeightQuantizer quantizer(WeightMatrixId id) {
        return quantizers.get(id);
    }

    /** @return total saturations over all matrices. */
    public long saturations() {
        long s = 0;
        for (WeightQuantizer q : quantizers.values()) {
            s += q.overflow().saturations();
        }
        return s;
    }
}
