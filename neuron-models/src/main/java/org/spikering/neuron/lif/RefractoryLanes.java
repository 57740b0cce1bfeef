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
 *
 * <p>{@link #thresholdAndReset} is the second half of a LIF step that uses them: after the
 * branch-free integration of every neuron, neurons refractory at the start of the step get their held
 * potential back, the others are tested against the threshold and reset, and the counters count down.
 */
final class RefractoryLanes {

    private final int size;
    private final double theta;
    private final boolean subtract;
    private final double resetJump;
    private final double reset;
    private final int refractorySteps;
    private int[] from;
    private int[] to;
    private int[][] list;
    private int[] count;
    private boolean dirty;

    /**
     * @param size            population size; one lane [0, size) to start with.
     * @param theta           threshold relative to rest, mV.
     * @param subtract        reset by subtraction of {@code resetJump} (else to {@code reset}).
     * @param resetJump       V_th − V_reset, mV.
     * @param reset           reset potential relative to rest, mV.
     * @param refractorySteps refractory period, steps.
     */
    RefractoryLanes(final int size, final double theta, final boolean subtract, final double resetJump,
                    final double reset, final int refractorySteps) {
        this.size = size;
        this.theta = theta;
        this.subtract = subtract;
        this.resetJump = resetJump;
        this.reset = reset;
        this.refractorySteps = refractorySteps;
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

    /**
     * Second half of a step of neurons [from, to) whose potentials y were integrated as if none were
     * refractory: neurons refractory at the start of the step keep their held potential (input discarded)
     * and count down; the others spike if y &ge; θ, are reset and become refractory.
     *
     * @param y          potentials relative to rest, mV.
     * @param held       potentials held during the refractory period, mV.
     * @param refr       refractory counters, steps.
     * @param from       first neuron.
     * @param to         last neuron, exclusive.
     * @param spikes     output: spiking neurons, appended.
     * @param spikeCount entries already in {@code spikes}.
     * @return the new number of entries in {@code spikes}.
     */
    int thresholdAndReset(final double[] y, final double[] held, final int[] refr, final int from, final int to,
                          final int[] spikes, final int spikeCount) {
        int n = spikeCount;
        final int lane = lane(from, to, refr);
        if (lane < 0) {
            // a range that is not a registered lane: test every neuron's counter
            for (int i = from; i < to; i++) {
                final int r = refr[i];
                if (r > 0) {
                    y[i] = held[i];
                    refr[i] = r - 1;
                } else if (y[i] >= theta) {
                    final double after = subtract ? y[i] - resetJump : reset;
                    y[i] = after;
                    held[i] = after;
                    refr[i] = refractorySteps;
                    spikes[n++] = i;
                }
            }
            markDirty();
            return n;
        }
        // neurons refractory at the start of the step keep their held potential
        final int[] l = list[lane];
        int c = count[lane];
        for (int k = 0; k < c; k++) {
            final int i = l[k];
            y[i] = held[i];
        }
        // threshold test of the others (a held potential can be at or above threshold only after a reset by
        // subtraction, hence the counter test of candidates)
        for (int i = from; i < to; i++) {
            if (y[i] >= theta && refr[i] == 0) {
                final double after = subtract ? y[i] - resetJump : reset;
                y[i] = after;
                held[i] = after;
                refr[i] = refractorySteps + 1; // counted down below with the others
                l[c++] = i;
                spikes[n++] = i;
            }
        }
        // count down, keep the still refractory ones
        int kept = 0;
        for (int k = 0; k < c; k++) {
            final int i = l[k];
            final int r = refr[i] - 1;
            refr[i] = r;
            if (r > 0) {
                l[kept++] = i;
            }
        }
        count[lane] = kept;
        return n;
    }
}
