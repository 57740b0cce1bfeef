package org.spikering.app.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.bench.PopulationStatisticsReport;
import org.spikering.app.report.HardwareBlock;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.PopulationRateRecorder;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;

/**
 * One simulation of a built network and its result files, the body of {@code spikering run} (a spec's network or a
 * Java-built one): records what the {@link Recording} asks, simulates, writes {@code spikes.csv}, {@code rates.csv},
 * the state CSVs, {@code summary.json} (the engine's summary plus a {@code hardware} block), the raster and rate
 * plots, for PD14 the per-neuron and per-pair statistics, optionally the SONATA report, and commits the folder.
 * Prints nothing: progress and notes go to the {@link ProgressStarter}'s display.
 */
public final class NetworkRun {

    /** The SONATA spike report of {@code --sonata}. */
    public static final String SONATA_FILE = "spikes.h5";
    /** PD14 statistics leave out the first 500 ms (NEST's t_presim). */
    public static final double PD14_DISCARD_MS = 500.0;

    /**
     * A finished run.
     *
     * @param summary summary.json's fields.
     * @param engine  the engine's summary.
     * @param stats   the PD14 statistics, or null.
     * @param files   the files written, in the folder.
     * @param folder  the committed folder.
     */
    public record Result(Map<String, Object> summary, SimulationSummary engine, PopulationStatisticsReport stats,
                         List<String> files, Path folder) {
    }

    /**
     * What to simulate and how to write it.
     *
     * @param label      the network's name in notes.
     * @param net        the built network.
     * @param recording  what is recorded.
     * @param config     engine, threads, update mode.
     * @param seconds    simulated seconds.
     * @param pd14Stats  whether PD14's population statistics are computed and written.
     * @param energy     the energy table of the hardware block.
     * @param sonata     whether spikes.h5 is written (also when the recording asks for it).
     * @param drive      per-step input (an imported NIR graph's), or null.
     * @param weightBits bits per weight of the weight-memory counter, or 0: as sim-core stores them.
     * @param extra      further blocks of summary.json's {@code hardware} block (chip mapping), or empty.
     */
    public record Settings(String label, Network net, Recording recording, SimulationConfig config, double seconds,
                           boolean pd14Stats, EnergyModel energy, boolean sonata, StepDrive drive, int weightBits,
                           Map<String, Object> extra) {

        /** A run without a drive, weights counted as stored. */
        public Settings(final String label, final Network net, final Recording recording, final SimulationConfig config,
                        final double seconds, final boolean pd14Stats, final EnergyModel energy, final boolean sonata) {
            this(label, net, recording, config, seconds, pd14Stats, energy, sonata, null, 0, Map.of());
        }
    }

    private NetworkRun() {
    }

    /**
     * @param s          the run.
     * @param folder     the open result folder; committed as {@code run} with the files written and {@code extraFiles}.
     * @param progress   starts the display of simulated milliseconds.
     * @param extraFiles files the caller wrote into the folder (spec.yaml).
     * @return the summary and the files.
     */
    public static Result simulateAndWrite(final Settings s, final ResultFolder folder, final ProgressStarter progress,
                                          final String... extraFiles) {
        final Network net = s.net();
        final Recording rec = s.recording();
        final double secs = s.seconds();
        final SimulationSummary summary;
        final SpikeRecorder spikes;
        final PopulationRateRecorder rates;
        final List<StateRecorder> states = new ArrayList<>();
        try (Simulation sim = Simulation.create(net, s.config())) {
            spikes = rec.spikePopulations() == null ? sim.recordSpikes()
                    : sim.recordSpikes(rec.spikePopulations().toArray(String[]::new));
            rates = sim.recordRates();
            for (Recording.State st : rec.states()) {
                states.add(sim.recordState(st.population(), st.variable(), st.neurons(), st.everySteps()));
            }
            final StepDrive drive = s.drive();
            if (drive != null) {
                drive.attach(sim);
            }
            try (Progress bar = progress.start("run", "simulated ms", 0, Math.round(secs * 1000.0))) {
                bar.note(String.format("spikering: simulating %s, %d neurons, %d synapses, %.1f s ...",
                        s.label(), net.neuronCount(), net.synapseCount(), secs));
                // chunks of 0.5 % of the run (at least 1000 steps): the progress is told between chunks only
                final long steps = Math.round(secs * 1000.0 / net.dtMs());
                final long chunk = Math.max(1000, steps / 200);
                if (drive == null) {
                    sim.run(secs * 1000.0, chunk, (done, total) -> bar.stepTo(Math.round(done * net.dtMs()), null));
                } else {
                    for (long k = 0; k < steps; k++) {
                        drive.beforeStep(sim, k);
                        sim.run(net.dtMs()); // one step
                        drive.afterStep(k);
                        if ((k + 1) % chunk == 0 || k + 1 == steps) {
                            bar.stepTo(Math.round((k + 1) * net.dtMs()), null);
                        }
                    }
                }
            }
            summary = sim.summary();
        }
        final double binMs = rec.binMs();
        Json.finite("mean rate", summary.meanRateHz());
        final List<String> files = new ArrayList<>();
        spikes.writeCsv(folder.file("spikes.csv"));
        rates.writeCsv(folder.file("rates.csv"), binMs);
        files.add("spikes.csv");
        files.add("rates.csv");
        for (int k = 0; k < states.size(); k++) {
            states.get(k).writeCsv(folder.file(rec.states().get(k).file()));
            files.add(rec.states().get(k).file());
        }
        final PopulationStatisticsReport stats = s.pd14Stats()
                ? new PopulationStatisticsReport(net, spikes, PD14_DISCARD_MS, secs * 1000.0) : null;
        final Map<String, Object> json = summaryJson(net, summary, s, stats);
        Json.write(folder.file("summary.json"), json);
        files.add("summary.json");
        if (rec.plots()) {
            writeRaster(net, spikes, folder.file("raster.png"));
            writeRatePlot(net, rates, binMs, folder.file("rate.png"));
            files.add("raster.png");
            files.add("rate.png");
        }
        if (stats != null) {
            stats.writeCsv(folder.file("neuron_statistics.csv"));
            stats.writeCorrelationsCsv(folder.file("pair_correlations.csv"));
            files.add("neuron_statistics.csv");
            files.add("pair_correlations.csv");
        }
        if (s.sonata() || rec.sonata()) {
            SonataSpikes.write(folder.file(SONATA_FILE), sonataPopulations(net, spikes));
            files.add(SONATA_FILE);
        }
        if (s.drive() != null) {
            files.addAll(s.drive().write(folder));
        }
        files.addAll(List.of(extraFiles));
        folder.commit("run", files.toArray(String[]::new));
        return new Result(json, summary, stats, List.copyOf(files), folder.target());
    }

    /**
     * summary.json: the engine's summary plus a {@code hardware} block — operation counters ({@link #counters}) and
     * the energy these would cost with the run's energy table ({@link HardwareBlock}), and the drive's block.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> summaryJson(final Network net, final SimulationSummary summary,
                                                   final Settings s, final PopulationStatisticsReport stats) {
        final Map<String, Object> m = Json.MAPPER.convertValue(summary, LinkedHashMap.class);
        if (stats != null) {
            m.put("population_statistics", stats.json());
        }
        if (s.drive() != null) {
            m.put("nir", s.drive().summary());
        }
        final OperationCounters c = counters(net, summary, s.weightBits());
        if (s.drive() != null) {
            s.drive().addCounters(c);
        }
        final Map<String, Object> hw = HardwareBlock.of(c, s.energy());
        hw.putAll(s.extra());
        m.put("hardware", hw);
        return m;
    }

    /**
     * The operation counters of a run from the engine's summary: spikes; drive spikes (Poisson) as input spikes, each
     * one synaptic input to one neuron; synaptic operations = delivered synaptic events + drive spikes; neuron updates
     * = neurons · steps; weight memory = synapses · bits (sim-core's storage, 8 · bytes per synapse, unless
     * {@code weightBits} > 0); state memory = neurons · (most state variables of any model) · 64 bits.
     *
     * @param net        the network.
     * @param summary    the engine's summary of the run.
     * @param weightBits bits per weight, or 0 for the stored size.
     * @return the counters.
     */
    public static OperationCounters counters(final Network net, final SimulationSummary summary, final int weightBits) {
        final OperationCounters c = new OperationCounters();
        c.addSpikes(summary.spikes());
        c.addInputSpikes(summary.driveSpikes()); // Poisson drive: each spike is one synaptic input to one neuron
        c.addSynapticOps(summary.synapticEvents() + summary.driveSpikes());
        c.addNeuronUpdates(Math.round(summary.neurons() * summary.simulatedMs() / summary.dtMs()));
        c.addWeightMemory(summary.synapses(), weightBits > 0 ? weightBits : (int) Math.round(8 * summary.bytesPerSynapse()));
        int stateVars = 0;
        for (var p : net.populations()) {
            stateVars = Math.max(stateVars, p.model().createPopulation(1, net.dtMs()).stateVariableNames().length);
        }
        c.addStateMemory((long) summary.neurons() * stateVars, 64);
        return c;
    }

    private static void writeRaster(final Network net, final SpikeRecorder spikes, final Path file) {
        final int n = spikes.count();
        final double[] t = new double[n];
        final double[] id = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = spikes.step(k) * net.dtMs();
            id[k] = spikes.globalId(k);
        }
        final String title = net.populations().size() == 2
                ? "Spike raster (E: 0-" + (net.populations().get(0).size() - 1) + ", I above)"
                : "Spike raster (ids from bottom: " + String.join(", ", net.populations().stream().map(p -> p.name()).toList()) + ")";
        Plots.savePng(Plots.raster(title, t, id, n), file);
    }

    private static void writeRatePlot(final Network net, final PopulationRateRecorder rates, final double binMs,
                                      final Path file) {
        final double[][] r = rates.rates(binMs);
        final Plots.Series[] series = new Plots.Series[net.populations().size()];
        for (int p = 0; p < series.length; p++) {
            final double[] x = new double[r.length];
            final double[] y = new double[r.length];
            for (int b = 0; b < r.length; b++) {
                x[b] = b * binMs;
                y[b] = r[b][p];
            }
            series[p] = new Plots.Series(net.populations().get(p).name(), x, y);
        }
        Plots.savePng(Plots.lineChart("Population rate (" + binMs + " ms bins)", "time (ms)", "rate (Hz)", series), file);
    }

    /**
     * The recorded spikes as SONATA populations: one per network population that spiked (jHDF cannot write an empty
     * dataset), node id = index within the population, timestamp = step · dt in ms (the {@code time_ms} of
     * spikes.csv).
     */
    static List<SpikePopulation> sonataPopulations(final Network net, final SpikeRecorder spikes) {
        final int pops = net.populations().size();
        final int[] count = new int[pops];
        final int[] popOf = new int[spikes.count()];
        for (int k = 0; k < spikes.count(); k++) {
            popOf[k] = spikes.population(k);
            count[popOf[k]]++;
        }
        final double[][] t = new double[pops][];
        final long[][] id = new long[pops][];
        for (int p = 0; p < pops; p++) {
            t[p] = new double[count[p]];
            id[p] = new long[count[p]];
            count[p] = 0;
        }
        for (int k = 0; k < spikes.count(); k++) {
            final int p = popOf[k];
            t[p][count[p]] = spikes.step(k) * net.dtMs();
            id[p][count[p]] = spikes.globalId(k) - net.populations().get(p).offset();
            count[p]++;
        }
        final java.util.List<SpikePopulation> out = new java.util.ArrayList<>();
        for (int p = 0; p < pops; p++) {
            if (count[p] > 0) {
                out.add(new SpikePopulation(net.populations().get(p).name(), t[p], id[p]));
            }
        }
        return out;
    }
}
