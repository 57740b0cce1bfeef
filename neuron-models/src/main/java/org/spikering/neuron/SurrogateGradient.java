package org.spikering.neuron;

import java.util.Locale;

/**
 * Pseudo-derivatives ψ = ∂z/∂v of the spike non-linearity z = H(v − A), used by surrogate-gradient
 * learning rules. Every form has a height γ and a width β, the two parameters of NEST 3.9's e-prop neurons
 * ({@code gamma}, {@code beta}), and is written as NEST codes it (the recurrent e-prop archiving node's
 * {@code compute_*_surrogate_gradient} functions; NEST's docstrings show other scalings):
 *
 * <table>
 *   <caption>Surrogates (x = v − A in mV, γ = height, β = width in 1/mV)</caption>
 *   <tr><th>name</th><th>ψ(x)</th><th>reference</th></tr>
 *   <tr><td>piecewise_linear</td><td>γ · max(0, 1 − β|x|)</td>
 *       <td>NEST {@code piecewise_linear}; Bellec et al. 2020 with γ = γ_pd/v_th, β = 1/v_th
 *       (γ_pd = 0.3, as NEST's examples set it)</td></tr>
 *   <tr><td>fast_sigmoid</td><td>γ / (1 + β|x|)²</td><td>NEST {@code fast_sigmoid_derivative};
 *       Zenke &amp; Ganguli 2018 (SuperSpike)</td></tr>
 *   <tr><td>exponential</td><td>γ · exp(−β|x|)</td><td>NEST {@code exponential}; Shrestha &amp; Orchard 2018</td></tr>
 *   <tr><td>arctan</td><td>(γ/π) / (1 + (π β x)²)</td><td>NEST {@code arctan}: the derivative of
 *       (γ/π²)·arctan(π β x)/β, i.e. of the arctan step of Fang et al. 2021 up to scaling</td></tr>
 * </table>
 * Units: v, A in mV; β in 1/mV; γ and ψ in the unit the caller gives γ (1/mV for e-prop). The e-prop
 * neurons ({@link org.spikering.neuron.alif.AlifNeuron}) call {@link #value}, so these are the formulas
 * learning runs. Immutable.
 */
public enum SurrogateGradient {
    /** γ·max(0, 1 − β|x|). */
    PIECEWISE_LINEAR {
        @Override
        public double value(final double vMinusA, final double gamma, final double beta) {
            return piecewiseLinear(vMinusA, gamma, beta);
        }
    },
    /** γ/(1 + β|x|)². */
    FAST_SIGMOID {
        @Override
        public double value(final double vMinusA, final double gamma, final double beta) {
            final double d = 1.0 + beta * Math.abs(vMinusA);
            return gamma / (d * d);
        }
    },
    /** γ·exp(−β|x|). */
    EXPONENTIAL {
        @Override
        public double value(final double vMinusA, final double gamma, final double beta) {
            return gamma * Math.exp(-beta * Math.abs(vMinusA));
        }
    },
    /** (γ/π)/(1 + (π·β·x)²). */
    ARCTAN {
        @Override
        public double value(final double vMinusA, final double gamma, final double beta) {
            final double x = Math.PI * beta * vMinusA;
            return gamma / Math.PI / (1.0 + x * x);
        }
    };

    /**
     * @param vMinusA x = v − A, distance of the membrane potential from the (adaptive) threshold, mV.
     * @param gamma   height γ (ψ at x = 0, except arctan: γ/π), &ge; 0.
     * @param beta    width β, 1/mV, &gt; 0.
     * @return the pseudo-derivative ψ ≥ 0.
     */
    public abstract double value(double vMinusA, double gamma, double beta);

    /**
     * The piecewise-linear form, ψ = γ·max(0, 1 − β|x|), computed as 1 − β·|x| first and then scaled by γ.
     *
     * @param vMinusA x = v − A, mV.
     * @param gamma   height γ.
     * @param beta    width β, 1/mV.
     * @return ψ.
     */
    public static double piecewiseLinear(final double vMinusA, final double gamma, final double beta) {
        final double x = 1.0 - beta * Math.abs(vMinusA);
        return x > 0.0 ? gamma * x : 0.0;
    }

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
