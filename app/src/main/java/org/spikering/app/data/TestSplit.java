package org.spikering.app.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A split of sequences 0..n−1 into training and test sequences, both in ascending order.
 *
 * @param train the training sequences.
 * @param test  the test sequences.
 */
record TestSplit(int[] train, int[] test) {

    /**
     * The held-out split: π is a Fisher–Yates shuffle of 0..n−1 driven by {@code SplittableRandom(seed)} (for
     * j = n−1..1: swap j with {@code nextInt(j + 1)}); the test set is π[0..m), the training set π[m..n).
     *
     * @param n    sequences, &ge; 2.
     * @param m    test sequences, in [1, n).
     * @param seed the shuffle seed.
     * @return the split.
     */
    static TestSplit shuffled(final int n, final int m, final long seed) {
        final int[] perm = range(0, n);
        final SplittableRandom rng = new SplittableRandom(seed);
        for (int j = n - 1; j > 0; j--) {
            final int r = rng.nextInt(j + 1);
            final int t = perm[j];
            perm[j] = perm[r];
            perm[r] = t;
        }
        final int[] test = Arrays.copyOfRange(perm, 0, m);
        final int[] train = Arrays.copyOfRange(perm, m, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new TestSplit(train, test);
    }

    /**
     * @param from first index.
     * @param to   one past the last.
     * @return from, from + 1, …, to − 1.
     */
    static int[] range(final int from, final int to) {
        final int[] r = new int[to - from];
        for (int k = 0; k < r.length; k++) {
            r[k] = from + k;
        }
        return r;
    }
}
