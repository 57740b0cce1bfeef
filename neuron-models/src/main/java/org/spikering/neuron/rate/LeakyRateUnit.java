package org.spikering.neuron.rate;

import java.util.Locale;
import org.spikering.neuron.Check;

/**
 * A leaky rate unit for one step h, in one of two forms (λ = h/τ, a_t = the unit's summed input of step t, φ its
 * {@link RateActivation}):
 * <pre>
 * RATE_LEAK    (Liu et al. 2022/2024):  r_t = (1 − λ) r_{t−1} + λ φ(a_t)                  state = rate r
 * CURRENT_LEAK (Murray 2019, RFLO):      u_t = (1 − λ) u_{t−1} + λ a_t,   r_t = φ(u_t)     state = current u
 * </pre>
 * Both reduce to r_t = φ(a_t) at λ = 1. The plasticity module's rate networks call {@link #next}; the rules read
 * {@link #lambda()} and φ'. Immutable.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>tauMs</td><td>ms</td><td>time constant τ, τ ≥ h (so 0 &lt; λ ≤ 1)</td></tr>
 *   <tr><td>dtMs</td><td>ms</td><td>step h, &gt; 0</td></tr>
 *   <tr><td>activation</td><td>—</td><td>φ</td></tr>
 *   <tr><td>form</td><td>—</td><td>where the leak acts</td></tr>
 * </table>
 */
public final class LeakyRateUnit {

    /** Where the leak acts. */
    public enum Form {
        /** r_t = (1 − λ) r_{t−1} + λ φ(a_t) (Liu et al. 2022, 2024). */
        RATE_LEAK,
        /** u_t = (1 − λ) u_{t−1} + λ a_t, r_t = φ(u_t) (Murray 2019). */
        CURRENT_LEAK;

        /** @return the spec name: rate_leak, current_leak. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double lambda;
    private final RateActivation activation;
    private final Form form;

    /**
     * @param tauMs      τ, ms, ≥ dtMs.
     * @param dtMs       step h, ms.
     * @param activation φ.
     * @param form       the form.
     */
    public LeakyRateUnit(final double tauMs, final double dtMs, final RateActivation activation, final Form form) {
        Check.positive("dt", dtMs, "ms");
        Check.positive("tau", tauMs, "ms");
        if (tauMs < dtMs) {
            throw new IllegalArgumentException("tau = " + tauMs + " ms: must be >= dt = " + dtMs
                    + " ms (lambda = dt/tau in (0, 1])");
        }
        if (activation == null || form == null) {
            throw new IllegalArgumentException("activation, form: must not be null");
        }
        this.lambda = dtMs / tauMs;
        this.activation = activation;
        this.form = form;
    }

    /** @return λ = h/τ. */
    public double lambda() {
        return lambda;
    }

    /** @return φ. */
    public RateActivation activation() {
        return activation;
    }

    /** @return the form. */
    public Form form() {
        return form;
    }

    /**
     * The new state of one step: RATE_LEAK r_t = (1 − λ) r_{t−1} + λ φ(a_t); CURRENT_LEAK u_t = (1 − λ) u_{t−1} + λ a_t
     * (the rate is then {@link #rate}(u_t)).
     *
     * @param statePrev r_{t−1} or u_{t−1}.
     * @param input     a_t.
     * @return r_t or u_t.
     */
    public double next(final double statePrev, final double input) {
        return form == Form.RATE_LEAK
                ? (1.0 - lambda) * statePrev + lambda * activation.value(input)
                : (1.0 - lambda) * statePrev + lambda * input;
    }

    /**
     * @param state r_t or u_t.
     * @return the rate r_t: the state itself (RATE_LEAK) or φ(u_t) (CURRENT_LEAK).
     */
    public double rate(final double state) {
        return form == Form.RATE_LEAK ? state : activation.value(state);
    }
}
