package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import org.spikering.app.gradients.GradientsJson;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.run.NirInput;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.SimulationSpec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.sweep.RunSpecRunner;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.nir.NirData;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirReader;
import org.spikering.nir.NirWriter;
import org.spikering.nir.export.EpropNirExport;
import org.spikering.nir.export.NetworkNirExport;
import org.spikering.nir.run.EngineRunner;
import org.spikering.nir.run.NirConnectivity;
import org.spikering.nir.run.NirRun;
import org.spikering.nir.run.NirRunner;
import org.spikering.nir.run.RunOptions;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.Projection;
import org.spikering.sim.record.AtomicWrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikering nir}: NIR (Neuromorphic Intermediate Representation) graphs. */
@Command(name = "nir", mixinStandardHelpOptions = true,
        description = "NIR graphs (HDF5, every version from 0.1 to the gzip-compressed HEAD layout).",
        subcommands = {NirCommand.Run.class, NirCommand.Export.class})
public final class NirCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * A NIR graph as the chip mapper sees it ({@code spikering hw map --nir}): neuron nodes and top-level Inputs
     * as populations, synapses counted through the static nodes between them ({@link NirConnectivity}).
     *
     * @param graph      the NIR file.
     * @param maxDelayMs largest synaptic delay to assume, ms (NIR stores none).
     * @return the description.
     * @throws IllegalArgumentException one line per problem if the file cannot be read or a node cannot run.
     */
    static NetworkDescription hardwareDescription(final String graph, final double maxDelayMs) {
        final Path p = Check.inputFile("--nir", Path.of(graph), "file (a NIR graph, HDF5)");
        try {
            return SpecNetworkDescription.nir(NirReader.read(p), maxDelayMs);
        } catch (NirFormatException e) {
            throw badFile("--nir", graph, "a NIR graph the chip mapper reads", e);
        }
    }

    /** Largest step of {@code nir run}, ms. */
    static final double MAX_DT_MS = 1e6;

    /**
     * The bad-input error for a file the nir module refused: {@code <option> = '<file>': must be <mustBe>: <problems>}.
     *
     * @param option the option (or parameter label) that named the file.
     * @param file   the file as given.
     * @param mustBe what the file must be.
     * @param e      the nir module's error, one problem a line.
     * @return the exception to throw.
     */
    static IllegalArgumentException badFile(final String option, final String file, final String mustBe,
                                            final NirFormatException e) {
        return new IllegalArgumentException(option + " = '" + file + "': must be " + mustBe + ": "
                + problems(file, e.getMessage()));
    }

    /**
     * The problems of a graph, each on its own line in {@code message} and starting with the file name, as one
     * line: {@code "; "} between them (every error is one line, {@link SpikeringCli}).
     */
    static String problems(final String graph, final String message) {
        return NirInput.problems(graph, message);
    }

    /** {@code spikering nir export}: a spec's network, or an e-prop network, as NIR 1.0.x. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes a network as a NIR 1.0.x graph: the network of a spec file (SPEC), or an e-prop model "
                    + "(--network-json, --builtin). Times in seconds, weights (out, in), dt and the reset mode in metadata.",
                "SPEC: lif_exp populations (iaf_psc_exp) become CubaLIF, lif_delta (iaf_psc_delta) LIF, loihi_lif_float CubaLIF, each projection one "
                    + "Linear per distinct synaptic delay with the built network's weights (same seed, same weights) and a Delay; "
                    + "spike_array and poisson sources become Input nodes (listed in the output), a dc from t = 0 part of v_leak. "
                    + "Parameters are folded for forward Euler at the spec's dt and v is relative to each neuron's V_m(0), so "
                    + "'nir run GRAPH.nir --runner engine --scheme euler --dt <dt_ms> --input <--write-input file>' reproduces "
                    + "sim-core's spikes and V_m (= v + metadata v_offset_mv_<population>).",
                "Refused with the field, its value and why: t_ref_ms > 0 (NIR has no refractory period), reset = by_subtraction, "
                    + "loihi_lif (fixed point), adaptation, other models, lif_exp receiving both signs with tau_syn_ex_ms != tau_syn_in_ms "
                    + "(one synaptic current in CubaLIF), step_current and late dc sources, non-zero initial currents.",
                "e-prop models: LI -> Threshold per neuron population, the subtraction reset as the self-weight -v_th/zeta of the "
                    + "recurrent matrix, ALIF adaptation as an LI + Scale loop; reproduces the forward pass under "
                    + "'nir run --scheme euler --loop-delay before'. Not expressible: a refractory period (refused), rate networks "
                    + "(refused: NIR has no tanh/ReLU node), the v >= threshold test (NIR: v > threshold), the learning rule."})
    static final class Export implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "a spec file with a network section, or a shipped example's name (instead of --network-json or --builtin)")
        String specFile;

        @Option(names = "--network-json", paramLabel = "FILE", description = "network in the JSON format of 'spikering gradients --write-json' (its 'network' object)")
        String networkJson;

        @Option(names = "--builtin", paramLabel = "NAME", description = "nest-sine: the NEST 3.9 sine-wave e-prop network (instead of --network-json)")
        String builtin;

        @Option(names = "--write-input", paramLabel = "FILE", description = "with SPEC: also write the 'nir run --input' CSV of its "
                + "spike_array sources over simulation.seconds (poisson Inputs' columns stay 0: their draws are sim-core's)")
        String writeInput;

        @Option(names = "--out", paramLabel = "GRAPH.nir", description = "the NIR file to write (required)")
        String out;

        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "with SPEC: override one field of the spec, e.g."
                + " 'network.populations[E].t_ref_ms=0' (repeatable)")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() {
            if (out == null) {
                throw new IllegalArgumentException("--out: missing: must give the NIR file to write");
            }
            final Path target = Check.outputFile("--out", Path.of(out));
            final Path inputTarget = writeInput == null ? null : Check.outputFile("--write-input", Path.of(writeInput));
            final int given = (specFile == null ? 0 : 1) + (networkJson == null ? 0 : 1) + (builtin == null ? 0 : 1);
            if (given != 1) {
                final List<String> what = new ArrayList<>();
                if (specFile != null) {
                    what.add("SPEC = '" + specFile + "'");
                }
                if (networkJson != null) {
                    what.add("--network-json = '" + networkJson + "'");
                }
                if (builtin != null) {
                    what.add("--builtin = '" + builtin + "'");
                }
                throw new IllegalArgumentException((what.isEmpty() ? "SPEC, --network-json, --builtin" : String.join(", ", what))
                        + ": must give exactly one of SPEC, --network-json FILE or --builtin nest-sine");
            }
            if (writeInput != null && specFile == null) {
                throw new IllegalArgumentException("--write-input = '" + writeInput + "': must come with SPEC");
            }
            if (!sets.isEmpty() && specFile == null) {
                throw new IllegalArgumentException("--set = '" + sets.get(0) + "': must come with SPEC");
            }
            if (specFile != null) {
                return exportSpec(target, inputTarget);
            }
            final RecurrentNetwork net;
            if (builtin != null) {
                if (!builtin.equals("nest-sine")) {
                    throw new IllegalArgumentException("--builtin = '" + builtin + "': must be one of [nest-sine]");
                }
                net = NestSineWaveReference.load().network();
            } else {
                final Path p = Check.inputFile("--network-json", Path.of(networkJson),
                        "file (JSON in the format of 'spikering gradients --write-json')");
                final JsonNode doc;
                try {
                    doc = Json.read(p, JsonNode.class);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("--network-json = '" + networkJson + "': must be a JSON file ("
                            + String.valueOf(e.getMessage()).replace('\n', ' ') + ")");
                }
                try {
                    net = GradientsJson.readNetwork(doc != null && doc.has("network") ? doc.get("network") : doc);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new IllegalArgumentException("--network-json = '" + networkJson + "': must hold a network in the"
                            + " format of 'spikering gradients --write-json': " + e.getMessage());
                }
            }
            final NirFile file;
            try {
                file = EpropNirExport.export(net);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((builtin != null ? "--builtin = '" + builtin + "'" : "--network-json = '"
                        + networkJson + "'") + ": must be a network NIR can express: " + e.getMessage());
            }
            try {
                NirWriter.write(file, target);
            } catch (NirFormatException e) {
                throw new IllegalArgumentException("--out = '" + out + "': must be writable: " + e.getMessage());
            }
            System.out.printf(Locale.ROOT, "wrote        %s (NIR %s: %d inputs, %d recurrent of which %d ALIF, %d outputs, dt %s ms)%n",
                    target.toAbsolutePath(), NirWriter.VERSION, net.inputs(), net.recurrent(), adaptiveCount(net), net.outputs(),
                    net.params().dtMs());
            return 0;
        }

        /** SPEC: its network, built with the spec's seed, through {@link NetworkNirExport}. */
        private Integer exportSpec(final Path target, final Path inputTarget) {
            org.spikering.app.spec.Spec spec = SpecLoader.load(specFile, sets);
            RunSpecRunner.requireNetwork(spec);
            if (!spec.has("simulation")) {
                spec = spec.overriding(Map.of("simulation", Map.of()));
            }
            final NetworkSpec ns = spec.section("network", NetworkSpec.class);
            final SimulationSpec sim = spec.section("simulation", SimulationSpec.class);
            final String label = "SPEC = '" + specFile + "'";
            final Network net = ns.build(spec.seed(), spec::resolve);
            final List<String> refused = NetworkNirExport.refusals(net);
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException(label + ": must be a network NIR can express: " + String.join("; ", refused));
            }
            // NIR stores dense (out, in) matrices: one per projection and distinct delay, held twice while written
            double entries = 0;
            for (Projection pr : net.projections()) {
                final java.util.Set<Integer> delays = new java.util.HashSet<>();
                for (int k = 0; k < pr.synapses().synapseCount(); k++) {
                    delays.add(pr.synapses().delay(k));
                }
                entries += (double) Math.max(1, delays.size()) * net.populations().get(pr.sourcePopulation()).size()
                        * net.populations().get(pr.targetPopulation()).size();
            }
            MemoryBudget.require(label + " (" + (long) entries + " dense weight entries: NIR has no sparse matrices)",
                    entries * 8 * 3 + MemoryBudget.network(net.neuronCount(), net.synapseCount(), 0, 0));
            final NetworkNirExport.Result r;
            try {
                r = NetworkNirExport.export(net);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": must be a network NIR can express: "
                        + String.join("; ", e.getMessage().split("\n")));
            }
            final int steps = (int) Math.round(sim.seconds() * 1000.0 / ns.dtMs());
            if (inputTarget != null) {
                MemoryBudget.require("--write-input (" + steps + " steps x " + r.inputWidth() + " columns)",
                        8.0 * steps * (r.inputWidth() + 1) * 2);
            }
            try {
                NirWriter.write(r.file(), target);
            } catch (NirFormatException e) {
                throw new IllegalArgumentException("--out = '" + out + "': must be writable: " + e.getMessage());
            }
            if (inputTarget != null) {
                final double[][] rows = r.spikeArrayInput(steps);
                AtomicWrite.text(inputTarget, w -> {
                    w.write("# nir run --input of " + target.getFileName() + ": one row per step of " + ns.dtMs()
                            + " ms, columns = its Input nodes in file order\n");
                    final StringBuilder sb = new StringBuilder();
                    for (double[] row : rows) {
                        sb.setLength(0);
                        for (int c = 0; c < row.length; c++) {
                            sb.append(c == 0 ? "" : ",").append(row[c] == 0.0 ? "0" : "1");
                        }
                        w.write(sb.append('\n').toString());
                    }
                });
            }
            System.out.printf(Locale.ROOT, "wrote        %s (NIR %s: %d nodes, dt %s ms; run it with: nir run %s --runner engine"
                            + " --scheme euler --dt %s%s)%n", target.toAbsolutePath(), NirWriter.VERSION,
                    r.file().graph().nodes().size(), ns.dtMs(), target, ns.dtMs(),
                    r.inputWidth() == 0 ? " --steps N" : " --input FILE");
            for (String note : r.notes()) {
                System.out.println("input        " + note);
            }
            if (inputTarget != null) {
                System.out.printf(Locale.ROOT, "wrote        %s (%d steps x %d columns%s)%n", inputTarget.toAbsolutePath(), steps,
                        r.inputWidth(), r.poissonInputs() > 0 ? "; poisson columns are 0: give their counts yourself" : "");
            }
            return 0;
        }

        private static int adaptiveCount(final RecurrentNetwork net) {
            int n = 0;
            for (boolean b : net.adaptiveFlags()) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    /** Which runner executes the graph. */
    enum RunnerKind {
        STEP, ENGINE
    }

    /** {@code spikering nir run GRAPH.nir}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs a NIR graph step by step and writes spikes.csv (step,time_ms,node,neuron), output.csv "
                    + "(the top-level Output nodes' values per step), v_<node>.csv for --record-v, and summary.json; "
                    + "step k covers [k dt, (k+1) dt) and time_ms = (k+1) dt is the grid point its values are reported at.",
                "Input file: CSV, no header, one row per step, one column per input neuron (the top-level Input nodes' "
                    + "values flattened row-major, concatenated in file order); lines starting with # are skipped.",
                "NIR stores no dt and no discretisation: --scheme, --reset, --loop-delay, --precision, "
                    + "--synaptic-delay and --integrator-input make those choices explicit. Time constants in the file "
                    + "are read as seconds; --dt is in ms."})
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "GRAPH.nir", description = "the NIR file (HDF5), required")
        String graph;

        @Option(names = "--input", paramLabel = "FILE", description = "input CSV (format above); without it, --steps steps of zero input")
        String input;

        @Option(names = "--steps", paramLabel = "N", description = "steps of zero input when no --input is given, in [1, 10000000]")
        String steps;

        @Option(names = "--dt", paramLabel = "MS", description = "step in ms, > 0 (the NIR paper's graphs: 0.1)")
        String dt;

        @Option(names = "--scheme", description = "euler (Norse, snnTorch, Lava) or exact (zero-order hold; LIF crossings located inside the step); default euler")
        String scheme = "euler";

        @Option(names = "--reset", description = "zero (to v_reset, 0 when the file has none) or subtract (v - v_threshold); default zero")
        String reset = "zero";

        @Option(names = "--loop-delay", description = "before (a cycle's entry node reads the loop's previous output: Norse) or after (the next node reads the entry node's previous output: snnTorch); default before")
        String loopDelay = "before";

        @Option(names = "--precision", description = "float64, float32 (every operation, as torch: Norse) or float32-coefficients (dt/tau in float32, update in double: Lava); default float64")
        String precision = "float64";

        @Option(names = "--integrator-input", description = "how I and IF read input: charge (v += r x, Sinabs) or current (v += dt r x); default charge")
        String integratorInput = "charge";

        @Option(names = "--synaptic-delay", paramLabel = "STEPS", description = "steps by which every neuron node's input is delayed, in [0, 1000000] (Lava: 1); default 0")
        String synapticDelay = "0";

        @Option(names = "--record-v", paramLabel = "NODE", split = ",", description = "neuron nodes (comma-separated) whose v is written to v_<node>.csv (sub-graph nodes as G.X)")
        List<String> recordV = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "output folder, default spikering-out/nir")
        String out = "spikering-out/nir";

        @Option(names = "--runner", description = "step (NIR's semantics: no delay on feedforward edges; every node type above) or engine "
                + "(sim-core's spike engine, reference mode: spiking nodes LIF/IF/CubaLIF as populations, one step of delay on every "
                + "edge between them, engine counters in summary.json); default step")
        String runnerName = "step";

        @Option(names = "--sonata", description = "also write spikes.h5, a SONATA spike report: one population per spiking node, node_ids = flat neuron index, timestamps in ms = (step + 1) dt, sorted by time")
        boolean sonata;

        @Option(names = "--nirdata", description = "also write run.nirdata.h5, NIR's recording format (NIRGraphData, unreleased NIR HEAD): "
                + "per spiking node its spikes as EventData (times (step + 1) dt in s), per --record-v node v and per Output node "
                + "its values as TimeGriddedData (1, steps, n)")
        boolean nirdata;

        @Option(names = "--input-sonata", paramLabel = "FILE", description = "input as a SONATA spike file instead of --input: a spike of node i at t ms adds 1 to input column i in step floor(t / dt); runs --steps steps, or up to the last spike")
        String inputSonata;

        @Option(names = "--input-population", paramLabel = "NAME", description = "population of --input-sonata to use (default: the file's only population)")
        String inputPopulation;

        @Override
        public Integer call() {
            // every option first, then the files, then the graph; nothing is written before all hold
            if (graph == null) {
                throw new IllegalArgumentException("GRAPH.nir: missing: must give the NIR file to run");
            }
            if (dt == null) {
                throw new IllegalArgumentException("--dt: missing: must give the step in ms, a number > 0 (NIR files store none)");
            }
            final double dtMs = positive("--dt", dt);
            if (dtMs > MAX_DT_MS) {
                throw new IllegalArgumentException("--dt = '" + dt + "': must be at most " + MAX_DT_MS + " ms");
            }
            if (!recordV.isEmpty()) {
                Check.distinct("--record-v", recordV);
            }
            final RunOptions options = new RunOptions(dtMs,
                    Cli.parseEnum(RunOptions.Scheme.class, "--scheme", scheme),
                    Cli.parseEnum(RunOptions.Reset.class, "--reset", reset),
                    Cli.parseEnum(RunOptions.LoopDelay.class, "--loop-delay", loopDelay),
                    Cli.parseEnum(RunOptions.Precision.class, "--precision", precision),
                    Cli.parseEnum(RunOptions.IntegratorInput.class, "--integrator-input", integratorInput),
                    integer("--synaptic-delay", synapticDelay, 0, 1_000_000));
            final boolean onEngine = Cli.parseEnum(RunnerKind.class, "--runner", runnerName) == RunnerKind.ENGINE;
            if (onEngine && options.synapticDelaySteps() != 0) {
                throw new IllegalArgumentException("--synaptic-delay = '" + synapticDelay + "': must be 0 with --runner engine,"
                        + " which has its own one-step delay (use it with --runner step)");
            }
            final Integer zeroSteps = steps == null ? null : integer("--steps", steps, 1, 10_000_000);
            if (input != null && zeroSteps != null) {
                throw new IllegalArgumentException("--steps = '" + steps + "': must not be given with --input; give one of them");
            }
            if (input != null && inputSonata != null) {
                throw new IllegalArgumentException("--input-sonata = '" + inputSonata + "': must not be given with --input; give one of them");
            }
            if (input == null && zeroSteps == null && inputSonata == null) {
                throw new IllegalArgumentException("--input: missing: must give an input CSV, --input-sonata FILE, or --steps N for zero input");
            }
            if (inputPopulation != null && inputSonata == null) {
                throw new IllegalArgumentException("--input-population = '" + inputPopulation + "': must come with --input-sonata");
            }
            final Path sonataPath = inputSonata == null ? null : readable("--input-sonata", inputSonata);
            final Path outDir = Check.outputFolder("--out", Path.of(out));
            final Path graphPath = readable("GRAPH.nir", graph);
            final Path inputPath = input == null ? null : readable("--input", input);
            final NirFile file;
            final NirRunner runner;
            try {
                file = NirReader.read(graphPath);
                runner = NirRunner.prepare(file, options);
            } catch (NirFormatException e) {
                throw badFile("GRAPH.nir", graph, "a graph this runner supports", e);
            }
            for (String node : recordV) {
                if (!runner.neuronNodes().contains(node)) {
                    throw new IllegalArgumentException("--record-v = '" + node + "': must be one of the graph's neuron nodes "
                            + runner.neuronNodes());
                }
            }
            if (zeroSteps != null) {
                // the zero input (8 bytes per input and step) and at least as much again for outputs and records
                MemoryBudget.require("--steps = " + zeroSteps + " (" + runner.inputWidth() + " inputs)",
                        2.0 * 8 * zeroSteps * (runner.inputWidth() + 1.0));
            }
            final double[][] data = inputPath != null ? readInput(inputPath, runner.inputWidth())
                    : sonataPath != null ? sonataInput(sonataPath, inputPopulation, dtMs, zeroSteps, runner.inputWidth())
                    : new double[zeroSteps][runner.inputWidth()];
            // the result folder: locked for the run, files staged and swapped into place whole (ResultFolder)
            try (ResultFolder folder = ResultFolder.open("--out", outDir)) {
                final long t0 = System.nanoTime();
                final SimulationSummary[] engineSummary = new SimulationSummary[1];
                final NirRun result;
                if (onEngine) {
                    try {
                        result = EngineRunner.run(file, options, data, recordV, engineSummary);
                    } catch (NirFormatException e) {
                        throw badFile("GRAPH.nir", graph, "a graph this runner supports", e);
                    }
                } else {
                    result = runner.run(data, recordV);
                }
                final double wall = (System.nanoTime() - t0) * 1e-9;
                write(folder.dir(), graphPath, file, options, runner, result, wall, engineSummary[0]);
                folder.commit("nir run", "spikes.csv", "output.csv", "summary.json");
                System.out.printf(Locale.ROOT, "graph        %s (NIR %s, %d nodes)%n", graphPath, file.version() == null ? "0.1, no version" : file.version(),
                        file.graph().nodes().size());
                System.out.printf(Locale.ROOT, "ran          %d steps of %s ms (%s, reset %s, loop delay %s, %s) in %.3f s%n", result.steps(),
                        dtMs, lower(options.scheme()), lower(options.reset()), lower(options.loopDelay()), lower(options.precision()), wall);
                System.out.printf(Locale.ROOT, "spikes       %d%n", result.spikeCount());
                System.out.printf(Locale.ROOT, "wrote        %s/{spikes.csv, output.csv%s%s, summary.json}%n", folder.target(),
                        recordV.isEmpty() ? "" : ", v_*.csv", (sonata ? ", spikes.h5" : "") + (nirdata ? ", run.nirdata.h5" : ""));
                return 0;
            }
        }

        private static String lower(final Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        private static double positive(final String option, final String text) {
            final double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " = '" + text + "': must be a number > 0");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(option + " = '" + text + "': must be > 0");
            }
            return v;
        }

        private static int integer(final String option, final String text, final int min, final int max) {
            final long v;
            try {
                v = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " = '" + text + "': must be an integer in [" + min + ", " + max + "]");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(option + " = '" + text + "': must be an integer in [" + min + ", " + max + "]");
            }
            return (int) v;
        }

        private static Path readable(final String what, final String text) {
            return Check.inputFile(what, Path.of(text), what.equals("--input") ? "file (CSV)" : "file (HDF5)");
        }

        private static double[][] readInput(final Path path, final int width) {
            return NirInput.csv("--input", path, width);
        }

        private static double[][] sonataInput(final Path path, final String population, final double dtMs,
                                              final Integer steps, final int width) {
            return NirInput.sonata("--input-sonata", "--input-population", path, population, dtMs, steps, width);
        }

        private void write(final Path dir, final Path graphPath, final NirFile file, final RunOptions o,
                           final NirRunner runner, final NirRun r, final double wallSeconds, final SimulationSummary engine) {
            AtomicWrite.text(dir.resolve("spikes.csv"), w -> {
                w.write("step,time_ms,node,neuron\n");
                for (int i = 0; i < r.spikeCount(); i++) {
                    w.write(r.spikeSteps()[i] + "," + fmt((r.spikeSteps()[i] + 1) * r.dtMs()) + "," + r.spikeNodes()[i] + ","
                            + r.spikeNeurons()[i] + "\n");
                }
            });
            writeTable(dir.resolve("output.csv"), r.outputColumns(), r.output(), r);
            for (Map.Entry<String, double[][]> e : r.voltages().entrySet()) {
                final int n = e.getValue().length == 0 ? 0 : e.getValue()[0].length;
                final List<String> columns = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    columns.add(e.getKey() + "[" + i + "]");
                }
                writeTable(dir.resolve("v_" + e.getKey() + ".csv"), columns, e.getValue(), r);
            }
            if (sonata) {
                SonataSpikes.write(dir.resolve("spikes.h5"), sonataPopulations(r));
            }
            if (nirdata) {
                NirData.write(dir.resolve("run.nirdata.h5"), file.graph(), r);
            }
            final Map<String, Object> s = new LinkedHashMap<>();
            s.put("graph", graphPath.toAbsolutePath().toString());
            s.put("nir_version", file.version());
            s.put("node_types", countTypes(file.graph(), new TreeMap<>()));
            s.put("dt_ms", o.dtMs());
            s.put("steps", r.steps());
            s.put("scheme", lower(o.scheme()));
            s.put("reset", lower(o.reset()));
            s.put("loop_delay", lower(o.loopDelay()));
            s.put("precision", lower(o.precision()));
            s.put("integrator_input", lower(o.integratorInput()));
            s.put("synaptic_delay_steps", o.synapticDelaySteps());
            s.put("runner", engine == null ? "step" : "engine");
            s.put("evaluation", engine == null ? runner.describe() : "sim-core reference engine, one step of delay on every edge between spiking nodes");
            if (engine != null) {
                final Map<String, Object> e = new LinkedHashMap<>();
                e.put("neurons", engine.neurons());
                e.put("synapses", engine.synapses());
                e.put("spikes", engine.spikes());
                e.put("synaptic_events", engine.synapticEvents());
                e.put("mean_rate_hz", engine.meanRateHz());
                s.put("engine", e);
            }
            final Map<String, Integer> perNode = new TreeMap<>();
            for (String n : r.spikeNodes()) {
                perNode.merge(n, 1, Integer::sum);
            }
            s.put("spikes", r.spikeCount());
            s.put("spikes_per_node", perNode);
            s.put("output_columns", r.outputColumns());
            s.put("wall_seconds", wallSeconds);
            Json.write(dir.resolve("summary.json"), s);
        }

        /** A per-step table: header {@code step,time_ms,<columns>}, then one row per step of the run. */
        private static void writeTable(final Path file, final List<String> columns, final double[][] rows, final NirRun r) {
            AtomicWrite.text(file, w -> {
                w.write("step,time_ms" + (columns.isEmpty() ? "" : "," + String.join(",", columns)) + "\n");
                for (int k = 0; k < r.steps(); k++) {
                    final StringBuilder sb = new StringBuilder().append(k).append(',').append(fmt((k + 1) * r.dtMs()));
                    for (double v : rows[k]) {
                        sb.append(',').append(v);
                    }
                    w.write(sb.append('\n').toString());
                }
            });
        }

        /** One SONATA population per spiking node that spiked: node_ids = flat neuron index, time = (step + 1) dt. */
        private static List<SpikePopulation> sonataPopulations(final NirRun r) {
            final Map<String, List<Integer>> byNode = new LinkedHashMap<>();
            for (int i = 0; i < r.spikeCount(); i++) {
                byNode.computeIfAbsent(r.spikeNodes()[i], k -> new ArrayList<>()).add(i);
            }
            final List<SpikePopulation> pops = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : byNode.entrySet()) {
                final double[] t = new double[e.getValue().size()];
                final long[] id = new long[t.length];
                for (int q = 0; q < t.length; q++) {
                    final int i = e.getValue().get(q);
                    t[q] = (r.spikeSteps()[i] + 1) * r.dtMs();
                    id[q] = r.spikeNeurons()[i];
                }
                pops.add(new SpikePopulation(e.getKey(), t, id));
            }
            return pops;
        }

        private static Map<String, Integer> countTypes(final NirGraph g, final Map<String, Integer> into) {
            for (NirNode n : g.nodes().values()) {
                into.merge(n.nirType(), 1, Integer::sum);
                if (n instanceof NirGraph sub) {
                    countTypes(sub, into);
                }
            }
            return into;
        }

        private static String fmt(final double ms) {
            return String.format(Locale.ROOT, "%.6g", ms);
        }
    }
}
