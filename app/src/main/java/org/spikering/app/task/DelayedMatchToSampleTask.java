package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * Delayed match-to-sample as Liu et al. 2022 use it for MDGL: two binary cues of {@code cueSteps} steps
 * separated by a delay of {@code delaySteps} steps; after the second cue, a response window of
 * {@code responseSteps} steps in which the network reports match (cues equal, class 1) or non-match
 * (class 0). Encoding (our choice, 1-ms steps): cue value 1 drives input group 0, value 0 drives group 1,
 * the response window drives group 2 (each {@code neuronsPerGroup} neurons spiking every step while
 * active), so the task is purely about memory, not about noise. With {@code encoding} analog the input is the one-hot
 * channel values: 3 inputs (cue value 1, cue value 0, response window), each 1 while active and 0 otherwise; these
 * are the same numbers as encoding spikes with one neuron per group (the spike input here is deterministic), so analog
 * only fixes {@code neuronsPerGroup} to 1 and names the input what it is. Loss: softmax cross-entropy over the
 * response window.
 *
 * <p>The {@code dms} preset ({@link TaskPreset}) uses the network and training settings of the {@code evidence}
 * preset with τ_a = 200 ms instead of 2000 ms (a trial lasts 2·2 + 16 + 4 = 24 steps). NEST has no delayed-match-to-sample example:
 * where those settings differ from NEST's evidence-accumulation example (eligibility filter factor 1 instead of
 * 1 − κ, readout input not scaled by 1 − κ, summed instead of window-averaged gradients, c_reg 1 instead of 300,
 * surrogate γ 0.5 / β 1.67 instead of 0.3 / 1, β_a 1.7 instead of 0.0174, Adam ε 1e-7 instead of 1e-8, W_out
 * N(0, 1/100) instead of Glorot) is listed in {@link EvidenceAccumulationTask}. Liu et al. 2021 train their DMS with
 * their own settings, which this preset does not claim to reproduce.
 *
 * <p>Out-of-distribution test (Liu et al. 2022 test generalisation to longer delays; {@link OutOfDistributionSource},
 * name {@code longer_delay}): every trial has a delay d drawn uniformly from the integers in
 * (delaySteps, ⌊oodDelayFactor·delaySteps⌋], longer than every training delay, up to 2× with the preset factor 2. All
 * trials of the batch last 2·cue + ⌊factor·delay⌋ + response steps: a trial with a shorter delay starts with
 * ⌊factor·delay⌋ − d silent steps (no input), so the response window is always the last {@code responseSteps} steps.
 * Factor 1 means no such test. Liu et al.'s exact OOD delays are not in the seed documents; this range is the
 * project's reading of "delays up to 2×".
 *
 * @param cueSteps        steps per cue, &ge; 1 (Liu et al.: 2).
 * @param delaySteps      steps between the cues, &ge; 0 (Liu et al.: 16).
 * @param responseSteps   response window, &ge; 1.
 * @param neuronsPerGroup input neurons per group, &ge; 1.
 * @param oodDelayFactor  longest out-of-distribution delay over the training delay, &ge; 1 (1: no such test; else
 *                        ⌊factor·delay⌋ must exceed the delay).
 * @param encoding        spikes (groups of input neurons) or analog (one-hot channel values; neuronsPerGroup 1).
 */
public record DelayedMatchToSampleTask(int cueSteps, int delaySteps, int responseSteps, int neuronsPerGroup,
                                       double oodDelayFactor, InputEncoding encoding) implements OutOfDistributionSource {

    /**
     * Encoding spikes.
     *
     * @param cueSteps        steps per cue.
     * @param delaySteps      steps between the cues.
     * @param responseSteps   response window.
     * @param neuronsPerGroup input neurons per group.
     * @param oodDelayFactor  longest out-of-distribution delay over the training delay.
     */
    public DelayedMatchToSampleTask(final int cueSteps, final int delaySteps, final int responseSteps,
                                    final int neuronsPerGroup, final double oodDelayFactor) {
        this(cueSteps, delaySteps, responseSteps, neuronsPerGroup, oodDelayFactor, InputEncoding.SPIKES);
    }

    /**
     * Without an out-of-distribution test (factor 1).
     *
     * @param cueSteps        steps per cue.
     * @param delaySteps      steps between the cues.
     * @param responseSteps   response window.
     * @param neuronsPerGroup input neurons per group.
     */
    public DelayedMatchToSampleTask(final int cueSteps, final int delaySteps, final int responseSteps,
                                    final int neuronsPerGroup) {
        this(cueSteps, delaySteps, responseSteps, neuronsPerGroup, 1.0);
    }

    /** Validates the parameters. */
    public DelayedMatchToSampleTask {
        if (!(oodDelayFactor >= 1) || Double.isInfinite(oodDelayFactor)) {
            throw new IllegalArgumentException("ood_delay_factor = " + oodDelayFactor + ": must be finite and >= 1");
        }
        if (oodDelayFactor > 1 && Math.floor(oodDelayFactor * delaySteps) <= delaySteps) {
            throw new IllegalArgumentException("ood_delay_factor = " + oodDelayFactor + ": floor(factor * delay_ms = "
                    + delaySteps + ") must exceed delay_ms (a longer delay must exist), or the factor must be 1");
        }
        if (cueSteps < 1 || delaySteps < 0 || neuronsPerGroup < 1) {
            throw new IllegalArgumentException("cue_steps = " + cueSteps + ", delay_steps = " + delaySteps
                    + ", neurons_per_group = " + neuronsPerGroup + ": cue >= 1, delay >= 0, group >= 1");
        }
        if (responseSteps < 1) {
            throw new IllegalArgumentException("response_steps = " + responseSteps + ": must be >= 1 (the loss is taken there)");
        }
        if (encoding == InputEncoding.ANALOG && neuronsPerGroup != 1) {
            throw new IllegalArgumentException("neurons_per_group = " + neuronsPerGroup + ": not with encoding analog"
                    + " (one input per channel); leave it out");
        }
        java.util.Objects.requireNonNull(encoding, "encoding");
    }

    /** @return cues of 2 steps, delay 16, response 4 steps, 10 neurons per group, OOD delays up to 2× (32). */
    public static DelayedMatchToSampleTask standard() {
        return new DelayedMatchToSampleTask(2, 16, 4, 10, 2.0);
    }

    /** @return the longest out-of-distribution delay, ⌊factor·delay⌋ steps. */
    public int oodMaxDelaySteps() {
        return (int) Math.floor(oodDelayFactor * delaySteps);
    }

    @Override
    public boolean hasOutOfDistribution() {
        return oodDelayFactor > 1;
    }

    @Override
    public String outOfDistributionName() {
        return "longer_delay";
    }

    @Override
    public String outOfDistributionDescription() {
        return "longer delays: each trial's delay uniform in " + (delaySteps + 1) + ".." + oodMaxDelaySteps()
                + " steps (training: " + delaySteps + "), silent steps before the first cue so the response window"
                + " ends every trial";
    }

    /**
     * @throws IllegalStateException if {@link #hasOutOfDistribution()} is false.
     */
    @Override
    public SequenceBatch outOfDistributionBatch(final int batchSize, final long seed) {
        if (!hasOutOfDistribution()) {
            throw new IllegalStateException("ood_delay_factor = 1: this task has no out-of-distribution test");
        }
        final int max = oodMaxDelaySteps();
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int[] delays = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            delays[b] = delaySteps + 1 + rnd.nextInt(max - delaySteps);
        }
        return trials(batchSize, 2 * cueSteps + max + responseSteps, delays, rnd);
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
        final int[] delays = new int[batchSize];
        java.util.Arrays.fill(delays, delaySteps);
        return trials(batchSize, steps(), delays, new SplittableRandom(seed));
    }

    /**
     * Trial b: silence for steps − (2·cue + delays[b] + response) steps, cue 1, delays[b] steps, cue 2, response
     * window (the last responseSteps steps); cues drawn from {@code rnd}, two booleans per trial in order.
     */
    private SequenceBatch trials(final int batchSize, final int steps, final int[] delays, final SplittableRandom rnd) {
        final int in = inputs();
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps * 2];
        final boolean[] mask = new boolean[batchSize * steps];
        for (int b = 0; b < batchSize; b++) {
            final int c1 = rnd.nextBoolean() ? 1 : 0;
            final int c2 = rnd.nextBoolean() ? 1 : 0;
            final int t0 = steps - (2 * cueSteps + delays[b] + responseSteps);
            fill(x, b, steps, in, c1 == 1 ? 0 : 1, t0, t0 + cueSteps);
            fill(x, b, steps, in, c2 == 1 ? 0 : 1, t0 + cueSteps + delays[b], t0 + 2 * cueSteps + delays[b]);
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
