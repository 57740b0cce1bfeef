package org.spikering.neuron.alif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.SurrogateGradient;

/**
 * The e-prop LIF/ALIF neuron that learning runs ({@link AlifNeuron#step}, through {@link AlifPopulation} here;
 * the plasticity module's forward passes call the same method), against closed forms of its equations.
 */
final class AlifTest {

    private static final double DT = 1.0;

    private static AlifParameters params(final int refractorySteps, final double betaA, final boolean adaptive) {
        return new AlifParameters(20.0, 0.5, refractorySteps, false, SurrogateGradient.PIECEWISE_LINEAR,
                0.3 / 0.5, 1.0 / 0.5, 200.0, betaA, adaptive);
    }

    @Test
    void shouldAdaptThresholdAsTheClosedFormSumOfPastSpikes() {
        // a_t = ρ a_{t−1} + z_{t−1}, a_0 = 0  ⇔  a_t = Σ_{s<t} ρ^{t−1−s} z_s;  A_t = v_th + β_a a_t
        final AlifParameters p = params(0, 0.8, true);
        final AlifPopulation pop = p.createPopulation(1, DT);
        final double rho = Math.exp(-DT / p.tauAMs());
        final SplittableRandom rnd = new SplittableRandom(7);
        final List<Integer> spikeSteps = new ArrayList<>();
        final int[] out = new int[1];
        int spikes = 0;
        for (int t = 0; t < 2000; t++) {
            final double input = rnd.nextDouble() < 0.2 ? 400.0 * rnd.nextDouble() : 0.0;
            final boolean spiked = pop.update(t, 0, 1, new double[] {input}, null, out, 0) == 1;
            double closed = 0.0;
            for (int s : spikeSteps) {
                closed += Math.pow(rho, t - 1 - s);
            }
            assertEquals(closed, pop.stateVariable("a", 0), 1e-12 * Math.max(1.0, closed), "a at t = " + t);
            assertEquals(0.5 + 0.8 * closed, pop.stateVariable("A", 0), 1e-12, "A at t = " + t);
            assertEquals(spiked ? 1.0 : 0.0, pop.stateVariable("z", 0));
            if (spiked) {
                spikeSteps.add(t);
                spikes++;
            }
        }
        assertTrue(spikes > 50 && spikes < 1900, "the test must exercise spikes and silence: " + spikes);
    }

    @Test
    void shouldIntegrateInputAndResetBySubtractionOneStepLater() {
        // v_t = α v_{t−1} + ζ I_t − v_th z_{t−1}, ζ = 1 − α; one input at t = 0 gives v_t = α^t ζ I (no spike)
        final AlifParameters p = params(0, 0.0, false);
        final AlifPopulation pop = p.createPopulation(1, DT);
        final double alpha = Math.exp(-DT / p.tauMMs());
        final double zeta = 1.0 - alpha;
        final int[] out = new int[1];
        final double input = 0.4 / zeta; // v_0 = 0.4 < v_th
        pop.update(0, 0, 1, new double[] {input}, null, out, 0);
        for (int t = 1; t < 50; t++) {
            assertEquals(0, pop.update(t, 0, 1, new double[1], null, out, 0));
            assertEquals(Math.pow(alpha, t) * zeta * input, pop.membranePotential(0), 1e-15, "t = " + t);
        }
        final AlifPopulation spiking = p.createPopulation(1, DT);
        final double big = 0.9 / zeta; // v_0 = 0.9 ≥ v_th: spike at t = 0
        assertEquals(1, spiking.update(0, 0, 1, new double[] {big}, null, out, 0));
        assertEquals(0.9, spiking.membranePotential(0), 1e-15, "no reset in the spiking step");
        spiking.update(1, 0, 1, new double[1], null, out, 0);
        assertEquals(alpha * 0.9 - 0.5, spiking.membranePotential(0), 1e-15, "reset subtracts v_th one step later");
        assertEquals(0.0, spiking.stateVariable("a", 0), 0.0, "LIF: a stays 0");
        assertEquals(0.5, spiking.stateVariable("A", 0), 0.0, "LIF: A = v_th");
    }

    @Test
    void shouldComputePsiFromTheDistanceToTheThresholdAndSilenceItWhileRefractory() {
        // t_ref = 3 steps: after a spike at s, r = 3; it is decremented before each step's test, so steps
        // s+1, s+2 are refractory (ψ = 0, no spike) and s+3 is free again (NEST: t_ref/dt − 1 silent steps)
        final AlifParameters p = params(3, 0.2, true);
        final AlifPopulation pop = p.createPopulation(1, DT);
        final double zeta = 1.0 - Math.exp(-DT / p.tauMMs());
        final int[] out = new int[1];
        final double drive = 5.0 / zeta; // far above threshold every step
        int lastSpike = -100;
        for (int t = 0; t < 40; t++) {
            final boolean spiked = pop.update(t, 0, 1, new double[] {drive}, null, out, 0) == 1;
            final double psi = pop.stateVariable("psi", 0);
            final int sinceSpike = t - lastSpike;
            if (sinceSpike <= 2) {
                assertFalse(spiked, "refractory at t = " + t);
                assertEquals(0.0, psi, 0.0, "ψ = 0 while refractory, t = " + t);
            } else {
                assertTrue(spiked, "free and far above threshold at t = " + t);
                final double x = pop.membranePotential(0) - pop.stateVariable("A", 0);
                assertEquals(0.6 * Math.max(0.0, 1.0 - 2.0 * Math.abs(x)), psi, 1e-15, "ψ at t = " + t);
            }
            if (spiked) {
                lastSpike = t;
            }
        }
    }

    @Test
    void shouldFireLessWithAdaptation() {
        assertTrue(count(0.8) < 0.7 * count(0.0), "adaptation must reduce firing: " + count(0.8) + " vs " + count(0.0));
    }

    private static int count(final double betaA) {
        final AlifPopulation pop = params(2, betaA, true).createPopulation(1, DT);
        final int[] out = new int[1];
        final double zeta = 1.0 - Math.exp(-DT / 20.0);
        int total = 0;
        for (int t = 0; t < 5000; t++) {
            total += pop.update(t, 0, 1, new double[] {0.8 / zeta * 0.3}, null, out, 0);
        }
        return total;
    }

    @Test
    void shouldNameTheBadParameter() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlifParameters(20.0,
                0.5, 0, false, SurrogateGradient.PIECEWISE_LINEAR, 1.0, 1.0, -3.0, 0.1, true));
        assertTrue(e.getMessage().startsWith("tau_a = -3.0 ms"), e.getMessage());
        final IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> new AlifParameters(20.0,
                0.5, -1, false, SurrogateGradient.PIECEWISE_LINEAR, 1.0, 1.0, 3.0, 0.1, true));
        assertTrue(r.getMessage().startsWith("refractory_steps = -1"), r.getMessage());
    }
}
