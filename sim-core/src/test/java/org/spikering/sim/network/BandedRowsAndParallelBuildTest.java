package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.synapse.Csr;
import org.spikering.sim.synapse.CsrSlice;

/**
 * Rows with per-synapse delays sorted by (delay, target) with their delay bands, checked against a stable sort of the
 * declared synapses written here; slices of them; and projections built on several threads giving the same arrays.
 */
final class BandedRowsAndParallelBuildTest {

    private static final LifExpParameters M =
            new LifExpParameters(10, 250, -65, -50, -65, 2, 0.5, 0.5, 0, ResetMode.TO_VALUE, -65);

    private record Syn(int pre, int post, int delay, float weight, int order) {
    }

    @Test
    void rowsAreSortedByDelayThenTargetKeepingTheDeclaredOrderOfTies() {
        final SplittableRandom rnd = new SplittableRandom(5);
        final int n = 5000;
        final int[] pre = new int[n];
        final int[] post = new int[n];
        final double[] w = new double[n];
        final double[] d = new double[n];
        final List<Syn> expected = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            pre[k] = rnd.nextInt(30);
            post[k] = rnd.nextInt(40);
            d[k] = 0.1 * (1 + rnd.nextInt(7));
            w[k] = k; // identifies the synapse
            expected.add(new Syn(pre[k], post[k], (int) Math.round(d[k] * 10), k, k));
        }
        expected.sort(Comparator.comparingInt(Syn::pre).thenComparingInt(Syn::delay).thenComparingInt(Syn::post)); // stable
        final Csr c = Network.builder(0.1).population("A", 30, M).population("B", 40, M)
                .connectExplicit("A", "B", pre, post, w, null, d).build().projections().get(0).synapses();
        // explicit weights are kept exactly; the order is the check
        assertTrue(c.isBanded());
        assertEquals(1, c.bandLo());
        assertEquals(7, c.bands());
        for (int k = 0; k < n; k++) {
            assertEquals(expected.get(k).order(), (int) c.weight(k), "synapse " + k);
            assertEquals(expected.get(k).post(), c.target()[k]);
            assertEquals(expected.get(k).delay(), c.delay(k));
        }
        final int[] bs = c.bandStart();
        for (int s = 0; s < 30; s++) {
            assertEquals(c.rowStart()[s], bs[s * 7]);
            for (int b = 0; b < 7; b++) {
                for (int k = bs[s * 7 + b]; k < bs[s * 7 + b + 1]; k++) {
                    assertEquals(1 + b, c.delay(k), "row " + s + " band " + b);
                }
            }
        }
        // three slices of the targets: per (row, band), the synapses onto [bounds[q], bounds[q + 1])
        final int[] bounds = {0, 13, 27, 40};
        final CsrSlice[] slices = CsrSlice.partition(c, bounds);
        for (int q = 0; q < 3; q++) {
            final CsrSlice sl = slices[q];
            assertEquals(bounds[q], sl.targetBase());
            for (int i = 0; i < 30 * 7; i++) {
                int want = 0;
                for (int k = bs[i]; k < bs[i + 1]; k++) {
                    want += c.target()[k] >= bounds[q] && c.target()[k] < bounds[q + 1] ? 1 : 0;
                }
                final int lo = sl.lo()[i + sl.loShift()];
                final int hi = sl.hi()[i + sl.hiShift()];
                assertEquals(want, hi - lo, "slice " + q + " range " + i);
                for (int k = lo; k < hi; k++) {
                    assertTrue(c.target()[k] >= bounds[q] && c.target()[k] < bounds[q + 1]);
                }
            }
        }
    }

    private static Network pd14Like(final int threads) {
        return Network.builder(0.1).seed(9).buildThreads(threads)
                .population("E", 800, M).population("I", 200, M)
                .connect("E", "E", Connector.fixedTotalNumber(90_000), Distribution.normal(87.8, 8.8),
                        Distribution.redraw(Distribution.normal(1.5, 0.75), 0.05, Double.POSITIVE_INFINITY))
                .connect("E", "I", Connector.fixedTotalNumber(40_000), Distribution.normal(87.8, 8.8),
                        Distribution.redraw(Distribution.normal(1.5, 0.75), 0.05, Double.POSITIVE_INFINITY))
                .connect("I", "E", Connector.fixedInDegree(50), Distribution.normal(-351, 35),
                        Distribution.redraw(Distribution.normal(0.75, 0.375), 0.05, Double.POSITIVE_INFINITY))
                .connect("I", "I", Connector.fixedProbability(0.2), Distribution.constant(-351), Distribution.constant(0.8))
                .build();
    }

    @Test
    void projectionsBuiltOnSeveralThreadsAreTheSame() {
        final Network one = pd14Like(1);
        for (int threads : new int[] {2, 3, 8}) {
            final Network other = pd14Like(threads);
            for (int j = 0; j < 4; j++) {
                final Csr a = one.projections().get(j).synapses();
                final Csr b = other.projections().get(j).synapses();
                final String at = threads + " threads, projection " + j;
                assertArrayEquals(a.rowStart(), b.rowStart(), at);
                assertArrayEquals(a.target(), b.target(), at);
                assertArrayEquals(a.weights(), b.weights(), at);
                assertArrayEquals(a.delays(), b.delays(), at);
                assertArrayEquals(a.bandStart(), b.bandStart(), at);
                assertEquals(a.constantWeight(), b.constantWeight(), at);
            }
        }
    }

    @Test
    void aFailingProjectionIsReportedAsWhenBuiltInTurn() {
        for (int threads : new int[] {1, 2}) {
            final NetworkBuilder b = Network.builder(0.1).buildThreads(threads).population("E", 100, M)
                    .connect("E", "E", Connector.fixedTotalNumber(1000), Distribution.normal(1, 1), Distribution.constant(0.1))
                    .connect("E", "E", Connector.fixedTotalNumber(1000), Distribution.normal(1, 1),
                            Distribution.uniform(-1, -0.5))
                    .connect("E", "E", Connector.fixedTotalNumber(1000), Distribution.normal(1, 1),
                            Distribution.uniform(-2, -1.5));
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().startsWith("projection 1 (E -> E): delay = -"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Network.builder(0.1).buildThreads(0));
    }
}
