package org.spikering.neuron.lif;

/**
 * The threshold, reset and refractory half of a LIF step, with the population's refractory neurons kept
 * in a compact list so that a step touches only those few instead of testing every neuron's counter.
 *
 * <p>The list mirrors the population's counter array: a neuron is in it iff its counter is &gt; 0. A
 * step over the whole population uses the list; a step over a sub-range [from, to) (allowed by
 * {@code NeuronPopulation}, e.g. from tests or other callers) tests every counter in the range and marks
 * the list {@linkplain #markDirty dirty}, as do changes of the counters outside a step; a dirty list is
 * rebuilt from the counters at the next whole-population step.
 */
final class RefractoryList {

    private final double theta;
    private final boolean subtract;
    private final double resetJump;
    private final double reset;
    private final int refractorySteps;
    private final int[] list;
    private int count;
    private boolean dirty;

    /**
     * @param size            population size.
     * @param theta           threshold relative to rest, mV.
     * @param subtract        reset by subtraction of {@code resetJump} (else to {@code reset}).
     * @param resetJump       V_th − V_reset, mV.
     * @param reset           reset potential relative to rest, mV.
     * @param refractorySteps refractory period, steps.
     */
    RefractoryList(final int size, final double theta, final boolean subtract, final double resetJump,
                   final double reset, final int refractorySteps) {
        this.theta = theta;
        this.subtract = subtract;
        this.resetJump = resetJump;
        this.reset = reset;
        this.refractorySteps = refractorySteps;
        this.list = new int[size];
    }

    /** The counters were changed outside {@link #thresholdAndReset}: rebuild the list before its next use. */
    void markDirty() {
        dirty = true;
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
        if (from != 0 || to != list.length) {
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
            dirty = true;
            return n;
        }
        if (dirty) {
            count = 0;
            for (int i = 0; i < to; i++) {
                if (refr[i] > 0) {
                    list[count++] = i;
                }
            }
            dirty = false;
        }
        // neurons refractory at the start of the step keep their held potential
        int c = count;
        for (int k = 0; k < c; k++) {
            final int i = list[k];
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
                list[c++] = i;
                spikes[n++] = i;
            }
        }
        // count down, keep the still refractory ones
        int kept = 0;
        for (int k = 0; k < c; k++) {
            final int i = list[k];
            final int r = refr[i] - 1;
            refr[i] = r;
            if (r > 0) {
                list[kept++] = i;
            }
        }
        count = kept;
        return n;
    }
}
