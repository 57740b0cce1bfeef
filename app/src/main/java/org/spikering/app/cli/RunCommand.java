package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.bench.Pd14Network;
import org.spikering.app.bench.PopulationStatisticsReport;
import org.spikering.app.report.HardwareBlock;
import org.spikering.app.run.NetworkRun;
import org.spikering.app.run.Recording;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.RunSpecRunner;
import org.spikering.app.report.Plots;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.SimulationSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.sim.Engine;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.kernel.UpdateMode;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.AtomicWrite;
import org.spikering.sim.record.PopulationRateRecorder;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering run [SPEC]}: simulates the network of a spec's {@code network} section with its
 * {@code simulation} section, prints a summary and writes what the spec's recorders record (spikes, population
 * rates, state variables), a JSON summary, PNG raster and rate plots and {@code spec.yaml} (the spec run, every
 * default filled) to an output folder. Without SPEC it runs the shipped {@code examples/cuba.yaml}
 * ({@code --network brunel}: {@code examples/brunel.yaml}); with {@code --scale} or {@code --network pd14} the
 * Java builders of those families ({@link BenchmarkNetwork}) run instead, recording as cuba.yaml does.
 * {@code --seconds}, {@code --threads}, {@code --engine}, {@code --update}, {@code --seed} and {@code --out}
 * override single fields of the spec, {@code --set FIELD=VALUE} any field.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a network spec (default: examples/cuba.yaml, CUBA, 4000 neurons, 1 s) and write spikes,"
                + " rates, state variables, plots and spec.yaml.",
            "'spikering spec show cuba > my.yaml' gives a file to start from; --network brunel runs examples/brunel.yaml;"
                + " --scale and --network pd14 build those families in Java."})
public final class RunCommand implements Callable<Integer> {

    /** The result set of {@code run} without a spec file option: complete when all six are present ({@link ResultFolder}). */
    static final String[] RESULT_FILES = {"spikes.csv", "rates.csv", "vm.csv", "summary.json", "raster.png", "rate.png"};
    /** The result set of {@code run --network pd14}: the six files and the per-neuron and per-pair statistics. */
    static final String[] PD14_RESULT_FILES = {"spikes.csv", "rates.csv", "vm.csv", "summary.json", "raster.png", "rate.png",
        "neuron_statistics.csv", "pair_correlations.csv"};


    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "a spec file (YAML or JSON) with a network"
            + " section, or a shipped example's name ('spikering spec list'); default: cuba (or --network's)")
    String specFile;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "override one field of the spec, e.g."
            + " network.populations[E].size=800 or network.projections[0].delay_ms=1.0 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--energy", description = "per-operation energies in pJ replacing the Loihi defaults, "
            + "e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
    String energy;

    @Option(names = "--network", description = "cuba (examples/cuba.yaml), brunel (examples/brunel.yaml) or pd14 (Potjans &"
            + " Diesmann 2014 cortical microcircuit, as NEST builds it), default cuba; not with SPEC")
    String network;

    @Option(names = "--scale", description = "fraction of the full size (cuba 4000, brunel 12500, pd14 77169 neurons),"
            + " built in Java (the example files are cuba at 1 and brunel at 0.2); pd14 default 0.1 (N_scaling = K_scaling,"
            + " in (0, 1]); not with SPEC")
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
            + " spikes.csv, sorted by time (a spec's network.recorders.spikes.sonata: true does the same)")
    boolean sonata;

    @Option(names = "--seconds", description = "simulated seconds, in [0.01, 3600] (simulation.seconds; default 1)")
    Double seconds;

    @Option(names = "--threads", description = "partition threads of the disruptor engine, in [1, 256]"
            + " (simulation.threads; default 1)")
    Integer threads;

    @Option(names = "--seed", description = "seed (the spec's seed; the examples' and the Java builders' default 42)")
    Long seed;

    @Option(names = "--engine", description = "disruptor or reference (single thread) (simulation.engine; default disruptor)")
    String engine;

    @Option(names = "--update", description = "clock or event (needs delta synapses: lif_delta, e.g. brunel)"
            + " (simulation.update; default clock)")
    String update;

    @Option(names = "--out", description = "output folder (output.folder; default spikering-out/run); replaced as a whole"
            + " when the run completes (a new, empty or earlier result folder)")
    Path out;

    /** Shortest run: two 5 ms bins of the rate plot. */
    static final double MIN_SECONDS = 0.01;
    /** Longest run, simulated seconds. */
    static final double MAX_SECONDS = 3600;
    /** Most partition threads. */
    static final int MAX_THREADS = 256;
    /** Defaults of the Java-builder runs (--scale, pd14), the same as the example files'. */
    private static final long DEFAULT_SEED = 42;
    private static final Path DEFAULT_OUT = Path.of("spikering-out", "run");

    @Override
    public Integer call() {
        if (seconds != null) {
            Check.range("--seconds", seconds, MIN_SECONDS, MAX_SECONDS);
        }
        if (threads != null) {
            Check.range("--threads", threads, 1, MAX_THREADS);
        }
        final Engine eng = engine == null ? null : Cli.parseEnum(Engine.class, "--engine", engine);
        final UpdateMode mode = update == null ? null : Cli.parseEnum(UpdateMode.class, "--update", update);
        if (eng != null && threads != null) {
            Check.engineThreads(eng, threads);
        }
        EnergyModel.loihiWith(energy); // validate before simulating
        final Pd14Network.Drive pd14Drive = Cli.parseEnum(Pd14Network.Drive.class, "--drive", drive);
        final Pd14Network.InitialPotential pd14V0 = Cli.parseEnum(Pd14Network.InitialPotential.class, "--v0", v0);
        final boolean pd14 = "pd14".equals(network);
        if (!pd14 && (thalamus || pd14Drive != Pd14Network.Drive.POISSON || pd14V0 != Pd14Network.InitialPotential.OPTIMIZED)) {
            throw new IllegalArgumentException("--network = '" + (network == null ? "cuba" : network) + "': --drive,"
                    + " --thalamus and --v0 apply to pd14 only");
        }
        if (specFile != null && (network != null || scale != null)) {
            throw new IllegalArgumentException((network != null ? "--network = '" + network + "'" : "--scale = " + scale)
                    + " with SPEC = '" + specFile + "': must be left out; the spec's network section is the network"
                    + " (change its sizes with --set network.populations[NAME].size=N)");
        }
        if (specFile != null || scale == null && !pd14) {
            return runSpec(eng, mode);
        }
        if (!sets.isEmpty()) {
            throw new IllegalArgumentException("--set with --" + (pd14 ? "network = 'pd14'" : "scale") + ": must be left"
                    + " out; --set changes a spec's fields, and this network is built in Java (run a spec instead)");
        }
        return runBuilder(eng == null ? Engine.DISRUPTOR : eng, mode == null ? UpdateMode.CLOCK : mode, pd14, pd14Drive, pd14V0);
    }

    /** A spec run: the file, or the shipped example of --network; options override its fields. */
    private Integer runSpec(final Engine eng, final UpdateMode mode) {
        final String example = network == null ? "cuba" : network;
        if (specFile == null && !example.equals("cuba") && !example.equals("brunel")) {
            throw new IllegalArgumentException("--network = '" + network + "': must be one of [cuba, brunel, pd14]");
        }
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        Spec spec = specFile != null ? SpecLoader.load(specFile, sets) : Examples.load(example, sets);
        RunSpecRunner.requireNetwork(spec);
        final Map<String, Object> fields = new LinkedHashMap<>();
        if (!spec.has("simulation")) {
            fields.put("simulation", Map.of());
        }
        putIf(fields, "simulation.seconds", seconds);
        putIf(fields, "simulation.threads", threads);
        putIf(fields, "simulation.engine", eng == null ? null : eng.name().toLowerCase(Locale.ROOT));
        putIf(fields, "simulation.update", mode == null ? null : mode.name().toLowerCase(Locale.ROOT));
        putIf(fields, "seed", seed);
        putIf(fields, "output.folder", out == null ? null : out.toString());
        spec = overriding(spec, fields);
        final OutputSpec output = spec.section("output", OutputSpec.class);
        final Path dir = output != null && output.folder() != null ? Path.of(output.folder()) : DEFAULT_OUT;
        final String outOption = out != null ? "--out" : "output.folder";
        Check.outputFolder(outOption, dir);
        final NetworkRun.Result r = new RunSpecRunner().run(spec, dir, new RunSpecRunner.Options(
                energy == null ? null : EnergyModel.loihiWith(energy), sonata, outOption), ProgressStarter.on(System.err));
        return print(RunSpecRunner.label(spec), r);
    }

    /** The option that sets each field, for messages. */
    private static final Map<String, String> OPTION_OF = Map.of("simulation.seconds", "--seconds",
            "simulation.threads", "--threads", "simulation.engine", "--engine", "simulation.update", "--update",
            "seed", "--seed", "output.folder", "--out");

    /** The spec with the options' fields; a problem at a field an option set names the option. */
    private static Spec overriding(final Spec spec, final Map<String, Object> fields) {
        final Map<String, String> origins = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (OPTION_OF.containsKey(f.getKey())) {
                origins.put(f.getKey(), OPTION_OF.get(f.getKey()) + " " + f.getValue());
            }
        }
        return spec.overriding(fields, origins);
    }

    private static void putIf(final Map<String, Object> fields, final String field, final Object value) {
        if (value != null) {
            fields.put(field, value);
        }
    }

    /** A run of a network built in Java: --scale (cuba, brunel) or pd14. */
    private Integer runBuilder(final Engine eng, final UpdateMode mode, final boolean pd14,
                               final Pd14Network.Drive pd14Drive, final Pd14Network.InitialPotential pd14V0) {
        final String name = network == null ? "cuba" : network;
        final double secs = seconds == null ? 1.0 : seconds;
        final int th = threads == null ? 1 : threads;
        Check.engineThreads(eng, th);
        if (pd14 && secs <= NetworkRun.PD14_DISCARD_MS / 1000) {
            throw new IllegalArgumentException("--seconds = " + secs + ": must be > 0.5 for pd14 (its first 500 ms are"
                    + " discarded from the statistics)");
        }
        final double sc = scale == null ? 0.1 : scale;
        final BenchmarkNetwork choice = pd14 ? BenchmarkNetwork.pd14(sc, "--scale = " + sc, pd14Drive, pd14V0, thalamus)
                : BenchmarkNetwork.of(name, "--network", sc, "--scale = " + sc);
        choice.checkUpdate(mode, "--network");
        final Path dir = out == null ? DEFAULT_OUT : out;
        Check.outputFolder("--out", dir);
        choice.checkMemory("--scale = " + sc + ", --seconds = " + secs, secs);
        try (ResultFolder folder = ResultFolder.open("--out", dir)) {
            final Network net = choice.build(seed == null ? DEFAULT_SEED : seed);
            return print(name, NetworkRun.simulateAndWrite(new NetworkRun.Settings(name, net, Recording.builtIn(net),
                    new SimulationConfig(eng, th, mode), secs, choice.pd14() != null, EnergyModel.loihiWith(energy), sonata),
                    folder, ProgressStarter.on(System.err)));
        }
    }

    /** Prints what a run did, its folder and files (the summary is in summary.json). */
    private static Integer print(final String label, final NetworkRun.Result r) {
        final SimulationSummary summary = r.engine();
        System.out.printf("network      %s (%d neurons, %d synapses, %.2f bytes/synapse)%n", label,
                summary.neurons(), summary.synapses(), summary.bytesPerSynapse());
        System.out.printf("simulated    %.3f s in %.3f s wall (%s engine, partition threads: %d, %s update)%n",
                summary.simulatedMs() / 1000, summary.wallSeconds(), summary.engine(), summary.threads(), summary.updateMode());
        System.out.printf("spikes       %d, mean rate %.2f Hz %s%n", summary.spikes(), summary.meanRateHz(),
                summary.populationRatesHz());
        System.out.printf("events       %d synaptic events, %.3g per wall second%n", summary.synapticEvents(),
                summary.eventsPerWallSecond());
        System.out.printf("step time    p50 %.1f us, p99 %.1f us, max %.1f us%n", summary.stepTimeMicros().get("p50"),
                summary.stepTimeMicros().get("p99"), summary.stepTimeMicros().get("max"));
        if (r.stats() != null) {
            for (var p : r.stats().populations()) {
                System.out.printf("%-12s %.3f Hz, mean ISI CV %.3f (%d neurons, after %.0f ms)%n", p.name(), p.rateHz(),
                        p.meanCv(), p.neurons(), NetworkRun.PD14_DISCARD_MS);
            }
        }
        System.out.printf("wrote        %s/{%s}%n", r.folder(), String.join(", ", r.files()));
        return 0;
    }
}
