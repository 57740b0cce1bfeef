package org.spikering.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spikering.app.gradients.EpropBench;
import org.spikering.app.gradients.GradientsRun;
import org.spikering.app.report.Json;
import org.spikering.app.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikering gradients}: for one network and one batch, the gradients of the rules eprop, random-eprop,
 * nest-eprop (sine task only) and mdgl-exact, with per weight matrix the cosine similarity with two BPTT references
 * (reset path detached = rule bptt, and attached) and α = ⟨g_rule, g_ref⟩/‖g_ref‖², and for each reference whether it
 * explodes ({@link GradientsRun}). {@code --bench} prints one JSON line with training iterations/s of event-based
 * e-prop, dense e-prop and BPTT on the NEST sine-wave setup.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Compare the gradients of the learning rules (names as in train --rule)",
            "with two BPTT references: bptt (reset path detached, as --rule bptt) and",
            "bptt-reset-attached (the full surrogate gradient). A reference whose",
            "gradient norm exceeds 1000 x eprop's is flagged as exploding: cosine and",
            "alpha against it are not meaningful. On --task sine, bptt explodes (about",
            "6e23 x eprop's) and bptt-reset-attached does not (0.355 x)."})
public final class GradientsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--task", defaultValue = "sine",
            description = "Built-in network and batch: sine (NEST 3.9 sine-wave setup). Default: ${DEFAULT-VALUE}")
    String task;

    @Option(names = "--network-json", description = "Read network and batch from this JSON file (format of --write-json).")
    Path networkJson;

    @Option(names = "--write-json", description = "Write network, batch, all gradients and the comparison to this file.")
    Path writeJson;

    @Option(names = "--model", description = "Compare at the weights of a model.json written by train, on the first "
            + "training batch of its run (random-eprop's B from the model's --seed).")
    Path model;

    @Option(names = "--spec", paramLabel = "SPEC", description = "Compare at the initial weights of a training spec's "
            + "network (a spec file or a shipped example's name, e.g. nback), on the first training batch of the run it "
            + "describes; random feedback and the rules' random streams from its run seed. A rate network lists every "
            + "rate rule (eprop, random-eprop, rflo, mdgl, rtrl, uoro, kf-rtrl, kernl, ...) against exact BPTT.")
    String specFile;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of random-eprop's feedback B, any integer (with --network-json: only if the file has none)."
                + " Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--bench", description = "Print iterations/s of event, dense e-prop and BPTT as one JSON line.")
    boolean bench;

    @Option(names = "--bench-iterations", defaultValue = "20", description = "Timed iterations per computation with --bench, in [1, 100000]. Default: ${DEFAULT-VALUE}")
    int benchIterations;

    /** Largest document read with --network-json, bytes (it is parsed in memory). */
    static final long MAX_JSON_BYTES = 1L << 30;

    @Override
    public Integer call() {
        try {
            final var parsed = spec.commandLine().getParseResult();
            Check.range("--bench-iterations", benchIterations, 1, 100_000);
            if (bench) {
                for (String opt : new String[] {"--task", "--network-json", "--write-json", "--seed", "--spec"}) {
                    if (parsed.hasMatchedOption(opt)) {
                        throw new IllegalArgumentException(Check.given(parsed, opt) + " with --bench: must be left out; --bench times its"
                                + " own NEST sine-wave setup and writes nothing");
                    }
                }
                System.out.println(Json.oneLine(EpropBench.run(Math.max(3, benchIterations / 4), benchIterations)));
                return 0;
            }
            if (parsed.hasMatchedOption("--bench-iterations")) {
                throw new IllegalArgumentException("--bench-iterations = " + benchIterations + " without --bench: must come"
                        + " with --bench");
            }
            if (writeJson != null) {
                Check.outputFile("--write-json", writeJson);
            }
            GradientsRun run;
            if (specFile != null) {
                for (String opt : new String[] {"--task", "--network-json", "--model", "--seed"}) {
                    if (parsed.hasMatchedOption(opt)) {
                        throw new IllegalArgumentException(Check.given(parsed, opt) + " with --spec: must be left out"
                                + " (the spec gives the network, the batch and the seed)");
                    }
                }
                final org.spikering.app.spec.Spec s;
                try {
                    s = org.spikering.app.spec.SpecLoader.load(specFile, java.util.List.of());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage().startsWith("SPEC = ")
                            ? "--spec" + e.getMessage().substring(4) : "--spec = '" + specFile + "': " + e.getMessage());
                }
                if (s.section("training", org.spikering.app.spec.TrainingSpec.class) == null) {
                    throw new IllegalArgumentException("--spec = '" + specFile + "': must have a training section"
                            + " (gradients takes its network and first batch)");
                }
                new org.spikering.app.sweep.TrainSpecRunner().check(s);
                run = GradientsRun.fromSpec(s);
            } else if (model != null && networkJson != null) {
                throw new IllegalArgumentException("--model = '" + model + "' with --network-json: must not be given"
                        + " together; give one of them");
            } else if (model != null) {
                if (parsed.hasMatchedOption("--task")) {
                    throw new IllegalArgumentException("--task = '" + task + "' with --model: must not be given"
                            + " together (the model gives the network); give one of them");
                }
                Check.inputFile("--model", model, "file (a model.json written by train)");
                run = GradientsRun.atModel(TrainedModel.read("--model", model), model);
            } else if (networkJson != null) {
                if (parsed.hasMatchedOption("--task")) {
                    throw new IllegalArgumentException("--task = '" + task + "' with --network-json: must not be given"
                            + " together (the file gives the network and batch); give one of them");
                }
                run = fromFile(networkJson, seed, parsed.hasMatchedOption("--seed"));
            } else if ("sine".equals(task)) {
                run = GradientsRun.nestSine(seed);
            } else {
                throw new IllegalArgumentException("--task = '" + task + "': must be sine (the only built-in);"
                        + " for other networks use --network-json");
            }
            run.compute();
            System.out.print(run.table());
            if (writeJson != null) {
                Json.write(writeJson, run.toJson());
                System.out.println("wrote " + writeJson);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            // the same line as spikering's shared handler, also when this command runs on its own
            spec.commandLine().getErr().println(SpikeringCli.usageError(spec, e.getMessage()));
            return SpikeringCli.EXIT_BAD_INPUT;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println(SpikeringCli.errorLine(spec, e.getMessage()));
            return SpikeringCli.EXIT_BAD_INPUT;
        }
    }

    /** Reads --network-json; every problem with the file is an error naming it. */
    private static GradientsRun fromFile(final Path file, final long seed, final boolean given) {
        Check.inputFile("--network-json", file, "JSON file in the format of --write-json");
        final String shown = "--network-json = '" + file + "'";
        final long bytes;
        try {
            bytes = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(shown + ": cannot be read: " + e.getMessage());
        }
        if (bytes > MAX_JSON_BYTES) {
            throw new IllegalArgumentException(shown + ": has " + bytes + " bytes, more than the " + MAX_JSON_BYTES
                    + " read");
        }
        // Jackson's tree: about 40 bytes (a node and its reference) per number of 4 to 20 characters
        MemoryBudget.require(shown + " (" + bytes + " bytes)", 10.0 * bytes);
        final JsonNode doc;
        try {
            doc = Json.read(file, JsonNode.class);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(shown + ": must be valid JSON in the format of --write-json: "
                    + e.getCause().getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException(shown + ": must hold a JSON object with 'network' and 'batch'");
        }
        if (given && doc.path("network").has("feedback")) {
            throw new IllegalArgumentException("--seed = " + seed + " with " + shown + ": the file holds its feedback"
                    + " matrix, so the seed would be ignored; it must be left out");
        }
        try {
            return GradientsRun.fromJson(doc, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(shown + ": must be in the format of --write-json: " + e.getMessage());
        }
    }
}
