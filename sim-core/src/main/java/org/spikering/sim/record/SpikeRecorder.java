package org.spikering.sim.record;

import java.nio.file.Path;
import java.util.Arrays;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.spi.SpikeListener;

/**
 * Records (step, global id) of the spikes of chosen populations in growable primitive arrays.
 * Called from one thread (a spike listener).
 */
public final class SpikeRecorder implements SpikeListener {

    private final Network net;
    private final boolean[] recordPop;
    private final int[] popOf;
    private long[] steps = new long[4096];
    private int[] ids = new int[4096];
    private int count;

    /**
     * @param network     the network.
     * @param populations names to record; none = all.
     */
    public SpikeRecorder(final Network network, final String... populations) {
        this.net = network;
        this.recordPop = new boolean[network.populations().size()];
        if (populations.length == 0) {
            Arrays.fill(recordPop, true);
        }
        for (String p : populations) {
            recordPop[network.populationIndex(p)] = true;
        }
        this.popOf = new int[network.neuronCount()];
        for (int p = 0; p < network.populations().size(); p++) {
            final PopulationSpec s = network.populations().get(p);
            Arrays.fill(popOf, s.offset(), s.offset() + s.size(), p);
        }
    }

    @Override
    public void onSpikes(final long step, final int[] globalIds, final int n) {
        for (int k = 0; k < n; k++) {
            final int g = globalIds[k];
            if (recordPop[popOf[g]]) {
                if (count == ids.length) {
                    steps = Arrays.copyOf(steps, count * 2);
                    ids = Arrays.copyOf(ids, count * 2);
                }
                steps[count] = step;
                ids[count] = g;
                count++;
            }
        }
    }

    /** @return number of recorded spikes. */
    public int count() {
        return count;
    }

    /**
     * @param k spike index.
     * @return its step.
     */
    public long step(final int k) {
        return steps[k];
    }

    /**
     * @param k spike index.
     * @return its global neuron id.
     */
    public int globalId(final int k) {
        return ids[k];
    }

    /**
     * @param k spike index, 0 &le; k &lt; {@link #count()}.
     * @return index in {@code network.populations()} of the neuron that fired spike k.
     */
    public int population(final int k) {
        return popOf[ids[k]];
    }

    /** @return a copy of the steps of all recorded spikes. */
    public long[] steps() {
        return Arrays.copyOf(steps, count);
    }

    /** @return a copy of the global ids of all recorded spikes. */
    public int[] globalIds() {
        return Arrays.copyOf(ids, count);
    }

    /**
     * Writes {@code time_ms,step,population,neuron,global_id} per spike, atomically.
     *
     * @param target the CSV file.
     */
    public void writeCsv(final Path target) {
        final double dt = net.dtMs();
        AtomicWrite.text(target, w -> {
            w.write("time_ms,step,population,neuron,global_id\n");
            final StringBuilder b = new StringBuilder(64);
            for (int k = 0; k < count; k++) {
                final PopulationSpec p = net.populations().get(popOf[ids[k]]);
                b.setLength(0);
                b.append(steps[k] * dt).append(',').append(steps[k]).append(',').append(p.name()).append(',')
                        .append(ids[k] - p.offset()).append(',').append(ids[k]).append('\n');
                w.write(b.toString());
            }
        });
    }
}
