package org.spikering.neuron.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The readout equation e-prop runs, against its impulse response y_t = κ^t ζ_out x_0 and superposition. */
final class LeakyReadoutTest {

    @Test
    void shouldDecayAnImpulseAsKappaToTheT() {
        for (boolean regular : new boolean[] {false, true}) {
            final LeakyReadout r = new LeakyReadout(30.0, 1.0, regular);
            final double kappa = Math.exp(-1.0 / 30.0);
            assertEquals(kappa, r.kappa(), 1e-16);
            assertEquals(regular ? 1.0 : 1.0 - kappa, r.zetaOut(), 1e-16);
            double y = r.next(0.0, 2.5);
            for (int t = 1; t < 200; t++) {
                y = r.next(y, t == 50 ? -1.0 : 0.0);
                double expected = Math.pow(kappa, t) * r.zetaOut() * 2.5;
                if (t >= 50) {
                    expected += Math.pow(kappa, t - 50) * r.zetaOut() * -1.0;
                }
                assertEquals(expected, y, 1e-14, "t = " + t);
            }
        }
    }

    @Test
    void shouldNameABadTimeConstant() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReadout(0.0, 1.0, false));
        assertTrue(e.getMessage().startsWith("tau_out = 0.0 ms"), e.getMessage());
    }
}
