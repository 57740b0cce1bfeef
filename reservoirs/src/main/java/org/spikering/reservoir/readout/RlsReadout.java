package org.spikering.reservoir.readout;

/**
 * Online linear readout trained by recursive least squares (the readout rule of FORCE learning, Sussillo &amp; Abbott
 * 2009; forgetting factor as in Waegeman et al. 2012 and reservoirpy's RLS node). No bias column: append a constant
 * feature if one is wanted.
 *
 * <p>State: weights W (outputs × features, zero at the start) and the inverse correlation estimate P = I/α at the
 * start. One update with features x and target y:
 * <pre>
 *   u = P x,   k = u / (λ_f + xᵀ u),   e = W x − y          (the error before the update)
 *   W ← W − e kᵀ
 *   P ← (P − k uᵀ) / λ_f
 * </pre>
 * After n updates from W = 0, P = I/α, W is the weighted ridge solution
 * W = (Σ_i λ_f^(n−i) y_i x_iᵀ)(Σ_i λ_f^(n−i) x_i x_iᵀ + λ_f^n α I)⁻¹; with λ_f = 1 this is ridge regression with
 * penalty α. Each update costs O(features²) operations and allocates nothing. Not thread-safe.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>range</th></tr>
 *   <tr><td>alpha</td><td>P₀ = I/α: the ridge penalty of the implied fit (small α: fast, large first steps)</td><td>&gt; 0</td></tr>
 *   <tr><td>forgetting</td><td>λ_f: weight of past samples per update (1: plain RLS)</td><td>(0, 1]</td></tr>
 * </table>
 */
public final class RlsReadout {

    private final int features;
    private final double[][] w;
    private final double[][] p;
    private final double forgetting;
    private final double[] u;
    private final double[] k;
    private final double[] e;

    /**
     * @param features   feature count, &ge; 1.
     * @param outputs    outputs, &ge; 1.
     * @param alpha      P₀ = I/α, &gt; 0.
     * @param forgetting λ_f in (0, 1].
     */
    public RlsReadout(final int features, final int outputs, final double alpha, final double forgetting) {
        if (features < 1 || outputs < 1) {
            throw new IllegalArgumentException("RLS readout: features = " + features + ", outputs = " + outputs
                    + ": both must be >= 1");
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("RLS alpha = " + alpha + ": must be a finite number > 0 (P0 = I/alpha)");
        }
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("RLS forgetting = " + forgetting + ": must be in (0, 1]");
        }
        this.features = features;
        this.w = new double[outputs][features];
        this.p = new double[features][features];
        for (int i = 0; i < features; i++) {
            p[i][i] = 1.0 / alpha;
        }
        this.forgetting = forgetting;
        this.u = new double[features];
        this.k = new double[features];
        this.e = new double[outputs];
    }

    /**
     * @param x   features.
     * @param out receives W x.
     */
    public void predict(final double[] x, final double[] out) {
        for (int o = 0; o < w.length; o++) {
            final double[] row = w[o];
            double s = 0;
            for (int i = 0; i < features; i++) {
                s += row[i] * x[i];
            }
            out[o] = s;
        }
    }

    /**
     * One update towards target y (see the class comment).
     *
     * @param x features.
     * @param y targets.
     */
    public void learn(final double[] x, final double[] y) {
        double xu = 0;
        for (int i = 0; i < features; i++) {
            final double[] row = p[i];
            double s = 0;
            for (int j = 0; j < features; j++) {
                s += row[j] * x[j];
            }
            u[i] = s;
            xu += x[i] * s;
        }
        final double denom = forgetting + xu;
        for (int i = 0; i < features; i++) {
            k[i] = u[i] / denom;
        }
        predict(x, e);
        for (int o = 0; o < w.length; o++) {
            final double err = e[o] - y[o];
            final double[] row = w[o];
            for (int i = 0; i < features; i++) {
                row[i] -= err * k[i];
            }
        }
        final double inv = 1.0 / forgetting;
        for (int i = 0; i < features; i++) {
            final double[] row = p[i];
            final double ki = k[i];
            for (int j = 0; j < features; j++) {
                row[j] = (row[j] - ki * u[j]) * inv;
            }
        }
    }

    /** @return the weights (outputs × features), live. */
    public double[][] weights() {
        return w;
    }
}
