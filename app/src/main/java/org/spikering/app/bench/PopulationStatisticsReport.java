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
        this.stats = SpikeTrainStatistics.of(network, spikes.steps(), spikes.globalIds(), spikes.count(),
                Math.round(discardMs / network.dtMs()), Math.round(untilMs / network.dtMs()));
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
        final List<Map<String, Object>> pops = new ArrayList<>();
        for (SpikeTrainStatistics.Population p : stats) {
            final Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("neurons", p.neurons());
            e.put("rate_hz", Math.round(p.rateHz() * 1e4) / 1e4);
            e.put("mean_cv", Double.isNaN(p.meanCv()) ? null : Math.round(p.meanCv() * 1e4) / 1e4);
            e.put("cv_neurons", p.cvs().length);
            pops.add(e);
        }
        m.put("populations", pops);
        return m;
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
