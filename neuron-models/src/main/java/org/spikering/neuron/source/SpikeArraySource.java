package org.spikering.neuron.source;

import java.util.Arrays;

/**
 * Spike trains given as times, one array per neuron (NEST {@code spike_generator}). Times are in
 * ms, non-negative, non-decreasing per neuron, and must lie on the grid of step h (within 1e-9·h).
 * Queried step by step in increasing order through a cursor; immutable after construction except
 * for the cursor. Not thread-safe.
 */
public final class SpikeArraySource {

    private final int size;
    private final long[] steps;
    private final int[] neurons;
    private int cursor;

    /**
     * @param timesMs per neuron, the spike times in ms.
     * @param dtMs    step h, ms.
     */
    public SpikeArraySource(final double[][] timesMs, final double dtMs) {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be a finite number > 0");
        }
        this.size = timesMs.length;
        if (size == 0) {
            throw new IllegalArgumentException("spike_times: no neurons given; must hold at least one array");
        }
        int total = 0;
        for (double[] t : timesMs) {
            total += t.length;
        }
        final long[] keyStep = new long[total];
        final int[] keyNeuron = new int[total];
        int k = 0;
        for (int i = 0; i < size; i++) {
            double prev = -1;
            for (double t : timesMs[i]) {
                if (!(t >= 0) || Double.isInfinite(t)) {
                    throw new IllegalArgumentException("spike_times[" + i + "] contains " + t + " ms: must be finite and >= 0");
                }
                if (t < prev) {
                    throw new IllegalArgumentException("spike_times[" + i + "] not sorted: " + t + " ms after " + prev + " ms");
                }
                final double s = t / dtMs;
                final long step = Math.round(s);
                if (Math.abs(s - step) > 1e-9 * Math.max(1.0, s)) {
                    throw new IllegalArgumentException("spike_times[" + i + "] = " + t + " ms is not on the grid of dt = "
                            + dtMs + " ms; nearest allowed: " + step * dtMs + " ms");
                }
                prev = t;
                keyStep[k] = step;
                keyNeuron[k] = i;
                k++;
            }
        }
        final Integer[] order = new Integer[total];
        for (int j = 0; j < total; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> keyStep[x] != keyStep[y] ? Long.compare(keyStep[x], keyStep[y])
                : Integer.compare(keyNeuron[x], keyNeuron[y]));
        this.steps = new long[total];
        this.neurons = new int[total];
        for (int j = 0; j < total; j++) {
            steps[j] = keyStep[order[j]];
            neurons[j] = keyNeuron[order[j]];
        }
    }

    /** @return number of neurons. */
    public int size() {
        return size;
    }

    /** @return total number of spikes. */
    public int totalSpikes() {
        return steps.length;
    }

    /**
     * Returns the neurons that spike in {@code step}; steps must be queried in increasing order
     * (earlier steps not queried are skipped). A neuron appears once per spike.
     *
     * @param step step number.
     * @param out  output array of neuron indices (length &ge; size suffices unless a neuron has several
     *             spikes in one step).
     * @return number of entries written.
     */
    public int spikesAt(final long step, final int[] out) {
        while (cursor < steps.length && steps[cursor] < step) {
            cursor++;
        }
        int c = 0;
        while (cursor < steps.length && steps[cursor] == step) {
            out[c++] = neurons[cursor++];
        }
        return c;
    }

    /** Rewinds the cursor to the start. */
    public void rewind() {
        cursor = 0;
    }
}
