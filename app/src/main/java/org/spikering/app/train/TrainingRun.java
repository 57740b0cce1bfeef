package org.spikering.app.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.data.WeightsNpz;
import org.spikering.app.report.Csv;
import org.spikering.app.report.HardwareBlock;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.Progress;
import org.spikering.app.task.FourSixBackTask;
import org.spikering.app.task.FrozenPatternTask;
import org.spikering.app.task.HeldOutSource;
import org.spikering.app.task.OutOfDistributionSource;
import org.spikering.app.task.TaskPreset;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.counters.TrajectoryCounter;
import org.spikering.hw.counters.WeightChangeCounter;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.optim.Optimizer;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.Evaluation;
import org.spikering.plasticity.train.Evaluator;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;
import org.spikering.plasticity.train.TrainingDivergedException;

/**
 * Trains a task with a rule and writes the learning curve: {@code learning_curve.csv} (iteration, loss per
 * sequence, loss per scored step, batch accuracy (−1 where undefined: regression), mean rate in Hz),
 * {@code learning_curve.png}, for classification tasks {@code test_curve.csv} (iteration, test accuracy, test
 * loss) every {@code evalEvery} updates on a fixed held-out batch ({@link BatchSeeds}: never trained on) and
 * {@code test_accuracy.png}, and {@code summary.json} with a {@code test_set} line saying what the test set is and a
 * {@code hardware} block ({@link HardwareBlock}):
 * the operations of training counted exactly — spikes, input spikes, synaptic operations and neuron updates of
 * every simulated training sequence ({@link TrajectoryCounter}), weights changed by each update
 * ({@link WeightChangeCounter}, after the hook), weight memory (all weights × {@link #withWeightBits weight bits})
 * and neuron state memory — with the Loihi energy estimate, and {@value #MODEL_FILE}, the trained network and
 * optimizer state with the settings ({@link TrainedModel}), with its weights for Python in {@code weights.npz}
 * ({@link WeightsNpz}). A run whose loss or weights become non-finite stops
 * with {@link TrainingDivergedException}; the files then hold the finite iterations before it.
 *
 * <p>Tasks trained on one frozen pattern ({@link FrozenPatternTask}: the sine tasks) have nothing held out; they are
 * tested after the last update on {@code testBatch} sequences of the same target with fresh input noise (summary
 * {@code test_loss_fresh_input}, loss per sequence averaged over them) and, separately and named so, on the training
 * pattern itself ({@code training_pattern_loss}, evaluated without learning).
 *
 * <p>With {@link #withCheckpoints} a {@link TrainCheckpoint} is written every N iterations; {@link #withResume}
 * continues from one, and the weights, curves and counters at the end are bit-identical to an uninterrupted run with
 * the same settings (batch n comes from its own seed, so nothing else carries over; see {@link TrainCheckpoint}).
 */
public final class TrainingRun {

    /** File of the trained network in the result set ({@link TrainedModel}). */
    public static final String MODEL_FILE = "model.json";
    /** File of the resolved spec in the result set (with {@link #withSpec}). */
    public static final String SPEC_FILE = "spec.yaml";

    /**
     * What a run produced.
     *
     * @param curve               one result per completed update.
     * @param tests               test evaluations, each {iteration, accuracy, loss per scored step}.
     * @param finalLoss           training loss of the last completed update.
     * @param testAccuracy        last test accuracy (NaN if never evaluated).
     * @param testLossPerStep     last test loss per scored step (per sequence if the task has no scored steps).
     * @param divergedAtIteration the update at which training diverged, or null.
     * @param wallSeconds         wall-clock time of the training loop.
     * @param heldOut             the trained network on the test batch (loss per sequence, accuracy, rate): held-out
     *                            sequences, or for a {@link FrozenPatternTask} its target with fresh input noise;
     *                            null if diverged.
     * @param counters            operation counts of training (see the class comment).
     * @param trainingPattern     for a {@link FrozenPatternTask}, the trained network on its training pattern (no
     *                            learning); else null; null if diverged.
     * @param stoppedEarlyAtIteration the last update before early stopping ended the run, or null.
     */
    public record Outcome(List<IterationResult> curve, List<double[]> tests, double finalLoss, double testAccuracy,
                          double testLossPerStep, Integer divergedAtIteration, double wallSeconds, Evaluation heldOut,
                          OperationCounters counters, Evaluation trainingPattern, Integer stoppedEarlyAtIteration) {
    }

    private final TaskPreset preset;
    private final LearningRule rule;
    private final Computation computation;
    private final long seed;
    private WeightUpdateHook hook = WeightUpdateHook.NONE;
    private WeightClip clip = WeightClip.nestDefault();
    private EnergyModel energy = EnergyModel.loihi();
    private int weightBits = 64;
    private RecurrentNetwork initial;
    private String initialLabel;
    private Path checkpointDir;
    private int checkpointEvery;
    private TrainCheckpoint resume;
    private String resumeOption;
    private Object resumeWhere;
    private TrainedModel trained;
    private org.spikering.app.spec.Spec spec;
    private int patience;
    private double minDelta;
    private int testSequences;
    private long testSeed;
    /** The trained network on the task's out-of-distribution test set ({@link OutOfDistributionSource}), or null. */
    private Evaluation outOfDistribution;
    private long outOfDistributionSeed;
    private Double plasticFraction;
    private org.spikering.hw.fixedpoint.StateQuantizer stateQuantiser;
    private long stateTestSeed;
    private Map<String, org.spikering.hw.fixedpoint.RoundingStream> roundingStreams = Map.of();
    /** With {@link #withStepLengthOf}: the rule whose step length BPTT takes; else null. */
    private LearningRule stepLengthOf;
    /** Per completed iteration {α, cos} of the matched BPTT (with {@link #withStepLengthOf}). */
    private final List<double[]> stepLengths = new ArrayList<>();
    /** {@code training.analysis}, or null. */
    private TrainingAnalysis analysis;
    /** Its rows so far ({@link TrainingAnalysis#header}). */
    private final List<double[]> analysisRows = new ArrayList<>();
    /** {@code training.flossing}, or null. */
    private org.spikering.app.spec.training.FlossingSpec flossing;
    /** The input of each flossing epoch. */
    private java.util.function.IntFunction<float[]> flossingInput;
    /** The flossing history of this run ({@link org.spikering.plasticity.analysis.Flossing#pretrain}), or null. */
    private List<double[]> flossingHistory;

    /**
     * @param preset      task and network.
     * @param rule        learning rule.
     * @param computation gradient computation.
     * @param seed        seed of batches and random feedback.
     */
    public TrainingRun(final TaskPreset preset, final LearningRule rule, final Computation computation, final long seed) {
        this.preset = preset;
        this.rule = rule;
        this.computation = computation;
        this.seed = seed;
    }

    /**
     * Trains with BPTT scaled to another rule's step length each iteration
     * ({@link org.spikering.plasticity.bptt.MatchedStepLengthBptt}; {@code training.bptt_step_length_of}): the rule of
     * this run must be bptt. learning_curve.csv gets the columns {@code alpha} and {@code cosine}, summary.json
     * {@code step_length_of} and {@code mean_alpha}.
     *
     * @param other the rule whose step length is matched, or null for plain BPTT.
     * @return this.
     */
    public TrainingRun withStepLengthOf(final LearningRule other) {
        if (other != null && rule != LearningRule.BPTT) {
            throw new IllegalArgumentException("training.bptt_step_length_of = '" + other.id() + "': only with rule"
                    + " bptt, not " + rule.id());
        }
        this.stepLengthOf = other;
        return this;
    }

    /**
     * @param limit weights are clipped to [−limit, limit] after each update; infinity = no clipping.
     * @return this.
     */
    public TrainingRun withWeightClip(final double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("--weight-clip = " + limit + ": must be > 0 (use Infinity for none)");
        }
        this.clip = new WeightClip(-limit, limit);
        return this;
    }

    /**
     * @param h hook applied to gradients and weights (e.g. hardware constraints).
     * @return this.
     */
    public TrainingRun withHook(final WeightUpdateHook h) {
        this.hook = h;
        return this;
    }

    /**
     * @param e per-operation energies for the summary's hardware block (default {@link EnergyModel#loihi()}).
     * @return this.
     */
    public TrainingRun withEnergyModel(final EnergyModel e) {
        if (e == null) {
            throw new IllegalArgumentException("energy model: must not be null");
        }
        this.energy = e;
        return this;
    }

    /**
     * @param bits bits per stored weight for the weight-memory counter, 1..64 (default 64: Java doubles).
     * @return this.
     */
    public TrainingRun withWeightBits(final int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("weight bits = " + bits + ": must be in [1, 64]");
        }
        this.weightBits = bits;
        return this;
    }

    /**
     * Holds the neuron state at limited precision in every training forward pass ({@code quantiser}, given to the
     * gradient computer: {@link GradientComputer#setStateHook}) and every test evaluation (a copy with its own
     * stream seeded {@code testSeed} afresh for each evaluation, sharing the overflow counters). The summary gets a
     * {@code state_precision} block with the formats and the saturations counted.
     *
     * @param quantiser the training quantiser (its stream should also be given to {@link #withRoundingStreams}).
     * @param testSeed  seed of each test evaluation's stochastic-rounding stream.
     * @return this.
     */
    public TrainingRun withStatePrecision(final org.spikering.hw.fixedpoint.StateQuantizer quantiser, final long testSeed) {
        this.stateQuantiser = quantiser;
        this.stateTestSeed = testSeed;
        return this;
    }

    /**
     * @param streams the stochastic-rounding streams whose state a checkpoint saves and {@link #withResume} restores,
     *                by name (weights.input, weights.recurrent, weights.output, state): a resumed run then rounds as an
     *                uninterrupted one.
     * @return this.
     */
    public TrainingRun withRoundingStreams(final Map<String, org.spikering.hw.fixedpoint.RoundingStream> streams) {
        this.roundingStreams = Map.copyOf(new LinkedHashMap<>(streams));
        return this;
    }

    /** @return the quantiser of one test evaluation (a fresh stream), or none. */
    private org.spikering.plasticity.network.StateUpdateHook testQuantiser() {
        return stateQuantiser == null ? org.spikering.plasticity.network.StateUpdateHook.NONE
                : stateQuantiser.withStream(stateTestSeed);
    }

    /** The overflow counters a checkpoint keeps, by name. */
    private Map<String, org.spikering.hw.fixedpoint.OverflowCounter> overflowCounters() {
        final Map<String, org.spikering.hw.fixedpoint.OverflowCounter> m = new LinkedHashMap<>();
        if (stateQuantiser != null) {
            m.put("state.v", stateQuantiser.vOverflow());
            m.put("state.a", stateQuantiser.aOverflow());
        }
        return m;
    }

    /**
     * @param net   the network to start from instead of the task's (e.g. a saved model), same shapes.
     * @param label what it is, recorded in the settings as {@code --init-from} (e.g. the model file).
     * @return this.
     */
    public TrainingRun withInitialNetwork(final RecurrentNetwork net, final String label) {
        this.initial = net.copy();
        this.initialLabel = label;
        return this;
    }

    /**
     * @param fraction the share of all weights that may change (the hardware section's mask), written into the summary
     *                 as {@code plastic_fraction}.
     * @return this.
     */
    public TrainingRun withPlasticFraction(final double fraction) {
        this.plasticFraction = fraction;
        return this;
    }

    /**
     * @param s the spec the run comes from: saved with the model ({@link TrainedModel#spec}), written as
     *          {@value #SPEC_FILE} into the result folder, and its training section is part of the settings a checkpoint
     *          must match.
     * @return this.
     */
    public TrainingRun withSpec(final org.spikering.app.spec.Spec s) {
        this.spec = s;
        return this;
    }

    /**
     * @param f     {@code training.flossing}, or null for none.
     * @param input the input of each epoch (T × inputs, T = warmup + steps + 1).
     * @return this.
     */
    public TrainingRun withFlossing(final org.spikering.app.spec.training.FlossingSpec f,
            final java.util.function.IntFunction<float[]> input) {
        this.flossing = f;
        this.flossingInput = input;
        return this;
    }

    /**
     * @param a the measurements of {@code training.analysis} ({@link TrainingAnalysis}), or null for none.
     * @return this.
     */
    public TrainingRun withAnalysis(final TrainingAnalysis a) {
        this.analysis = a;
        return this;
    }

    /**
     * Early stopping: every task is tested every {@code evalEvery} updates (the sine tasks on fresh input noise), and
     * the run ends when the test loss per sequence has not fallen below the best so far minus {@code delta} for
     * {@code tests} tests in a row; {@link Outcome#stoppedEarlyAtIteration} says where.
     *
     * @param tests patience, &ge; 1.
     * @param delta smallest decrease that counts, &ge; 0.
     * @return this.
     */
    public TrainingRun withEarlyStopping(final int tests, final double delta) {
        if (tests < 1 || !(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("early stopping patience = " + tests + ", min_delta = " + delta
                    + ": need patience >= 1 and a finite min_delta >= 0");
        }
        this.patience = tests;
        this.minDelta = delta;
        return this;
    }

    /**
     * Writes a {@link TrainCheckpoint} into {@code dir} after every {@code every} iterations (not after the last).
     *
     * @param dir   the checkpoint folder.
     * @param every iterations between checkpoints, &ge; 1.
     * @return this.
     */
    public TrainingRun withCheckpoints(final Path dir, final int every) {
        if (every < 1) {
            throw new IllegalArgumentException("--checkpoint-every = " + every + ": must be >= 1 (or 0 for none)");
        }
        this.checkpointDir = dir;
        this.checkpointEvery = every;
        return this;
    }

    /**
     * Continues from a checkpoint; {@link #run} refuses it (one line naming {@code option}) if it was made with other
     * settings.
     *
     * @param cp     the checkpoint.
     * @param option the option that named it, for messages.
     * @param where  the checkpoint's location, for messages.
     * @return this.
     */
    public TrainingRun withResume(final TrainCheckpoint cp, final String option, final Object where) {
        this.resume = cp;
        this.resumeOption = option;
        this.resumeWhere = where;
        return this;
    }

    /**
     * The settings that determine the run bit for bit, keyed by the {@code train} option that sets them: a checkpoint
     * can resume only a run with equal settings; saved with the model.
     */
    private com.fasterxml.jackson.databind.node.ObjectNode settings(final int iterations, final int batchSize,
            final double eta, final int evalEvery, final int testBatch) {
        final com.fasterxml.jackson.databind.node.ObjectNode o = Json.object();
        o.put("--task", preset.name());
        o.put("--rule", rule.id());
        o.put("--computation", computation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        o.put("--seed", seed);
        o.put("--iterations", iterations);
        o.put("--batch", batchSize);
        o.put("--lr", eta);
        o.put("--eval-every", evalEvery);
        o.put("--test-batch", testBatch);
        o.put("--weight-clip", Double.toString(clip.wMax()));
        o.put("--init-from", initialLabel);
        o.put("hook", hook == WeightUpdateHook.NONE ? "none" : hook.getClass().getName());
        if (stepLengthOf != null) {
            o.put("step_length_of", stepLengthOf.id());
        }
        if (spec != null && spec.has("hardware") && stateQuantiser != null) {
            o.set("spec.hardware.state", spec.tree().get("hardware").get("state"));
        }
        if (spec != null && spec.has("training")) {
            final com.fasterxml.jackson.databind.node.ObjectNode t = (com.fasterxml.jackson.databind.node.ObjectNode)
                    spec.tree().get("training");
            t.remove("checkpoint_every"); // where checkpoints go does not change the run
            o.set("spec.training", t);
        }
        try { // normalise number node types as a file read gives them
            return (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(o));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the network and optimizer state after the last {@link #run} (null before). */
    public TrainedModel trainedModel() {
        return trained;
    }

    /**
     * @param iterations  number of updates, &ge; 1.
     * @param batchSize   sequences per update, &ge; 1.
     * @param eta         learning rate.
     * @param evalEvery   evaluate test accuracy every this many iterations (classification).
     * @param testBatch   test sequences.
     * @param progress    where the progress goes (stderr; a bar or lines, {@link Progress}), or null for none.
     * @return the outcome.
     */
    public Outcome run(final int iterations, final int batchSize, final double eta, final int evalEvery,
                       final int testBatch, final PrintStream progress) {
        try (Progress bar = Progress.start("train", "iterations", resume != null ? resume.model().completed() : 0,
                iterations, progress)) {
            return runShowing(iterations, batchSize, eta, evalEvery, testBatch, bar);
        }
    }

    /**
     * @param iterations  number of updates, &ge; 1.
     * @param batchSize   sequences per update, &ge; 1.
     * @param eta         learning rate.
     * @param evalEvery   evaluate test accuracy every this many iterations (classification).
     * @param testBatch   test sequences.
     * @param bar         the progress, counting iterations from the checkpoint's (0 without {@link #withResume}) to
     *                    {@code iterations}; the caller closes it.
     * @return the outcome.
     */
    public Outcome runShowing(final int iterations, final int batchSize, final double eta, final int evalEvery,
                              final int testBatch, final Progress bar) {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations = " + iterations + ": must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch = " + batchSize + ": must be >= 1");
        }
        if (evalEvery < 1 || testBatch < 1) {
            throw new IllegalArgumentException("--eval-every = " + evalEvery + ", --test-batch = " + testBatch
                    + ": both must be >= 1");
        }
        final com.fasterxml.jackson.databind.node.ObjectNode settings = settings(iterations, batchSize, eta, evalEvery, testBatch);
        if (resume != null) {
            resume.checkSettings(settings, resumeOption, resumeWhere);
            if (rule == LearningRule.UORO || rule == LearningRule.KF_RTRL || rule == LearningRule.KERNL) {
                throw new IllegalArgumentException(resumeOption + " = '" + resumeWhere + "': rule " + rule.id()
                        + " keeps state the checkpoint does not hold (its random stream" + (rule == LearningRule.KERNL
                        ? ", its learned A and γ" : "") + "), so a resumed run would differ from an uninterrupted one;"
                        + " must start afresh (without --resume)");
            }
        }
        if (rule == LearningRule.REWARD_EPROP && resume != null) {
            throw new IllegalArgumentException(resumeOption + " = '" + resumeWhere + "': not with rule reward-eprop (its"
                    + " critic is not saved in checkpoints)");
        }
        if (rule == LearningRule.NEST_EPROP_IAF) {
            return runNestIaf(settings, iterations, batchSize, eta, testBatch, bar);
        }
        final BatchSeeds seeds = new BatchSeeds(seed, iterations);
        final RecurrentNetwork net = resume != null ? resume.model().network().copy()
                : initial != null ? initial.copy() : preset.network().copy();
        final OperationCounters counters = new OperationCounters();
        final org.spikering.plasticity.bptt.MatchedStepLengthBptt matched;
        if (stepLengthOf != null) {
            preset.requireRule(rule);
            preset.requireRule(stepLengthOf);
            matched = Rules.matchedBptt(stepLengthOf, computation, preset.network(), seed, preset.feedbackGain());
        } else {
            matched = null;
        }
        final GradientComputer computer = matched != null ? matched : preset.computer(rule, computation, seed);
        stepLengths.clear();
        if (resume != null && matched != null) {
            if (resume.stepLength() == null) {
                throw new IllegalArgumentException(resumeOption + " = '" + resumeWhere + "': the checkpoint has no step"
                        + " lengths (made without training.bptt_step_length_of; settings must match to resume)");
            }
            for (double[] x : resume.stepLength()) {
                stepLengths.add(x.clone());
            }
        }
        computer.setTrajectoryListener(new TrajectoryCounter(counters));
        if (stateQuantiser != null) {
            computer.setStateHook(stateQuantiser);
        }
        final Optimizer optimizer = preset.optimizer(eta);
        final int start = resume != null ? resume.model().completed() : 0;
        if (resume != null) {
            optimizer.importState(resume.model().state());
            resume.restoreCounters(counters);
            resume.restoreRounding(roundingStreams, overflowCounters(), resumeOption, resumeWhere);
        }
        final Trainer trainer = new Trainer(net, computer, optimizer, clip,
                new WeightChangeCounter(net, hook, counters));
        trainer.resumeAfter(start);
        final boolean classification = preset.source().loss() == LossKind.CLASSIFICATION_CE;
        flossingHistory = null;
        if (flossing != null) {
            // before the first update; a resumed run repeats it on a copy of its start (the same bits) for the history
            final RecurrentNetwork flossed = resume == null ? net
                    : initial != null ? initial.copy() : preset.network().copy();
            flossingHistory = org.spikering.plasticity.analysis.Flossing.pretrain(flossed, flossingInput, flossing.epochs(),
                    flossing.exponents(), flossing.warmup(), flossing.lr(), seed, flossing.gradientKind());
            if (resume == null) {
                final double[] first = flossingHistory.get(0);
                final double[] last = flossingHistory.get(flossingHistory.size() - 1);
                bar.note(String.format(java.util.Locale.ROOT, "flossing, %d epochs: lambda_1 %.4g -> %.4g per step, loss"
                        + " %.4g -> %.4g", flossing.epochs(), first[1], last[1], first[0], last[0]));
            }
        }
        final SequenceBatch test = heldOutBatch(preset, seeds, testBatch);
        testSequences = testBatch;
        testSeed = seeds.heldOut();
        analysisRows.clear();
        final SequenceBatch analysisTrain;
        final SequenceBatch analysisOod;
        if (analysis != null) {
            analysisTrain = preset.source() instanceof FrozenPatternTask ? preset.source().batch(1, 0)
                    : preset.source().batch(testBatch, seeds.training(0));
            analysisOod = preset.source() instanceof OutOfDistributionSource ood && ood.hasOutOfDistribution()
                    ? ood.outOfDistributionBatch(testBatch, outOfDistributionSeed(seeds)) : null;
            if (resume != null) {
                if (resume.analysis() == null) {
                    throw new IllegalArgumentException(resumeOption + " = '" + resumeWhere + "': the checkpoint has no"
                            + " analysis rows (made without training.analysis; settings must match to resume)");
                }
                for (double[] x : resume.analysis()) {
                    analysisRows.add(x.clone());
                }
            } else {
                analysisRows.add(analysis.row(0, net, preset.source().batch(batchSize, seeds.training(0)), analysisTrain,
                        test, analysisOod, this::testQuantiser));
            }
        } else {
            analysisTrain = null;
            analysisOod = null;
        }
        final List<IterationResult> curve = new ArrayList<>();
        final List<double[]> tests = new ArrayList<>();
        final double wallBefore = resume != null ? resume.wallSeconds() : 0;
        final long t0 = System.nanoTime();
        Integer diverged = null;
        Evaluation last = null;
        if (resume != null) {
            curve.addAll(resume.curve());
            for (double[] t : resume.tests()) {
                tests.add(t.clone());
            }
            last = resume.last();
        }
        Integer stoppedEarly = null;
        final EarlyStop stop = patience > 0 ? new EarlyStop(patience, minDelta) : null;
        if (stop != null) {
            for (double[] t : tests) {
                stop.observe(t[2]);
            }
        }
        try {
            for (int n = start; n < iterations; n++) {
                if (n == iterations - 1 && rule == LearningRule.NEST_EPROP) {
                    Rules.nestFinalUpdate(computer);
                }
                final IterationResult r = trainer.step(preset.source().batch(batchSize, seeds.training(n)));
                curve.add(r);
                if (matched != null) {
                    stepLengths.add(new double[] {matched.lastStepLength(), matched.lastCosine()});
                }
                if ((classification || stop != null) && ((n + 1) % evalEvery == 0 || n == iterations - 1)) {
                    last = Evaluator.evaluate(trainer.network(), test, testQuantiser());
                    tests.add(new double[] {n + 1, last.accuracy(), perStep(last.loss())});
                    if (stop != null && stop.observe(perStep(last.loss())) && n + 1 < iterations) {
                        stoppedEarly = n + 1;
                        bar.note(String.format("early stopping after iteration %d: test loss not below the"
                                + " best %.5g minus %.3g for %d tests", n + 1, stop.best(), minDelta, patience));
                        break;
                    }
                }
                if (analysis != null && ((n + 1) % analysis.every() == 0 || n == iterations - 1)) {
                    analysisRows.add(analysis.row(n + 1, trainer.network(), preset.source().batch(batchSize,
                            seeds.training(Math.min(n + 1, iterations - 1))), analysisTrain, test, analysisOod,
                            this::testQuantiser));
                }
                bar.stepTo(n + 1, progressDetail(r, tests));
                if (checkpointDir != null && (n + 1) % checkpointEvery == 0 && n + 1 < iterations) {
                    new TrainCheckpoint(new TrainedModel(settings, n + 1, net, optimizerKind(optimizer), optimizer.exportState()),
                            curve, tests, last, TrainCheckpoint.countersOf(counters),
                            wallBefore + (System.nanoTime() - t0) / 1e9)
                            .withRounding(TrainCheckpoint.roundingOf(roundingStreams, overflowCounters()))
                            .withStepLength(matched == null ? null : List.copyOf(stepLengths))
                            .withAnalysis(analysis == null ? null : List.copyOf(analysisRows))
                            .write(checkpointDir);
                }
            }
        } catch (TrainingDivergedException e) {
            diverged = curve.size() + 1;
            bar.note("training diverged: " + e.getMessage());
        }
        if (analysis != null && diverged == null && !analysisRows.isEmpty()
                && analysisRows.get(analysisRows.size() - 1)[0] != curve.size()) {
            // stopped early between two points: measure where it stopped
            analysisRows.add(analysis.row(curve.size(), net, preset.source().batch(batchSize,
                    seeds.training(curve.size() - 1)), analysisTrain, test, analysisOod, this::testQuantiser));
        }
        final double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
        trained = new TrainedModel(settings, curve.size(), net.copy(), optimizerKind(optimizer), optimizer.exportState(),
                modelSpec(), spec == null || spec.baseDir() == null ? null : spec.baseDir().toAbsolutePath().toString());
        final Evaluation heldOut = diverged != null ? null : classification || stoppedEarly != null && last != null
                ? last : Evaluator.evaluate(net, test, testQuantiser());
        outOfDistribution = null;
        if (diverged == null && preset.source() instanceof OutOfDistributionSource ood && ood.hasOutOfDistribution()) {
            outOfDistributionSeed = outOfDistributionSeed(seeds);
            outOfDistribution = Evaluator.evaluate(net, ood.outOfDistributionBatch(testBatch, outOfDistributionSeed),
                    testQuantiser());
            bar.note(String.format("test, %d sequences out of distribution (%s): accuracy %.4g, loss %.5g per sequence",
                    outOfDistributionSequences(preset, testBatch), ood.outOfDistributionName(),
                    outOfDistribution.accuracy(), outOfDistribution.loss()));
        }
        final Evaluation trainingPattern = diverged != null || !(preset.source() instanceof FrozenPatternTask) ? null
                : Evaluator.evaluate(net, preset.source().batch(1, 0), testQuantiser());
        if (trainingPattern != null) {
            bar.note(String.format("test, %d sequences of %s: loss %.5g per sequence; the training pattern: loss %.5g",
                    testBatch, ((FrozenPatternTask) preset.source()).freshInputDescription(), heldOut.loss(),
                    trainingPattern.loss()));
        }
        countMemory(counters, net);
        final double testAcc = tests.isEmpty() ? Double.NaN : tests.get(tests.size() - 1)[1];
        final double testLoss = tests.isEmpty() ? Double.NaN : tests.get(tests.size() - 1)[2];
        return new Outcome(curve, tests, curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).loss(), testAcc, testLoss,
                diverged, wall, heldOut, counters, trainingPattern, stoppedEarly);
    }

    /**
     * Rule nest-eprop-iaf ({@link NestIafTraining}): NEST's learner trains on the task's sequences, {@code batchSize}
     * per iteration one after the other, learning continuously; no checkpoints, hooks or early stopping (the spec
     * check rejects them). The model holds the weights as NEST shows them at the end (each synapse's weight after its
     * last spike) and no optimizer state.
     */
    private Outcome runNestIaf(final com.fasterxml.jackson.databind.node.ObjectNode settings, final int iterations,
                               final int batchSize, final double eta, final int testBatch, final Progress bar) {
        if (spec == null || !(preset.source() instanceof org.spikering.app.task.NestIafSineTask task)) {
            throw new IllegalArgumentException("--rule = 'nest-eprop-iaf': needs a spec with task sine-nest-iaf");
        }
        if (resume != null || hook != WeightUpdateHook.NONE || weightBits != 64 || checkpointDir != null || patience > 0
                || stateQuantiser != null) {
            throw new IllegalArgumentException("--rule = 'nest-eprop-iaf': no --resume, checkpoints, hardware constraints"
                    + ", early stopping or state precision (set training.checkpoint_every: 0)");
        }
        final org.spikering.app.spec.TrainingSpec ts = spec.section("training", org.spikering.app.spec.TrainingSpec.class);
        final RecurrentNetwork start = initial != null ? initial.copy() : preset.network().copy();
        final org.spikering.plasticity.nestiaf.NestIafLearner learner =
                NestIafTraining.learner(ts, start, task, eta, clip.wMax());
        final BatchSeeds seeds = new BatchSeeds(seed, iterations);
        final SequenceBatch test = heldOutBatch(preset, seeds, testBatch);
        testSequences = testBatch;
        testSeed = seeds.heldOut();
        final List<IterationResult> curve = new ArrayList<>();
        Integer diverged = null;
        final long t0 = System.nanoTime();
        for (int n = 0; n < iterations; n++) {
            final double[] r = NestIafTraining.present(learner, preset.source().batch(batchSize, seeds.training(n)), true);
            if (!Double.isFinite(r[0])) {
                diverged = n + 1;
                bar.note("training diverged: loss " + r[0] + " at iteration " + (n + 1));
                break;
            }
            final IterationResult it = new IterationResult(n + 1, r[0], Double.NaN, r[1]);
            curve.add(it);
            bar.stepTo(n + 1, progressDetail(it, List.of()));
        }
        final double wall = (System.nanoTime() - t0) / 1e9;
        final RecurrentNetwork net = NestIafTraining.network(learner, start);
        trained = new TrainedModel(settings, curve.size(), net.copy(), "nest-" + learner.optimizer().kind().externalName(),
                java.util.Map.of(), modelSpec(), spec.baseDir() == null ? null : spec.baseDir().toAbsolutePath().toString());
        final Evaluation heldOut = diverged != null ? null : NestIafTraining.evaluate(ts, net, task, test);
        final Evaluation trainingPattern = diverged != null ? null
                : NestIafTraining.evaluate(ts, net, task, preset.source().batch(1, 0));
        if (trainingPattern != null) {
            bar.note(String.format("test, %d sequences of %s: loss %.5g per sequence; the training pattern: loss %.5g",
                    testBatch, task.freshInputDescription(), heldOut.loss(), trainingPattern.loss()));
        }
        final OperationCounters counters = new OperationCounters();
        final long[] k = learner.counts(); // training only (the tests ran on fresh learners)
        counters.addSpikes(k[0]);
        counters.addInputSpikes(k[1]);
        counters.addSynapticOps(k[2]);
        counters.addWeightUpdates(k[3]);
        counters.addNeuronUpdates(k[4]);
        countMemory(counters, net);
        return new Outcome(curve, new ArrayList<>(), curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).loss(),
                Double.NaN, Double.NaN, diverged, wall, heldOut, counters, trainingPattern, null);
    }

    /**
     * The spec saved with the model: the run's resolved spec without its {@code output} section (where a run's files
     * went is not part of the model; a resumed run and an uninterrupted one save the same model), or null.
     */
    private com.fasterxml.jackson.databind.node.ObjectNode modelSpec() {
        if (spec == null) {
            return null;
        }
        final com.fasterxml.jackson.databind.node.ObjectNode t = (com.fasterxml.jackson.databind.node.ObjectNode) spec.tree();
        t.remove("output");
        return t;
    }

    /** Patience counter of early stopping on the test loss. */
    private static final class EarlyStop {
        private final int patience;
        private final double minDelta;
        private double best = Double.POSITIVE_INFINITY;
        private int bad;

        EarlyStop(final int patience, final double minDelta) {
            this.patience = patience;
            this.minDelta = minDelta;
        }

        /** @return whether this test is the patience-th in a row without an improvement by more than min_delta. */
        boolean observe(final double loss) {
            if (loss < best - minDelta) {
                best = loss;
                bad = 0;
            } else {
                bad++;
            }
            return bad >= patience;
        }

        double best() {
            return best;
        }
    }

    /**
     * The held-out test batch of a run; {@code eval} uses it too, so a saved model evaluates to the run's final numbers.
     * A {@link HeldOutSource} (the user's data) gives its own test split, whatever {@code testBatch}.
     *
     * @param preset    the task.
     * @param seeds     the run's batch seeds.
     * @param testBatch test sequences.
     * @return the batch.
     */
    public static SequenceBatch heldOutBatch(final TaskPreset preset, final BatchSeeds seeds, final int testBatch) {
        if (preset.source() instanceof HeldOutSource h) {
            return h.heldOut();
        }
        return preset.source() instanceof FrozenPatternTask f
                ? f.freshInputBatch(testBatch, seeds.heldOut()) : preset.source().batch(testBatch, seeds.heldOut());
    }

    /**
     * @param preset    the task.
     * @param testBatch the run's test sequences.
     * @return sequences of the out-of-distribution test: a {@link HeldOutSource}'s whole test set (its test is every
     *         test sequence), else {@code testBatch}.
     */
    public static int outOfDistributionSequences(final TaskPreset preset, final int testBatch) {
        return preset.source() instanceof HeldOutSource h ? h.testSequences() : testBatch;
    }

    /** @return the last run's network on the task's out-of-distribution test set, or null (none, or diverged). */
    public Evaluation outOfDistribution() {
        return outOfDistribution;
    }

    /**
     * @param seeds the run's batch seeds.
     * @return the out-of-distribution batch's seed: the held-out seed XOR 0x00D, moved on until no training batch
     *         uses it (its trials follow another protocol anyway; this keeps its cues independent of the test set's).
     */
    public static long outOfDistributionSeed(final BatchSeeds seeds) {
        long h = seeds.heldOut() ^ 0x00DL;
        while (seeds.isTraining(h) || h == seeds.heldOut()) {
            h++;
        }
        return h;
    }

    private static boolean allFinite(final RecurrentNetwork net) {
        for (double[] w : new double[][] {net.wIn(), net.wRec(), net.wOut()}) {
            for (double v : w) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param o the outcome of {@link #run}.
     * @return the files {@link #write} writes for it: the result set of {@code train}.
     */
    public String[] resultFiles(final Outcome o) {
        final List<String> f = new ArrayList<>(List.of("learning_curve.csv", "summary.json"));
        if (!o.curve().isEmpty()) {
            f.add("learning_curve.png");
        }
        if (!o.tests().isEmpty()) {
            f.add("test_curve.csv");
        }
        if (analysis != null && !analysisRows.isEmpty()) {
            f.add("analysis.csv");
            f.add("analysis.png");
        }
        if (flossingHistory != null) {
            f.add("flossing.csv");
        }
        if (trained != null && allFinite(trained.network())) {
            f.add(MODEL_FILE);
            f.add(WeightsNpz.FILE);
        }
        if (spec != null) {
            f.add(SPEC_FILE);
        }
        return f.toArray(new String[0]);
    }

    private static String optimizerKind(final Optimizer o) {
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Weight memory: every entry of W_in, W_rec and W_out at {@code weightBits}. State memory: per recurrent neuron
     * v and a (64-bit doubles, or the bits of {@link #withStatePrecision}'s formats) and the refractory counter (32-bit
     * int), per readout yv (64-bit double).
     */
    private void countMemory(final OperationCounters c, final RecurrentNetwork net) {
        c.addWeightMemory((long) net.wIn().length + net.wRec().length + net.wOut().length, weightBits);
        if (net.isRate()) { // one double state per unit (r or u); the linear readout keeps none
            c.addStateMemory(net.recurrent(), 64);
            return;
        }
        final var fv = stateQuantiser == null ? null : stateQuantiser.vFormat();
        final var fa = stateQuantiser == null ? null : stateQuantiser.aFormat();
        c.addStateMemory(net.recurrent(), fv == null ? 64 : fv.width());
        c.addStateMemory(net.recurrent(), fa == null ? 64 : fa.width());
        c.addStateMemory(net.outputs(), 64);
        c.addStateMemory(net.recurrent(), 32);
    }

    /** @return what the progress shows besides the count: the loss, the last test result and the rate. */
    private String progressDetail(final IterationResult r, final List<double[]> tests) {
        final StringBuilder b = new StringBuilder(String.format("loss %.5g", r.loss()));
        if (preset.scoredSteps() > 0) {
            b.append(String.format("  (%.4f per symbol)", perStep(r.loss())));
        }
        if (!tests.isEmpty()) {
            final double[] t = tests.get(tests.size() - 1);
            if (preset.scoredSteps() > 0) {
                b.append(String.format("  test loss %.4f per symbol", t[2]));
            } else {
                b.append(String.format("  test accuracy %.3f", t[1]));
            }
        }
        if (!Double.isNaN(r.meanRateHz())) { // NaN: a rate network, no spikes
            b.append(String.format("  rate %.1f Hz", r.meanRateHz()));
        }
        return b.toString();
    }

    private double perStep(final double lossPerSequence) {
        return preset.scoredSteps() > 0 ? lossPerSequence / preset.scoredSteps() : lossPerSequence;
    }

    /** flossing.csv: epoch (0 … epochs; the last row after the last step), loss, λ_1 … λ_k per step. */
    private void writeFlossing(final Path dir) {
        final int k = flossing.exponents();
        final String[] header = new String[k + 2];
        header[0] = "epoch";
        header[1] = "loss";
        for (int i = 0; i < k; i++) {
            header[i + 2] = "lambda_" + (i + 1);
        }
        final int m = flossingHistory.size();
        final double[][] cols = new double[k + 2][m];
        for (int e = 0; e < m; e++) {
            cols[0][e] = e;
            for (int c = 0; c <= k; c++) {
                cols[c + 1][e] = flossingHistory.get(e)[c];
            }
        }
        Csv.writeColumns(dir.resolve("flossing.csv"), header, cols);
    }

    /** analysis.csv (the rows of {@link TrainingAnalysis}) and analysis.png (every column against the iteration). */
    private void writeAnalysis(final Path dir) {
        final String[] header = analysis.header();
        final int m = analysisRows.size();
        final double[][] cols = new double[header.length][m];
        for (int k = 0; k < m; k++) {
            for (int c = 0; c < header.length; c++) {
                cols[c][k] = analysisRows.get(k)[c];
            }
        }
        Csv.writeColumns(dir.resolve("analysis.csv"), header, cols);
        final Plots.Series[] series = new Plots.Series[header.length - 1];
        for (int c = 1; c < header.length; c++) {
            series[c - 1] = new Plots.Series(header[c], cols[0], cols[c]);
        }
        Plots.savePng(Plots.lineChart(preset.name() + " — " + rule.label() + ": training.analysis", "iteration",
                "value (see analysis.csv)", series), dir.resolve("analysis.png"));
    }

    /** @return the last row of training.analysis by column name (non-finite values as null), or null. */
    private Map<String, Object> lastAnalysis() {
        if (analysis == null || analysisRows.isEmpty()) {
            return null;
        }
        final Map<String, Object> a = analysisRow(analysisRows.size() - 1);
        a.put("rows", analysisRows.size());
        a.put("file", "analysis.csv");
        return a;
    }

    /** @return row k of training.analysis by column name (non-finite values as null), or null without rows. */
    private Map<String, Object> analysisRow(final int k) {
        if (analysis == null || analysisRows.size() <= k) {
            return null;
        }
        final String[] header = analysis.header();
        final double[] row = analysisRows.get(k);
        final Map<String, Object> a = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            a.put(header[c], Double.isFinite(row[c]) ? (Object) row[c] : null);
        }
        return a;
    }

    /**
     * Writes the learning curve CSV and PNG and the JSON summary into {@code dir}.
     *
     * @param dir output folder.
     * @param o   the outcome.
     * @return the summary fields.
     */
    public Map<String, Object> write(final Path dir, final Outcome o) {
        final int n = o.curve().size();
        final double[] it = new double[n];
        final double[] loss = new double[n];
        final double[] lossStep = new double[n];
        final double[] acc = new double[n];
        final double[] rate = new double[n];
        for (int k = 0; k < n; k++) {
            final IterationResult r = o.curve().get(k);
            it[k] = r.iteration();
            loss[k] = r.loss();
            lossStep[k] = perStep(r.loss());
            acc[k] = Double.isNaN(r.accuracy()) ? -1 : r.accuracy();
            rate[k] = r.meanRateHz();
        }
        if (stepLengthOf == null) {
            Csv.writeColumns(dir.resolve("learning_curve.csv"),
                    new String[] {"iteration", "loss", "loss_per_scored_step", "batch_accuracy", "mean_rate_hz"},
                    it, loss, lossStep, acc, rate);
        } else {
            final double[] alpha = new double[n];
            final double[] cos = new double[n];
            for (int k = 0; k < n; k++) {
                alpha[k] = stepLengths.get(k)[0];
                cos[k] = stepLengths.get(k)[1];
            }
            Csv.writeColumns(dir.resolve("learning_curve.csv"), new String[] {"iteration", "loss",
                "loss_per_scored_step", "batch_accuracy", "mean_rate_hz", "alpha", "cosine"},
                    it, loss, lossStep, acc, rate, alpha, cos);
        }
        if (analysis != null && !analysisRows.isEmpty()) {
            writeAnalysis(dir);
        }
        if (flossingHistory != null) {
            writeFlossing(dir);
        }
        if (!o.tests().isEmpty()) {
            final int m = o.tests().size();
            final double[] ti = new double[m];
            final double[] ta = new double[m];
            final double[] tl = new double[m];
            for (int k = 0; k < m; k++) {
                ti[k] = o.tests().get(k)[0];
                ta[k] = o.tests().get(k)[1];
                tl[k] = o.tests().get(k)[2];
            }
            Csv.writeColumns(dir.resolve("test_curve.csv"),
                    new String[] {"iteration", "test_accuracy", preset.scoredSteps() > 0 ? "test_loss_per_scored_step" : "test_loss"},
                    ti, ta, tl);
            if (preset.scoredSteps() == 0) {
                Plots.savePng(Plots.lineChart(preset.name() + " — test accuracy", "iteration", "test accuracy",
                        new Plots.Series("test accuracy", ti, ta)), dir.resolve("test_accuracy.png"));
            }
        }
        if (n > 0) {
            final Plots.Series main = new Plots.Series("loss", it, preset.scoredSteps() > 0 ? lossStep : loss);
            final var chart = Plots.lineChart(preset.name() + " — " + rule.label(),
                    "iteration", preset.scoredSteps() > 0 ? "cross-entropy per symbol (nats)" : "loss", main);
            if (preset.source() instanceof FourSixBackTask) {
                final FourSixBackTask.Bounds b = FourSixBackTask.bounds();
                for (Object[] line : new Object[][] {{"nothing learned", b.nothingLearned()},
                    {"4-back learned", b.fourBackLearned()}, {"both learned", b.bothLearned()}}) {
                    chart.addSeries((String) line[0], new double[] {1, Math.max(2, n)},
                            new double[] {(Double) line[1], (Double) line[1]});
                }
                chart.getStyler().setLegendVisible(true);
            }
            Plots.savePng(chart, dir.resolve("learning_curve.png"));
        }
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", preset.name());
        if (preset.network().isRate()) {
            s.put("network_kind", "rate"); // absent: spiking (summaries of before unchanged)
        }
        s.put("rule", rule.id());
        s.put("computation", computation.name().toLowerCase());
        if (stepLengthOf != null) {
            s.put("step_length_of", stepLengthOf.id());
            s.put("mean_alpha", n == 0 ? null : stepLengths.stream().mapToDouble(x -> x[0]).average().getAsDouble());
            s.put("mean_cosine", n == 0 ? null : stepLengths.stream().mapToDouble(x -> x[1]).average().getAsDouble());
        }
        s.put("seed", seed);
        s.put("iterations", n);
        s.put("final_loss", finiteOrNull(o.finalLoss()));
        s.put("min_loss", n == 0 ? null : java.util.Arrays.stream(loss).min().getAsDouble());
        if (preset.scoredSteps() > 0) {
            s.put("final_loss_per_symbol", finiteOrNull(perStep(o.finalLoss())));
            s.put("test_loss_per_symbol", finiteOrNull(o.testLossPerStep()));
            final FourSixBackTask.Bounds b = FourSixBackTask.bounds();
            s.put("bound_nothing_learned", b.nothingLearned());
            s.put("bound_4_back_learned", b.fourBackLearned());
            s.put("bound_both_learned", b.bothLearned());
        }
        if (preset.source() instanceof FrozenPatternTask f) {
            s.put("test_set", "fresh input noise: " + testSequences + " sequences of " + f.freshInputDescription()
                    + ", seed " + testSeed + "; the task trains on one frozen pattern, so nothing else is held out");
            s.put("test_loss_fresh_input", o.heldOut() == null ? null : finiteOrNull(o.heldOut().loss()));
            s.put("training_pattern_loss", o.trainingPattern() == null ? null : finiteOrNull(o.trainingPattern().loss()));
        } else if (preset.source() instanceof HeldOutSource h) {
            s.put("test_set", h.testDescription());
        } else {
            s.put("test_set", "held out: " + testSequences + " sequences drawn with batch seed " + testSeed
                    + ", which no training batch uses");
        }
        // accuracy of soft n-back targets is not meaningful (argmax over a whole sequence): report the loss only
        s.put("test_accuracy", preset.scoredSteps() > 0 ? null : finiteOrNull(o.testAccuracy()));
        // the held-out loss after the last update (per scored symbol for n-back), what hw study tabulates
        s.put("test_loss", o.heldOut() == null ? null : finiteOrNull(perStep(o.heldOut().loss())));
        if (preset.source() instanceof OutOfDistributionSource ood && ood.hasOutOfDistribution()) {
            final String k = ood.outOfDistributionName();
            s.put("test_set_" + k, "out of distribution: " + outOfDistributionSequences(preset, testSequences)
                    + " sequences, batch seed "
                    + outOfDistributionSeed + "; " + ood.outOfDistributionDescription());
            s.put("test_accuracy_" + k, outOfDistribution == null ? null : finiteOrNull(outOfDistribution.accuracy()));
            s.put("test_loss_" + k, outOfDistribution == null ? null : finiteOrNull(outOfDistribution.loss()));
        }
        s.put("diverged_at_iteration", o.divergedAtIteration());
        if (patience > 0) {
            s.put("stopped_early_at_iteration", o.stoppedEarlyAtIteration());
            s.put("early_stopping", o.stoppedEarlyAtIteration() == null ? "did not stop: ran all iterations"
                    : "stopped after iteration " + o.stoppedEarlyAtIteration() + ": the test loss did not fall below the"
                    + " best minus " + minDelta + " for " + patience + " tests in a row");
        }
        s.put("relative_weight_change", trained == null ? null : relativeWeightChange(trained.network()));
        if (analysis != null) {
            s.put("analysis", lastAnalysis());
            s.put("analysis_initial", analysisRow(0));
        }
        if (flossingHistory != null) {
            final Map<String, Object> fl = new LinkedHashMap<>();
            fl.put("epochs", flossing.epochs());
            fl.put("exponents", flossing.exponents());
            fl.put("gradient", flossing.gradientKind() == org.spikering.plasticity.analysis.Flossing.Gradient.EXACT
                    ? "exact (through the QR chain and the trajectory)"
                    : "local, truncated (trajectory and incoming tangent vectors held fixed)");
            final double[] first = flossingHistory.get(0);
            final double[] last = flossingHistory.get(flossingHistory.size() - 1);
            fl.put("loss_before", first[0]);
            fl.put("loss_after", last[0]);
            fl.put("lambda_before", java.util.Arrays.copyOfRange(first, 1, first.length));
            fl.put("lambda_after", java.util.Arrays.copyOfRange(last, 1, last.length));
            fl.put("file", "flossing.csv");
            s.put("flossing", fl);
        }
        s.put("wall_s", o.wallSeconds());
        if (plasticFraction != null) {
            s.put("plastic_fraction", plasticFraction);
        }
        s.put("hardware", HardwareBlock.of(o.counters(), energy));
        if (stateQuantiser != null) {
            s.put("state_precision", statePrecisionBlock());
        }
        final boolean saveModel = trained != null && allFinite(trained.network());
        s.put("model", saveModel ? MODEL_FILE : null);
        s.put("weights", saveModel ? WeightsNpz.FILE : null);
        Json.write(dir.resolve("summary.json"), s);
        if (saveModel) {
            trained.write(dir.resolve(MODEL_FILE));
            WeightsNpz.write(dir.resolve(WeightsNpz.FILE), trained.network());
        }
        if (spec != null) {
            org.spikering.app.report.AtomicFiles.writeBytes(dir.resolve(SPEC_FILE),
                    spec.toYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return s;
    }

    /**
     * The summary's {@code state_precision} block: per quantised variable its bits, fractional bits, LSB and the
     * saturations counted over every training forward pass and test evaluation; the rounding and its seeds.
     */
    private Map<String, Object> statePrecisionBlock() {
        final Map<String, Object> b = new LinkedHashMap<>();
        final Object[][] vars = {{"v", stateQuantiser.vFormat(), stateQuantiser.vOverflow(), "lsb_mv"},
            {"a", stateQuantiser.aFormat(), stateQuantiser.aOverflow(), "lsb"}};
        for (Object[] x : vars) {
            final org.spikering.hw.fixedpoint.FixedPointFormat f = (org.spikering.hw.fixedpoint.FixedPointFormat) x[1];
            if (f == null) {
                b.put((String) x[0], "double precision");
                continue;
            }
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("bits", f.width());
            m.put("frac_bits", f.fracBits());
            m.put((String) x[3], f.toDouble(1));
            m.put("saturations", ((org.spikering.hw.fixedpoint.OverflowCounter) x[2]).saturations());
            b.put((String) x[0], m);
        }
        b.put("rounding", stateQuantiser.rounding().name().toLowerCase(java.util.Locale.ROOT));
        b.put("saturations_counted_over", "every training forward pass and test evaluation, every step and neuron");
        return b;
    }

    /**
     * Rich/lazy learning (issue 15 item 6): ‖W_T − W_0‖_F / ‖W_0‖_F of W_in, W_rec and W_out
     * ({@link org.spikering.plasticity.analysis.RelativeWeightChange}), null where ‖W_0‖ = 0. W_0 is the run's initial
     * network: the one {@link #withInitialNetwork} gave, else the preset's (built from the spec and its seed); for a
     * resumed run the same network, rebuilt the same way (a checkpoint holds only the current weights), so the value
     * equals the uninterrupted run's.
     */
    private Map<String, Double> relativeWeightChange(final RecurrentNetwork trainedNet) {
        final RecurrentNetwork w0 = initial != null ? initial : preset.network();
        final Map<String, Double> m = new LinkedHashMap<>();
        for (org.spikering.plasticity.network.WeightMatrixId id : org.spikering.plasticity.network.WeightMatrixId.values()) {
            m.put(id.name().toLowerCase(java.util.Locale.ROOT), w0.weights(id).length != trainedNet.weights(id).length
                    ? null : finiteOrNull(org.spikering.plasticity.analysis.RelativeWeightChange.of(w0.weights(id),
                            trainedNet.weights(id))));
        }
        return m;
    }

    private static Double finiteOrNull(final double v) {
        return Double.isFinite(v) ? v : null;
    }
}
