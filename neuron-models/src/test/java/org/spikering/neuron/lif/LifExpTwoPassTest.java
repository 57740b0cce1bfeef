package org.spikering.neuron.lif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The population's two-pass update (vectorisable integration, then refractory and threshold scan)
 * against a one-pass scalar twin written straight from NEST's step order: same spikes, same state bits.
 */
class LifExpTwoPassTest {

    /** NEST iaf_psc_exp step order, one neuron at a time. */
    private static final class ScalarTwin {
        final double p22, p11ex, p11in, p21ex, p21in, p20, theta, reset, jump;
        final boolean subtract;
        final int refractorySteps;
        final double[] y, ex, in;
        final int[] refr;

        ScalarTwin(final LifExpParameters p, final int n, final double h) {
            p22 = Math.exp(-h / p.tauM());
            p11ex = Math.exp(-h / p.tauSynEx());
            p11in = Math.exp(-h / p.tauSynIn());
            p21ex = ExpPropagator.p21(h, p.tauM(), p.tauSynEx(), p.cM());
            p21in = ExpPropagator.p21(h, p.tauM(), p.tauSynIn(), p.cM());
            p20 = p.tauM() / p.cM() * -Math.expm1(-h / p.tauM());
            theta = p.vTh() - p.eL();
            reset = p.vReset() - p.eL();
            jump = p.vTh() - p.vReset();
            subtract = p.resetMode() == ResetMode.BY_SUBTRACTION;
            refractorySteps = (int) Math.round(p.tRef() / h);
            y = new double[n];
            java.util.Arrays.fill(y, p.vInit() - p.eL());
            ex = new double[n];
            in = new double[n];
            refr = new int[n];
        }

        int step(final double[] w0, final double[] w1, final double bias, final int[] spikes) {
            int c = 0;
            for (int i = 0; i < y.length; i++) {
                final double e = ex[i];
                final double h = in[i];
                ex[i] = p11ex * e + w0[i];
                in[i] = p11in * h + w1[i];
                if (refr[i] == 0) {
                    final double v = p22 * y[i] + p21ex * e + p21in * h + p20 * bias;
                    if (v >= theta) {
                        y[i] = subtract ? v - jump : reset;
                        refr[i] = refractorySteps;
                        spikes[c++] = i;
                    } else {
                        y[i] = v;
                    }
                } else {
                    refr[i]--;
                }
            }
            return c;
        }
    }

    private static void compare(final LifExpParameters params, final int mode) {
        final int n = 257;
        final double h = 0.1;
        final LifExpPopulation pop = new LifExpPopulation(params, n, h);
        final ScalarTwin twin = new ScalarTwin(params, n, h);
        final SplittableRandom rnd = new SplittableRandom(7);
        final double[] w0 = new double[n];
        final double[] w1 = new double[n];
        final int[] s1 = new int[n];
        final int[] s2 = new int[n];
        long spikes = 0;
        for (long t = 0; t < 20_000; t++) {
            for (int i = 0; i < n; i++) {
                w0[i] = rnd.nextDouble() < 0.3 ? 40 * rnd.nextDouble() : 0.0;
                w1[i] = rnd.nextDouble() < 0.1 ? -60 * rnd.nextDouble() : 0.0;
            }
            final int c2 = twin.step(w0, w1, params.iE(), s2);
            final int c1;
            if (mode == 0 || t % 3 != 0) {
                c1 = pop.updateAndClearInput(t, 0, n, w0, w1, s1, 0);
            } else {
                // two sub-ranges every third step (the per-neuron counter scan), whole-population steps otherwise
                c1 = pop.updateAndClearInput(t, 100, n, w0, w1, s1,
                        pop.updateAndClearInput(t, 0, 100, w0, w1, s1, 0));
            }
            assertEquals(c2, c1, "spike count at step " + t);
            for (int k = 0; k < c1; k++) {
                assertEquals(s2[k], s1[k], "spike " + k + " at step " + t);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(0.0, w0[i], "input cleared");
                assertEquals(Double.doubleToRawLongBits(twin.y[i] + params.eL()),
                        Double.doubleToRawLongBits(pop.membranePotential(i)), "V_m of " + i + " at step " + t);
                assertEquals(twin.ex[i], pop.stateVariable("I_syn_ex", i));
                assertEquals(twin.refr[i], (int) pop.stateVariable("refractory_steps", i));
            }
            spikes += c1;
        }
        assertTrue(spikes > 1000, "the comparison must see spikes: " + spikes);
    }

    @Test
    void resetToValueMatchesScalarTwinBitForBit() {
        compare(LifExpParameters.cuba(), 0);
    }

    @Test
    void subRangesMixedWithWholeUpdatesMatchScalarTwin() {
        compare(LifExpParameters.cuba(), 1);
    }

    @Test
    void resetBySubtractionMatchesScalarTwinBitForBit() {
        final LifExpParameters c = LifExpParameters.cuba();
        compare(new LifExpParameters(c.tauM(), c.cM(), c.eL(), c.vTh(), c.vReset(), c.tRef(), c.tauSynEx(),
                c.tauSynIn(), 30.0, ResetMode.BY_SUBTRACTION, c.vInit()), 0);
    }

    /**
     * Runs of lagged steps (input half one step late), each closed by integrateInput, against the
     * standard update: same spikes at every step and, after each run, the same state bits.
     */
    private static void compareLagged(final LifExpParameters params, final boolean perNeuronBias) {
        final int n = 193;
        final double h = 0.1;
        final LifExpPopulation standard = new LifExpPopulation(params, n, h);
        final LifExpPopulation lagged = new LifExpPopulation(params, n, h);
        if (perNeuronBias) { // the loops that read a bias per neuron instead of one constant
            for (int i = 0; i < n; i += 3) {
                standard.setBiasCurrent(i, 50.0 + i);
                lagged.setBiasCurrent(i, 50.0 + i);
            }
        }
        final SplittableRandom rnd = new SplittableRandom(11);
        final int steps = 12_000;
        final double[][] w0 = new double[steps][n];
        final double[][] w1 = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                w0[t][i] = rnd.nextDouble() < 0.3 ? 40 * rnd.nextDouble() : 0.0;
                w1[t][i] = rnd.nextDouble() < 0.1 ? -60 * rnd.nextDouble() : 0.0;
            }
        }
        final int[] s1 = new int[n];
        final int[] s2 = new int[n];
        long spikes = 0;
        int runStart = 0;
        while (runStart < steps) {
            final int runEnd = Math.min(steps, runStart + 1 + rnd.nextInt(700)); // runs of 1 to 700 steps
            for (int t = runStart; t < runEnd; t++) {
                final int c1 = standard.updateAndClearInput(t, 0, n, w0[t].clone(), w1[t].clone(), s1, 0);
                final int c2 = t == runStart
                        ? lagged.updateLagged(t, 0, n, null, null, s2, 0)
                        : lagged.updateLagged(t, 0, n, w0[t - 1].clone(), w1[t - 1].clone(), s2, 0);
                assertEquals(c1, c2, "spike count at step " + t);
                for (int k = 0; k < c1; k++) {
                    assertEquals(s1[k], s2[k], "spike " + k + " at step " + t);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(standard.membranePotential(i)),
                            Double.doubleToRawLongBits(lagged.membranePotential(i)), "V_m of " + i + " at step " + t);
                }
                spikes += c1;
            }
            final double[] last0 = w0[runEnd - 1].clone();
            final double[] last1 = w1[runEnd - 1].clone();
            lagged.integrateInput(0, n, last0, last1);
            assertEquals(0.0, last0[n - 1], "input cleared");
            for (int i = 0; i < n; i++) {
                for (String v : standard.stateVariableNames()) {
                    assertEquals(Double.doubleToRawLongBits(standard.stateVariable(v, i)),
                            Double.doubleToRawLongBits(lagged.stateVariable(v, i)), v + " of " + i + " after step " + runEnd);
                }
            }
            runStart = runEnd;
        }
        assertTrue(spikes > 1000, "the comparison must see spikes: " + spikes);
    }

    @Test
    void laggedInputHalfGivesStandardUpdateBitForBit() {
        compareLagged(LifExpParameters.cuba(), false);
    }

    @Test
    void laggedInputHalfWithPerNeuronBiasGivesStandardUpdateBitForBit() {
        compareLagged(LifExpParameters.cuba(), true);
    }

    @Test
    void laggedInputHalfWithResetBySubtractionGivesStandardUpdateBitForBit() {
        final LifExpParameters c = LifExpParameters.cuba();
        compareLagged(new LifExpParameters(c.tauM(), c.cM(), c.eL(), c.vTh(), c.vReset(), c.tRef(), c.tauSynEx(),
                c.tauSynIn(), 30.0, ResetMode.BY_SUBTRACTION, c.vInit()), false);
    }

    @Test
    void heldPotentialFollowsExplicitlySetPotentialDuringRefractoryPeriod() {
        final LifExpPopulation pop = new LifExpPopulation(LifExpParameters.cuba(), 1, 0.1);
        final double[] w0 = {0.0};
        final double[] w1 = {0.0};
        final int[] s = new int[1];
        int t = 0;
        while (pop.updateAndClearInput(t++, 0, 1, w0, w1, s, 0) == 0) {
            // E_L above threshold: fires spontaneously
        }
        pop.setMembranePotential(0, -55.0);
        pop.updateAndClearInput(t, 0, 1, w0, w1, s, 0);
        assertArrayEquals(new double[] {-55.0}, new double[] {pop.membranePotential(0)});
    }
}
