package org.spikering.sim.synapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rows split into target blocks ({@link Csr}'s class comment): each row sorted by (block, delay, target) with ties in
 * edge order, checked against a stable {@link List#sort} of the edges written here; the (row, block, band) ranges; the
 * slices of a blocked CSR for the block bounds (the CSR's bands themselves) and for other bounds (every block searched).
 */
final class TargetBlocksTest {

    private record Edge(int src, int tgt, int block, int delay, int order) {
    }

    private static final int SOURCES = 25;
    private static final int TARGETS = 47;
    private static final int EDGES = 6000;

    @Test
    void rowsAreSortedByBlockDelayAndTargetWithTiesInEdgeOrder() {
        for (int blocks : new int[] {1, 2, 3, 5}) {
            final SplittableRandom rnd = new SplittableRandom(11 + blocks);
            final int[] src = new int[EDGES];
            final int[] tgt = new int[EDGES];
            final short[] delay = new short[EDGES];
            final float[] weight = new float[EDGES];
            final List<Edge> expected = new ArrayList<>();
            for (int e = 0; e < EDGES; e++) {
                final boolean repeat = e > 0 && rnd.nextInt(5) == 0; // multapses with equal delays: ties
                src[e] = repeat ? src[e - 1] : rnd.nextInt(SOURCES);
                tgt[e] = repeat ? tgt[e - 1] : rnd.nextInt(TARGETS);
                delay[e] = repeat ? delay[e - 1] : (short) (3 + rnd.nextInt(9));
                weight[e] = e; // identifies the edge
                // the block of a target, the first g with target < floor(TARGETS·(g + 1)/blocks), found by search here
                int g = 0;
                while (tgt[e] >= (long) TARGETS * (g + 1) / blocks) {
                    g++;
                }
                expected.add(new Edge(src[e], tgt[e], g, delay[e], e));
            }
            expected.sort(Comparator.comparingInt(Edge::src).thenComparingInt(Edge::block).thenComparingInt(Edge::delay)
                    .thenComparingInt(Edge::tgt)); // List.sort is stable: ties stay in edge order
            final Csr c = CsrBuilder.build(SOURCES, TARGETS, src, tgt, EDGES, weight, null, 0, delay, 0, blocks);
            assertEquals(blocks, c.blocks());
            assertEquals(3, c.bandLo());
            assertEquals(9, c.bands());
            final short[] d = c.delays();
            for (int k = 0; k < EDGES; k++) {
                final String at = blocks + " blocks, synapse " + k;
                assertEquals(expected.get(k).order(), (int) c.weights()[k], at);
                assertEquals(expected.get(k).tgt(), c.target()[k], at);
                assertEquals(expected.get(k).delay(), d[k], at);
                assertEquals(expected.get(k).delay(), c.delay(k), at);
            }
            // the (row, block, band) ranges tile each row in order and hold exactly that block's targets and that delay
            final int[] bs = c.bandStart();
            assertEquals(SOURCES * blocks * 9 + 1, bs.length);
            for (int s = 0; s < SOURCES; s++) {
                assertEquals(c.rowStart()[s], bs[s * blocks * 9]);
                for (int g = 0; g < blocks; g++) {
                    for (int b = 0; b < 9; b++) {
                        final int i = (s * blocks + g) * 9 + b;
                        for (int k = bs[i]; k < bs[i + 1]; k++) {
                            assertEquals(3 + b, d[k]);
                            assertTrue(c.target()[k] >= TARGETS * g / blocks && c.target()[k] < TARGETS * (g + 1) / blocks);
                        }
                    }
                }
            }
            assertEquals(EDGES, bs[bs.length - 1]);
        }
    }

    @Test
    void slicesForTheBlockBoundsAreTheBlocksAndOtherBoundsStillFindEverySynapse() {
        final SplittableRandom rnd = new SplittableRandom(3);
        final int[] src = new int[EDGES];
        final int[] tgt = new int[EDGES];
        final short[] delay = new short[EDGES];
        final float[] weight = new float[EDGES];
        for (int e = 0; e < EDGES; e++) {
            src[e] = rnd.nextInt(SOURCES);
            tgt[e] = rnd.nextInt(TARGETS);
            delay[e] = (short) (1 + rnd.nextInt(6));
            weight[e] = e;
        }
        final Csr c = CsrBuilder.build(SOURCES, TARGETS, src, tgt, EDGES, weight, null, 0, delay, 0, 3);
        // bounds of three partitions of 47 targets, as NetworkState splits them: the blocks
        final CsrSlice[] aligned = CsrSlice.partition(c, new int[] {0, 15, 31, 47});
        for (int q = 0; q < 3; q++) {
            assertSame(c.bandStart(), aligned[q].lo(), "no arrays of its own");
            assertEquals(q, aligned[q].firstBlock());
            assertEquals(1, aligned[q].blockCount());
        }
        for (int[] bounds : new int[][] {{0, 15, 31, 47}, {0, 23, 47}, {0, 10, 20, 30, 40, 47}, {0, Integer.MAX_VALUE}}) {
            final CsrSlice[] slices = CsrSlice.partition(c, bounds);
            for (int q = 0; q + 1 < bounds.length; q++) {
                final CsrSlice sl = slices[q];
                for (int s = 0; s < SOURCES; s++) {
                    // every synapse of row s onto [bounds[q], bounds[q + 1]) with delay 1 + b, counted from the edges
                    for (int b = 0; b < 6; b++) {
                        int want = 0;
                        for (int e = 0; e < EDGES; e++) {
                            want += src[e] == s && delay[e] == 1 + b && tgt[e] >= bounds[q] && tgt[e] < bounds[q + 1] ? 1 : 0;
                        }
                        int got = 0;
                        for (int g = sl.firstBlock(); g < sl.firstBlock() + sl.blockCount(); g++) {
                            final int i = (s * sl.blocks() + g) * sl.bands() + b;
                            for (int k = sl.lo()[i + sl.loShift()]; k < sl.hi()[i + sl.hiShift()]; k++) {
                                assertTrue(c.target()[k] >= bounds[q] && c.target()[k] < bounds[q + 1]);
                                assertEquals(1 + b, c.delay(k));
                                assertEquals(s, src[(int) c.weights()[k]]);
                                got++;
                            }
                        }
                        assertEquals(want, got, "bounds " + java.util.Arrays.toString(bounds) + ", slice " + q
                                + ", row " + s + ", band " + b);
                    }
                }
            }
        }
    }

    @Test
    void aConstantDelayOrAPartitionOfTheTargetsKeepsTheLayoutConsistent() {
        final SplittableRandom rnd = new SplittableRandom(4);
        final int[] src = new int[EDGES];
        final int[] tgt = new int[EDGES];
        final short[] delay = new short[EDGES];
        final float[] weight = new float[EDGES];
        for (int e = 0; e < EDGES; e++) {
            src[e] = rnd.nextInt(SOURCES);
            tgt[e] = rnd.nextInt(TARGETS);
            delay[e] = (short) (2 + rnd.nextInt(4));
            weight[e] = e;
        }
        // a constant delay: rows sorted by target already make every target range one run; one block
        final Csr constant = CsrBuilder.build(SOURCES, TARGETS, src, tgt, EDGES, weight, null, 0, null, 4, 3);
        assertEquals(1, constant.blocks());
        assertNull(constant.blockStart());
        // Csr.partition keeps blocks and bands consistent: the same synapses as the one-block CSR's partition
        final Csr blocked = CsrBuilder.build(SOURCES, TARGETS, src, tgt, EDGES, weight, null, 0, delay, 0, 3).partition(10, 40);
        final Csr plain = CsrBuilder.build(SOURCES, TARGETS, src, tgt, EDGES, weight, null, 0, delay, 0, 1).partition(10, 40);
        assertEquals(3, blocked.blocks());
        assertArrayEquals(plain.rowStart(), blocked.rowStart());
        final int[] bs = blocked.bandStart();
        final short[] bd = blocked.delays();
        for (int s = 0; s < SOURCES; s++) {
            final List<Long> a = new ArrayList<>();
            final List<Long> b = new ArrayList<>();
            for (int k = plain.rowStart()[s]; k < plain.rowStart()[s + 1]; k++) {
                a.add(((long) plain.delay(k) << 40) | ((long) plain.target()[k] << 20) | (long) plain.weights()[k]);
                b.add(((long) blocked.delay(k) << 40) | ((long) blocked.target()[k] << 20) | (long) blocked.weights()[k]);
            }
            a.sort(null);
            b.sort(null);
            assertEquals(a, b, "row " + s);
            for (int g = 0; g < 3; g++) {
                for (int d = 0; d < 4; d++) {
                    final int i = (s * 3 + g) * 4 + d;
                    for (int k = bs[i]; k < bs[i + 1]; k++) {
                        assertEquals(2 + d, bd[k]);
                        assertTrue(blocked.target()[k] >= 47 * g / 3 && blocked.target()[k] < 47 * (g + 1) / 3);
                    }
                }
            }
        }
    }
}
