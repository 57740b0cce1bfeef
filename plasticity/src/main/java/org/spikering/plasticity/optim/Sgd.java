package org.spikering.plasticity.optim;

import org.spikering.plasticity.network.WeightMatrixId;

/** Plain gradient descent W ← W − η g (NEST {@code gradient_descent}). */
public final class Sgd implements Optimizer {
    private final double eta;

    /** @param eta learning rate η, finite and &gt; 0 */
    public Sgd(double eta) {
        if (!(eta > 0.0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + ": must be finite and > 0");
        }
        this.eta = eta;
    }

    @Override
    public void apply(WeightMatrixId id, double[] w, double[] grad) {
        for (int n = 0; n < w.length; n++) {
            w[n] -= eta * grad[n];
        }
    }
}
