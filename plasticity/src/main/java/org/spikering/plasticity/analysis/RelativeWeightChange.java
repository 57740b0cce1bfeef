package org.spikering.plasticity.analysis;

import java.util.EnumMap;
import java.util.Map;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * How far training moved each weight matrix (rich vs lazy learning, issue 15 item 6; TASKS.md §6.5):
 * <pre>
 * relative change = ‖W_T − W_0‖_F / ‖W_0‖_F
 * </pre>
 * with W_0 the initial and W_T the trained matrix. Small values: lazy (the network stays near its initialisation);
 * large: rich. NaN when W_0 = 0 (no reference scale).
 */
public final class RelativeWeightChange {
    private RelativeWeightChange() {
    }

    /**
     * @param w0 initial entries.
     * @param wT trained entries, same length.
     * @return ‖wT − w0‖ / ‖w0‖ (Frobenius), NaN if ‖w0‖ = 0.
     */
    public static double of(final double[] w0, final double[] wT) {
        if (w0.length != wT.length) {
            throw new IllegalArgumentException("matrices of " + w0.length + " and " + wT.length + " entries: must match");
        }
        double d = 0.0;
        double n = 0.0;
        for (int i = 0; i < w0.length; i++) {
            final double x = wT[i] - w0[i];
            d += x * x;
            n += w0[i] * w0[i];
        }
        return n == 0.0 ? Double.NaN : Math.sqrt(d / n);
    }

    /**
     * @param initial the network before training.
     * @param trained the network after, same shape.
     * @return the relative change of W_in, W_rec and W_out.
     */
    public static Map<WeightMatrixId, Double> of(final RecurrentNetwork initial, final RecurrentNetwork trained) {
        final Map<WeightMatrixId, Double> out = new EnumMap<>(WeightMatrixId.class);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            out.put(id, of(initial.weights(id), trained.weights(id)));
        }
        return out;
    }
}
