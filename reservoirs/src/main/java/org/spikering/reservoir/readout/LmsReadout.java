package org.spikering.reservoir.readout;

/**
 * Online linear readout trained by least mean squares (Widrow–Hoff; the readout part of e-prop is the
 * same rule): after each sample, W ← W − η·(ŷ − y)·[x; 1]ᵀ, normalised by ‖[x; 1]‖² (NLMS) so that η in
 * (0, 2) is stable whatever the feature scale. For comparison with the offline ridge fit. Not thread-safe.
 */
public final class LmsReadout {

    private final double[][] w;
    private final double eta;
    private final int features;

    /**
     * @param features feature count, &ge; 1.
     * @param outputs  outputs, &ge; 1.
     * @param eta      normalised step size in (0, 2).
     */
    public LmsReadout(final int features, final int outputs, final double eta) {
        if (features < 1 || outputs < 1) {
            throw new IllegalArgumentException("LMS readout: features = " + features + ", outputs = " + outputs + ": both must be >= 1");
        }
        if (!(eta > 0 && eta < 2)) {
            throw new IllegalArgumentException("LMS eta = " + eta + ": must be in (0, 2) for stability");
        }
        this.w = new double[outputs][features + 1];
        this.eta = eta;
        this.features = features;
    }

    /**
     * @param x features.
     * @return prediction.
     */
    public double[] predict(final double[] x) {
        final double[] y = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double s = w[k][features];
            for (int i = 0; i < features; i++) {
                s += w[k][i] * x[i];
            }
            y[k] = s;
        }
        return y;
    }

    /**
     * One online update towards target y.
     *
     * @param x features.
     * @param y target.
     */
    public void learn(final double[] x, final double[] y) {
        final double[] p = predict(x);
        double norm = 1.0;
        for (double v : x) {
            norm += v * v;
        }
        for (int k = 0; k < w.length; k++) {
            final double g = eta * (p[k] - y[k]) / norm;
            for (int i = 0; i < features; i++) {
                w[k][i] -= g * x[i];
            }
            w[k][features] -= g;
        }
    }
}
