package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.TrainSpecRunner;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.ContinualMetrics;
import org.spikering.app.train.TrainedModel;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering continual SPEC1 SPEC2 …}: continual learning (issue 15 item 7; TASKS.md §5). Each spec is one task
 * with its training section, trained one after another by {@code train} ({@link TrainSpecRunner}), task i+1 starting
 * from the network task i ended with (as {@code --init-from}; each stage has its own optimizer state and its own
 * hardware section, so plastic masks and weight precision apply per stage as in {@code train}). After each stage the
 * network is tested on every task's held-out test (the batch its own {@code train} run would test on), giving the
 * matrix R_{i,j}; the network before any training (task 1's initial network) gives b_j. The score is the test
 * accuracy when every task is a classification task, else the test loss per sequence (then lower is better and the
 * metrics are those of −loss, reported with their sign turned back so that BWT &lt; 0 and f &gt; 0 still mean forgetting:
 * BWT = mean(R_{j,j} − R_{T,j}) in loss units, negated). See {@link ContinualMetrics}.
 *
 * <p>Writes into {@code --out} (replaced as a whole): {@code stage-1} … {@code stage-T} (each a {@code train} result
 * folder), {@code continual.json} (R, b, ACC, BWT, FWT, forgetting per task and mean) and {@code continual.csv} (R,
 * one row per stage, plus the untrained row 0); prints one line. Stages keep no checkpoints (training.checkpoint_every
 * is set to 0): a stopped continual run starts again. For the frozen-pattern tasks (pattern-liu, sine-*) the held-out
 * test is the fresh-input-noise batch of their run, as in {@code train}.
 */
@Command(name = "continual", mixinStandardHelpOptions = true,
        description = {"Continual learning: train the specs' tasks one after another, each stage starting from the last"
            + " stage's network, and test every task after every stage.",
            "Writes stage-1 ... stage-T (train result folders), continual.json (the matrix R of test scores, ACC, BWT, FWT,"
            + " forgetting) and continual.csv; prints one line."})
final class ContinualCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "two or more spec files (or shipped examples' names)"
            + " with a training section, in training order; their networks must have the same shape")
    List<String> specs;

    @Option(names = "--out", description = "output folder, replaced as a whole (default: spikering-out/continual)")
    Path out;

    @Override
    public Integer call() {
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        final int t = specs == null ? 0 : specs.size();
        if (t < 2) {
            throw new IllegalArgumentException("SPEC: " + t + " given, continual needs two or more spec files (or shipped"
                    + " examples' names), in training order");
        }
        final List<Spec> loaded = new ArrayList<>();
        final List<TaskPreset> presets = new ArrayList<>();
        final List<TrainingSpec> sections = new ArrayList<>();
        final TrainSpecRunner runner = new TrainSpecRunner();
        for (int i = 0; i < t; i++) {
            final String label = "SPEC " + (i + 1) + " = '" + specs.get(i) + "'";
            // every spec is loaded (SpecLoader refuses a missing file in one line) before any stage runs;
            // no checkpoints: a stage is not resumed on its own (a stopped continual run starts again)
            final Spec s = SpecLoader.load(specs.get(i), List.of()).overriding(Map.of("training.checkpoint_every", 0));
            final TrainingSpec ts = s.section("training", TrainingSpec.class);
            if (ts == null) {
                throw new IllegalArgumentException(label + ": has no training section (continual trains each spec)");
            }
            runner.check(s);
            final TaskPreset p = TrainingSpec.preset(s);
            if (i > 0) {
                final RecurrentNetwork a = presets.get(0).network();
                final RecurrentNetwork b = p.network();
                if (a.inputs() != b.inputs() || a.recurrent() != b.recurrent() || a.outputs() != b.outputs()
                        || a.isRate() != b.isRate()) {
                    throw new IllegalArgumentException(label + ": its network (" + shape(b) + ") differs from SPEC 1's ("
                            + shape(a) + "); every stage trains the same network");
                }
                if (p.source().loss() != presets.get(0).source().loss()) {
                    throw new IllegalArgumentException(label + ": its task's loss differs from SPEC 1's (one score for"
                            + " all tasks: classification accuracy, or regression loss)");
                }
            }
            loaded.add(s);
            presets.add(p);
            sections.add(ts);
        }
        final boolean accuracy = presets.get(0).source().loss() == LossKind.CLASSIFICATION_CE;
        final Path dir = out != null ? out : Path.of("spikering-out", "continual");
        try (ResultFolder folder = ResultFolder.open("--out", dir)) {
            final List<SequenceBatch> tests = new ArrayList<>();
            for (int j = 0; j < t; j++) {
                final TrainingSpec ts = sections.get(j);
                tests.add(TrainingRun.heldOutBatch(presets.get(j), new BatchSeeds(TrainingSpec.runSeed(loaded.get(j)),
                        ts.iterations()), ts.evaluation().testBatch()));
            }
            final double[][] r = new double[t][t];
            final double[] b = new double[t];
            final RecurrentNetwork untrained = presets.get(0).network();
            for (int j = 0; j < t; j++) {
                b[j] = score(org.spikering.plasticity.train.Evaluator.evaluate(untrained, tests.get(j)), accuracy);
            }
            Path previous = null;
            for (int i = 0; i < t; i++) {
                final Path stage = folder.dir().resolve("stage-" + (i + 1));
                System.err.printf(Locale.ROOT, "continual: stage %d of %d, %s%n", i + 1, t, specs.get(i));
                final TrainSpecRunner.Result res = runner.run(loaded.get(i), stage, new TrainSpecRunner.Options(previous,
                        null, null, "--out", org.spikering.app.sweep.FieldNames.FIELDS), ProgressStarter.on(System.err));
                if (res.divergedAt() != null) {
                    throw new IllegalStateException("continual: stage " + (i + 1) + " (" + specs.get(i) + ") diverged at"
                            + " iteration " + res.divergedAt() + "; lower its training.optimizer.lr");
                }
                previous = stage.resolve(TrainingRun.MODEL_FILE).toAbsolutePath();
                final TrainedModel m = TrainedModel.read("stage " + (i + 1), previous);
                for (int j = 0; j < t; j++) {
                    r[i][j] = score(m.evaluate(presets.get(j), m.network(), tests.get(j)), accuracy);
                }
            }
            final double[][] s = new double[t][t];
            final double[] sb = new double[t];
            for (int i = 0; i < t; i++) {
                sb[i] = accuracy ? b[i] : -b[i];
                for (int j = 0; j < t; j++) {
                    s[i][j] = accuracy ? r[i][j] : -r[i][j];
                }
            }
            final ContinualMetrics cm = ContinualMetrics.of(s, sb);
            final double sign = accuracy ? 1.0 : -1.0;
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("specs", specs);
            o.put("score", accuracy ? "test accuracy (higher is better)" : "test loss per sequence (lower is better)");
            o.put("R", r);
            o.put("R_meaning", "R[i][j]: the score on task j+1's held-out test after training through task i+1");
            o.put("untrained", b);
            o.put("ACC", sign * cm.acc());
            o.put("BWT", cm.bwt());
            o.put("FWT", cm.fwt());
            o.put("forgetting", cm.forgetting());
            o.put("mean_forgetting", cm.meanForgetting());
            o.put("signs", accuracy ? "BWT < 0 and forgetting > 0: forgetting; FWT > 0: transfer"
                    : "BWT, FWT, forgetting are those of -loss: BWT < 0 and forgetting > 0 mean the loss rose, FWT > 0"
                    + " that earlier tasks lowered a later task's loss below the untrained one's");
            Json.write(folder.file("continual.json"), o);
            final String[] header = new String[t + 1];
            header[0] = "after_stage";
            final double[][] cols = new double[t + 1][t + 1];
            for (int j = 0; j < t; j++) {
                header[j + 1] = (accuracy ? "accuracy_task_" : "loss_task_") + (j + 1);
            }
            for (int i = 0; i <= t; i++) {
                cols[0][i] = i;
                for (int j = 0; j < t; j++) {
                    cols[j + 1][i] = i == 0 ? b[j] : r[i - 1][j];
                }
            }
            Csv.writeColumns(folder.file("continual.csv"), header, cols);
            folder.commit("continual", "continual.json", "continual.csv");
            System.out.printf(Locale.ROOT, "continual  %d tasks, score %s: ACC %.4g, BWT %.4g, FWT %.4g, mean forgetting"
                    + " %.4g; wrote %s%n", t, accuracy ? "accuracy" : "loss", sign * cm.acc(), cm.bwt(), cm.fwt(),
                    cm.meanForgetting(), folder.target());
            return 0;
        }
    }

    private static double score(final Evaluation e, final boolean accuracy) {
        return accuracy ? e.accuracy() : e.loss();
    }

    private static String shape(final RecurrentNetwork n) {
        return n.inputs() + " inputs, " + n.recurrent() + " " + (n.isRate() ? "rate units" : "LIF/ALIF") + ", "
                + n.outputs() + " outputs";
    }
}
