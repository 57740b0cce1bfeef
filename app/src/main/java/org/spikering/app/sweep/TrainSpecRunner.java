package org.spikering.app.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.spikering.app.cli.MemoryBudget;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.HardwareSpec;
import org.spikering.app.spec.Problems;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.training.AnalysisSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainCheckpoint;
import org.spikering.app.train.TrainedModel;
import org.spikering.app.train.TrainingAnalysis;
import org.spikering.app.train.TrainingRun;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.plasticity.analysis.NetworkLyapunov;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * {@code train} of a spec's {@code training} section, in-process: what {@code spikering train SPEC} does once its
 * options are written into the spec. Checks (the section, the task preset and its rule, the memory of the training
 * and held-out batches, the hardware section against the network), applies the {@code hardware} section (mask,
 * weight precision, energy table: {@link HardwareSpec#configure}), trains with checkpoints every
 * {@code training.checkpoint_every} updates beside the result folder, and writes the result folder
 * ({@link TrainingRun#write}: learning curve, summary.json, model.json, weights, spec.yaml) through
 * {@link ResultFolder}. Seeds: network {@code seed + training.seed_offsets.network}, batches, held-out set and feedback
 * {@code seed + training.seed_offsets.batches}, mask and rounding 555 + seed and 77 + seed. The summary is
 * summary.json's content (with a hardware section also {@code plastic_fraction}), the line {@code train} prints; a run
 * that diverged
 * returns normally with {@code diverged_at_iteration} set (the command then exits with an error; a sweep keeps the
 * row).
 *
 * <p>What a spec cannot say ({@code --init-from}, {@code --resume}, {@code --energy}) comes in {@link Options}. Holds
 * no state: one instance serves any number of threads.
 */
public final class TrainSpecRunner implements SpecRunner {

    /**
     * Settings of a run that are not fields of the spec (the command line's).
     *
     * @param initFrom  a model.json to start from instead of the task's network (shapes must fit), or null.
     * @param resume    the folder of an interrupted run to continue from its checkpoint, or null; the run's result
     *                  folder must be this folder.
     * @param energy    the energy table replacing the spec's ({@code hardware.energy}) and Loihi's, or null.
     * @param outOption what messages call the result folder ({@code --out}, {@code output.folder}).
     * @param names     what messages call the fields.
     */
    public record Options(Path initFrom, Path resume, EnergyModel energy, String outOption, FieldNames names) {

        /** None: a sweep point's. */
        public static final Options NONE = new Options(null, null, null, "output.folder", FieldNames.FIELDS);
    }

    /**
     * A finished run.
     *
     * @param summary      summary.json's fields.
     * @param folder       the committed result folder.
     * @param divergedAt   the iteration at which training diverged, or null.
     */
    public record Result(Map<String, Object> summary, Path folder, Integer divergedAt) {
    }

    /** What the checks found, for the run. */
    private record Prepared(TrainingSpec training, TaskPreset preset, LearningRule rule, Computation computation) {
    }

    @Override
    public String command() {
        return "train";
    }

    @Override
    public void check(final Spec spec) {
        final Prepared p = prepare(spec, FieldNames.FIELDS);
        checkHardware(spec, p.preset().network());
    }

    @Override
    public double memoryBytes(final Spec spec) {
        final Prepared p = prepare(spec, FieldNames.FIELDS);
        return trainingBytes(p.preset(), p.training().batch(), p.training().evaluation().testBatch())
                + rtrlBytes(p.rule(), p.preset());
    }

    @Override
    public Map<String, Object> run(final Spec spec, final Path dir, final Progress progress) {
        return run(spec, dir, Options.NONE, ProgressStarter.showing(progress)).summary();
    }

    /**
     * @param spec     a loaded spec with a training section (its output folder is not read: {@code dir} is the folder).
     * @param dir      the result folder (checked by the caller: new, empty or an earlier result folder).
     * @param options  the settings the spec cannot hold.
     * @param progress starts the progress of the iterations; notes (checkpoints, a replaced checkpoint) go to it.
     * @return the summary and where it went.
     */
    public Result run(final Spec spec, final Path dir, final Options options, final ProgressStarter progress) {
        final Prepared prep = prepare(spec, options.names());
        final TrainingSpec t = prep.training();
        final TaskPreset p = prep.preset();
        final long runSeed = TrainingSpec.runSeed(spec);
        final int its = t.iterations();
        final int bs = t.batch();
        final double eta = t.optimizer().lr();
        final int evEvery = t.evaluation().every();
        final int tBatch = t.evaluation().testBatch();
        final int every = t.checkpointInterval();
        final EnergyModel loihi = EnergyModel.loihi();
        final TrainingRun run = new TrainingRun(p, prep.rule(), prep.computation(), runSeed)
                .withWeightClip(t.weightClipBound()).withEnergyModel(options.energy() != null ? options.energy() : loihi)
                .withSpec(spec).withStepLengthOf(t.stepLengthRule());
        if (t.evaluation().earlyStopping() != null) {
            run.withEarlyStopping(t.evaluation().earlyStopping().patience(), t.evaluation().earlyStopping().minDelta());
        }
        if (t.flossing() != null) {
            final org.spikering.app.spec.training.FlossingSpec f = t.flossing();
            final int total = f.warmup() + f.steps() + 1;
            run.withFlossing(f, e -> TrainingAnalysis.taskInput(p.source(), total, runSeed + FLOSSING_INPUT_SEED_OFFSET + e));
        }
        if (t.analysis() != null && t.analysis().any()) {
            run.withAnalysis(analysis(t, p, prep.rule(), prep.computation(), runSeed));
        }
        final Path initFrom = options.initFrom();
        final TrainedModel init = initFrom == null ? null : TrainedModel.read("--init-from", initFrom);
        if (init != null) {
            init.checkFits("--init-from", initFrom, p.name(), p.network());
        }
        final RecurrentNetwork startNet = init != null ? init.network() : p.network();
        final HardwareSpec hw = checkHardware(spec, startNet);
        if (hw != null) {
            // mask, weight precision and energy table of the chip: the study's decorators (quantises startNet in place)
            // masks draw from 555 + seed, stochastic rounding from 77 + seed: the top-level seed, whatever the offsets
            run.withPlasticFraction(hw.configure(run, startNet, spec.seed()).plasticFraction());
            if (options.energy() != null) {
                run.withEnergyModel(options.energy()); // the option overrides hardware.energy
            }
        }
        if (init != null) {
            run.withInitialNetwork(startNet, initFrom.toAbsolutePath().normalize().toString());
        }
        final Path resume = options.resume();
        if (resume != null && prep.rule() == LearningRule.REWARD_EPROP) {
            throw new IllegalArgumentException("--resume = '" + resume + "': not with rule reward-eprop (its critic is"
                    + " not saved in checkpoints, so it writes none)");
        }
        try (ResultFolder folder = ResultFolder.open(options.outOption(), dir)) {
            final Path cpFile = folder.checkpointDir().resolve(TrainCheckpoint.FILE);
            long from = 0;
            if (resume != null) {
                if (!Files.isRegularFile(cpFile)) {
                    throw new IllegalArgumentException("--resume = '" + resume + "': no checkpoint at " + cpFile
                            + " (the run finished, or stopped before its first checkpoint)");
                }
                final TrainCheckpoint cp = TrainCheckpoint.read("--resume", cpFile);
                run.withResume(cp, "--resume", resume);
                from = cp.model().completed();
            }
            final TrainingRun.Outcome o;
            try (Progress bar = progress.start("train", "iterations", from, its)) {
                if (resume == null && Files.isRegularFile(cpFile)) {
                    bar.note("spikering: starting afresh; the checkpoint of an interrupted run at " + cpFile
                            + " will be replaced (continue it with --resume " + dir + ")");
                }
                if (every > 0 && prep.rule() != LearningRule.REWARD_EPROP) { // its critic is not checkpointed
                    run.withCheckpoints(folder.checkpointDir(), every);
                    if (every < its) {
                        bar.note("spikering: a checkpoint every " + every + " iterations in "
                                + folder.checkpointDir() + "; if this run is stopped, continue it with --resume " + dir);
                    }
                }
                o = run.runShowing(its, bs, eta, evEvery, tBatch, bar);
            }
            final Map<String, Object> summary = run.write(folder.dir(), o);
            folder.commit("train", run.resultFiles(o));
            return new Result(summary, folder.target(), o.divergedAtIteration());
        }
    }

    /**
     * @param spec a spec with a training section.
     * @return {@code spikering-out/train-<task>-<rule>}: train's folder when neither {@code --out} nor
     *         {@code output.folder} is given.
     */
    public static Path defaultFolder(final Spec spec) {
        final TrainingSpec t = spec.section("training", TrainingSpec.class);
        return Path.of("spikering-out", "train-" + TrainingSpec.preset(spec).name() + "-" + t.learningRule().id());
    }

    /** Seed offset of the input of flossing epoch 0 from the run seed (epoch e: + e). */
    static final long FLOSSING_INPUT_SEED_OFFSET = 7;

    /** Seed offset of the input of training.analysis.lyapunov from the run seed. */
    static final long LYAPUNOV_INPUT_SEED_OFFSET = 5;

    /** training.analysis as the run measures it ({@link TrainingAnalysis}). */
    private static TrainingAnalysis analysis(final TrainingSpec t, final TaskPreset p, final LearningRule rule,
            final Computation computation, final long runSeed) {
        final AnalysisSpec a = t.analysis();
        float[] input = null;
        if (a.lyapunov() != null) {
            input = TrainingAnalysis.taskInput(p.source(), a.lyapunov().warmup() + a.lyapunov().steps() + 1,
                    runSeed + LYAPUNOV_INPUT_SEED_OFFSET);
        }
        final boolean ood = p.source() instanceof org.spikering.app.task.OutOfDistributionSource o
                && o.hasOutOfDistribution();
        return new TrainingAnalysis(a, () -> p.computer(rule, computation, runSeed),
                p.source().loss() == org.spikering.plasticity.data.LossKind.CLASSIFICATION_CE, ood, input, runSeed);
    }

    /** Refuses a training.flossing that does not fit the network, the rule or the hardware section. */
    private static void checkFlossing(final Spec spec, final TrainingSpec t, final TaskPreset p, final LearningRule r) {
        final org.spikering.app.spec.training.FlossingSpec f = t.flossing();
        if (f == null) {
            return;
        }
        if (r == LearningRule.NEST_EPROP_IAF) {
            throw new IllegalArgumentException("training.flossing: must be left out with rule nest-eprop-iaf (NEST's"
                    + " learner starts from NEST's recorded network)");
        }
        if (spec.tree().has("hardware")) {
            throw new IllegalArgumentException("training.flossing: must be left out with a hardware section (flossing"
                    + " changes every recurrent weight, ignoring the plastic mask and the weight precision)");
        }
        if (f.gradientKind() == org.spikering.plasticity.analysis.Flossing.Gradient.EXACT && !p.network().isRate()) {
            throw new IllegalArgumentException("training.flossing.gradient = exact: must be local for LIF/ALIF networks"
                    + " (their trajectory depends on W_rec through spikes, whose derivative is 0 almost everywhere, so"
                    + " no exact gradient exists)");
        }
        final int dim = NetworkLyapunov.stateDimension(p.network());
        if (f.exponents() > dim) {
            throw new IllegalArgumentException("training.flossing.exponents = " + f.exponents() + ": must be at most the"
                    + " state dimension " + dim + " (units plus ALIF adaptation variables)");
        }
        final long total = (long) f.warmup() + f.steps() + 1;
        MemoryBudget.require("training.flossing.steps + warmup = " + (total - 1),
                NetworkLyapunov.trajectoryBytes(p.network(), total));
    }

    /** Refuses a training.analysis that does not fit the network or the rule (one line naming the field). */
    private static void checkAnalysis(final TrainingSpec t, final TaskPreset p, final LearningRule r) {
        final AnalysisSpec a = t.analysis();
        if (a == null) {
            return;
        }
        if (!a.any()) {
            throw new IllegalArgumentException("training.analysis: measures nothing; give one or more of alignment: true,"
                    + " generalisation: true, lyapunov: {...}, curvature: {...} (or leave analysis out)");
        }
        if (r == LearningRule.NEST_EPROP_IAF) {
            throw new IllegalArgumentException("training.analysis: must be left out with rule nest-eprop-iaf (NEST's"
                    + " learner has no batch gradient to compare or differentiate)");
        }
        if (a.curvature() != null) {
            final int n = p.network().recurrent() * (p.network().recurrent() - 1);
            if (a.curvature().top() > n) {
                throw new IllegalArgumentException("training.analysis.curvature.top = " + a.curvature().top() + ": must be"
                        + " at most the " + n + " entries of W_rec without its diagonal");
            }
        }
        if (a.lyapunov() != null) {
            final int dim = NetworkLyapunov.stateDimension(p.network());
            if (a.lyapunov().exponents() > dim) {
                throw new IllegalArgumentException("training.analysis.lyapunov.exponents = " + a.lyapunov().exponents()
                        + ": must be at most the state dimension " + dim + " (units plus ALIF adaptation variables)");
            }
            final long total = (long) a.lyapunov().warmup() + a.lyapunov().steps() + 1;
            MemoryBudget.require("training.analysis.lyapunov.steps + warmup = " + (total - 1),
                    NetworkLyapunov.trajectoryBytes(p.network(), total));
        }
    }

    /** The checks that need no network: the section, the preset and its rule, the optimizer, the memory. */
    private static Prepared prepare(final Spec spec, final FieldNames names) {
        SpecRunners.requireNoSweep(spec, "train");
        final TrainingSpec t = spec.section("training", TrainingSpec.class);
        if (t == null) {
            throw new IllegalArgumentException("SPEC = '" + spec.source() + "': has no training section (train needs one; "
                    + "'spikering spec show evidence' prints an example)");
        }
        final LearningRule r = t.learningRule();
        final Computation c = t.gradientComputation();
        final TaskPreset p = TrainingSpec.preset(spec);
        p.requireRule(r);
        checkAnalysis(t, p, r);
        checkFlossing(spec, t, p, r);
        p.optimizer(t.optimizer().lr());
        MemoryBudget.require(names.label("training.batch", t.batch()) + ", "
                + names.label("training.evaluation.test_batch", t.evaluation().testBatch()) + " (task " + p.name()
                + (r == LearningRule.RTRL ? ", rule rtrl: " + p.network().recurrent() + " units' influence matrix" : "")
                + ")", trainingBytes(p, t.batch(), t.evaluation().testBatch()) + rtrlBytes(r, p));
        return new Prepared(t, p, r, c);
    }

    /** @return the hardware section, checked against the network the run starts from; null without one. */
    private static HardwareSpec checkHardware(final Spec spec, final RecurrentNetwork startNet) {
        final HardwareSpec hw = spec.section("hardware", HardwareSpec.class);
        if (hw != null) {
            final Problems problems = new Problems();
            hw.checkAgainst(problems, "hardware", startNet);
            problems.throwIfAny(spec.source());
        }
        return hw;
    }

    /**
     * Bytes of rule rtrl's sensitivities beyond {@link #trainingBytes}: n · n(n_in + n) doubles twice on a rate
     * network ({@code RateRtrl}: M and the product's buffer), four times plus n_out · n(n_in + n) on a LIF/ALIF one
     * ({@code SpikingRtrl}: v, a, z, z^{t−1} and y); 0 for other rules.
     *
     * @param rule the rule.
     * @param p    the task.
     * @return bytes.
     */
    public static double rtrlBytes(final LearningRule rule, final TaskPreset p) {
        if (rule != LearningRule.RTRL) {
            return 0.0;
        }
        final RecurrentNetwork n = p.network();
        final double params = (double) n.recurrent() * (n.inputs() + n.recurrent());
        // rate: M and the product's buffer (n × params each); LIF/ALIF: the sensitivities of v, a, z, z^{t−1} and y
        return 8.0 * params * (n.isRate() ? 2.0 * n.recurrent() : 4.0 * n.recurrent() + n.outputs());
    }

    /**
     * Estimated peak bytes of training: the training and the held-out batch (4-byte input spikes, 8-byte targets
     * and a mask per step of every sequence) plus the trajectory of a sequence ({@code Trajectory}: membrane,
     * surrogate, spikes, adaptation and learning signal per neuron and step, readout values per output and step),
     * counted eight times over for the copies the rules and parallel sequences hold.
     *
     * @param p         the task.
     * @param batch     sequences per update.
     * @param testBatch held-out sequences.
     * @return bytes.
     */
    public static double trainingBytes(final TaskPreset p, final int batch, final int testBatch) {
        final double perStep = 4.0 * p.source().inputs() + 8.0 * p.source().outputs() + 1;
        final double trajectory = (40.0 * p.network().recurrent() + 24.0 * p.network().outputs()) * p.source().steps();
        return ((double) batch + testBatch) * p.source().steps() * perStep + 8 * trajectory;
    }
}
