package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.hw.fixedpoint.FixedAdaptation;
import org.spikering.hw.fixedpoint.FixedLifModel;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FixedPointLifPopulation;
import org.spikering.hw.fixedpoint.FloatCubaLif;
import org.spikering.hw.fixedpoint.FloatCubaLifModel;

final class LifModelsTest {
    // bias 40 drives v over vth = 100 every few steps; adaptation raises the threshold after each crossing
    private static final FixedLifParams P = new FixedLifParams(410, 205, 100, 5, 3, 50, 24, 16, 1.0);
    private static final FixedAdaptation AD = new FixedAdaptation(300, 20);

    @Test
    void shouldAdvanceWithoutInputExactlyAsUpdatesWithZeroInput() {
        final FixedPointLifPopulation fx = new FixedLifModel(P, AD).createPopulation(2, 1.0);
        final FixedPointLifPopulation fxRef = new FixedLifModel(P, AD).createPopulation(2, 1.0);
        final FloatCubaLif fl = new FloatCubaLifModel(P, AD).createPopulation(2, 1.0);
        final FloatCubaLif flRef = new FloatCubaLifModel(P, AD).createPopulation(2, 1.0);
        final int[] sp = new int[2];
        int crossings = 0;
        for (int t = 0; t < 60; t++) {
            crossings += fxRef.update(t, 0, 1, new double[2], null, sp, 0);
            flRef.update(t, 0, 1, new double[2], null, sp, 0);
        }
        fx.advanceWithoutInput(0, 60);
        fl.advanceWithoutInput(0, 60);
        assertTrue(crossings >= 3, "the bias must make the neuron cross threshold: " + crossings);
        assertEquals(fxRef.rawVoltage(0), fx.rawVoltage(0));
        assertEquals(fxRef.rawCurrent(0), fx.rawCurrent(0));
        assertEquals(fxRef.rawAdaptation(0), fx.rawAdaptation(0));
        assertEquals(flRef.voltage(0), fl.voltage(0), 0.0);
        assertEquals(flRef.adaptation(0), fl.adaptation(0), 0.0);
        assertEquals(0.0, fl.voltage(1), 0.0, "other neurons untouched");
    }

    @Test
    void shouldReportStateAndNameTheModels() {
        final FloatCubaLif fl = new FloatCubaLifModel(P).createPopulation(3, 1.0);
        fl.setMembranePotential(1, 42.5);
        assertEquals(42.5, fl.stateVariable("V_m", 1), 0.0);
        assertEquals(1, fl.inputChannels());
        assertEquals(3, fl.size());
        assertEquals("lif_fixed_point", new FixedLifModel(P).modelName());
        assertEquals("lif_cuba_float", new FloatCubaLifModel(P).modelName());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fl.stateVariable("w", 0));
        assertTrue(e.getMessage().contains("state variable = w"), e.getMessage());
    }

    @Test
    void shouldRejectAnotherTimeStepNamingBoth() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FixedLifModel(P).createPopulation(3, 0.1));
        assertTrue(e.getMessage().startsWith("dt = 0.1 ms") && e.getMessage().contains("dtMs = 1.0 ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FloatCubaLifModel(P).createPopulation(3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new FixedLifModel(null));
        assertThrows(IllegalArgumentException.class, () -> new FloatCubaLif(0, P));
    }
}
