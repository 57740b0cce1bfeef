package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikering.hw.fixedpoint.QuantizingHook;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.hw.mask.PlasticityMask;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

final class MaskTest {
    private static final int IN = 6;
    private static final int REC = 12;
    private static final int OUT = 2;
    private static final int T = 40;

    /** Regression targets; for reward-eprop (a policy over the readouts) one-hot classes in the second half. */
    private static SequenceBatch batch(LearningRule rule) {
        if (rule == LearningRule.REWARD_EPROP) {
            final SequenceBatch r = batch(LearningRule.EPROP);
            final double[] y = new double[r.targets().length];
            final boolean[] m = new boolean[r.lossMask().length];
            for (int b = 0; b < r.batchSize(); b++) {
                for (int t = T / 2; t < T; t++) {
                    m[b * T + t] = true;
                    y[(b * T + t) * OUT + b % OUT] = 1.0;
                }
            }
            return new SequenceBatch(r.batchSize(), T, IN, OUT, r.inputSpikes(), y, m, LossKind.CLASSIFICATION_CE);
        }
        final int b = 2;
        final float[] x = new float[b * T * IN];
        final double[] y = new double[b * T * OUT];
        final boolean[] m = new boolean[b * T];
        final java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.2 ? 1f : 0f;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i * 0.1);
        }
        java.util.Arrays.fill(m, true);
        return new SequenceBatch(b, T, IN, OUT, x, y, m, LossKind.REGRESSION_MSE);
    }

    private static RecurrentNetwork net() {
        return RecurrentNetwork.random(IN, REC, OUT, 0, NetworkParams.nestSineWave(), 3);
    }

    private static RecurrentNetwork train(LearningRule rule, java.util.function.Function<RecurrentNetwork, WeightUpdateHook> hook) {
        final RecurrentNetwork n = net();
        final Trainer t = new Trainer(n, Rules.create(rule, Computation.EVENT, n, 9), new Adam(0.01),
                new WeightClip(-100, 100), hook.apply(n));
        final SequenceBatch b = batch(rule);
        for (int i = 0; i < 3; i++) {
            t.step(b);
        }
        return n;
    }

    private static void assertSameBits(RecurrentNetwork a, RecurrentNetwork b) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] x = a.weights(id);
            final double[] y = b.weights(id);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]), id + "[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = LearningRule.class, mode = EnumSource.Mode.EXCLUDE, names = {"NEST_EPROP", "NEST_EPROP_IAF", "UORO",
        "KF_RTRL", "KERNL", "SG", "BP_LAMBDA"}) // NEST nets only; nest-eprop-iaf has no batch gradient; uoro, kf-rtrl, kernl, sg, bp-lambda rate nets only
    void shouldTrainBitIdenticallyWhenMaskIsFull(LearningRule rule) {
        final RecurrentNetwork plain = train(rule, n -> WeightUpdateHook.NONE);
        final RecurrentNetwork masked = train(rule, n -> new MaskFactory(n).randomFraction(1.0, 1).bind(n, null));
        assertSameBits(plain, masked);
        // and training did change something
        final RecurrentNetwork init = net();
        assertTrue(!java.util.Arrays.equals(init.weights(WeightMatrixId.OUTPUT), plain.weights(WeightMatrixId.OUTPUT)));
    }

    @ParameterizedTest
    @EnumSource(value = LearningRule.class, mode = EnumSource.Mode.EXCLUDE, names = {"NEST_EPROP", "NEST_EPROP_IAF", "UORO",
        "KF_RTRL", "KERNL", "SG", "BP_LAMBDA"}) // NEST nets only; nest-eprop-iaf has no batch gradient; uoro, kf-rtrl, kernl, sg, bp-lambda rate nets only
    void shouldChangeNothingWhenMaskIsEmpty(LearningRule rule) {
        assertSameBits(net(), train(rule, n -> new MaskFactory(n).randomFraction(0.0, 1).bind(n, null)));
    }

    @ParameterizedTest
    @EnumSource(value = LearningRule.class, mode = EnumSource.Mode.EXCLUDE, names = {"NEST_EPROP", "NEST_EPROP_IAF", "UORO",
        "KF_RTRL", "KERNL", "SG", "BP_LAMBDA"}) // NEST nets only; nest-eprop-iaf has no batch gradient; uoro, kf-rtrl, kernl, sg, bp-lambda rate nets only
    void shouldKeepFrozenWeightsBitForBitWhenMaskIsPartial(LearningRule rule) {
        final PlasticityMask[] holder = new PlasticityMask[1];
        final RecurrentNetwork trained = train(rule, n -> {
            holder[0] = new MaskFactory(n).randomFraction(0.3, 4);
            return holder[0].bind(n, null);
        });
        final RecurrentNetwork init = net();
        int changed = 0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] a = init.weights(id);
            final double[] b = trained.weights(id);
            for (int i = 0; i < a.length; i++) {
                if (!holder[0].isPlastic(id, i)) {
                    assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "frozen " + id + "[" + i + "]");
                } else if (a[i] != b[i]) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "plastic weights should change");
    }

    @Test
    void shouldKeepQuantisedWeightsOnGridAndFrozenUnchangedWhenBothHooksAreUsed() {
        final QuantizingHook[] q = new QuantizingHook[1];
        final PlasticityMask[] m = new PlasticityMask[1];
        final RecurrentNetwork trained = train(LearningRule.EPROP, n -> {
            q[0] = new QuantizingHook(n, 4, Rounding.STOCHASTIC, 2);
            m[0] = new MaskFactory(n).onlyMatrices(Set.of(WeightMatrixId.OUTPUT));
            return m[0].bind(n, q[0]);
        });
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double step = q[0].quantizer(id).step();
            for (double w : trained.weights(id)) {
                assertEquals(0.0, Math.IEEEremainder(w, step), 0.0, id + " weight " + w + " off the grid " + step);
                assertTrue(Math.abs(w / step) <= 8.0);
            }
        }
        assertEquals(0, m[0].plasticCount(WeightMatrixId.RECURRENT));
        assertEquals(OUT * REC, m[0].plasticCount(WeightMatrixId.OUTPUT));
    }

    @Test
    void shouldSelectPlasticSetsByStrategy() {
        final RecurrentNetwork n = net();
        final MaskFactory f = new MaskFactory(n);
        assertEquals(Math.round(0.2 * (IN * REC + REC * REC + OUT * REC)),
                Math.round(f.randomFraction(0.2, 3).plasticFraction() * (IN * REC + REC * REC + OUT * REC)));
        final PlasticityMask row = f.perPostFraction(0.5, 3);
        assertEquals(REC * 6, row.plasticCount(WeightMatrixId.RECURRENT));
        assertEquals(REC * 3, row.plasticCount(WeightMatrixId.INPUT));
        final PlasticityMask engram = f.engram(Set.of(0, 5), false);
        assertEquals(2 * REC, engram.plasticCount(WeightMatrixId.RECURRENT));
        assertTrue(engram.isPlastic(WeightMatrixId.RECURRENT, 5 * REC + 3));
        assertEquals(0, engram.plasticCount(WeightMatrixId.OUTPUT));
        final PlasticityMask ex = f.explicit(java.util.Map.of(WeightMatrixId.INPUT, new int[] {0, 7}));
        assertEquals(2, ex.plasticCount(WeightMatrixId.INPUT));
        assertArrayEquals(new int[] {0, 0}, new int[] {ex.plasticCount(WeightMatrixId.RECURRENT), ex.plasticCount(WeightMatrixId.OUTPUT)});
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.randomFraction(1.5, 1));
        assertTrue(e.getMessage().contains("p = 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.perPostFraction(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> f.engram(Set.of(REC), true));
    }

    /** Counts set by hand from the shapes: W_in 12x6, W_rec 12x12, W_out 2x12. */
    @Test
    void shouldChooseOnlyAmongTheListedMatrices() {
        final MaskFactory f = new MaskFactory(net());
        final PlasticityMask rec = f.randomFraction(0.25, 7, Set.of(WeightMatrixId.RECURRENT));
        assertEquals(0, rec.plasticCount(WeightMatrixId.INPUT));
        assertEquals(0, rec.plasticCount(WeightMatrixId.OUTPUT));
        assertEquals(36, rec.plasticCount(WeightMatrixId.RECURRENT)); // round(0.25 * 144)
        final PlasticityMask inOut = f.randomFraction(0.5, 7, Set.of(WeightMatrixId.INPUT, WeightMatrixId.OUTPUT));
        assertEquals(0, inOut.plasticCount(WeightMatrixId.RECURRENT));
        assertEquals(48, inOut.plasticCount(WeightMatrixId.INPUT) + inOut.plasticCount(WeightMatrixId.OUTPUT)); // 0.5 * 96
        final PlasticityMask rows = f.perPostFraction(0.5, 7, Set.of(WeightMatrixId.INPUT, WeightMatrixId.OUTPUT));
        assertEquals(0, rows.plasticCount(WeightMatrixId.RECURRENT));
        for (int r = 0; r < REC; r++) {
            int n = 0;
            for (int c = 0; c < IN; c++) {
                n += rows.isPlastic(WeightMatrixId.INPUT, r * IN + c) ? 1 : 0;
            }
            assertEquals(3, n, "row " + r + " of W_in"); // round(0.5 * 6)
        }
        for (int r = 0; r < OUT; r++) {
            int n = 0;
            for (int c = 0; c < REC; c++) {
                n += rows.isPlastic(WeightMatrixId.OUTPUT, r * REC + c) ? 1 : 0;
            }
            assertEquals(6, n, "row " + r + " of W_out"); // round(0.5 * 12)
        }
        assertThrows(IllegalArgumentException.class, () -> f.randomFraction(0.5, 7, Set.of()));
    }
}
