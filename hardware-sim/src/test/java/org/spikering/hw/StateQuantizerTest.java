package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikering.hw.fixedpoint.FixedPointFormat;
import org.spikering.hw.fixedpoint.OverflowCounter;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.fixedpoint.RoundingStream;
import org.spikering.hw.fixedpoint.StateQuantizer;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * The neuron-state quantiser of training ({@link StateQuantizer}, {@code hardware.state}) against things computed
 * another way: a quantised LIF/ALIF forward pass written out in this test (its own loops and rounding), the rounding
 * error bounds of each mode, the mean of stochastic rounding, counted saturations, and the error bound of a
 * fine format against the double-precision pass.
 */
class StateQuantizerTest {

    private static final int IN = 5;
    private static final int REC = 6;
    private static final int ALIF = 3;
    private static final int OUT = 2;
    private static final int STEPS = 80;

    /** τ_m 20 ms, v_th 0.6 mV, t_ref 2 steps, ζ = 1, τ_a 200 ms, β_a 1.7 mV, τ_out 20 ms. */
    private static NetworkParams params() {
        return new NetworkParams(1.0, 20.0, 0.6, 2, true, 0.3 / 0.6, 1.0 / 0.6, 200.0, 1.7, 20.0, 0.0, 10.0);
    }

    private static RecurrentNetwork net() {
        return RecurrentNetwork.random(IN, REC, OUT, ALIF, params(), 7, 2.0, 1.5, 1.0);
    }

    private static SequenceBatch batch(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] x = new float[n * STEPS * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.2 ? 1f : 0f;
        }
        final double[] y = new double[n * STEPS * OUT];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i * 0.1);
        }
        final boolean[] m = new boolean[n * STEPS];
        java.util.Arrays.fill(m, true);
        return new SequenceBatch(n, STEPS, IN, OUT, x, y, m, LossKind.REGRESSION_MSE);
    }

    private static StateQuantizer quantizer(final int bits, final int frac, final Rounding r, final long seed) {
        final FixedPointFormat f = new FixedPointFormat(bits, frac, true);
        return new StateQuantizer(f, f, r, new RoundingStream(seed), new OverflowCounter(), new OverflowCounter());
    }

    /** This test's rounding of x to the grid 2^−frac, clamped to bits bits: its own arithmetic. */
    private static double round(final double x, final int bits, final int frac, final Rounding r,
            final SplittableRandom rng, final long[] saturations) {
        final double scale = Math.pow(2, frac);
        final double u = x * scale;
        double k;
        if (r == Rounding.NEAREST) {
            k = Math.floor(u + 0.5);
        } else if (r == Rounding.TRUNCATE) {
            k = u < 0 ? Math.ceil(u) : Math.floor(u);
        } else {
            k = Math.floor(u);
            if (u != k && rng.nextDouble() < u - k) {
                k += 1;
            }
        }
        final double max = Math.pow(2, bits - 1) - 1;
        if (k > max || k < -max - 1) {
            saturations[0]++;
            k = k > max ? max : -max - 1;
        }
        return k / scale;
    }

    @ParameterizedTest
    @EnumSource(Rounding.class)
    void forwardPassEqualsAQuantisedLifAlifPassWrittenOutHere(final Rounding mode) {
        final int bits = 10;
        final int frac = 6; // LSB 1/64 mV, range [-8, 8) mV and a in [-8, 8)
        final RecurrentNetwork n = net();
        final SequenceBatch b = batch(1, 3);
        final StateQuantizer q = quantizer(bits, frac, mode, 42);
        final Trajectory tr = new Trajectory(STEPS, REC, OUT);
        ForwardPass.run(n, b, 0, tr, q);

        final NetworkParams p = params();
        final double alpha = Math.exp(-1.0 / 20.0);
        final double rho = Math.exp(-1.0 / 200.0);
        final SplittableRandom rng = new SplittableRandom(42); // RoundingStream(42) is this stream
        final long[] sat = new long[1];
        final double[] v = new double[REC];
        final double[] a = new double[REC];
        final double[] z = new double[REC];
        final int[] ref = new int[REC];
        int spikes = 0;
        for (int t = 0; t < STEPS; t++) {
            final double[] zNext = new double[REC];
            for (int j = 0; j < REC; j++) {
                double in = 0;
                for (int i = 0; i < IN; i++) {
                    if (b.inputSpikes()[t * IN + i] != 0f) {
                        in += n.wIn()[j * IN + i];
                    }
                }
                for (int i = 0; i < REC; i++) {
                    if (z[i] != 0) {
                        in += n.wRec()[j * REC + i];
                    }
                }
                v[j] = alpha * v[j] + 1.0 * in - p.thresholdMv() * z[j];
                a[j] = j < ALIF ? rho * a[j] + z[j] : 0.0;
            }
            for (int j = 0; j < REC; j++) {
                v[j] = round(v[j], bits, frac, mode, rng, sat);
            }
            for (int j = 0; j < ALIF; j++) {
                a[j] = round(a[j], bits, frac, mode, rng, sat);
            }
            for (int j = 0; j < REC; j++) {
                ref[j] = Math.max(ref[j] - 1, 0);
                final double th = p.thresholdMv() + (j < ALIF ? p.betaAdapt() * a[j] : 0.0);
                if (v[j] >= th && ref[j] == 0) {
                    zNext[j] = 1;
                    ref[j] = 2;
                    spikes++;
                }
                assertEquals(v[j], tr.v[t * REC + j], 0.0, "v at step " + t + ", neuron " + j);
                assertEquals(a[j], tr.a[t * REC + j], 0.0, "a at step " + t + ", neuron " + j);
                assertEquals(zNext[j], tr.z[t * REC + j], 0.0, "z at step " + t + ", neuron " + j);
            }
            System.arraycopy(zNext, 0, z, 0, REC);
        }
        assertTrue(spikes > 10, "the test network spikes (" + spikes + ")");
        assertEquals(spikes, tr.totalSpikes());
        assertEquals(sat[0], q.vOverflow().saturations() + q.aOverflow().saturations());
    }

    @Test
    void nearestIsWithinHalfAnLsbTruncateWithinOneTowardZero() {
        final SplittableRandom r = new SplittableRandom(5);
        for (int frac : new int[] {0, 3, 12, 30}) {
            final double lsb = Math.scalb(1.0, -frac);
            final StateQuantizer near = quantizer(40, frac, Rounding.NEAREST, 1);
            final StateQuantizer trunc = quantizer(40, frac, Rounding.TRUNCATE, 1);
            final double[] x = new double[1000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (r.nextDouble() - 0.5) * 200;
            }
            final double[] n = x.clone();
            final double[] t = x.clone();
            final boolean[] alif = new boolean[x.length];
            near.afterStateUpdate(alif, 0, x.length, n, new double[x.length], 0);
            trunc.afterStateUpdate(alif, 0, x.length, t, new double[x.length], 0);
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs(n[i] - x[i]) <= lsb / 2, "nearest " + x[i] + " -> " + n[i]);
                assertEquals(0.0, n[i] / lsb - Math.rint(n[i] / lsb), 0.0, "on the grid");
                assertTrue(Math.abs(t[i]) <= Math.abs(x[i]) && Math.abs(t[i] - x[i]) < lsb, "truncate " + x[i]);
                assertTrue(t[i] == 0 || Math.signum(t[i]) == Math.signum(x[i]));
            }
        }
    }

    @Test
    void stochasticRoundingIsUnbiased() {
        // x = k + p LSB rounds to k + 1 with probability p: over N draws the mean error is 0 with standard
        // deviation LSB·sqrt(p(1−p)/N); accept 5 of them (a false alarm once in ~1.7 million runs)
        final int frac = 4;
        final double lsb = 1.0 / 16;
        final int n = 200_000;
        for (double p : new double[] {0.1, 0.3, 0.5, 0.93}) {
            final double x = -3 * lsb + p * lsb;
            final double[] v = new double[n];
            java.util.Arrays.fill(v, x);
            quantizer(16, frac, Rounding.STOCHASTIC, 11).afterStateUpdate(new boolean[n], 0, n, v, new double[n], 0);
            double sum = 0;
            int up = 0;
            for (double q : v) {
                assertTrue(q == -3 * lsb || q == -2 * lsb, "one of the two neighbours: " + q);
                sum += q - x;
                up += q == -2 * lsb ? 1 : 0;
            }
            final double sd = lsb * Math.sqrt(p * (1 - p) / n);
            assertEquals(0.0, sum / n, 5 * sd, "mean error at p = " + p + " (" + up + " of " + n + " up)");
        }
        final double[] onGrid = {0.25, -1.5, 3.0};
        final RoundingStream s = new RoundingStream(3);
        new StateQuantizer(new FixedPointFormat(16, 4, true), null, Rounding.STOCHASTIC, s, new OverflowCounter(),
                new OverflowCounter()).afterStateUpdate(new boolean[3], 0, 3, onGrid, new double[3], 0);
        assertArrayEquals(new double[] {0.25, -1.5, 3.0}, onGrid, 0.0);
        assertEquals(3, s.state(), "values on the grid take no draw");
    }

    @Test
    void aSlowDecayStallsUnderNearestRoundingAndDecaysInTheMeanUnderStochastic() {
        // a_t = Q(ρ a_{t−1}) with ρ = exp(−1/2000) (evidence's τ_a = 2000 ms) on the grid 2^−8: nearest loses the
        // decrement a(1 − ρ) whenever it is below LSB/2, so a = k LSB stops at the largest k with k(1 − ρ) < 1/2
        // (k ≤ 1000 here: 3.0 = 768 LSB never moves); stochastic keeps E[a_t] = ρ^t a_0. Over 2000 neurons the
        // mean after 2000 steps must be within 5 standard errors of a_0 / e (each neuron's spread is at most
        // sqrt(t)·LSB/2, so the standard error of the mean is at most sqrt(2000)·2^−9 / sqrt(2000) = 2^−9)
        final double rho = Math.exp(-1.0 / 2000.0);
        final int n = 2000;
        final boolean[] alif = new boolean[n];
        java.util.Arrays.fill(alif, true);
        final double[] near = new double[n];
        final double[] stoch = new double[n];
        java.util.Arrays.fill(near, 3.0);
        java.util.Arrays.fill(stoch, 3.0);
        final StateQuantizer qn = quantizer(16, 8, Rounding.NEAREST, 1);
        final StateQuantizer qs = quantizer(16, 8, Rounding.STOCHASTIC, 2);
        final double[] v = new double[n];
        for (int t = 0; t < 2000; t++) {
            for (int j = 0; j < n; j++) {
                near[j] *= rho;
                stoch[j] *= rho;
            }
            qn.afterStateUpdate(alif, 0, n, v, near, 0);
            qs.afterStateUpdate(alif, 0, n, v, stoch, 0);
        }
        assertEquals(3.0, near[0], 0.0, "nearest: stuck");
        double mean = 0;
        for (double x : stoch) {
            mean += x / n;
        }
        assertEquals(3.0 * Math.exp(-1.0), mean, 5 * Math.scalb(1.0, -9), "stochastic: the mean decays as rho^t");
    }

    @Test
    void overflowSaturatesAndIsCountedPerVariable() {
        // 8 bits, 4 fractional: range [-128, 127] / 16 = [-8, 7.9375]
        final StateQuantizer q = quantizer(8, 4, Rounding.NEAREST, 1);
        final double[] v = {9.0, -8.0, -8.1, 7.97, 7.95, 0.5};
        final double[] a = {100.0, 20.0, 1.0, 0.0, 0.0, 50.0};
        final boolean[] alif = {true, false, true, true, true, false};
        q.afterStateUpdate(alif, 0, 6, v, a, 0);
        assertArrayEquals(new double[] {127 / 16.0, -8.0, -8.0, 127 / 16.0, 7.9375, 0.5}, v, 0.0);
        assertEquals(3, q.vOverflow().saturations(), "9.0, -8.1 and 7.97 (rounds to 128/16) saturate");
        assertArrayEquals(new double[] {127 / 16.0, 20.0, 1.0, 0.0, 0.0, 50.0}, a, 0.0, "LIF entries are left alone");
        assertEquals(1, q.aOverflow().saturations());
        assertEquals(0, q.vOverflow().wraps() + q.aOverflow().wraps());
    }

    @Test
    void roundInPlaceIsToRawThenToDoubleValueForValue() {
        // the double-only hot path against the long path (toRaw, fit, toDouble): same values, same draws, same counts,
        // for every mode, saturating and wrapping, narrow and wide formats, values at the range ends and signed zeros
        final SplittableRandom r = new SplittableRandom(8);
        for (int[] wf : new int[][] {{2, 0}, {6, 3}, {16, 12}, {53, 40}, {54, 2}, {62, 50}, {62, 0}}) {
            for (boolean sat : new boolean[] {true, false}) {
                final FixedPointFormat f = new FixedPointFormat(wf[0], wf[1], sat);
                final double top = f.toDouble(f.maxRaw());
                for (Rounding mode : Rounding.values()) {
                    final double[] x = new double[400];
                    for (int i = 0; i < x.length; i++) {
                        final double scale = top * (i % 4 == 0 ? 1.5 : 1.0);
                        x[i] = (r.nextDouble() * 2 - 1) * scale;
                    }
                    x[0] = -0.0;
                    x[1] = 0.0;
                    x[2] = top;
                    x[3] = f.toDouble(f.minRaw());
                    x[4] = top + f.toDouble(1) / 2;
                    x[5] = -f.toDouble(1) / 3;
                    x[6] = 1e300;
                    final boolean[] only = new boolean[x.length];
                    for (int i = 0; i < only.length; i++) {
                        only[i] = i % 3 != 0;
                    }
                    final double[] fast = x.clone();
                    final OverflowCounter cf = new OverflowCounter();
                    final RoundingStream sf = new RoundingStream(4);
                    f.roundInPlace(fast, 0, 0, x.length, only, mode, sf, cf);
                    final OverflowCounter cl = new OverflowCounter();
                    final RoundingStream sl = new RoundingStream(4);
                    for (int i = 0; i < x.length; i++) {
                        final double expected = only[i] ? f.toDouble(f.toRaw(x[i], mode, sl, cl)) : x[i];
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(fast[i]),
                                f + " " + mode + " x = " + x[i] + ": " + expected + " vs " + fast[i]);
                    }
                    assertEquals(cl.saturations(), cf.saturations());
                    assertEquals(cl.wraps(), cf.wraps());
                    assertEquals(sl.state(), sf.state(), "same number of draws");
                }
            }
        }
        final FixedPointFormat f = new FixedPointFormat(8, 2, true);
        assertThrows(IllegalArgumentException.class, () -> f.roundInPlace(new double[] {Double.NaN}, 0, 0, 1, null,
                Rounding.NEAREST, null, new OverflowCounter()));
        assertThrows(IllegalArgumentException.class, () -> f.roundInPlace(new double[] {Double.POSITIVE_INFINITY}, 0, 0,
                1, null, Rounding.STOCHASTIC, new RoundingStream(1), new OverflowCounter()));
    }

    @Test
    void roundingStreamIsSplittableRandomsStreamAndResumesFromItsState() {
        for (long seed : new long[] {0, 77, -5, Long.MAX_VALUE}) {
            final SplittableRandom ref = new SplittableRandom(seed);
            final RoundingStream s = new RoundingStream(seed);
            for (int i = 0; i < 1000; i++) {
                if (i % 2 == 0) {
                    assertEquals(ref.nextLong(), s.nextLong());
                } else {
                    assertEquals(ref.nextDouble(), s.nextDouble(), 0.0);
                }
            }
            final RoundingStream copy = new RoundingStream(0).restore(s.state());
            for (int i = 0; i < 100; i++) {
                assertEquals(s.nextDouble(), copy.nextDouble(), 0.0);
            }
        }
    }

    @Test
    void aFineFormatStaysWithinItsRoundingBoundOfDoublePrecision() {
        // with the same spikes, e_t = α e_{t−1} + r_t, |r_t| ≤ LSB/2, so |v_q − v| ≤ (LSB/2) / (1 − α) (and
        // |a_q − a| ≤ (LSB/2) / (1 − ρ)), plus double rounding of the arithmetic (bounded here by 1e-14 mV)
        final int frac = 40;
        final double lsb = Math.scalb(1.0, -frac);
        final RecurrentNetwork n = net();
        final SequenceBatch b = batch(2, 9);
        for (int s = 0; s < 2; s++) {
            final Trajectory exact = new Trajectory(STEPS, REC, OUT);
            final Trajectory fine = new Trajectory(STEPS, REC, OUT);
            ForwardPass.run(n, b, s, exact);
            ForwardPass.run(n, b, s, fine, quantizer(62, frac, Rounding.NEAREST, 1));
            assertArrayEquals(exact.z, fine.z, 0.0, "same spikes");
            final double vBound = lsb / 2 / (1 - params().alpha()) + 1e-14;
            final double aBound = lsb / 2 / (1 - params().rho()) + 1e-14;
            boolean differs = false;
            for (int i = 0; i < exact.v.length; i++) {
                assertTrue(Math.abs(exact.v[i] - fine.v[i]) <= vBound, "v " + i);
                assertTrue(Math.abs(exact.a[i] - fine.a[i]) <= aBound, "a " + i);
                differs |= exact.v[i] != fine.v[i];
            }
            assertTrue(differs, "the rounding did something");
        }
    }

    @ParameterizedTest
    @EnumSource(value = LearningRule.class, names = {"EPROP", "BPTT"})
    void trainingWithFiftyFractionalBitsMatchesDoublePrecision(final LearningRule rule) {
        // 62 bits, 50 fractional: LSB 2^-50 mV ≈ 8.9e-16 mV, 8 doubles' spacings of v near the threshold (ulp(0.6 mV)
        // = 1.1e-16 mV); every pass must have the same spikes as in double precision, and after 5 updates the weights
        // agree to 1e-9 of their largest magnitude (the claim this test makes; observed: 3e-13 e-prop, 1.3e-12 BPTT)
        final RecurrentNetwork a = net();
        final RecurrentNetwork b = net();
        final java.util.List<double[]> spikesA = new java.util.ArrayList<>();
        final java.util.List<double[]> spikesB = new java.util.ArrayList<>();
        final GradientComputer ga = Rules.create(rule, Computation.EVENT, a, 1);
        final GradientComputer gb = Rules.create(rule, Computation.EVENT, b, 1);
        ga.setTrajectoryListener((net, batch, seq, tr) -> spikesA.add(tr.z.clone()));
        gb.setTrajectoryListener((net, batch, seq, tr) -> spikesB.add(tr.z.clone()));
        gb.setStateHook(quantizer(62, 50, Rounding.NEAREST, 1));
        final org.spikering.plasticity.train.Trainer ta = new org.spikering.plasticity.train.Trainer(a, ga,
                new org.spikering.plasticity.optim.Sgd(0.05), org.spikering.plasticity.optim.WeightClip.none(),
                org.spikering.plasticity.optim.WeightUpdateHook.NONE);
        final org.spikering.plasticity.train.Trainer tb = new org.spikering.plasticity.train.Trainer(b, gb,
                new org.spikering.plasticity.optim.Sgd(0.05), org.spikering.plasticity.optim.WeightClip.none(),
                org.spikering.plasticity.optim.WeightUpdateHook.NONE);
        for (int k = 0; k < 5; k++) {
            ta.step(batch(2, 100 + k));
            tb.step(batch(2, 100 + k));
        }
        assertEquals(10, spikesA.size());
        for (int k = 0; k < spikesA.size(); k++) {
            assertArrayEquals(spikesA.get(k), spikesB.get(k), 0.0, "spikes of pass " + k);
        }
        double worst = 0;
        for (org.spikering.plasticity.network.WeightMatrixId id : org.spikering.plasticity.network.WeightMatrixId.values()) {
            double max = 0;
            for (double w : a.weights(id)) {
                max = Math.max(max, Math.abs(w));
            }
            for (int i = 0; i < a.weights(id).length; i++) {
                final double d = Math.abs(a.weights(id)[i] - b.weights(id)[i]) / max;
                worst = Math.max(worst, d);
                assertTrue(d <= 1e-9, rule + " " + id + "[" + i + "]: relative difference " + d);
            }
        }
        assertTrue(worst > 0, "the rounding did something");
    }

    @ParameterizedTest
    @EnumSource(value = Computation.class, names = {"EVENT", "EVENT_STEPWISE", "DENSE"})
    void everyPlainLoopComputationAndBpttSimulateTheQuantisedState(final Computation c) {
        for (LearningRule rule : new LearningRule[] {LearningRule.EPROP, LearningRule.BPTT}) {
            final RecurrentNetwork n = net();
            final GradientComputer g = Rules.create(rule, c, n, 1);
            final int frac = 3;
            g.setStateHook(quantizer(8, frac, Rounding.NEAREST, 1));
            final int[] passes = {0};
            g.setTrajectoryListener((net, batch, seq, tr) -> {
                passes[0]++;
                for (int i = 0; i < tr.v.length; i++) {
                    assertEquals(0.0, tr.v[i] * 8 - Math.rint(tr.v[i] * 8), 0.0, "v on the 1/8 mV grid");
                    assertEquals(0.0, tr.a[i] * 8 - Math.rint(tr.a[i] * 8), 0.0, "a on the 1/8 grid");
                }
            });
            final Gradients q = Gradients.zerosFor(n);
            g.compute(n, batch(2, 4), q);
            assertEquals(2, passes[0]);
            final Gradients d = Gradients.zerosFor(n);
            final GradientComputer plain = Rules.create(rule, c, n, 1);
            plain.compute(n, batch(2, 4), d);
            assertFalse(java.util.Arrays.equals(q.wIn, d.wIn), rule + " " + c + ": the gradient sees the rounded trajectory");
        }
    }

    @Test
    void theEngineComputationRefusesStatePrecision() {
        final GradientComputer g = Rules.create(LearningRule.EPROP, Computation.ENGINE, net(), 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.setStateHook(quantizer(8, 3, Rounding.NEAREST, 1)));
        assertTrue(e.getMessage().startsWith("state precision: needs the plain-loop forward pass"), e.getMessage());
    }
}
