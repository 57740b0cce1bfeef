package org.spikering.app.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.sim.metrics.SpikeTrainStatistics;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.AtomicWrite;
import org.spikering.sim.record.SpikeRecorder;

/**
 * Per-population rates and ISI CVs of a run after a discarded start ({@link SpikeTrainStatistics}), as a
 * JSON block (population means) and a CSV of every neuron's rate and CV (the distributions).
 */
public final class PopulationStatisticsReport {

    private final double discardMs;
    private final double untilMs;
    private final List<SpikeTrainStatistics.Population> stats;
    private final List<double[]> correlations;

    /** Neurons per population for the pairwise correlations (INM-6 reference analysis). */
    public static final int CORRELATION_SUBSAMPLE = 50;
    /** Bin of the spike counts, ms (INM-6 reference analysis). */
    public static final double CORRELATION_BIN_MS = 2.0;

    /**
     * @param network   the network.
     * @param spikes    the recorded spikes of all populations.
     * @param discardMs start of the window, ms.
     * @param untilMs   end of the window (the simulated time), ms, &gt; discardMs.
     */
    public PopulationStatisticsReport(final Network network, final SpikeRecorder spikes, final double discardMs,
                                      final double untilMs) {
        this.discardMs = discardMs;
        this.untilMs = untilMs;
        final long[] steps = spikes.steps();
        final int[] ids = spikes.globalIds();
        final long from = Math.round(discardMs / network.dtMs());
        final long to = Math.round(untilMs / network.dtMs());
        this.stats = SpikeTrainStatistics.of(network, steps, ids, spikes.count(), from, to);
        this.correlations = SpikeTrainStatistics.countCorrelations(network, steps, ids, spikes.count(), from, to,
                (int) Math.round(CORRELATION_BIN_MS / network.dtMs()), CORRELATION_SUBSAMPLE, network.seed());
    }

    /** @return per population, the spike-count correlation coefficients of the pairs of its subsample. */
    public List<double[]> correlations() {
        return correlations;
    }

    /** @return the statistics per population. */
    public List<SpikeTrainStatistics.Population> populations() {
        return stats;
    }

    /** @return {window_ms: [from, to], populations: [{name, neurons, rate_hz, mean_cv, cv_neurons}]}. */
    public Map<String, Object> json() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("window_ms", List.of(discardMs, untilMs));
        m.put("rate", "spikes in the window / its length, mean over all neurons (silent ones included)");
        m.put("cv", "mean over neurons with more than 2 spikes of SD(ISI)/mean(ISI), SD with divisor n");
        m.put("cc", "mean Pearson correlation of spike counts in " + CORRELATION_BIN_MS + " ms bins over the pairs of "
                + CORRELATION_SUBSAMPLE + " random neurons per population (pairs with a silent neuron left out)");
        final List<Map<String, Object>> pops = new ArrayList<>();
        for (int k = 0; k < stats.size(); k++) {
            final SpikeTrainStatistics.Population p = stats.get(k);
            final double[] cc = correlations.get(k);
            final Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("neurons", p.neurons());
            e.put("rate_hz", Math.round(p.rateHz() * 1e4) / 1e4);
            e.put("mean_cv", Double.isNaN(p.meanCv()) ? null : Math.round(p.meanCv() * 1e4) / 1e4);
            e.put("cv_neurons", p.cvs().length);
            e.put("mean_cc", cc.length == 0 ? null : Math.round(java.util.Arrays.stream(cc).average().orElse(0) * 1e6) / 1e6);
            e.put("cc_pairs", cc.length);
            pops.add(e);
        }
        m.put("populations", pops);
        return m;
    }

    /**
     * Writes {@code population,cc} per pair of the correlation subsample, atomically.
     *
     * @param file target.
     */
    public void writeCorrelationsCsv(final Path file) {
        AtomicWrite.text(file, w -> {
            w.write("population,cc\n");
            for (int k = 0; k < stats.size(); k++) {
                for (double c : correlations.get(k)) {
                    w.write(stats.get(k).name() + "," + String.format(Locale.ROOT, "%.6f", c) + "\n");
                }
            }
        });
    }

    /**
     * Writes {@code population,neuron,rate_hz,cv} per neuron (cv empty for neurons with at most 2 spikes),
     * atomically.
     *
     * @param file target.
     */
    public void writeCsv(final Path file) {
        AtomicWrite.text(file, w -> write(w));
    }

    private void write(final Writer w) throws IOException {
        w.write("population,neuron,rate_hz,cv\n");
        for (SpikeTrainStatistics.Population p : stats) {
            for (int i = 0; i < p.neurons(); i++) {
                final double cv = p.neuronCvs()[i];
                w.write(p.name() + "," + i + "," + String.format(Locale.ROOT, "%.4f", p.neuronRates()[i]) + ","
                        + (Double.isNaN(cv) ? "" : String.format(Locale.ROOT, "%.4f", cv)) + "\n");
            }
        }
    }
}
