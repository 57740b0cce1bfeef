package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.bench.BenchResult;
import org.spikering.app.bench.Pd14Network;
import org.spikering.app.bench.PopulationStatisticsReport;
import org.spikering.app.report.HardwareBlock;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import org.spikering.sim.Engine;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.kernel.UpdateMode;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.PopulationRateRecorder;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikering run}: the built-in default. Simulates a balanced network (CUBA by default),
 * prints a summary and writes spikes, population rates, sampled membrane potentials, a JSON summary
 * and PNG raster and rate plots to an output folder.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Simulate a balanced network (default: CUBA, 4000 neurons, 1 s) and write spikes, rates and plots.")
public final class RunCommand implements Callable<Integer> {

    /** The result set of {@code run}: complete when all six are present ({@link ResultFolder}). */
    static final String[] RESULT_FILES = {"spikes.csv", "rates.csv", "vm.csv", "summary.json", "raster.png", "rate.png"};
    /** The result set of {@code run --network pd14}: the six files and the per-neuron and per-pair statistics. */
    static final String[] PD14_RESULT_FILES = {"spikes.csv", "rates.csv", "vm.csv", "summary.json", "raster.png", "rate.png",
        "neuron_statistics.csv", "pair_correlations.csv"};

    /** PD14 statistics leave out the first 500 ms (NEST's t_presim). */
    private static final double PD14_DISCARD_MS = 500.0;

    @Option(names = "--energy", description = "per-operation energies in pJ replacing the Loihi defaults, "
            + "e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
    String energy;

    @Option(names = "--network", description = "cuba, brunel or pd14 (Potjans & Diesmann 2014 cortical microcircuit, as"
            + " NEST builds it), default cuba (brunel: delta synapses, --update event possible)")
    String network = "cuba";

    @Option(names = "--scale", description = "fraction of the full size (cuba 4000, brunel 12500, pd14 77169 neurons),"
            + " default 1 for cuba, 0.2 for brunel, 0.1 for pd14 (pd14: N_scaling = K_scaling, in (0, 1])")
    Double scale;

    @Option(names = "--drive", description = "pd14 only: poisson (independent Poisson input per neuron) or dc (its mean as"
            + " a constant current), default poisson")
    String drive = "poisson";

    @Option(names = "--thalamus", description = "pd14 only: add the thalamic pulse (902 sources, 120 Hz, 700-710 ms)")
    boolean thalamus;

    @Option(names = "--v0", description = "pd14 only: initial potentials, optimized (NEST 3.x default) or original"
            + " (N(-58, 10) mV), default optimized")
    String v0 = "optimized";

    @Option(names = "--sonata", description = "also write spikes.h5, a SONATA spike report: one population per network"
            + " population (those with spikes), node_ids = neuron index within it, timestamps in ms = step * dt as in"
            + " spikes.csv, sorted by time")
    boolean sonata;

    @Option(names = "--seconds", description = "simulated seconds, in [0.01, 3600], default 1")
    double seconds = 1.0;

    @Option(names = "--threads", description = "partition threads of the disruptor engine, in [1, 256], default 1")
    int threads = 1;

    @Option(names = "--seed", description = "seed, default 42")
    long seed = 42;

    @Option(names = "--engine", description = "disruptor or reference (single thread), default disruptor")
    String engine = "disruptor";

    @Option(names = "--update", description = "clock or event (brunel only: needs delta synapses), default clock")
    String update = "clock";

    @Option(names = "--out", description = "output folder, default spikering-out/run; replaced as a whole when the run "
            + "completes (a new, empty or earlier result folder)")
    Path out = Path.of("spikering-out", "run");

    /** Shortest run: two 5 ms bins of the rate plot. */
    static final double MIN_SECONDS = 0.01;
    /** Longest run, simulated seconds. */
    static final double MAX_SECONDS = 3600;
    /** Most partition threads. */
    static final int MAX_THREADS = 256;

    @Override
    public Integer call() {
        Check.range("--seconds", seconds, MIN_SECONDS, MAX_SECONDS);
        Check.range("--threads", threads, 1, MAX_THREADS);
        final Engine eng = Cli.parseEnum(Engine.class, "--engine", engine);
        final UpdateMode mode = Cli.parseEnum(UpdateMode.class, "--update", update);
        Check.engineThreads(eng, threads);
        EnergyModel.loihiWith(energy); // validate before simulating
        final Pd14Network.Drive pd14Drive = Cli.parseEnum(Pd14Network.Drive.class, "--drive", drive);
        final Pd14Network.InitialPotential pd14V0 = Cli.parseEnum(Pd14Network.InitialPotential.class, "--v0", v0);
        final boolean pd14 = "pd14".equals(network);
        if (!pd14 && (thalamus || pd14Drive != Pd14Network.Drive.POISSON || pd14V0 != Pd14Network.InitialPotential.OPTIMIZED)) {
            throw new IllegalArgumentException("--network = '" + network + "': --drive, --thalamus and --v0 apply to pd14 only");
        }
        if (pd14 && seconds <= PD14_DISCARD_MS / 1000) {
            throw new IllegalArgumentException("--seconds = " + seconds + ": must be > 0.5 for pd14 (its first 500 ms are"
                    + " discarded from the statistics)");
        }
        final double sc = scale == null ? ("brunel".equals(network) ? 0.2 : pd14 ? 0.1 : 1.0) : scale;
        final BenchmarkNetwork choice = pd14 ? BenchmarkNetwork.pd14(sc, "--scale = " + sc, pd14Drive, pd14V0, thalamus)
                : BenchmarkNetwork.of(network, "--network", sc, "--scale = " + sc);
        choice.checkUpdate(mode, "--network");
        Check.outputFolder("--out", out);
        choice.checkMemory("--scale = " + sc + ", --seconds = " + seconds, seconds);
        try (ResultFolder folder = ResultFolder.open("--out", out)) {
            return simulateAndWrite(choice, new SimulationConfig(eng, threads, mode), folder);
        }
    }

    private Integer simulateAndWrite(final BenchmarkNetwork choice, final SimulationConfig cfg, final ResultFolder folder) {
        final Network net = choice.build(seed);
        final SimulationSummary summary;
        final SpikeRecorder spikes;
        final PopulationRateRecorder rates;
        final StateRecorder vm;
        try (Simulation sim = Simulation.create(net, cfg)) {
            spikes = sim.recordSpikes();
            rates = sim.recordRates();
            vm = sim.recordState(net.populations().get(0).name(), "V_m", new int[] {0, 1, 2}, 1);
            System.err.printf("spikering: simulating %s, %d neurons, %d synapses, %.1f s ...%n",
                    network, net.neuronCount(), net.synapseCount(), seconds);
            try (Progress bar = Progress.start("run", "simulated ms", 0, Math.round(seconds * 1000.0), System.err)) {
                // chunks of 0.5 % of the run (at least 1000 steps): the progress is told between chunks only
                final long steps = Math.round(seconds * 1000.0 / net.dtMs());
                sim.run(seconds * 1000.0, Math.max(1000, steps / 200), (done, total) -> bar.stepTo(Math.round(done * net.dtMs()), null));
            }
            summary = sim.summary();
        }
        final double binMs = 5.0;
        Json.finite("mean rate", summary.meanRateHz());
        spikes.writeCsv(folder.file("spikes.csv"));
        rates.writeCsv(folder.file("rates.csv"), binMs);
        vm.writeCsv(folder.file("vm.csv"));
        final boolean pd14 = choice.pd14() != null;
        final PopulationStatisticsReport stats = pd14
                ? new PopulationStatisticsReport(net, spikes, PD14_DISCARD_MS, seconds * 1000.0) : null;
        if (stats != null) {
            stats.writeCsv(folder.file("neuron_statistics.csv"));
            stats.writeCorrelationsCsv(folder.file("pair_correlations.csv"));
        }
        writeSummary(net, summary, folder.file("summary.json"), EnergyModel.loihiWith(energy), stats);
        writeRaster(net, spikes, folder.file("raster.png"));
        writeRatePlot(net, rates, binMs, folder.file("rate.png"));
        if (sonata) {
            SonataSpikes.write(folder.file(SONATA_FILE), sonataPopulations(net, spikes));
        }
        final String[] files = withSonata(pd14 ? PD14_RESULT_FILES : RESULT_FILES);
        folder.commit("run", files);
        final Map<String, Object> line = new LinkedHashMap<>(BenchResult.fields(network, 0, summary, cfg.threads()));
        line.remove("build_time_s");
        line.put("output", folder.target().toString());
        System.out.printf("network      %s (%d neurons, %d synapses, %.2f bytes/synapse)%n", network,
                summary.neurons(), summary.synapses(), summary.bytesPerSynapse());
        System.out.printf("simulated    %.3f s in %.3f s wall (%s engine, partition threads: %d, %s update)%n",
                summary.simulatedMs() / 1000, summary.wallSeconds(), summary.engine(), summary.threads(), summary.updateMode());
        System.out.printf("spikes       %d, mean rate %.2f Hz %s%n", summary.spikes(), summary.meanRateHz(),
                summary.populationRatesHz());
        System.out.printf("events       %d synaptic events, %.3g per wall second%n", summary.synapticEvents(),
                summary.eventsPerWallSecond());
        System.out.printf("step time    p50 %.1f us, p99 %.1f us, max %.1f us%n", summary.stepTimeMicros().get("p50"),
                summary.stepTimeMicros().get("p99"), summary.stepTimeMicros().get("max"));
        if (stats != null) {
            for (var p : stats.populations()) {
                System.out.printf("%-12s %.3f Hz, mean ISI CV %.3f (%d neurons, after %.0f ms)%n", p.name(), p.rateHz(),
                        p.meanCv(), p.neurons(), PD14_DISCARD_MS);
            }
        }
        System.out.printf("wrote        %s/{%s}%n", folder.target(), String.join(", ", files));
        return 0;
    }

    /**
     * summary.json: the engine's summary plus a {@code hardware} block — operation counters (spikes,
     * synaptic operations, neuron updates, memory bits as spikering stores them) and the energy these
     * would cost on Loihi ({@link HardwareBlock}).
     */
    @SuppressWarnings("unchecked")
    private static void writeSummary(final Network net, final SimulationSummary summary, final Path file,
                                     final EnergyModel energyModel, final PopulationStatisticsReport stats) {
        final Map<String, Object> m = Json.MAPPER.convertValue(summary, LinkedHashMap.class);
        if (stats != null) {
            m.put("population_statistics", stats.json());
        }
        final OperationCounters c = new OperationCounters();
        c.addSpikes(summary.spikes());
        c.addInputSpikes(summary.driveSpikes()); // Poisson drive: each spike is one synaptic input to one neuron
        c.addSynapticOps(summary.synapticEvents() + summary.driveSpikes());
        c.addNeuronUpdates(Math.round(summary.neurons() * summary.simulatedMs() / summary.dtMs()));
        c.addWeightMemory(summary.synapses(), (int) Math.round(8 * summary.bytesPerSynapse()));
        int stateVars = 0;
        for (var p : net.populations()) {
            stateVars = Math.max(stateVars, p.model().createPopulation(1, net.dtMs()).stateVariableNames().length);
        }
        c.addStateMemory((long) summary.neurons() * stateVars, 64);
        m.put("hardware", HardwareBlock.of(c, energyModel));
        Json.write(file, m);
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

    /** The SONATA spike report of {@code --sonata}. */
    static final String SONATA_FILE = "spikes.h5";

    private String[] withSonata(final String[] files) {
        if (!sonata) {
            return files;
        }
        final String[] all = java.util.Arrays.copyOf(files, files.length + 1);
        all[files.length] = SONATA_FILE;
        return all;
    }

    /**
     * The recorded spikes as SONATA populations: one per network population that spiked (jHDF cannot write an empty
     * dataset), node id = index within the population, timestamp = step · dt in ms (the {@code time_ms} of
     * spikes.csv).
     */
    static java.util.List<SpikePopulation> sonataPopulations(final Network net, final SpikeRecorder spikes) {
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
