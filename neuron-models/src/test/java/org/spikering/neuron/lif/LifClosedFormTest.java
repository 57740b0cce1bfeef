package org.spikering.neuron.lif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class LifClosedFormTest {

    private static final double DT = 0.1;

    @Test
    void shouldFollowClosedFormSubthresholdResponseToCurrentStep() {
        // V(t) = E_L + R·I·(1 − e^{−t/τ_m}) for a step of I switched on at t = 0, R = τ_m/C_m
        final double iPa = 300.0; // R·I = 20/250·300 = 24 mV < 30 mV distance to threshold
        final LifExpParameters p = new LifExpParameters(20, 250, -70, -40, -75, 2, 5, 10, iPa, ResetMode.TO_VALUE, -70);
        final LifExpPopulation pop = p.createPopulation(1, DT);
        final double[] zero = new double[1];
        final int[] spikes = new int[1];
        for (int k = 1; k <= 2000; k++) {
            assertEquals(0, pop.update(k, 0, 1, zero, zero, spikes, 0));
            final double expected = -70 + 20.0 / 250.0 * iPa * (1 - Math.exp(-k * DT / 20.0));
            assertEquals(expected, pop.membranePotential(0), 1e-10, "step " + k);
        }
    }

    @Test
    void shouldFollowClosedFormPscResponseForDifferentAndEqualTimeConstants() {
        for (double tauS : new double[] {5.0, 20.0, 20.0 + 1e-9}) {
            final LifExpParameters p = new LifExpParameters(20, 250, 0, 1000, -10, 0, tauS, tauS, 0, ResetMode.TO_VALUE, 0);
            final LifExpPopulation pop = p.createPopulation(1, DT);
            final int[] spikes = new int[1];
            final double w = 100.0;
            pop.update(0, 0, 1, new double[] {w}, new double[] {0}, spikes, 0);
            for (int k = 1; k <= 1000; k++) {
                pop.update(k, 0, 1, new double[] {0}, new double[] {0}, spikes, 0);
                final double t = k * DT; // current w present from grid point 1 on, elapsed t − dt... V(k+1) uses k steps
                final double s = t;
                final double expected = Math.abs(20.0 - tauS) < 1e-6
                        ? w / 250.0 * s * Math.exp(-s / 20.0)
                        : w / 250.0 * tauS * 20.0 / (20.0 - tauS) * (Math.exp(-s / 20.0) - Math.exp(-s / tauS));
                assertEquals(expected, pop.membranePotential(0), 1e-9 * Math.max(1, Math.abs(expected)), "tau_s " + tauS + " step " + k);
            }
        }
    }

    @Test
    void shouldFireAtTheAnalyticRateUnderConstantCurrent() {
        // From V_reset = E_L: T = t_ref + τ_m ln(R I / (R I − (V_th − E_L))), on the grid within one dt
        for (double iPa : new double[] {300, 400, 700, 1500}) {
            final LifDeltaParameters p = new LifDeltaParameters(20, 250, -70, -55, -70, 2, iPa, ResetMode.TO_VALUE, -70);
            final LifDeltaPopulation pop = p.createPopulation(1, DT);
            final double ri = 20.0 / 250.0 * iPa;
            final double period = 2 + 20 * Math.log(ri / (ri - 15));
            final int[] spikes = new int[4];
            final double[] zero = new double[1];
            long last = -1;
            int intervals = 0;
            for (long k = 0; k < 200_000 && intervals < 20; k++) {
                if (pop.update(k, 0, 1, zero, null, spikes, 0) == 1) {
                    if (last >= 0) {
                        final double isi = (k - last) * DT;
                        assertTrue(Math.abs(isi - period) <= DT + 1e-9, "I=" + iPa + " ISI " + isi + " vs " + period);
                        intervals++;
                    }
                    last = k;
                }
            }
            assertEquals(20, intervals, "I=" + iPa);
        }
    }

    @Test
    void shouldStaySilentBelowRheobase() {
        final LifDeltaParameters p = new LifDeltaParameters(20, 250, -70, -55, -70, 2, 187.0, ResetMode.TO_VALUE, -70);
        final LifDeltaPopulation pop = p.createPopulation(1, DT);
        final int[] spikes = new int[1];
        int n = 0;
        for (long k = 0; k < 100_000; k++) {
            n = pop.update(k, 0, 1, new double[1], null, spikes, n > 0 ? 0 : 0);
            assertEquals(0, n);
        }
    }

    @Test
    void shouldAdvanceInClosedFormAsManySingleSteps() {
        final LifExpParameters pe = new LifExpParameters(20, 250, -65, -50, -70, 2, 5, 20, 100, ResetMode.TO_VALUE, -66);
        final LifExpPopulation a = pe.createPopulation(1, DT);
        final LifExpPopulation b = pe.createPopulation(1, DT);
        final int[] spikes = new int[1];
        for (LifExpPopulation pop : new LifExpPopulation[] {a, b}) {
            pop.update(0, 0, 1, new double[] {80}, new double[] {-40}, spikes, 0);
        }
        final double[] zero = new double[1];
        for (int k = 1; k <= 137; k++) {
            assertEquals(0, a.update(k, 0, 1, zero, zero, spikes, 0));
        }
        b.advanceWithoutInput(0, 137);
        assertEquals(a.membranePotential(0), b.membranePotential(0), 1e-11);
        assertEquals(a.stateVariable("I_syn_ex", 0), b.stateVariable("I_syn_ex", 0), 1e-11);
        assertEquals(a.stateVariable("I_syn_in", 0), b.stateVariable("I_syn_in", 0), 1e-11);

        final LifDeltaParameters pd = new LifDeltaParameters(20, 250, -65, -50, -70, 2, 100, ResetMode.TO_VALUE, -68);
        final LifDeltaPopulation c = pd.createPopulation(1, DT);
        final LifDeltaPopulation d = pd.createPopulation(1, DT);
        for (int k = 0; k < 250; k++) {
            c.update(k, 0, 1, zero, null, spikes, 0);
        }
        d.advanceWithoutInput(0, 250);
        assertEquals(c.membranePotential(0), d.membranePotential(0), 1e-11);
    }

    @Test
    void shouldGiveIdenticalSpikeTrainsClockDrivenAndLazy() {
        final LifDeltaParameters p = new LifDeltaParameters(20, 250, 0, 20, 0, 2, 50, ResetMode.TO_VALUE, 0);
        final int n = 50;
        final LifDeltaPopulation clock = p.createPopulation(n, DT);
        final LifDeltaPopulation lazy = p.createPopulation(n, DT);
        assertTrue(lazy.canRunEventDriven());
        final SplittableRandom rnd = new SplittableRandom(7);
        final double[] input = new double[n];
        final int[] spikes = new int[n];
        int total = 0;
        for (long t = 0; t < 50_000; t++) {
            for (int i = 0; i < n; i++) {
                input[i] = rnd.nextDouble() < 0.05 ? (rnd.nextDouble() < 0.8 ? 2.5 : -3.0) : 0.0;
            }
            final int c = clock.update(t, 0, n, input, null, spikes, 0);
            final boolean[] fired = new boolean[n];
            for (int s = 0; s < c; s++) {
                fired[spikes[s]] = true;
            }
            for (int i = 0; i < n; i++) {
                if (input[i] != 0.0) {
                    assertEquals(fired[i], lazy.receiveLazily(i, t, input[i]), "neuron " + i + " step " + t);
                } else {
                    assertTrue(!fired[i], "clock-driven spike without input, neuron " + i + " step " + t);
                }
            }
            total += c;
        }
        assertTrue(total > 500, "test needs activity, got " + total + " spikes");
        for (int i = 0; i < n; i++) {
            lazy.catchUp(i, 50_000);
            assertEquals(clock.membranePotential(i), lazy.membranePotential(i), 1e-9);
        }
    }

    @Test
    void shouldClearInputWithoutChangingTheUpdate() {
        final LifExpPopulation a = LifExpParameters.cuba().createPopulation(64, DT);
        final LifExpPopulation b = LifExpParameters.cuba().createPopulation(64, DT);
        final SplittableRandom rnd = new SplittableRandom(2);
        final int[] sa = new int[64];
        final int[] sb = new int[64];
        for (int t = 0; t < 2000; t++) {
            final double[] x0 = new double[64];
            final double[] x1 = new double[64];
            for (int i = 0; i < 64; i++) {
                x0[i] = rnd.nextDouble() < 0.1 ? 30 : 0;
                x1[i] = rnd.nextDouble() < 0.05 ? -80 : 0;
            }
            final double[] c0 = x0.clone();
            final double[] c1 = x1.clone();
            final int na = a.update(t, 0, 64, x0, x1, sa, 0);
            final int nb = b.updateAndClearInput(t, 0, 64, c0, c1, sb, 0);
            assertEquals(na, nb);
            for (int i = 0; i < 64; i++) {
                assertEquals(0.0, c0[i]);
                assertEquals(0.0, c1[i]);
            }
        }
        for (int i = 0; i < 64; i++) {
            assertEquals(a.membranePotential(i), b.membranePotential(i), 0.0);
        }
    }

    @Test
    void shouldRefuseEventDrivenModeWhenBiasReachesThreshold() {
        final LifDeltaParameters p = new LifDeltaParameters(20, 250, 0, 20, 0, 2, 300, ResetMode.TO_VALUE, 0);
        assertTrue(!p.createPopulation(3, DT).canRunEventDriven());
    }

    @Test
    void shouldNameTheParameterInValidationErrors() {
        assertMessage("tau_m = -5.0 ms", () -> new LifDeltaParameters(-5, 250, 0, 20, 0, 2, 0, ResetMode.TO_VALUE, 0));
        assertMessage("C_m = 0.0 pF", () -> new LifDeltaParameters(20, 0, 0, 20, 0, 2, 0, ResetMode.TO_VALUE, 0));
        assertMessage("V_reset = 25.0 mV", () -> new LifDeltaParameters(20, 250, 0, 20, 25, 2, 0, ResetMode.TO_VALUE, 0));
        assertMessage("t_ref = -1.0 ms", () -> new LifDeltaParameters(20, 250, 0, 20, 0, -1, 0, ResetMode.TO_VALUE, 0));
        assertMessage("tau_syn_in = NaN ms", () -> new LifExpParameters(20, 250, 0, 20, 0, 2, 5, Double.NaN, 0, ResetMode.TO_VALUE, 0));
        assertMessage("dt = 0.0 ms", () -> LifExpParameters.cuba().createPopulation(3, 0));
        assertMessage("population size = 0", () -> LifExpParameters.cuba().createPopulation(0, 0.1));
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable e) {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expected), "message '" + ex.getMessage() + "' should contain '" + expected + "'");
    }
}
