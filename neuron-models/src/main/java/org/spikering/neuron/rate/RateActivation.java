package org.spikering.neuron.rate;

import java.util.Locale;

/**
 * The nonlinearities φ of leaky rate units ({@link LeakyRateUnit}) and their derivatives φ', as Liu et al. 2022/2024
 * and Murray 2019 use them. Dimensionless: φ maps a summed input (the unit of the weights times the unit of the
 * presynaptic activity) to a rate in the same unit.
 *
 * <table>
 * <caption>Activations</caption>
 * <tr><th>constant</th><th>{@link #id()}</th><th>φ(x)</th><th>φ'(x)</th><th>φ''(x)</th></tr>
 * <tr><td>RELU</td><td>relu</td><td>max(0, x)</td><td>1 if x &gt; 0, else 0</td><td>0</td></tr>
 * <tr><td>TANH</td><td>tanh</td><td>tanh x</td><td>1 − tanh² x</td><td>−2 tanh x (1 − tanh² x)</td></tr>
 * <tr><td>SOFTPLUS</td><td>softplus</td><td>ln(1 + eˣ)</td><td>σ(x) = 1 / (1 + e^{−x})</td><td>σ(x)(1 − σ(x))</td></tr>
 * <tr><td>RECTIFIED_TANH</td><td>rectified_tanh</td><td>max(0, tanh x)</td><td>1 − tanh² x if x &gt; 0, else 0</td>
 * <td>−2 tanh x (1 − tanh² x) if x &gt; 0, else 0</td></tr>
 * <tr><td>LINEAR</td><td>linear</td><td>x</td><td>1</td><td>0</td></tr>
 * </table>
 * φ'' is the second derivative where it exists: relu and rectified_tanh have a kink at 0, where φ' jumps and φ'' (a
 * Dirac delta there) is taken as 0, the derivative almost everywhere (what exact gradient flossing differentiates
 * φ'(a) with).
 * LINEAR makes a rate network linear in its state (with a quadratic loss the loss is then exactly quadratic in W_in and
 * in W_out, whose Hessians are Gram matrices: the analytic case the curvature tests compare with).
 */
public enum RateActivation {
    RELU, TANH, SOFTPLUS, RECTIFIED_TANH, LINEAR;

    /** @return the spec name: relu, tanh, softplus, rectified_tanh, linear. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a spec name ({@link #id()}).
     * @return the activation.
     * @throws IllegalArgumentException naming the value and the allowed ones.
     */
    public static RateActivation of(final String id) {
        for (RateActivation a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation = " + id + ": must be relu, tanh, softplus, rectified_tanh or linear");
    }

    /**
     * @param x summed input.
     * @return φ(x).
     */
    public double value(final double x) {
        switch (this) {
            case RELU:
                return x > 0.0 ? x : 0.0;
            case TANH:
                return Math.tanh(x);
            case LINEAR:
                return x;
            case SOFTPLUS:
                // ln(1 + e^x) without overflow: max(x, 0) + ln(1 + e^{−|x|})
                return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            default:
                return x > 0.0 ? Math.tanh(x) : 0.0;
        }
    }

    /**
     * @param x summed input.
     * @return φ'(x).
     */
    public double derivative(final double x) {
        switch (this) {
            case RELU:
                return x > 0.0 ? 1.0 : 0.0;
            case TANH: {
                final double t = Math.tanh(x);
                return 1.0 - t * t;
            }
            case LINEAR:
                return 1.0;
            case SOFTPLUS:
                return 1.0 / (1.0 + Math.exp(-x));
            default: {
                if (!(x > 0.0)) {
                    return 0.0;
                }
                final double t = Math.tanh(x);
                return 1.0 - t * t;
            }
        }
    }

    /**
     * @param x summed input.
     * @return φ''(x) (0 at the kink of relu and rectified_tanh, see the class comment).
     */
    public double secondDerivative(final double x) {
        switch (this) {
            case RELU:
            case LINEAR:
                return 0.0;
            case TANH: {
                final double t = Math.tanh(x);
                return -2.0 * t * (1.0 - t * t);
            }
            case SOFTPLUS: {
                final double s = 1.0 / (1.0 + Math.exp(-x));
                return s * (1.0 - s);
            }
            default: {
                if (!(x > 0.0)) {
                    return 0.0;
                }
                final double t = Math.tanh(x);
                return -2.0 * t * (1.0 - t * t);
            }
        }
    }
}
