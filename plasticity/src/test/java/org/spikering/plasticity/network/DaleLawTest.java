package org.spikering.plasticity.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.TestNetworks;

/**
 * {@link DaleLaw}: the initial signing and balancing against its formula evaluated here weight by weight, for dense
 * and sparse W_rec and for rate and spiking networks; linearity in the recurrent gain; the projection against a
 * plain element-wise rule.
 */
final class DaleLawTest {

    /** Expected apply(): s_i |w_ji|, inhibitory columns scaled by S_E / S_I, summed here in column order. */
    private static double[] expected(double[] w0, int n, int exc) {
        double se = 0.0;
        double si = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i < exc) {
                    se += Math.abs(w0[j * n + i]);
                } else {
                    si += Math.abs(w0[j * n + i]);
                }
            }
        }
        double[] w = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                w[j * n + i] = i < exc ? Math.abs(w0[j * n + i]) : -Math.abs(w0[j * n + i]) * se / si;
            }
        }
        return w;
    }

    private static void assertDale(RecurrentNetwork net, double[] before, CellTypes types) {
        RecurrentNetwork d = DaleLaw.apply(net, types);
        assertSame(types, d.cellTypes());
        assertEquals(net.isRate(), d.isRate());
        assertTrue(java.util.Arrays.equals(before, net.wRec()), "input network changed");
        int n = net.recurrent();
        double[] want = expected(before, n, types.excitatory());
        double sumE = 0.0;
        double sum = 0.0;
        for (int k = 0; k < n * n; k++) {
            double got = d.wRec()[k];
            assertEquals(want[k], got, 1e-12 * Math.abs(want[k]), "W_rec[" + k / n + "][" + k % n + "]");
            assertEquals(before[k] == 0.0, got == 0.0, "sparsity pattern at " + k);
            if (k % n < types.excitatory()) {
                sumE += got;
            }
            sum += got;
        }
        assertTrue(Math.abs(sum) < 1e-12 * sumE, "E and I not balanced: sum " + sum + ", excitatory " + sumE);
        assertTrue(java.util.Arrays.equals(net.wIn(), d.wIn()) && java.util.Arrays.equals(net.wOut(), d.wOut()),
                "W_in and W_out must be unchanged");
    }

    @Test
    void shouldSignAndBalanceDenseSpikingAndRateNetworks() {
        RecurrentNetwork net = TestNetworks.network(3, false, 1.5, 17);
        CellTypes types = CellTypes.ofFraction(0.75, net.recurrent());
        assertDale(net, net.wRec().clone(), types);
        // a rate network has no ALIF units
        RecurrentNetwork rateNet = new RecurrentNetwork(net.inputs(), net.recurrent(), net.outputs(),
                new boolean[net.recurrent()], net.params(), net.wIn(), net.wRec(), net.wOut(),
                new RateUnits(RateActivation.TANH, 10.0, LeakyRateUnit.Form.RATE_LEAK, 0.0), null);
        assertDale(rateNet, rateNet.wRec().clone(), types);
    }

    @Test
    void shouldKeepTheZerosOfASparseMatrix() {
        int n = 20;
        double[] w = SparseRecurrence.fixedInDegree(n, 4, 0.7, 5);
        RecurrentNetwork base = RecurrentNetwork.random(3, n, 2, 0, TestNetworks.params(), 9);
        RecurrentNetwork net = new RecurrentNetwork(3, n, 2, new boolean[n], base.params(), base.wIn(), w,
                base.wOut());
        assertDale(net, w.clone(), new CellTypes(16, n));
    }

    @Test
    void shouldScaleLinearlyWithTheRecurrentGain() {
        RecurrentNetwork one = RecurrentNetwork.random(4, 30, 2, 0, TestNetworks.params(), 3, 1.0, 1.0, 1.0);
        RecurrentNetwork three = RecurrentNetwork.random(4, 30, 2, 0, TestNetworks.params(), 3, 1.0, 3.0, 1.0);
        CellTypes types = CellTypes.ofFraction(0.8, 30);
        double[] a = DaleLaw.apply(one, types).wRec();
        double[] b = DaleLaw.apply(three, types).wRec();
        for (int k = 0; k < a.length; k++) {
            assertEquals(3.0 * a[k], b[k], 1e-13 * Math.abs(b[k]), "entry " + k);
        }
    }

    @Test
    void shouldProjectByZeroingExactlyTheWrongSigns() {
        int n = 9;
        CellTypes types = new CellTypes(6, n);
        SplittableRandom r = new SplittableRandom(4);
        double[] w = new double[n * n];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextDouble() - 0.5;
        }
        w[3] = 0.0;
        double[] got = w.clone();
        DaleLaw.project(got, types);
        int zeroed = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = w[j * n + i];
                boolean wrong = i < 6 ? x < 0.0 : x > 0.0;
                assertEquals(wrong ? 0.0 : x, got[j * n + i], 0.0, "W[" + j + "][" + i + "]");
                zeroed += wrong ? 1 : 0;
            }
        }
        assertTrue(zeroed > 10, "the draw must have wrong signs to zero: " + zeroed);
    }
}
