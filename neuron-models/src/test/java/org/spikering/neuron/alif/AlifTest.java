package org.spikering.neuron.alif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.lif.ResetMode;

final class AlifTest {

    @Test
    void shouldDecayThresholdExponentially() {
        final AlifParameters p = new AlifParameters(20, 1, 0, 0.03, 0, 0, 0, 2000, 1.8, ResetMode.BY_SUBTRACTION, 0);
        final AlifPopulation pop = p.createPopulation(1, 1.0);
        pop.setAdaptation(0, 1.0);
        final int[] spikes = new int[1];
        for (int t = 1; t <= 3000; t++) {
            pop.update(t, 0, 1, new double[1], null, spikes, 0);
            final double a = Math.exp(-t / 2000.0);
            assertEquals(a, pop.stateVariable("a", 0), 1e-12);
            assertEquals(0.03 + 1.8 * a, pop.threshold(0), 1e-12);
        }
    }

    @Test
    void shouldJumpOnSpikesAndLowerTheRate() {
        final AlifParameters adaptive = new AlifParameters(20, 250, 0, 20, 0, 2, 400, 500, 5, ResetMode.TO_VALUE, 0);
        final AlifParameters fixed = new AlifParameters(20, 250, 0, 20, 0, 2, 400, 500, 0, ResetMode.TO_VALUE, 0);
        final int nAdaptive = count(adaptive);
        final int nFixed = count(fixed);
        assertTrue(nFixed > 0);
        assertTrue(nAdaptive < 0.8 * nFixed, "adaptation must reduce firing: " + nAdaptive + " vs " + nFixed);
    }

    private static int count(final AlifParameters p) {
        final AlifPopulation pop = p.createPopulation(1, 0.1);
        final int[] spikes = new int[1];
        int total = 0;
        double lastA = 0;
        for (int t = 0; t < 20_000; t++) {
            final int c = pop.update(t, 0, 1, new double[1], null, spikes, 0);
            if (c == 1) {
                assertTrue(pop.stateVariable("a", 0) > lastA, "a must jump on a spike");
            }
            lastA = pop.stateVariable("a", 0);
            total += c;
        }
        return total;
    }

    @Test
    void shouldAdvanceAdaptationInClosedForm() {
        final AlifParameters p = new AlifParameters(20, 250, 0, 20, 0, 2, 100, 700, 2, ResetMode.TO_VALUE, 5);
        final AlifPopulation a = p.createPopulation(1, 0.5);
        final AlifPopulation b = p.createPopulation(1, 0.5);
        a.setAdaptation(0, 0.7);
        b.setAdaptation(0, 0.7);
        final int[] spikes = new int[1];
        for (int t = 0; t < 321; t++) {
            a.update(t, 0, 1, new double[1], null, spikes, 0);
        }
        b.advanceWithoutInput(0, 321);
        assertEquals(a.stateVariable("a", 0), b.stateVariable("a", 0), 1e-13);
        assertEquals(a.membranePotential(0), b.membranePotential(0), 1e-11);
    }
}
