package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FixedPointLifPopulation;
import org.spikering.hw.fixedpoint.FloatCubaLif;

/** The integer CUBA-LIF and its float twin take an initial v and u exactly, in the reported units raw · 2^−s. */
final class LoihiInitialStateTest {

    /** Loihi's widths: 24-bit state, shift 6; no decay, no bias, threshold mantissa 10. */
    private static final FixedLifParams Q = new FixedLifParams(0, 0, 10, 0, 0, 24, 6, 16, 1.0);

    @Test
    void theIntegerModelSetsRawStatesExactlyAndRefusesWhatItWouldRound() {
        final FixedPointLifPopulation p = new FixedPointLifPopulation(2, Q);
        assertArrayEquals(new String[] {"V_m", "I_syn"}, p.settableStateVariableNames());
        p.setStateVariable("V_m", 0, 3.25);     // 3.25 * 64 = 208 raw
        p.setStateVariable("I_syn", 1, -0.015625); // -1 raw
        assertEquals(208, p.rawVoltage(0));
        assertEquals(-1, p.rawCurrent(1));
        assertEquals(3.25, p.stateVariable("V_m", 0), 0.0);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.setStateVariable("V_m", 0, 0.3));
        assertEquals("V_m = 0.3: must be a multiple of 2^-6 within +-131071.984375 (a raw state of 24 bits, reported as"
                + " raw * 2^-6)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.setStateVariable("I_syn", 0, 131072)); // 2^23 raw
        assertThrows(IllegalArgumentException.class, () -> p.setStateVariable("a", 0, 1));
    }

    @Test
    void anInitialVAboveThresholdSpikesInTheFirstStep() {
        // v > vth << s = 640 raw spikes (strict), then v <- 0; with no input and no decay u stays, so v = 641 raw
        // spikes in step 0 and 640 raw does not
        final FixedPointLifPopulation p = new FixedPointLifPopulation(2, Q);
        p.setStateVariable("V_m", 0, 641 / 64.0);
        p.setStateVariable("V_m", 1, 640 / 64.0);
        final int[] spikes = new int[2];
        final int n = p.update(0, 0, 2, new double[2], null, spikes, 0);
        assertEquals(1, n);
        assertEquals(0, spikes[0]);
        final FloatCubaLif f = new FloatCubaLif(1, Q);
        f.setStateVariable("I_syn", 0, 0.3);
        assertEquals(0.3, f.stateVariable("I_syn", 0), 0.0);
    }
}
