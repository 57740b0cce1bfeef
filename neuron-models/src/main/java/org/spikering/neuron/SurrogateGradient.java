package org.spikering.neuron;

import java.util.Locale;

/**
 * Pseudo-derivatives ψ = ∂z/∂v of the spike non-linearity z = H(v − A), used by surrogate-gradient
 * learning rules. Chosen by name once, applied in loops over arrays. With x = (v − A) / v_scale
 * (v_scale = v_th for the piecewise-linear form, as Bellec et al. 2020):
 *
 * <table>
 *   <caption>Surrogates (γ = dampening factor, β = slope)</caption>
 *   <tr><th>name</th><th>ψ</th><th>reference</th></tr>
 *   <tr><td>piecewise_linear</td><td>γ · max(0, 1 − |v − A| / v_th) / v_th</td>
 *       <td>Bellec et al. 2018, 2020 (e-prop, NEST {@code piecewise_linear})</td></tr>
 *   <tr><td>fast_sigmoid</td><td>γ / (1 + β·|v − A|)²</td><td>Zenke &amp; Ganguli 2018 (SuperSpike)</td></tr>
 *   <tr><td>exponential</td><td>γ · exp(−β·|v − A|)</td><td>Shrestha &amp; Orchard 2018 (SLAYER)</td></tr>
 *   <tr><td>arctan</td><td>γ / (1 + (π/2 · β · (v − A))²)</td><td>Fang et al. 2021 (SpikingJelly ATan)</td></tr>
 * </table>
 * Units: v, A, v_th in mV; β in 1/mV; ψ in 1/mV. Immutable.
 */
public enum SurrogateGradient {
    /** γ·max(0, 1 − |v − A|/v_th)/v_th. */
    PIECEWISE_LINEAR {
        @Override
        public double value(final double vMinusA, final double vTh, final double gamma, final double beta) {
            final double x = 1.0 - Math.abs(vMinusA) / vTh;
            return x > 0 ? gamma * x / vTh : 0.0;
        }
    },
    /** γ/(1 + β|v − A|)². */
    FAST_SIGMOID {
        @Override
        public double value(final double vMinusA, final double vTh, final double gamma, final double beta) {
            final double d = 1.0 + beta * Math.abs(vMinusA);
            return gamma / (d * d);
        }
    },
    /** γ·exp(−β|v − A|). */
    EXPONENTIAL {
        @Override
        public double value(final double vMinusA, final double vTh, final double gamma, final double beta) {
            return gamma * Math.exp(-beta * Math.abs(vMinusA));
        }
    },
    /** γ/(1 + (π/2·β·(v − A))²). */
    ARCTAN {
        @Override
        public double value(final double vMinusA, final double vTh, final double gamma, final double beta) {
            final double x = 0.5 * Math.PI * beta * vMinusA;
            return gamma / (1.0 + x * x);
        }
    };

    /**
     * @param vMinusA distance of the membrane potential from the (adaptive) threshold, mV.
     * @param vTh     threshold scale v_th (relative to rest), mV; used by the piecewise-linear form.
     * @param gamma   dampening factor γ (dimensionless).
     * @param beta    slope β, 1/mV; unused by the piecewise-linear form.
     * @return the pseudo-derivative ψ ≥ 0.
     */
    public abstract double value(double vMinusA, double vTh, double gamma, double beta);

    /** @return the lower-case name used on the command line, e.g. {@code piecewise_linear}. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a name such as {@code "piecewise_linear"} or {@code "fast-sigmoid"} (case-insensitive).
     * @return the surrogate.
     * @throws IllegalArgumentException naming the allowed values.
     */
    public static SurrogateGradient byName(final String name) {
        final String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SurrogateGradient g : values()) {
            if (g.name().equals(key)) {
                return g;
            }
        }
        throw new IllegalArgumentException("surrogate_gradient = '" + name
                + "': must be one of piecewise_linear, fast_sigmoid, exponential, arctan");
    }
}
