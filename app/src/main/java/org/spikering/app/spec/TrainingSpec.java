package org.spikering.app.spec;

import org.spikering.app.spec.data.DataSetSpec;
import org.spikering.app.spec.training.AnalysisSpec;
import org.spikering.app.spec.training.FlossingSpec;
import org.spikering.app.spec.training.EvaluationSpec;
import org.spikering.app.spec.training.FeedbackSpec;
import org.spikering.app.spec.training.OptimizerSpec;
import org.spikering.app.spec.training.RecurrentNetworkSpec;
import org.spikering.app.spec.training.RegularisationSpec;
import org.spikering.app.spec.training.SeedOffsetsSpec;
import org.spikering.app.spec.training.TaskSpec;
import org.spikering.app.spec.training.TrainingPresetBuilder;
import org.spikering.app.task.TaskPreset;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * The {@code training} section: a task, the recurrent network, the rule and how it is trained (schema
 * {@code schema/training.json}; docs/SPEC-training.md). {@link #preset} builds it into a {@link TaskPreset}
 * ({@link TrainingPresetBuilder}); the run settings (rule, computation, evaluation, clip, checkpoints) are read by
 * {@code train}.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>task</td><td></td><td>{@link TaskSpec} (a built-in task), or</td></tr>
 * <tr><td>data</td><td></td><td>{@link DataSetSpec} (the user's inputs and targets; docs/DATA.md)</td></tr>
 * <tr><td>network</td><td></td><td>{@link RecurrentNetworkSpec}</td></tr>
 * <tr><td>rule</td><td>—</td><td>eprop, random-eprop, nest-eprop (sine-nest only), mdgl-exact, bptt, rflo, mdgl;
 *     rtrl; uoro, kf-rtrl, kernl (network.kind rate only); reward-eprop
 *     (classification tasks, LIF/ALIF networks)</td></tr>
 * <tr><td>feedback</td><td></td><td>{@link FeedbackSpec}</td></tr>
 * <tr><td>bptt_step_length_of</td><td>—</td><td>with rule bptt: scale each BPTT update to this rule's step length
 *     ({@link org.spikering.plasticity.bptt.MatchedStepLengthBptt}); null = plain BPTT</td></tr>
 * <tr><td>computation</td><td>—</td><td>event, event-stepwise, dense, engine (bptt: event)</td></tr>
 * <tr><td>optimizer</td><td></td><td>{@link OptimizerSpec}</td></tr>
 * <tr><td>regularisation</td><td></td><td>{@link RegularisationSpec}</td></tr>
 * <tr><td>batch</td><td>sequences</td><td>sequences per update</td></tr>
 * <tr><td>iterations</td><td>updates</td><td>number of updates</td></tr>
 * <tr><td>weight_clip</td><td>mV per spike</td><td>clip to [−c, c] after each update; null = none</td></tr>
 * <tr><td>evaluation</td><td></td><td>{@link EvaluationSpec}</td></tr>
 * <tr><td>checkpoint_every</td><td>updates</td><td>checkpoint interval, 0 = none; absent = a tenth of the
 *     iterations</td></tr>
 * <tr><td>seed_offsets</td><td></td><td>{@link SeedOffsetsSpec}: network seed = seed + network, run seed (batches,
 *     held-out set, random feedback) = seed + batches; absent = both the seed</td></tr>
 * <tr><td>analysis</td><td></td><td>{@link AnalysisSpec}: measurements during training; absent = none</td></tr>
 * <tr><td>flossing</td><td></td><td>{@link FlossingSpec}: gradient flossing before the first update; absent = none</td></tr>
 * </table>
 *
 * @param task            the built-in task, or null when {@code data} is given.
 * @param data            the user's data set ({@code training.data}, helper A's {@link DataSetSpec}), or null.
 * @param network         the recurrent network.
 * @param rule            the learning rule's id.
 * @param feedback        feedback of random-eprop.
 * @param computation     e-prop's computation id.
 * @param optimizer       the optimizer.
 * @param regularisation  rate regularisation.
 * @param batch           batch size.
 * @param iterations      updates.
 * @param weightClip      clip bound, or null for none.
 * @param evaluation      testing.
 * @param checkpointEvery checkpoint interval, or null (a tenth of the iterations).
 * @param seedOffsets     offsets of the network and run seeds from the top-level seed, or null (both 0).
 * @param bpttStepLengthOf the rule whose step length BPTT takes ({@code bptt_step_length_of}), or null.
 * @param analysis        measurements during training, or null.
 * @param flossing        flossing pre-training, or null.
 */
public record TrainingSpec(TaskSpec task, DataSetSpec data, RecurrentNetworkSpec network, String rule, FeedbackSpec feedback,
                           String computation, OptimizerSpec optimizer, RegularisationSpec regularisation, int batch,
                           int iterations, Double weightClip, EvaluationSpec evaluation, Integer checkpointEvery,
                           SeedOffsetsSpec seedOffsets, String bpttStepLengthOf,
                           AnalysisSpec analysis, FlossingSpec flossing)
        implements SpecSection {

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        TrainingPresetBuilder.check(this, problems, path, spec);
    }

    /**
     * The task, network and optimizer of a spec's {@code training} section, the network drawn from
     * {@link #networkSeed}.
     *
     * @param spec a valid spec with a training section.
     * @return the preset.
     */
    public static TaskPreset preset(final Spec spec) {
        return preset(spec, networkSeed(spec));
    }

    /**
     * @param spec a spec with a training section.
     * @return the seed of the initial weights and the sine-bellec pattern: the top-level seed plus
     *         {@code training.seed_offsets.network}.
     */
    public static long networkSeed(final Spec spec) {
        final TrainingSpec t = spec.section("training", TrainingSpec.class);
        return spec.seed() + (t == null || t.seedOffsets() == null ? 0 : t.seedOffsets().network());
    }

    /**
     * @param spec a spec with a training section.
     * @return the seed of the run ({@code TrainingRun}: training batches, held-out test set, random feedback): the
     *         top-level seed plus {@code training.seed_offsets.batches}.
     */
    public static long runSeed(final Spec spec) {
        final TrainingSpec t = spec.section("training", TrainingSpec.class);
        return spec.seed() + (t == null || t.seedOffsets() == null ? 0 : t.seedOffsets().batches());
    }

    /**
     * @param spec        a valid spec with a training section.
     * @param networkSeed seed of the initial weights and of the sine-bellec pattern (e.g. per run of a study).
     * @return the preset.
     */
    public static TaskPreset preset(final Spec spec, final long networkSeed) {
        final TrainingSpec t = spec.section("training", TrainingSpec.class);
        if (t == null) {
            throw new IllegalArgumentException(spec.source() + ": training: missing, required by this command");
        }
        return TrainingPresetBuilder.build(t, spec, networkSeed);
    }

    /** @return the rule. */
    public LearningRule learningRule() {
        return LearningRule.valueOf(rule.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** @return the rule of {@code bptt_step_length_of}, or null for plain BPTT. */
    public LearningRule stepLengthRule() {
        return bpttStepLengthOf == null ? null
                : LearningRule.valueOf(bpttStepLengthOf.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** @return the computation. */
    public Computation gradientComputation() {
        return Computation.valueOf(computation.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** @return the clip bound (infinity when none). */
    public double weightClipBound() {
        return weightClip == null ? Double.POSITIVE_INFINITY : weightClip;
    }

    /** @return the checkpoint interval: checkpoint_every, or a tenth of the iterations (at least 1). */
    public int checkpointInterval() {
        return checkpointEvery != null ? checkpointEvery : Math.max(1, iterations / 10);
    }
}
