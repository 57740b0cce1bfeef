package org.spikering.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The surrogates the e-prop neurons call ({@code AlifNeuron.step}), against their analytic definitions
 * written out here independently, at points on both sides of the threshold, at the kinks and in the tails.
 */
final class SurrogateGradientTest {

    private static final double[] X = {-0.07, -0.045, -0.03, -0.0150001, -0.001, 0.0, 1e-9, 0.002, 0.015, 0.029999,
        0.03, 0.0300001, 0.1, 3.0};

    @Test
    void shouldComputePiecewiseLinearAsNestAndBellec() {
        // NEST sine-wave example: γ = 0.3/v_th, β = 1/v_th with v_th = 0.03 mV; Bellec et al.'s
        // ψ = γ_pd·max(0, 1 − |x|/v_th)/v_th with γ_pd = 0.3 is the same function
        final double vth = 0.03;
        final double gamma = 0.3 / vth;
        final double beta = 1.0 / vth;
        for (double x : X) {
            final double bellec = Math.max(0.0, 1.0 - Math.abs(x) / vth) * 0.3 / vth;
            assertEquals(bellec, SurrogateGradient.PIECEWISE_LINEAR.value(x, gamma, beta), 1e-12, "x = " + x);
            assertEquals(SurrogateGradient.PIECEWISE_LINEAR.value(x, gamma, beta),
                    SurrogateGradient.piecewiseLinear(x, gamma, beta), 0.0);
        }
        assertEquals(10.0, SurrogateGradient.piecewiseLinear(0.0, gamma, beta), 1e-12);
        assertEquals(5.0, SurrogateGradient.piecewiseLinear(-0.015, gamma, beta), 1e-12);
        assertEquals(0.0, SurrogateGradient.piecewiseLinear(0.03 + 1e-9, gamma, beta), 0.0);
    }

    @Test
    void shouldComputeSmoothFormsAsTheirDefinitions() {
        final double gamma = 0.7;
        final double beta = 12.5;
        for (double x : X) {
            final double u = beta * Math.abs(x);
            assertEquals(gamma * Math.pow(1.0 + u, -2), SurrogateGradient.FAST_SIGMOID.value(x, gamma, beta),
                    1e-15, "fast sigmoid, x = " + x);
            assertEquals(gamma / Math.exp(u), SurrogateGradient.EXPONENTIAL.value(x, gamma, beta),
                    1e-15, "exponential, x = " + x);
            // d/dx of (γ/π²)·atan(πβx)/β, by a central difference of the antiderivative
            final double h = 1e-7;
            final double numeric = (atanStep(x + h, gamma, beta) - atanStep(x - h, gamma, beta)) / (2 * h);
            final double arctan = SurrogateGradient.ARCTAN.value(x, gamma, beta);
            assertEquals(numeric, arctan, 1e-6 * Math.max(1.0, arctan), "arctan, x = " + x);
        }
        assertEquals(gamma / Math.PI, SurrogateGradient.ARCTAN.value(0.0, gamma, beta), 1e-15);
    }

    private static double atanStep(final double x, final double gamma, final double beta) {
        return gamma / (Math.PI * Math.PI) * Math.atan(Math.PI * beta * x) / beta;
    }

    @Test
    void shouldPeakAtThresholdAndBeSymmetric() {
        for (SurrogateGradient g : SurrogateGradient.values()) {
            final double peak = g.value(0, 0.5, 2);
            assertTrue(peak > g.value(0.3, 0.5, 2), g.name());
            assertEquals(g.value(0.3, 0.5, 2), g.value(-0.3, 0.5, 2), 0.0, g.name());
            assertEquals(g, SurrogateGradient.byName(g.externalName()));
        }
    }

    @Test
    void shouldListAllowedNamesForUnknownSurrogate() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SurrogateGradient.byName("tanh"));
        assertTrue(e.getMessage().contains("piecewise_linear, fast_sigmoid, exponential, arctan"), e.getMessage());
    }
}
