package org.spikering.neuron.lif;

import java.util.Arrays;

/**
 * The refractory neurons of a population as compact lists, one per update range ("lane"), so that a
 * step touches only the few neurons that are refractory instead of testing every neuron's counter.
 *
 * <p>The lists mirror the population's counter array exactly: a neuron is in the list of the lane
 * containing it iff its counter is &gt; 0. A population calls {@link #lane} at the start of its
 * threshold pass; a range that is not a registered lane gets −1 and is processed by the plain scan,
 * after which the caller marks the lanes {@linkplain #markDirty dirty}; dirty lanes are rebuilt from
 * the counters on the next call. Lanes are registered with {@link #setRanges} before any concurrent
 * use; after that, each lane is read and written only by the thread updating its range.
 */
final class RefractoryLanes {

    private final int size;
    private int[] from;
    private int[] to;
    private int[][] list;
    private int[] count;
    private boolean dirty;

    /** @param size population size; one lane [0, size) to start with. */
    RefractoryLanes(final int size) {
        this.size = size;
        setRanges(new int[] {0, size}, new int[size]);
    }

    /**
     * Registers the update ranges [bounds[k], bounds[k+1]) and fills their lists from the counters.
     *
     * @param bounds ascending range bounds, bounds[0] = 0, last = size.
     * @param refr   refractory counters, steps.
     */
    void setRanges(final int[] bounds, final int[] refr) {
        if (bounds.length < 2 || bounds[0] != 0 || bounds[bounds.length - 1] != size) {
            throw new IllegalArgumentException("update ranges " + Arrays.toString(bounds)
                    + ": must start at 0 and end at the population size " + size);
        }
        final int lanes = bounds.length - 1;
        from = new int[lanes];
        to = new int[lanes];
        list = new int[lanes][];
        count = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            if (bounds[l + 1] < bounds[l]) {
                throw new IllegalArgumentException("update ranges " + Arrays.toString(bounds) + ": must be ascending");
            }
            from[l] = bounds[l];
            to[l] = bounds[l + 1];
            list[l] = new int[to[l] - from[l]];
        }
        rebuild(refr);
    }

    private void rebuild(final int[] refr) {
        for (int l = 0; l < from.length; l++) {
            int c = 0;
            for (int i = from[l]; i < to[l]; i++) {
                if (refr[i] > 0) {
                    list[l][c++] = i;
                }
            }
            count[l] = c;
        }
        dirty = false;
    }

    /** The counters were changed outside the lane-aware update: rebuild the lists before the next use. */
    void markDirty() {
        dirty = true;
    }

    /**
     * @param lo   first index of the range being updated.
     * @param hi   last index, exclusive.
     * @param refr the counters (to rebuild dirty lists).
     * @return the lane registered for exactly [lo, hi), or −1.
     */
    int lane(final int lo, final int hi, final int[] refr) {
        if (dirty) {
            rebuild(refr);
        }
        for (int l = 0; l < from.length; l++) {
            if (from[l] == lo && to[l] == hi) {
                return l;
            }
        }
        return -1;
    }

    /**
     * @param lane a lane.
     * @return its list of refractory neurons (first {@link #count} entries valid; capacity = lane size).
     */
    int[] list(final int lane) {
        return list[lane];
    }

    /**
     * @param lane a lane.
     * @return number of refractory neurons in it.
     */
    int count(final int lane) {
        return count[lane];
    }

    /**
     * @param lane a lane.
     * @param c    new number of refractory neurons in it.
     */
    void setCount(final int lane, final int c) {
        count[lane] = c;
    }
}
