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
        final TrainedModel m = TrainedModel.read("MODEL", model);
        final String t = task != null ? task : m.task();
        final int n = testBatch != null ? testBatch : m.training().path("--test-batch").asInt();
        if (n < 1) {
            throw new IllegalArgumentException("--test-batch = " + n + ": must be >= 1");
        }
        final TaskPreset p = TaskPreset.of(t, m.seed());
        m.checkFits("MODEL", model, p.name(), p.network());
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
