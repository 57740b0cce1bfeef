package org.spikering.neuron.readout;

import org.spikering.neuron.Check;

/**
 * Leaky readout units (Bellec et al. 2020): y_k ← κ·y_k + x_k + b_k, κ = e^{−h/τ_out}, where x_k is the
 * weighted sum of the spikes of step t. Not thread-safe.
 *
 * <table>
 *   <caption>Parameters and state</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>tauOut</td><td>ms</td><td>readout time constant, &gt; 0</td></tr>
 *   <tr><td>y</td><td>—</td><td>readout value (the unit of the weights)</td></tr>
 * </table>
 */
public final class LeakyReadout {

    private final double kappa;
    private final double[] y;
    private final double[] bias;

    /**
     * @param size     number of readout units.
     * @param tauOutMs time constant τ_out, ms.
     * @param dtMs     step, ms.
     */
    public LeakyReadout(final int size, final double tauOutMs, final double dtMs) {
        Check.atLeastOne("readout size", size);
        this.kappa = Math.exp(-Check.positive("dt", dtMs, "ms") / Check.positive("tau_out", tauOutMs, "ms"));
        this.y = new double[size];
        this.bias = new double[size];
    }

    /** @return κ = e^{−h/τ_out}. */
    public double kappa() {
        return kappa;
    }

    /**
     * One step: y ← κ·y + input + b.
     *
     * @param input weighted input per unit.
     */
    public void update(final double[] input) {
        for (int k = 0; k < y.length; k++) {
            y[k] = kappa * y[k] + input[k] + bias[k];
        }
    }

    /**
     * @param k unit index.
     * @return y_k.
     */
    public double value(final int k) {
        return y[k];
    }

    /**
     * @param k     unit index.
     * @param value bias b_k.
     */
    public void setBias(final int k, final double value) {
        bias[k] = Check.finite("readout bias", value, "");
    }

    /** Sets every y_k to 0. */
    public void reset() {
        java.util.Arrays.fill(y, 0.0);
    }
}
