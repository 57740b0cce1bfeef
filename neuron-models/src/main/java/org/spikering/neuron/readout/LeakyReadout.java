package org.spikering.neuron.readout;

import org.spikering.neuron.Check;
import org.spikering.neuron.alif.AlifNeuron;

/**
 * The leaky readout unit of Bellec et al. 2020 (NEST 3.9 {@code eprop_readout_bsshslm_2020}) for one step
 * h, with its constants computed once:
 * <pre>
 *   y_t = κ y_{t−1} + ζ_out x_t,    κ = e^{−h/τ_out},  ζ_out = 1 (regular spike arrival) or 1 − κ
 * </pre>
 * where x_t is the weighted sum of the recurrent spikes of step t (no bias: NEST's e-prop readout has
 * I_e = 0 in every example). The e-prop forward passes and online trainer of the plasticity module call
 * {@link #next}; ζ_out is also the factor of the κ-filter of the eligibility traces. Immutable.
 *
 * <table>
 *   <caption>Parameters and state</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>tauOutMs</td><td>ms</td><td>readout time constant τ_out, &gt; 0</td></tr>
 *   <tr><td>dtMs</td><td>ms</td><td>step h, &gt; 0</td></tr>
 *   <tr><td>y</td><td>—</td><td>readout value (the unit of the weights)</td></tr>
 * </table>
 */
public final class LeakyReadout {

    private final double kappa;
    private final double zetaOut;

    /**
     * @param tauOutMs            time constant τ_out, ms.
     * @param dtMs                step h, ms.
     * @param regularSpikeArrival ζ_out = 1 if true, else 1 − κ.
     */
    public LeakyReadout(final double tauOutMs, final double dtMs, final boolean regularSpikeArrival) {
        this.kappa = AlifNeuron.decay(Check.positive("dt", dtMs, "ms"), Check.positive("tau_out", tauOutMs, "ms"));
        this.zetaOut = AlifNeuron.inputScale(regularSpikeArrival, kappa);
    }

    /** @return κ = e^{−h/τ_out}. */
    public double kappa() {
        return kappa;
    }

    /** @return ζ_out. */
    public double zetaOut() {
        return zetaOut;
    }

    /**
     * One step: y_t = κ y_{t−1} + ζ_out x_t.
     *
     * @param yPrev y_{t−1}.
     * @param input x_t, the weighted spike input of step t.
     * @return y_t.
     */
    public double next(final double yPrev, final double input) {
        return kappa * yPrev + zetaOut * input;
    }
}
