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

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of random-eprop's feedback B (with --network-json: only if the file has none). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--bench", description = "Print iterations/s of event, dense e-prop and BPTT as one JSON line.")
    boolean bench;

    @Option(names = "--bench-iterations", defaultValue = "20", description = "Timed iterations per computation.")
    int benchIterations;

    @Override
    public Integer call() {
        try {
            if (bench) {
                System.out.println(Json.oneLine(EpropBench.run(Math.max(3, benchIterations / 4), benchIterations)));
                return 0;
            }
            GradientsRun run;
            if (model != null && networkJson != null) {
                throw new IllegalArgumentException("--model = '" + model + "': give either --model or --network-json, not both");
            }
            if (model != null) {
                run = GradientsRun.atModel(TrainedModel.read("--model", model), model);
            } else if (networkJson != null) {
                if (!java.nio.file.Files.isReadable(networkJson)) {
                    throw new IllegalArgumentException("--network-json = '" + networkJson
                            + "': must be a readable JSON file in the format of --write-json (missing or unreadable)");
                }
                run = GradientsRun.fromJson(Json.read(networkJson, JsonNode.class), seed);
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
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            // the same line as spikering's shared handler, also when this command runs on its own
            spec.commandLine().getErr().println(spec.qualifiedName() + ": error: " + e.getMessage());
            return 2;
        }
    }
}
