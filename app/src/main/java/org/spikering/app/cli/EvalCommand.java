package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.data.UserData;
import org.spikering.app.data.UserDataSet;
import org.spikering.app.report.Json;
import org.spikering.app.spec.data.DataArray;
import org.spikering.app.spec.data.DataSetSpec;
import org.spikering.app.task.FrozenPatternTask;
import org.spikering.app.task.HeldOutSource;
import org.spikering.app.task.OutOfDistributionSource;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainedModel;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.train.Evaluation;
import org.spikering.plasticity.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering eval MODEL [DATA]}: the test loss and accuracy of a saved model ({@code model.json} of
 * {@code train}).
 * <ul>
 *   <li>Without DATA: on the test batch of the run that trained it ({@link TrainingRun#heldOutBatch}: the same batch,
 *       so the numbers equal the run's final evaluation; held out for the classification and n-back tasks, the run's
 *       fresh-input-noise batch for the sine tasks, which train on one frozen pattern), or of another task or test
 *       size.</li>
 *   <li>With DATA: on every sequence of a data file, read by the rules of {@code training.data}
 *       ({@link UserData}; {@code docs/DATA.md}): DATA holds the input spikes (.npy/.npz [n, T, i], CSV or SONATA);
 *       the targets are array {@code --targets-key} of {@code --targets} (default: DATA itself, a .npz); the loss
 *       mask is {@code --loss-mask}/{@code --loss-mask-key}, or {@code --recall-steps}, or DATA's array
 *       {@code loss_mask} if DATA is a .npz holding one, or every step. The data's inputs and readouts must match
 *       the model's.</li>
 * </ul>
 * Without DATA the line also has the task's out-of-distribution test (dms: {@code test_accuracy_longer_delay};
 * seq-fashion-mnist: {@code test_accuracy_noisy_input}; with their losses and {@code test_set_*}) and, for the
 * frozen-pattern tasks (pattern-liu, sine-*), {@code test_loss_fresh_input} and {@code training_pattern_loss}: the
 * names and numbers of the run's summary.json. Prints one JSON line; writes nothing.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Test loss and accuracy of a saved model (model.json of train): on its run's held-out test batch,"
                + " and its task's out-of-distribution test (dms: longer delays; seq-fashion-mnist: noisy input; pattern-liu:"
                + " the fresh input noise and the training pattern), as the run's summary.json names them; or on every"
                + " sequence of a data file DATA (.npz/.npy/.csv/SONATA, the formats of training.data).")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by train")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA",
            description = "input spikes to test on: .npz/.npy [n, T, i], CSV sequence,time_ms,neuron, or SONATA .h5")
    Path data;

    @Option(names = "--task", description = "task to test on (default: the model's; shapes must fit); not with DATA")
    String task;

    @Option(names = "--test-batch", description = "test sequences (default: the model's run's --test-batch); not with DATA")
    Integer testBatch;

    @Option(names = "--inputs-key", description = "array of the input spikes in a .npz DATA (default: inputs)")
    String inputsKey;

    @Option(names = "--targets", description = "file of the targets (default: DATA, which must then be a .npz)")
    Path targets;

    @Option(names = "--targets-key", description = "array of the targets in a .npz: float [n, T, k] or integer labels [n]"
            + " (default: targets)")
    String targetsKey;

    @Option(names = "--loss-mask", description = "file of the loss mask [n, T] (default: DATA's array loss_mask if DATA is a"
            + " .npz that has one, else every step counts)")
    Path lossMask;

    @Option(names = "--loss-mask-key", description = "array of the loss mask in a .npz (default: loss_mask)")
    String lossMaskKey;

    @Option(names = "--recall-steps", description = "the error counts in the last N steps only (not with a loss mask)")
    Integer recallSteps;

    @Option(names = "--sequence-ms", description = "sequence length in ms, for event DATA (CSV, SONATA)")
    Double sequenceMs;

    @Option(names = "--input-neurons", description = "input neurons of event DATA (default: the model's inputs)")
    Integer inputNeurons;

    @Option(names = "--population", description = "SONATA population of DATA (default: the only one)")
    String population;

    @Option(names = "--classes", description = "classes of integer labels (default: the model's readouts)")
    Integer classes;

    /** The DataSetSpec field paths as this command's options, longest first. */
    private static final String[][] FIELD_TO_OPTION = {
        {"DATA.inputs.file", "DATA"}, {"DATA.inputs.key", "--inputs-key"}, {"DATA.inputs", "DATA"},
        {"DATA.targets.file", "--targets"}, {"DATA.targets.key", "--targets-key"}, {"DATA.targets", "--targets"},
        {"DATA.loss_mask.file", "--loss-mask"}, {"DATA.loss_mask.key", "--loss-mask-key"},
        {"DATA.loss_mask", "--loss-mask"}, {"DATA.recall_steps", "--recall-steps"},
        {"DATA.sequence_ms", "--sequence-ms"}, {"DATA.input_neurons", "--input-neurons"},
        {"DATA.population", "--population"}, {"DATA.classes", "--classes"},
    };

    @Override
    public Integer call() {
        checkDataOptionValues();
        if (data != null) {
            return callOnData();
        }
        for (Object[] o : new Object[][] {{"--inputs-key", inputsKey}, {"--targets", targets}, {"--targets-key", targetsKey},
            {"--loss-mask", lossMask}, {"--loss-mask-key", lossMaskKey}, {"--recall-steps", recallSteps},
            {"--sequence-ms", sequenceMs}, {"--input-neurons", inputNeurons}, {"--population", population},
            {"--classes", classes}}) {
            if (o[1] != null) {
                throw new IllegalArgumentException(o[0] + " = '" + o[1] + "': must be used with a DATA file to test on"
                        + " (eval MODEL DATA)");
            }
        }
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
        final Evaluation e = m.evaluate(p, m.network(), TrainingRun.heldOutBatch(p, seeds, n));
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.toString());
        out.put("task", p.name());
        out.put("seed", m.seed());
        out.put("iterations_trained", m.completed());
        // a source with its own test split (the user's data) tests on all of it, whatever --test-batch says
        out.put("test_batch", p.source() instanceof HeldOutSource h ? h.testSequences() : n);
        out.put("test_loss", Json.finite("test loss", e.loss()));
        if (p.scoredSteps() > 0) {
            out.put("test_loss_per_symbol", e.loss() / p.scoredSteps());
        }
        out.put("test_accuracy", Double.isFinite(e.accuracy()) && p.scoredSteps() == 0 ? e.accuracy() : null);
        out.put("mean_rate_hz", e.meanRateHz());
        outOfDistribution(m, p, seeds, n, out);
        System.out.println(Json.oneLine(out));
        return 0;
    }

    /**
     * The tests beyond the held-out one, under the names and with the batches of the run's summary.json, so a model
     * evaluates to its run's numbers: a task's out-of-distribution test ({@link OutOfDistributionSource}: dms's
     * longer delays, seq-fashion-mnist's noisy input) as {@code test_accuracy_<name>}, {@code test_loss_<name>},
     * {@code test_set_<name>}; for a frozen-pattern task (pattern-liu, the sine tasks) its test loss on the fresh
     * input noise again as {@code test_loss_fresh_input}, and {@code training_pattern_loss}.
     */
    private static void outOfDistribution(final TrainedModel m, final TaskPreset p, final BatchSeeds seeds, final int n,
                                          final Map<String, Object> out) {
        if (p.source() instanceof OutOfDistributionSource ood && ood.hasOutOfDistribution()) {
            final long seed = TrainingRun.outOfDistributionSeed(seeds);
            final Evaluation o = m.evaluate(p, m.network(), ood.outOfDistributionBatch(n, seed));
            final String k = ood.outOfDistributionName();
            out.put("test_set_" + k, "out of distribution: " + TrainingRun.outOfDistributionSequences(p, n)
                    + " sequences, batch seed " + seed + "; " + ood.outOfDistributionDescription());
            out.put("test_accuracy_" + k, Double.isFinite(o.accuracy()) ? o.accuracy() : null);
            out.put("test_loss_" + k, Json.finite("out-of-distribution test loss", o.loss()));
        }
        if (p.source() instanceof FrozenPatternTask) {
            out.put("test_loss_fresh_input", out.get("test_loss"));
            out.put("training_pattern_loss", Json.finite("training-pattern loss",
                    m.evaluate(p, m.network(), p.source().batch(1, 0)).loss()));
        }
    }

    private Integer callOnData() {
        if (task != null) {
            throw new IllegalArgumentException("--task = '" + task + "': not with DATA (the data file is the test set)");
        }
        if (testBatch != null) {
            throw new IllegalArgumentException("--test-batch = " + testBatch + ": not with DATA (every sequence of DATA"
                    + " is tested)");
        }
        Check.inputFile("DATA", data, "data file (.npz, .npy, .csv, .h5, .hdf5 or .sonata)");
        final String lower = data.toString().toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".npz") || lower.endsWith(".npy") || lower.endsWith(".csv") || isEvents(data))) {
            throw new IllegalArgumentException("DATA = '" + data + "': must be a .npz, .npy, .csv, .h5, .hdf5 or .sonata file");
        }
        if (targets != null) {
            Check.inputFile("--targets", targets, "targets file (.npz, .npy or .csv)");
        }
        if (lossMask != null) {
            Check.inputFile("--loss-mask", lossMask, "loss mask file (.npz or .npy)");
        }
        final boolean npz = lower.endsWith(".npz");
        if (targets == null && !npz) {
            throw new IllegalArgumentException("--targets: missing, must name the targets file when DATA = '" + data
                    + "' is not a .npz holding them");
        }
        if (lossMask == null && lossMaskKey != null && !npz) {
            throw new IllegalArgumentException("--loss-mask-key = '" + lossMaskKey + "': needs --loss-mask, or a .npz DATA"
                    + " (DATA = '" + data + "')");
        }
        final TrainedModel m = TrainedModel.read("MODEL", model);
        if (org.spikering.plasticity.train.LearningRule.NEST_EPROP_IAF.id().equals(m.training().path("--rule").asText())) {
            throw new IllegalArgumentException("MODEL = '" + model + "': trained with rule nest-eprop-iaf, whose network "
                    + "only runs on its task sine-nest-iaf: test it with 'eval MODEL' (no DATA)");
        }
        final RecurrentNetwork net = m.network();
        final Path targetFile = targets != null ? targets : data;
        final boolean maskInData = lossMask == null && lossMaskKey == null && recallSteps == null && npz
                && org.spikering.app.data.Npz.keys(data).contains("loss_mask");
        final Path maskFile = lossMask != null ? lossMask : lossMaskKey != null || maskInData ? data : null;
        final DataSetSpec spec = new DataSetSpec(array(data, inputsKey), array(targetFile, targetsKey),
                maskFile == null ? null : array(maskFile, lossMaskKey), recallSteps, sequenceMs,
                inputNeurons != null ? inputNeurons : isEvents(data) ? net.inputs() : null, population,
                classes, 1.0, null, 0L);
        final UserDataSet d;
        try {
            d = UserData.loadAllAsTest(spec, Path::of, net.params().dtMs(), "DATA", net.outputs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(options(e.getMessage()));
        }
        if (d.inputs() != net.inputs()) {
            throw new IllegalArgumentException("DATA = '" + data + "': has " + d.inputs() + " input neurons, the model ("
                    + model + ") has " + net.inputs());
        }
        if (d.outputs() != net.outputs()) {
            throw new IllegalArgumentException((targets != null ? "--targets = '" + targets : "DATA = '" + data) + "': has "
                    + d.outputs() + (d.loss() == LossKind.CLASSIFICATION_CE ? " classes" : " targets per step")
                    + ", the model (" + model + ") has " + net.outputs() + " readouts");
        }
        final LossKind trainedOn = trainedLoss(m);
        if (trainedOn != null && trainedOn != d.loss()) {
            throw new IllegalArgumentException((targets != null ? "--targets = '" + targets : "DATA = '" + data) + "': holds "
                    + describe(d.loss()) + ", the model was trained on task " + m.task() + " (" + describe(trainedOn) + ")");
        }
        final SequenceBatch test = d.heldOut();
        final Evaluation e = Evaluator.evaluate(net, test, m.testStateHook());
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.toString());
        out.put("data", data.toString());
        out.put("targets", targetFile.toString());
        out.put("loss_mask", maskFile != null ? maskFile + " array " + (lossMaskKey != null ? lossMaskKey : "loss_mask")
                : recallSteps != null ? "the last " + recallSteps + " steps" : "every step");
        out.put("sequences", test.batchSize());
        out.put("steps", test.steps());
        out.put("loss", d.loss() == LossKind.CLASSIFICATION_CE ? "cross-entropy" : "mse");
        out.put("iterations_trained", m.completed());
        out.put("test_loss", Json.finite("test loss", e.loss()));
        out.put("test_accuracy", d.loss() == LossKind.CLASSIFICATION_CE && Double.isFinite(e.accuracy()) ? e.accuracy() : null);
        out.put("mean_rate_hz", e.meanRateHz());
        System.out.println(Json.oneLine(out));
        return 0;
    }

    /** Range checks of the DATA options, before anything is read. */
    private void checkDataOptionValues() {
        for (Object[] o : new Object[][] {{"--inputs-key", inputsKey}, {"--targets-key", targetsKey},
            {"--loss-mask-key", lossMaskKey}, {"--population", population}}) {
            if (o[1] != null && ((String) o[1]).isBlank()) {
                throw new IllegalArgumentException(o[0] + " = '" + o[1] + "': must be a non-empty name");
            }
        }
        for (Object[] o : new Object[][] {{"--recall-steps", recallSteps, 1}, {"--input-neurons", inputNeurons, 1},
            {"--classes", classes, 2}}) {
            if (o[1] != null && (Integer) o[1] < (Integer) o[2]) {
                throw new IllegalArgumentException(o[0] + " = " + o[1] + ": must be >= " + o[2]);
            }
        }
        if (inputNeurons != null && inputNeurons > 10_000_000) {
            throw new IllegalArgumentException("--input-neurons = " + inputNeurons + ": must be <= 10000000");
        }
        if (classes != null && classes > 10_000) {
            throw new IllegalArgumentException("--classes = " + classes + ": must be <= 10000");
        }
        if (sequenceMs != null && !(sequenceMs > 0 && sequenceMs < 1e9)) {
            throw new IllegalArgumentException("--sequence-ms = " + sequenceMs + ": must be a number of ms > 0 and < 1e9");
        }
    }

    private static boolean isEvents(final Path p) {
        final String n = p.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".sonata");
    }

    private static DataArray array(final Path file, final String key) {
        return new DataArray(file.toString(), key == null ? null : key);
    }

    /** The loss of the built-in task the model was trained on, or null if its task is not a built-in one. */
    private static LossKind trainedLoss(final TrainedModel m) {
        return java.util.Arrays.asList(TaskPreset.NAMES).contains(m.task())
                ? TaskPreset.of(m.task(), m.seed()).source().loss() : null;
    }

    private static String describe(final LossKind k) {
        return k == LossKind.CLASSIFICATION_CE ? "class labels: classification" : "float targets: regression";
    }

    /** Rewrites the DataSetSpec field paths of a message as this command's options. */
    private static String options(final String message) {
        String s = message;
        for (String[] f : FIELD_TO_OPTION) {
            s = s.replace(f[0], f[1]);
        }
        return s;
    }
}
