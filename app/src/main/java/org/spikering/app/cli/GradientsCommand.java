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
 * {@code spikering gradients}: for one network and one batch, the gradients of e-prop, random e-prop, MDGL and BPTT,
 * with per weight matrix the cosine similarity with BPTT and α = ⟨g_rule, g_bptt⟩/‖g_bptt‖². {@code --bench} prints
 * one JSON line with training iterations/s of event-based e-prop, dense e-prop and BPTT on the NEST sine-wave setup.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = "Compare the gradients of learning rules with BPTT.")
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
            + "training batch of its run.")
    Path model;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random feedback when the JSON has none.")
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
                run = GradientsRun.nestSine();
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
