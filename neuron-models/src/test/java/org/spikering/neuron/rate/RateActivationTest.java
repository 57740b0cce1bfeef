package org.spikering.neuron.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link RateActivation}: φ' against central differences of φ and φ'' against central differences of φ', away from
 * the kink at 0 (h = 1e-5: truncation error ~h² |φ'''| ≈ 1e-10, rounding ~1e-16 / h ≈ 1e-11, so 1e-8 is a margin of
 * 100).
 */
final class RateActivationTest {

    @Test
    void derivativesMatchCentralDifferences() {
        final double h = 1e-5;
        final double[] xs = {-3.1, -1.2, -0.4, 0.3, 0.9, 2.2};
        for (RateActivation a : RateActivation.values()) {
            for (double x : xs) {
                final double d1 = (a.value(x + h) - a.value(x - h)) / (2 * h);
                final double d2 = (a.derivative(x + h) - a.derivative(x - h)) / (2 * h);
                assertEquals(d1, a.derivative(x), 1e-8, a.id() + " phi' at " + x);
                assertEquals(d2, a.secondDerivative(x), 1e-8, a.id() + " phi'' at " + x);
            }
        }
    }

    @Test
    void tanhSecondDerivativeAtKnownPoints() {
        // φ''(x) = −2 tanh x sech² x: 0 at 0, −2·tanh(1)/cosh²(1) at 1
        assertEquals(0.0, RateActivation.TANH.secondDerivative(0.0), 0.0);
        final double c = Math.cosh(1.0);
        assertEquals(-2.0 * Math.tanh(1.0) / (c * c), RateActivation.TANH.secondDerivative(1.0), 1e-15);
        assertEquals(0.25 - 0.0, RateActivation.SOFTPLUS.secondDerivative(0.0), 1e-15);
    }
}
