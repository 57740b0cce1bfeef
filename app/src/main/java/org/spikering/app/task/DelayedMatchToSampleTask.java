package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * Delayed match-to-sample as Liu et al. 2022 use it for MDGL: two binary cues of {@code cueSteps} steps
 * separated by a delay of {@code delaySteps} steps; after the second cue, a response window of
 * {@code responseSteps} steps in which the network reports match (cues equal, class 1) or non-match
 * (class 0). Encoding (our choice, 1-ms steps): cue value 1 drives input group 0, value 0 drives group 1,
 * the response window drives group 2 (each {@code neuronsPerGroup} neurons spiking every step while
 * active), so the task is purely about memory, not about noise. Loss: softmax cross-entropy over the
 * response window.
 *
 * <p>The {@code dms} preset ({@link TaskPreset}) uses the network and training settings of the {@code evidence}
 * preset with τ_a = 200 ms instead of 2000 ms (the task lasts 38 steps). NEST has no delayed-match-to-sample example:
 * where those settings differ from NEST's evidence-accumulation example (eligibility filter factor 1 instead of
 * 1 − κ, readout input not scaled by 1 − κ, summed instead of window-averaged gradients, c_reg 1 instead of 300,
 * surrogate γ 0.5 / β 1.67 instead of 0.3 / 1, β_a 1.7 instead of 0.0174, Adam ε 1e-7 instead of 1e-8, W_out
 * N(0, 1/100) instead of Glorot) is listed in {@link EvidenceAccumulationTask}. Liu et al. 2021 train their DMS with
 * their own settings, which this preset does not claim to reproduce.
 *
 * @param cueSteps        steps per cue, &ge; 1 (Liu et al.: 2).
 * @param delaySteps      steps between the cues, &ge; 0 (Liu et al.: 16).
 * @param responseSteps   response window, &ge; 1.
 * @param neuronsPerGroup input neurons per group, &ge; 1.
 */
public record DelayedMatchToSampleTask(int cueSteps, int delaySteps, int responseSteps, int neuronsPerGroup)
        implements SequenceSource {

    /** Validates the parameters. */
    public DelayedMatchToSampleTask {
        if (cueSteps < 1 || delaySteps < 0 || neuronsPerGroup < 1) {
            throw new IllegalArgumentException("cue_steps = " + cueSteps + ", delay_steps = " + delaySteps
                    + ", neurons_per_group = " + neuronsPerGroup + ": cue >= 1, delay >= 0, group >= 1");
        }
        if (responseSteps < 1) {
            throw new IllegalArgumentException("response_steps = " + responseSteps + ": must be >= 1 (the loss is taken there)");
        }
    }

    /** @return cues of 2 steps, delay 16, response 4 steps, 10 neurons per group. */
    public static DelayedMatchToSampleTask standard() {
        return new DelayedMatchToSampleTask(2, 16, 4, 10);
    }

    @Override
    public int inputs() {
        return 3 * neuronsPerGroup;
    }

    @Override
    public int outputs() {
        return 2;
    }

    @Override
    public int steps() {
        return 2 * cueSteps + delaySteps + responseSteps;
    }

    @Override
    public LossKind loss() {
        return LossKind.CLASSIFICATION_CE;
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        final int steps = steps();
        final int in = inputs();
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps * 2];
        final boolean[] mask = new boolean[batchSize * steps];
        final SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < batchSize; b++) {
            final int c1 = rnd.nextBoolean() ? 1 : 0;
            final int c2 = rnd.nextBoolean() ? 1 : 0;
            fill(x, b, steps, in, c1 == 1 ? 0 : 1, 0, cueSteps);
            fill(x, b, steps, in, c2 == 1 ? 0 : 1, cueSteps + delaySteps, 2 * cueSteps + delaySteps);
            fill(x, b, steps, in, 2, steps - responseSteps, steps);
            final int label = c1 == c2 ? 1 : 0;
            for (int t = steps - responseSteps; t < steps; t++) {
                mask[b * steps + t] = true;
                y[(b * steps + t) * 2 + label] = 1.0;
            }
        }
        return new SequenceBatch(batchSize, steps, in, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
    }

    private void fill(final float[] x, final int b, final int steps, final int in, final int group, final int t0, final int t1) {
        for (int t = t0; t < t1; t++) {
            final int base = (b * steps + t) * in + group * neuronsPerGroup;
            for (int i = 0; i < neuronsPerGroup; i++) {
                x[base + i] = 1f;
            }
        }
    }
}
