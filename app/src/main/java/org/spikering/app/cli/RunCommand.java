package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.bench.BenchResult;
import org.spikering.app.report.HardwareBlock;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
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

    @Option(names = "--energy", description = "per-operation energies in pJ replacing the Loihi defaults, "
            + "e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
    String energy;

    @Option(names = "--network", description = "cuba or brunel, default cuba (brunel: delta synapses, --update event possible)")
    String network = "cuba";

    @Option(names = "--scale", description = "fraction of the full size (cuba 4000, brunel 12500 neurons), default 1 for cuba, 0.2 for brunel")
    Double scale;

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
        if (eng == Engine.REFERENCE && threads != 1) {
            throw new IllegalArgumentException("--threads = " + threads + " with --engine = 'reference': must be 1, the"
                    + " reference engine runs one thread (or use --engine disruptor)");
        }
        EnergyModel.loihiWith(energy); // validate before simulating
        final double sc = scale == null ? ("brunel".equals(network) ? 0.2 : 1.0) : scale;
        final BenchmarkNetwork choice = BenchmarkNetwork.of(network, "--network", sc, "--scale = " + sc);
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
            vm = sim.recordState("E", "V_m", new int[] {0, 1, 2}, 1);
            System.err.printf("spikering: simulating %s, %d neurons, %d synapses, %.1f s ...%n",
                    network, net.neuronCount(), net.synapseCount(), seconds);
            sim.run(seconds * 1000.0);
            summary = sim.summary();
        }
        final double binMs = 5.0;
        Json.finite("mean rate", summary.meanRateHz());
        spikes.writeCsv(folder.file("spikes.csv"));
        rates.writeCsv(folder.file("rates.csv"), binMs);
        vm.writeCsv(folder.file("vm.csv"));
        writeSummary(net, summary, folder.file("summary.json"), EnergyModel.loihiWith(energy));
        writeRaster(net, spikes, folder.file("raster.png"));
        writeRatePlot(net, rates, binMs, folder.file("rate.png"));
        folder.commit("run", RESULT_FILES);
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
        System.out.printf("wrote        %s/{%s}%n", folder.target(), String.join(", ", RESULT_FILES));
        return 0;
    }

    /**
     * summary.json: the engine's summary plus a {@code hardware} block — operation counters (spikes,
     * synaptic operations, neuron updates, memory bits as spikering stores them) and the energy these
     * would cost on Loihi ({@link HardwareBlock}).
     */
    @SuppressWarnings("unchecked")
    private static void writeSummary(final Network net, final SimulationSummary summary, final Path file,
                                     final EnergyModel energyModel) {
        final Map<String, Object> m = Json.MAPPER.convertValue(summary, LinkedHashMap.class);
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
        Plots.savePng(Plots.raster("Spike raster (E: 0-" + (net.populations().get(0).size() - 1) + ", I above)", t, id, n), file);
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
}
