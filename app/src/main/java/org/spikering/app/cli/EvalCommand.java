package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Json;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainedModel;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.train.Evaluation;
import org.spikering.plasticity.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering eval MODEL}: the test loss and accuracy of a saved model ({@code model.json} of {@code train}) on
 * the test batch of the run that trained it ({@link TrainingRun#heldOutBatch}: the same batch, so the numbers equal
 * the run's final evaluation; held out for the classification and n-back tasks, the run's fresh-input-noise batch for
 * the sine tasks, which train on one frozen pattern), or of another task or test size. Prints one JSON line; writes
 * nothing.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Test loss and accuracy of a saved model (model.json of train) on its run's held-out test batch.")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by train")
    Path model;

    @Option(names = "--task", description = "task to test on (default: the model's; shapes must fit)")
    String task;

    @Option(names = "--test-batch", description = "test sequences (default: the model's run's --test-batch)")
    Integer testBatch;

    @Override
    public Integer call() {
        if (task != null && !java.util.Arrays.asList(TaskPreset.NAMES).contains(task)) {
            throw new IllegalArgumentException("--task = '" + task + "': must be one of " + String.join(", ", TaskPreset.NAMES));
        }
        if (testBatch != null && testBatch < 1) {
            throw new IllegalArgumentException("--test-batch = " + testBatch + ": must be >= 1");
        }
        final TrainedModel m = TrainedModel.read("MODEL", model);
        final String t = task != null ? task : m.task();
        final int n = testBatch != null ? testBatch : m.training().path("--test-batch").asInt();
        // the model's own task from the spec it was trained with (a model written before specs: its --task preset)
        final TaskPreset p = task != null ? TaskPreset.of(t, m.seed()) : m.preset();
        m.checkFits("MODEL", model, p.name(), p.network());
        // the test batch holds inputs and targets of every step of every sequence (8 bytes each, as doubles at most)
        final double bytes = 8.0 * n * p.source().steps() * (p.network().inputs() + p.network().outputs() + 1);
        if (bytes > Runtime.getRuntime().maxMemory() / 2.0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--test-batch = %d: must fit in half the "
                    + "memory this JVM has (needs about %.0f MB of %.0f MB); lower it or give more with SPIKERING_JAVA_OPTS=-Xmx...",
                    n, bytes / 1e6, Runtime.getRuntime().maxMemory() / 1e6));
        }
        final BatchSeeds seeds = new BatchSeeds(m.seed(), m.training().path("--iterations").asInt());
        final Evaluation e = Evaluator.evaluate(m.network(), TrainingRun.heldOutBatch(p, seeds, n));
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.toString());
        out.put("task", p.name());
        out.put("seed", m.seed());
        out.put("iterations_trained", m.completed());
        out.put("test_batch", n);
        out.put("test_loss", Json.finite("test loss", e.loss()));
        if (p.scoredSteps() > 0) {
            out.put("test_loss_per_symbol", e.loss() / p.scoredSteps());
        }
        out.put("test_accuracy", Double.isFinite(e.accuracy()) && p.scoredSteps() == 0 ? e.accuracy() : null);
        out.put("mean_rate_hz", e.meanRateHz());
        System.out.println(Json.oneLine(out));
        return 0;
    }
}
