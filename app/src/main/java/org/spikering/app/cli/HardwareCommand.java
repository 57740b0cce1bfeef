package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikering.app.hw.PlasticityStudy;
import org.spikering.app.hw.StudySweep;
import org.spikering.app.report.Json;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.limits.ChipDescription;
import org.spikering.hw.limits.ChipMapper;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.hw.limits.NetworkDescription.Population;
import org.spikering.hw.limits.NetworkDescription.Projection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikering hw map|study}: neuromorphic hardware constraints and the plasticity-sparsity study. */
@Command(name = "hw", mixinStandardHelpOptions = true, description = "Neuromorphic hardware constraints and studies.",
        subcommands = {HardwareCommand.Map.class, HardwareCommand.Study.class})
public final class HardwareCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("a sub-command must follow: map or study");
    }

    /** Smallest size factor of {@code hw map}: every population keeps at least one neuron (CUBA: 3 E, 1 I). */
    static final double MIN_MAP_SCALE = 0.001;
    /** Largest size factor of {@code hw map} (Brunel: 1.25e9 neurons; counts stay within int). */
    static final double MAX_MAP_SCALE = 100_000;
    /** Largest delay of {@code hw map}, ms. */
    static final double MAX_DELAY_MS = 10_000;

    /** Maps a benchmark network onto a chip and prints what does not fit. */
    @Command(name = "map", mixinStandardHelpOptions = true,
            description = {"Map a network onto a chip description; exit code 1 if it does not fit.",
                "MODEL: the recurrent network of a model.json written by train (populations input, recurrent, readout;"
                    + " non-zero weights as synapses, one-step delays)."})
    static final class Map implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--chip", defaultValue = "loihi", description = "loihi, spinnaker or a chip description JSON file"
                + " (the fields of ChipDescription). Default: ${DEFAULT-VALUE}")
        String chip;
        @Option(names = "--network", defaultValue = "brunel", description = "cuba or brunel. Default: ${DEFAULT-VALUE}")
        String network;
        @Option(names = "--scale", defaultValue = "1.0", description = "network size factor, in [0.001, 100000]. Default: ${DEFAULT-VALUE}")
        double scale;
        @Option(names = "--delay-ms", defaultValue = "1.5", description = "largest synaptic delay (ms), in (0, 10000]."
                + " Default: ${DEFAULT-VALUE}")
        double delayMs;
        @Option(names = "--nir", paramLabel = "GRAPH.nir", description = "map this NIR graph instead of --network (neuron nodes as populations)")
        String nir;
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SPEC|MODEL", description = "map, instead"
                + " of --network, the network section of this spec (a file or a shipped example, e.g. cuba: the built"
                + " network's populations, spike arrays included, synapse counts and largest delays), or the network"
                + " of a model.json written by train")
        String specFile;
        /** The model file, when the positional names one. */
        private Path model;
        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "with SPEC: override one field, e.g."
                + " network.populations[E].size=800 (repeatable)")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() {
            if (specFile != null && isModelFile(Path.of(specFile))) {
                model = Path.of(specFile);
                if (!sets.isEmpty()) {
                    throw new IllegalArgumentException("--set = '" + String.join("', '", sets) + "' with MODEL = '"
                            + specFile + "': must be left out; --set changes the fields of a spec");
                }
                return mapModel();
            }
            if (specFile != null && !java.nio.file.Files.isRegularFile(Path.of(specFile))
                    && !org.spikering.app.spec.Examples.names().contains(specFile)) {
                throw new IllegalArgumentException("SPEC|MODEL = '" + specFile + "': must be a spec file, a shipped example's"
                        + " name (" + String.join(", ", org.spikering.app.spec.Examples.names()) + ") or a model.json written"
                        + " by train; " + (specFile.isBlank() ? "it is empty" : java.nio.file.Files.isDirectory(Path.of(specFile))
                        ? "it is a folder" : "no such file"));
            }
            Check.rangeOpenLow("--delay-ms", delayMs, 0, MAX_DELAY_MS);
            final picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            if (specFile != null) {
                for (String o : new String[] {"--network", "--scale", "--delay-ms", "--nir"}) {
                    if (parsed.hasMatchedOption(o)) {
                        throw new IllegalArgumentException(Check.given(parsed, o) + " with SPEC = '" + specFile + "': must be"
                                + " left out; the spec's network section gives the populations, synapses and delays");
                    }
                }
            } else if (!sets.isEmpty()) {
                throw new IllegalArgumentException("--set = '" + String.join("', '", sets) + "' without SPEC: must be left"
                        + " out; --set changes the fields of a spec (hw map SPEC --set ...)");
            }
            if (nir != null && spec.commandLine().getParseResult().hasMatchedOption("--network")) {
                throw new IllegalArgumentException(Check.given(spec.commandLine().getParseResult(), "--network")
                        + " with --nir: must not be given together; give one of them");
            }
            if (nir != null && spec.commandLine().getParseResult().hasMatchedOption("--scale")) {
                throw new IllegalArgumentException("--scale = " + scale + " with --nir: must be left out; the graph has its"
                        + " own size");
            }
            final NetworkDescription net = specFile != null ? SpecNetworkDescription.of(specFile, sets)
                    : nir != null ? NirCommand.hardwareDescription(nir, delayMs) : network(network, scale, delayMs);
            final ChipDescription c;
            try {
                c = ChipDescription.byName(chip);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--chip = '" + chip + "': must be readable: " + e.getMessage());
            }
            final ChipMapper.Report r = ChipMapper.map(net, c);
            System.out.print(r.format());
            return r.fits() ? 0 : 1;
        }

        /**
         * @return whether a file is a model written by train: its JSON starts with {@code "format":"spikering-model"}
         *         ({@link org.spikering.app.train.TrainedModel} writes the format first).
         */
        static boolean isModelFile(final Path f) {
            if (!java.nio.file.Files.isRegularFile(f)) {
                return false;
            }
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(f)) {
                final String head = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s", "");
                return head.startsWith("{\"format\":\"" + org.spikering.app.train.TrainedModel.FORMAT + "\"");
            } catch (java.io.IOException e) {
                return false;
            }
        }

        /** {@code hw map MODEL}: the trained network of a model file ({@link org.spikering.app.hw.ModelNetwork}). */
        private int mapModel() {
            for (String o : new String[] {"--network", "--scale", "--delay-ms", "--nir"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new IllegalArgumentException(Check.given(spec.commandLine().getParseResult(), o)
                            + " with MODEL: must be left out; the model has its own network and one-step delays");
                }
            }
            final org.spikering.app.train.TrainedModel m = org.spikering.app.train.TrainedModel.read("MODEL", model);
            m.requireBatchRuleNetwork("MODEL", model, "hw");
            final ChipDescription c;
            try {
                c = ChipDescription.byName(chip);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--chip = '" + chip + "': must be readable: " + e.getMessage());
            }
            final ChipMapper.Report r = ChipMapper.map(org.spikering.app.hw.ModelNetwork.describe(m.network()), c);
            System.out.print(r.format());
            return r.fits() ? 0 : 1;
        }
    }

    /**
     * CUBA (Vogels-Abbott benchmark: 4000 neurons 80/20, connection probability 0.02) or Brunel 2000
     * (N_E = 10000, N_I = 2500, C_E = 1000, C_I = 250 incoming per neuron), times {@code scale} in size;
     * connection probability fixed for CUBA, in-degree fixed for Brunel.
     */
    static NetworkDescription network(String name, double scale, double delayMs) {
        Check.range("--scale", scale, MIN_MAP_SCALE, MAX_MAP_SCALE);
        switch (name) {
            case "cuba": {
                final int ne = (int) Math.round(3200 * scale);
                final int ni = (int) Math.round(800 * scale);
                final double p = 0.02;
                final List<Projection> pr = new ArrayList<>();
                for (String a : new String[] {"E", "I"}) {
                    for (String b : new String[] {"E", "I"}) {
                        final long n = Math.round(p * (a.equals("E") ? ne : ni) * (b.equals("E") ? ne : ni));
                        pr.add(new Projection(a, b, n, delayMs));
                    }
                }
                return new NetworkDescription(List.of(new Population("E", ne), new Population("I", ni)), pr);
            }
            case "brunel": {
                final int ne = (int) Math.round(10000 * scale);
                final int ni = (int) Math.round(2500 * scale);
                final List<Projection> pr = List.of(new Projection("E", "E", 1000L * ne, delayMs),
                        new Projection("E", "I", 1000L * ni, delayMs), new Projection("I", "E", 250L * ne, delayMs),
                        new Projection("I", "I", 250L * ni, delayMs));
                return new NetworkDescription(List.of(new Population("E", ne), new Population("I", ni)), pr);
            }
            default:
                throw new IllegalArgumentException("--network = '" + name + "': must be one of [cuba, brunel]");
        }
    }

    /** The plasticity-sparsity study. */
    @Command(name = "study", mixinStandardHelpOptions = true, description = {"Sweep plastic fraction x weight bits x rounding.",
        "Runs a spec with training, study [and hardware] sections: SPEC, or the shipped examples/hw-study.yaml"
            + " (spikering spec show hw-study: e-prop with symmetric feedback B = W_out^T on evidence accumulation);"
            + " task, network and rule come from the training section.",
        "Each option replaces one field of the spec; --set replaces any field.",
        "The study is a sweep of train runs (one per row and seed, as many at a time as there are cores); its folder is"
            + " the sweep's, with study.csv/json, the PNGs and study-sweep.yaml (spikering sweep of it runs the same runs)."})
    static final class Study implements Callable<Integer> {
        /** The spec {@code hw study} runs without SPEC. */
        static final String DEFAULT_SPEC = "hw-study";

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
                description = "a spec file (YAML or JSON) or a shipped example's name; default: " + DEFAULT_SPEC)
        String specFile;
        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "replace one field of the spec, e.g."
                + " study.seeds=1 or hardware.mask.kind=per_neuron (repeatable)")
        List<String> sets = new ArrayList<>();
        @Option(names = "--task", description = "evidence, dms, nback, sine or sine-bellec (sine = sine-bellec): the training"
                + " section of that preset (examples/TASK.yaml) replaces the spec's (hw-study: evidence)")
        String task;
        @Option(names = "--fractions", split = ",", description = "study.fractions: plastic fractions of all synapses, each in"
                + " [0, 1] (0: nothing learns, the untrained baseline), each once; the readout-only row is always run"
                + " (hw-study: 1,0.5,0.2,0.1,0.05,0.01)")
        double[] fractions;
        @Option(names = "--bits", split = ",", description = "study.bits: weight bits, each 32 (float) or in [2, 16], each"
                + " once (hw-study: 32,8,6,4,2)")
        int[] bits;
        @Option(names = "--rounding", split = ",", description = "study.roundings: rounding of the quantised runs, each"
                + " nearest, stochastic or truncate, each once (hw-study: nearest,stochastic)")
        String[] rounding;
        @Option(names = "--seeds", description = "study.seeds: seeds (mean and sd over them), in [1, 1000] (hw-study: 3)")
        Integer seeds;
        @Option(names = "--iterations", description = "study.iterations: updates per run, in [1, 10000000] (hw-study: 150:"
                + " float e-prop reaches ~0.88 held-out accuracy on evidence accumulation; the full grid takes about an hour)")
        Integer iterations;
        @Option(names = "--batch", description = "study.batch: sequences per update, >= 1 and fitting the memory (hw-study: 16)")
        Integer batch;
        @Option(names = "--energy", description = "hardware.energy: per-operation energies in pJ replacing those of the"
                + " spec (hw-study: Loihi's), e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
        String energy;
        @Option(names = "--test-batch", description = "study.test_batch: held-out test sequences per seed, >= 1 and fitting"
                + " the memory (hw-study: 128)")
        Integer testBatch;
        @Option(names = "--out", description = "output.folder (hw-study: spikering-out/hw-study): a sweep folder (the runs"
                + " in points/, results.csv) with study.csv/json, the PNGs, spec.yaml and study-sweep.yaml; a study killed"
                + " half-way and started again with the same settings reuses its completed runs")
        Path out;

        @Override
        public Integer call() {
            final java.util.Map<String, Object> fields = optionFields();
            final org.spikering.app.spec.Spec loaded = org.spikering.app.spec.SpecLoader.load(
                    specFile != null ? specFile : DEFAULT_SPEC, sets);
            if (rounding != null) {
                final List<Integer> b = bits != null ? java.util.Arrays.stream(bits).boxed().toList()
                        : loaded.has("study") ? loaded.section("study", org.spikering.app.spec.StudySpec.class).bits() : List.of();
                if (!b.isEmpty() && b.stream().allMatch(x -> x == 32)) {
                    throw new IllegalArgumentException("--rounding with --bits = 32 only: must be left out (float weights are"
                            + " not rounded) or come with quantised bits");
                }
            }
            final org.spikering.app.spec.Spec s = loaded.overriding(fields);
            return run(s);
        }

        /** Checks each option given (messages name the option) and returns the spec fields they replace. */
        private java.util.Map<String, Object> optionFields() {
            final java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
            if (task != null) {
                Check.choice("--task", task, "evidence", "dms", "nback", "sine", "sine-bellec");
                final String t = "sine".equals(task) ? "sine-bellec" : task;
                final com.fasterxml.jackson.databind.node.ObjectNode tr = (com.fasterxml.jackson.databind.node.ObjectNode)
                        org.spikering.app.spec.Examples.load(t, List.of()).tree().get("training");
                tr.remove(List.of("batch", "iterations", "evaluation", "checkpoint_every")); // the study sets these
                f.put("training", tr);
            }
            final List<Rounding> rs = new ArrayList<>();
            if (rounding != null) {
                for (String r : rounding) {
                    try {
                        rs.add(Rounding.parse(r));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--rounding = '" + r + "': must be one of [nearest, stochastic, truncate]");
                    }
                }
                PlasticityStudy.Settings.checkRoundings(rs);
                f.put("study.roundings", rs.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList());
            }
            if (fractions != null) {
                PlasticityStudy.Settings.checkFractions(fractions);
                f.put("study.fractions", fractions);
            }
            if (bits != null) {
                PlasticityStudy.Settings.checkBits(bits);
                f.put("study.bits", bits);
            }
            if (seeds != null) {
                Check.range("--seeds", seeds, 1, 1000);
                f.put("study.seeds", seeds);
            }
            if (iterations != null) {
                Check.range("--iterations", iterations, 1, TrainCommand.MAX_ITERATIONS);
                f.put("study.iterations", iterations);
            }
            if (batch != null) {
                Check.range("--batch", batch, 1, TrainCommand.MAX_BATCH);
                f.put("study.batch", batch);
            }
            if (testBatch != null) {
                Check.range("--test-batch", testBatch, 1, TrainCommand.MAX_BATCH);
                f.put("study.test_batch", testBatch);
            }
            if (energy != null) {
                final EnergyModel e = EnergyModel.loihiWith(energy); // checks the option, naming it
                for (String part : energy.split(",")) {
                    final String key = part.split("=", 2)[0].trim();
                    f.put("hardware.energy." + key + "_pj", switch (key) {
                        case "synop" -> e.synapticOpPj();
                        case "neuron" -> e.neuronUpdatePj();
                        case "weight" -> e.weightUpdatePj();
                        default -> e.spikeTransportPj();
                    });
                }
            }
            if (out != null) {
                Check.outputFolder("--out", out);
                f.put("output.folder", out.toString());
            }
            return f;
        }

        /** Runs a valid spec with the study's sections. */
        static int run(final org.spikering.app.spec.Spec s) {
            final org.spikering.app.spec.StudySpec study = s.section("study", org.spikering.app.spec.StudySpec.class);
            if (study == null || !s.has("training")) {
                throw new IllegalArgumentException(s.source() + ": " + (study == null ? "study" : "training")
                        + ": missing, required by hw study (spikering spec show hw-study has both)");
            }
            final PlasticityStudy.Settings settings = study.settings(s);
            for (String note : study.replacedFields(s)) {
                System.err.println("spikering: " + note);
            }
            final org.spikering.app.task.TaskPreset first = settings.presets().apply(1000 + settings.firstSeed());
            final org.spikering.app.spec.Problems problems = new org.spikering.app.spec.Problems();
            if (s.has("hardware")) {
                s.section("hardware", org.spikering.app.spec.HardwareSpec.class).checkAgainst(problems, "hardware",
                        first.network());
            }
            problems.throwIfAny(s.source());
            final org.spikering.app.spec.OutputSpec output = s.section("output", org.spikering.app.spec.OutputSpec.class);
            final Path out = Path.of(output != null && output.folder() != null ? output.folder() : "spikering-out/hw-study");
            final boolean plots = output == null || output.plots();
            final String outName = "output.folder (--out)";
            Check.outputFolder(outName, out);
            MemoryBudget.require("--batch = " + settings.batch() + ", --test-batch = " + settings.testBatch() + " (task "
                    + settings.task() + ")", org.spikering.app.sweep.TrainSpecRunner.trainingBytes(first, settings.batch(), settings.testBatch()));
            final long t0 = System.nanoTime();
            final StudySweep.Result done = StudySweep.run(s, out, outName, ProgressStarter.on(System.err));
            done.rows().forEach(r -> System.out.println(PlasticityStudy.format(r)));
            final List<String> files = new ArrayList<>(List.of(PlasticityStudy.resultFiles(plots)));
            files.add(StudySweep.SPEC_FILE);
            files.add(StudySweep.SWEEP_FILE);
            System.out.printf("wrote %s, %s (wall time %.1f s; the runs: %s)%n", out.resolve("study.csv"),
                    String.join(", ", files.subList(1, files.size())), (System.nanoTime() - t0) / 1e9,
                    out.resolve(org.spikering.app.sweep.SweepFolder.CSV));
            return 0;
        }
    }

    /** The spec a result folder of a spec run stores. */
    static final String SPEC_FILE = "spec.yaml";
}
