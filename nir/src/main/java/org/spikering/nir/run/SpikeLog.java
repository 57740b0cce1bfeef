package org.spikering.nir.run;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The spikes of a run as growing primitive arrays of (step, unit, neuron), in the order they are added: no
 * allocation per spike (the arrays double when full). Used by both runners. Not thread-safe.
 */
final class SpikeLog {

    private int[] step = new int[64];
    private int[] unit = new int[64];
    private int[] neuron = new int[64];
    private int n;

    /**
     * @param s step index.
     * @param u unit index (of the flat graph).
     * @param i neuron index within the unit.
     */
    void add(final int s, final int u, final int i) {
        if (n == step.length) {
            step = Arrays.copyOf(step, 2 * n);
            unit = Arrays.copyOf(unit, 2 * n);
            neuron = Arrays.copyOf(neuron, 2 * n);
        }
        step[n] = s;
        unit[n] = u;
        neuron[n] = i;
        n++;
    }

    /** @return the number of spikes. */
    int size() {
        return n;
    }

    /** @param k spike index. @return its unit. */
    int unit(final int k) {
        return unit[k];
    }

    /** @param k spike index. @return its neuron within the unit. */
    int neuron(final int k) {
        return neuron[k];
    }

    /** @return the steps of all spikes (a copy). */
    int[] steps() {
        return Arrays.copyOf(step, n);
    }

    /** @param nameOfUnit the name of each unit index. @return the unit names of all spikes. */
    String[] nodes(final IntFunction<String> nameOfUnit) {
        final String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            out[k] = nameOfUnit.apply(unit[k]);
        }
        return out;
    }

    /** @return the neurons of all spikes (a copy). */
    int[] neurons() {
        return Arrays.copyOf(neuron, n);
    }
}
