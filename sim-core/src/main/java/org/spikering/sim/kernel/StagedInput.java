package org.spikering.sim.kernel;

import java.util.Arrays;

/**
 * One partition's staged synaptic input (see {@link NetworkState}'s class comment): per arrival slot (step modulo
 * {@code slots}), the (partition-local target, float weight) pairs delivered for that step so far, in delivery order,
 * as runs of one target population each. Delivery appends a delay band of a spike's row at once (a sequential copy);
 * the owner applies a slot just before it reads that step's input, adding each pair to its population's input array
 * in the order delivered, and empties it. Single-threaded (the partition's owner). Grows as needed, never shrinks.
 */
final class StagedInput {

    private final int[][] target;
    private final float[][] weight;
    private final int[] length;
    private final int[][] runStart;
    private final int[][] runPopulation;
    private final int[] runs;

    /**
     * @param slots number of arrival slots (a power of two above the maximum delay in steps).
     */
    StagedInput(final int slots) {
        target = new int[slots][64];
        weight = new float[slots][64];
        length = new int[slots];
        runStart = new int[slots][8];
        runPopulation = new int[slots][8];
        runs = new int[slots];
    }

    /**
     * Appends synapses [lo, hi) of a row band, targets minus {@code base}, for population p to slot h.
     *
     * @param h   slot.
     * @param p   target population.
     * @param tg  the CSR's targets.
     * @param w   the CSR's float weights.
     * @param lo  first synapse.
     * @param hi  end, exclusive (&gt; lo).
     * @param base subtracted from the targets (the partition's first target).
     */
    void append(final int h, final int p, final int[] tg, final float[] w, final int lo, final int hi, final int base) {
        final int r = runs[h];
        final int n = length[h];
        if (r == 0 || runPopulation[h][r - 1] != p) {
            if (r == runStart[h].length) {
                runStart[h] = Arrays.copyOf(runStart[h], 2 * r);
                runPopulation[h] = Arrays.copyOf(runPopulation[h], 2 * r);
            }
            runStart[h][r] = n;
            runPopulation[h][r] = p;
            runs[h] = r + 1;
        }
        final int m = hi - lo;
        if (n + m > target[h].length) {
            final int cap = Math.max(2 * target[h].length, n + m);
            target[h] = Arrays.copyOf(target[h], cap);
            weight[h] = Arrays.copyOf(weight[h], cap);
        }
        final int[] t = target[h];
        final float[] x = weight[h];
        for (int k = 0; k < m; k++) {
            t[n + k] = tg[lo + k] - base;
            x[n + k] = w[lo + k];
        }
        length[h] = n + m;
    }

    /**
     * Adds slot h's pairs to the input arrays of their populations (channel 1 for a negative weight where
     * {@code bySign[p]}), in the order delivered, and empties the slot.
     *
     * @param h      slot.
     * @param in0    per population, the partition's channel-0 input array (null if not staged).
     * @param in1    per population, the channel-1 array (null if one channel).
     * @param bySign per population, whether negative weights go to channel 1.
     */
    void apply(final int h, final double[][] in0, final double[][] in1, final boolean[] bySign) {
        final int r = runs[h];
        final int[] t = target[h];
        final float[] x = weight[h];
        final int[] starts = runStart[h];
        final int[] popsOf = runPopulation[h];
        for (int i = 0; i < r; i++) {
            final int p = popsOf[i];
            if (p < 0) {
                continue;
            }
            final int from = starts[i];
            final int to = i + 1 < r ? starts[i + 1] : length[h];
            final double[] a0 = in0[p];
            if (bySign[p]) {
                final double[] a1 = in1[p];
                for (int k = from; k < to; k++) {
                    final float w = x[k];
                    (w < 0 ? a1 : a0)[t[k]] += w;
                }
            } else {
                for (int k = from; k < to; k++) {
                    a0[t[k]] += x[k];
                }
            }
        }
        length[h] = 0;
        runs[h] = 0;
    }

    /**
     * Adds slot h's pairs for population p alone to a0/a1, in the order delivered, and drops them from the slot.
     *
     * @param h      slot.
     * @param p      population.
     * @param a0     channel-0 array.
     * @param a1     channel-1 array, or null.
     * @param bySign whether negative weights go to a1.
     */
    void drain(final int h, final int p, final double[] a0, final double[] a1, final boolean bySign) {
        final int r = runs[h];
        for (int i = 0; i < r; i++) {
            if (runPopulation[h][i] != p) {
                continue;
            }
            final int to = i + 1 < r ? runStart[h][i + 1] : length[h];
            for (int k = runStart[h][i]; k < to; k++) {
                final float w = weight[h][k];
                (bySign && w < 0 ? a1 : a0)[target[h][k]] += w;
            }
            runPopulation[h][i] = -1;
        }
    }
}
