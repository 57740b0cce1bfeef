package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikering.app.hw.PlasticityStudy;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.report.RunRecords;
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
            description = "Map a network onto a chip description; exit code 1 if it does not fit.")
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
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "map the network"
                + " section of this spec (a file or a shipped example, e.g. cuba) instead of --network: the built network's"
                + " populations (spike arrays included), synapse counts and largest delays")
        String specFile;
        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "with SPEC: override one field, e.g."
                + " network.populations[E].size=800 (repeatable)")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() {
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
        "Trains with rule eprop (as train --rule eprop: e-prop with symmetric feedback B = W_out^T)."})
    static final class Study implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--task", defaultValue = "evidence",
                description = "evidence, dms, nback, sine or sine-bellec (sine = sine-bellec). Default: ${DEFAULT-VALUE}")
        String task;
        @Option(names = "--fractions", defaultValue = "1,0.5,0.2,0.1,0.05,0.01", split = ",",
                description = "plastic fractions of all synapses, each in [0, 1] (0: nothing learns, the untrained"
                    + " baseline), each once; the readout-only row is always run. Default: ${DEFAULT-VALUE}")
        double[] fractions;
        @Option(names = "--bits", defaultValue = "32,8,6,4,2", split = ",",
                description = "weight bits, each 32 (float) or in [2, 16], each once. Default: ${DEFAULT-VALUE}")
        int[] bits;
        @Option(names = "--rounding", defaultValue = "nearest,stochastic", split = ",",
                description = "rounding of the quantised runs, each nearest, stochastic or truncate, each once."
                    + " Default: ${DEFAULT-VALUE}")
        String[] rounding;
        @Option(names = "--seeds", defaultValue = "3", description = "seeds (mean and sd over them), in [1, 1000]")
        int seeds;
        @Option(names = "--iterations", defaultValue = "150", description = "updates per run, in [1, 10000000] (default 150:"
                + " float e-prop reaches ~0.88 held-out accuracy on evidence accumulation; the full default grid takes about an hour)")
        int iterations;
        @Option(names = "--batch", defaultValue = "16", description = "sequences per update, >= 1 and fitting the memory (default 16)")
        int batch;
        @Option(names = "--energy", description = "per-operation energies in pJ replacing the Loihi defaults, "
                + "e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
        String energy;
        @Option(names = "--test-batch", defaultValue = "128", description = "held-out test sequences per seed, >= 1 and"
                + " fitting the memory (default 128)")
        int testBatch;
        @Option(names = "--out", defaultValue = "spikering-out/hw-study", description = "output folder, replaced as a whole "
                + "when the study completes; a study killed half-way and started again with the same settings reuses its completed runs")
        Path out;

        @Override
        public Integer call() {
            Check.choice("--task", task, "evidence", "dms", "nback", "sine", "sine-bellec");
            final String t = "sine".equals(task) ? "sine-bellec" : task;
            final List<Rounding> rs = new ArrayList<>();
            for (String s : rounding) {
                try {
                    rs.add(Rounding.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--rounding = '" + s + "': must be one of [nearest, stochastic, truncate]");
                }
            }
            Check.range("--seeds", seeds, 1, 1000);
            Check.range("--iterations", iterations, 1, TrainCommand.MAX_ITERATIONS);
            Check.range("--batch", batch, 1, TrainCommand.MAX_BATCH);
            Check.range("--test-batch", testBatch, 1, TrainCommand.MAX_BATCH);
            // fractions, bits, each once, and the rest: the study's own checks, naming the options
            final PlasticityStudy.Settings settings = new PlasticityStudy.Settings(t, fractions, bits, rs, seeds,
                    iterations, batch, testBatch, EnergyModel.loihiWith(energy));
            if (java.util.Arrays.stream(bits).allMatch(b -> b == 32)
                    && spec.commandLine().getParseResult().hasMatchedOption("--rounding")) {
                throw new IllegalArgumentException("--rounding with --bits = 32 only: must be left out (float weights are"
                        + " not rounded) or come with quantised bits");
            }
            Check.outputFolder("--out", out);
            MemoryBudget.require("--batch = " + batch + ", --test-batch = " + testBatch + " (task " + t + ")",
                    TrainCommand.trainingBytes(org.spikering.app.task.TaskPreset.of(t, 1000), batch, testBatch));
            final long t0 = System.nanoTime();
            try (ResultFolder folder = ResultFolder.open("--out", out)) {
                final RunRecords records = RunRecords.open(folder.checkpointDir(), Json.MAPPER.valueToTree(
                        java.util.Map.of("task", t, "fractions", fractions, "bits", bits, "rounding", rs.toString(),
                                "seeds", seeds, "iterations", iterations, "batch", batch, "test_batch", testBatch,
                                "energy", String.valueOf(settings.energy().describe()))), System.err);
                PlasticityStudy.run(settings, folder.dir(), System.out, records, System.err);
                if (records.reused() > 0) {
                    System.err.printf("spikering: reused %d runs of an interrupted study with the same settings%n", records.reused());
                }
                folder.commit("hw study", PlasticityStudy.RESULT_FILES);
                System.out.printf("wrote %s, study.json, loss.png, accuracy.png, energy.png, synops.png (wall time %.1f s)%n",
                        folder.target().resolve("study.csv"), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        }
    }
}
