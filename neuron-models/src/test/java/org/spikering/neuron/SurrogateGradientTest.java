package org.spikering.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SurrogateGradientTest {

    @Test
    void shouldComputePiecewiseLinearAsBellec() {
        final double vth = 0.03;
        final SurrogateGradient g = SurrogateGradient.byName("piecewise_linear");
        assertEquals(0.3 / vth, g.value(0, vth, 0.3, 0), 1e-12);
        assertEquals(0.3 * 0.5 / vth, g.value(-0.015, vth, 0.3, 0), 1e-12);
        assertEquals(0.0, g.value(0.04, vth, 0.3, 0));
    }

    @Test
    void shouldPeakAtThresholdAndBeSymmetric() {
        for (SurrogateGradient g : SurrogateGradient.values()) {
            final double peak = g.value(0, 1, 0.5, 2);
            assertTrue(peak > g.value(0.3, 1, 0.5, 2), g.name());
            assertEquals(g.value(0.3, 1, 0.5, 2), g.value(-0.3, 1, 0.5, 2), 1e-15, g.name());
            assertEquals(g, SurrogateGradient.byName(g.externalName()));
        }
    }

    @Test
    void shouldListAllowedNamesForUnknownSurrogate() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SurrogateGradient.byName("tanh"));
        assertTrue(e.getMessage().contains("piecewise_linear, fast_sigmoid, exponential, arctan"), e.getMessage());
    }
}
