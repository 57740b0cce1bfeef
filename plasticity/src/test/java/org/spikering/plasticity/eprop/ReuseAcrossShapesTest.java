package org.spikering.plasticity.eprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * One gradient computer used on networks and sequence lengths of different shapes gives, bit for bit, what a fresh
 * computer gives on each. The shapes are chosen so that the products the archives are sized by collide:
 * n_rec·n_in (20·10 = 10·20) and n_rec·(T + 1) (20·11 = 10·22), so a length check on one array alone would keep
 * arrays of the wrong shape.
 */
final class ReuseAcrossShapesTest {

    private record Case(RecurrentNetwork net, SequenceBatch batch) {
    }

    private static Case shape(int nIn, int nRec, int nOut, int steps, long seed) {
        RecurrentNetwork net = RecurrentNetwork.random(nIn, nRec, nOut, nRec / 3,
                TestNetworks.params(), seed);
        for (double[] w : new double[][] {net.wIn(), net.wRec()}) {
            for (int n = 0; n < w.length; n++) {
                w[n] *= 2.5;
            }
        }
        SplittableRandom r = new SplittableRandom(seed + 1);
        int b = 2;
        float[] x = new float[b * steps * nIn];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.15 ? 1f : 0f;
        }
        double[] y = new double[b * steps * nOut];
        for (int n = 0; n < y.length; n++) {
            y[n] = Math.sin(0.3 * n);
        }
        boolean[] m = new boolean[b * steps];
        java.util.Arrays.fill(m, true);
        return new Case(net, new SequenceBatch(b, steps, nIn, nOut, x, y, m, LossKind.REGRESSION_MSE));
    }

    private static Gradients grads(GradientComputer c, Case k) {
        Gradients g = Gradients.zerosFor(k.net());
        c.compute(k.net(), k.batch(), g);
        return g;
    }

    private static void assertBitIdentical(Gradients a, Gradients b, String what) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] x = a.get(id);
            double[] y = b.get(id);
            assertEquals(y.length, x.length, what + " " + id);
            for (int n = 0; n < x.length; n++) {
                assertEquals(Double.doubleToRawLongBits(y[n]), Double.doubleToRawLongBits(x[n]),
                        what + " " + id + "[" + n + "]: " + x[n] + " vs fresh " + y[n]);
            }
        }
        assertEquals(Double.doubleToRawLongBits(b.loss), Double.doubleToRawLongBits(a.loss), what + " loss");
    }

    @Test
    void shouldGiveAFreshComputersGradientsWhenReusedOnAnotherShape() {
        Case[] order = {shape(10, 20, 1, 10, 3), shape(20, 10, 2, 21, 5), shape(10, 20, 1, 10, 3),
            shape(4, 7, 3, 30, 9), shape(20, 10, 2, 21, 5)};
        for (boolean mdglExact : new boolean[] {false, true}) {
            for (boolean late : new boolean[] {false, true}) {
                java.util.List<Supplier<SequenceGradientComputer>> kinds = java.util.List.of(
                        () -> new ClosedFormEventEprop(new SymmetricFeedback(), mdglExact),
                        () -> new EventEprop(new SymmetricFeedback(), mdglExact),
                        () -> new DenseEprop(new SymmetricFeedback(), mdglExact));
                for (Supplier<SequenceGradientComputer> kind : kinds) {
                    SequenceGradientComputer reused = kind.get().nestLateLastSignal(late);
                    for (int n = 0; n < order.length; n++) {
                        Case k = order[n];
                        Gradients fresh = grads(kind.get().nestLateLastSignal(late), k);
                        assertTrue(fresh.meanRateHz > 1.0, "network " + n + " must spike: " + fresh.meanRateHz);
                        assertBitIdentical(grads(reused, k), fresh, reused.name() + " late=" + late + " case " + n);
                    }
                }
            }
        }
    }

    @Test
    void shouldGiveAFreshComputersGradientsForRfloAndMdglWhenReusedOnAnotherShape() {
        Case[] order = {shape(10, 20, 1, 10, 3), shape(20, 10, 2, 21, 5), shape(10, 20, 1, 10, 3),
            shape(4, 7, 3, 30, 9), shape(20, 10, 2, 22, 5)};
        java.util.List<Supplier<SequenceGradientComputer>> kinds = java.util.List.of(
                () -> new EventRflo(new SymmetricFeedback()),
                () -> new DenseRflo(new SymmetricFeedback()),
                () -> new ClosedFormEventEprop(new SymmetricFeedback(), RecurrentSignal.MDGL),
                () -> new EventEprop(new SymmetricFeedback(), RecurrentSignal.MDGL),
                () -> new DenseEprop(new SymmetricFeedback(), RecurrentSignal.MDGL));
        for (Supplier<SequenceGradientComputer> kind : kinds) {
            SequenceGradientComputer reused = kind.get();
            for (int n = 0; n < order.length; n++) {
                Case k = order[n];
                Gradients fresh = grads(kind.get(), k);
                assertTrue(fresh.meanRateHz > 1.0, "network " + n + " must spike: " + fresh.meanRateHz);
                assertBitIdentical(grads(reused, k), fresh, reused.name() + " case " + n);
            }
        }
    }
}
