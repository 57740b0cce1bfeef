package org.spikering.sim.record;

import java.nio.file.Path;
import java.util.Arrays;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.spi.SpikeListener;

/**
 * Counts spikes per population and step; reports population rates (Hz per neuron) in bins.
 * Called from one thread (a spike listener).
 */
public final class PopulationRateRecorder implements SpikeListener {

    private final Network net;
    private final int[] popOf;
    private final int nPops;
    private int[] counts;
    private long firstStep = -1;
    private int steps;

    /** @param network the network. */
    public PopulationRateRecorder(final Network network) {
        this.net = network;
        this.nPops = network.populations().size();
        this.popOf = new int[network.neuronCount()];
        for (int p = 0; p < nPops; p++) {
            final PopulationSpec s = network.populations().get(p);
            Arrays.fill(popOf, s.offset(), s.offset() + s.size(), p);
        }
        this.counts = new int[1024 * nPops];
    }

    @Override
    public void onSpikes(final long step, final int[] globalIds, final int n) {
        if (firstStep < 0) {
            firstStep = step;
        }
        final int row = (int) (step - firstStep);
        if ((row + 1) * nPops > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(counts.length * 2, (row + 1) * nPops));
        }
        for (int k = 0; k < n; k++) {
            counts[row * nPops + popOf[globalIds[k]]]++;
        }
        steps = Math.max(steps, row + 1);
    }

    /**
     * @param binMs bin width, ms (a multiple of dt is best).
     * @return rates[bin][population] in Hz per neuron.
     */
    public double[][] rates(final double binMs) {
        final int binSteps = Math.max(1, (int) Math.round(binMs / net.dtMs()));
        final int bins = (steps + binSteps - 1) / binSteps;
        final double[][] r = new double[bins][nPops];
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < nPops; p++) {
                r[s / binSteps][p] += counts[s * nPops + p];
            }
        }
        for (int b = 0; b < bins; b++) {
            final int len = Math.min(binSteps, steps - b * binSteps);
            for (int p = 0; p < nPops; p++) {
                r[b][p] /= net.populations().get(p).size() * len * net.dtMs() * 1e-3;
            }
        }
        return r;
    }

    /**
     * Writes {@code time_ms,<population>_hz...} per bin (bin start time), atomically.
     *
     * @param target file.
     * @param binMs  bin width, ms.
     */
    public void writeCsv(final Path target, final double binMs) {
        final double[][] r = rates(binMs);
        final int binSteps = Math.max(1, (int) Math.round(binMs / net.dtMs()));
        AtomicWrite.text(target, w -> {
            final StringBuilder b = new StringBuilder("time_ms");
            for (PopulationSpec p : net.populations()) {
                b.append(',').append(p.name()).append("_hz");
            }
            w.write(b.append('\n').toString());
            for (int i = 0; i < r.length; i++) {
                b.setLength(0);
                b.append((Math.max(firstStep, 0) + (long) i * binSteps) * net.dtMs());
                for (double v : r[i]) {
                    b.append(',').append(v);
                }
                w.write(b.append('\n').toString());
            }
        });
    }
}
