package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.reference.NestSineWaveReference;

/**
 * NEST 3.9's frozen sine-wave pattern ({@link NestSineWaveReference}) as a training source, with a test set of fresh
 * input noise: NEST's example draws its 100 input trains once as Bernoulli spikes with p = 0.05 per 1-ms step
 * (50 Hz; the stored pattern has 5053 spikes in 100 000 bins, none of them at step 0). {@link #freshInputBatch}
 * draws new trains the same way: p = 0.05 per step for steps 1 … 999, step 0 silent as in NEST's pattern, and
 * NEST's target.
 */
public final class NestSineTask implements FrozenPatternTask {
    /** Spike probability per 1-ms step of NEST's input trains (50 Hz). */
    public static final double SPIKE_PROBABILITY = 0.05;

    private final NestSineWaveReference ref;

    /** @param ref the loaded reference. */
    public NestSineTask(final NestSineWaveReference ref) {
        this.ref = ref;
    }

    /** NEST's frozen pattern in every sequence (the seed is not used). */
    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        return ref.batch(batchSize);
    }

    @Override
    public SequenceBatch freshInputBatch(final int batchSize, final long seed) {
        return freshInputBatch(ref.target(), steps(), inputs(), 1, batchSize, seed);
    }

    /**
     * A batch of NEST's sine target with new Bernoulli input spikes, p = {@value #SPIKE_PROBABILITY} per 1-ms step, from
     * step {@code firstStep} on (NEST's recorded pattern of the bsshslm_2020 run has none at step 0; the eprop_iaf
     * run's may).
     *
     * @param target    the target, one value per step.
     * @param steps     steps per sequence.
     * @param inputs    input channels.
     * @param firstStep first step that may hold an input spike.
     * @param batchSize sequences.
     * @param seed      seed of the spikes.
     * @return the batch (squared-error regression, every step counted).
     */
    static SequenceBatch freshInputBatch(final double[] target, final int steps, final int inputs, final int firstStep,
                                         final int batchSize, final long seed) {
        final int in = inputs;
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps];
        final boolean[] mask = new boolean[batchSize * steps];
        final SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < batchSize; b++) {
            SpikeTrains.poisson(x, b, steps, in, 0, in, firstStep, steps, SPIKE_PROBABILITY * 1000.0, 1.0, rnd);
            System.arraycopy(target, 0, y, b * steps, steps);
        }
        java.util.Arrays.fill(mask, true);
        return new SequenceBatch(batchSize, steps, in, 1, x, y, mask, LossKind.REGRESSION_MSE);
    }

    @Override
    public String freshInputDescription() {
        return "NEST's target with new Bernoulli input spikes, p = 0.05 per 1-ms step (50 Hz), step 0 silent as in NEST's pattern";
    }

    @Override
    public int inputs() {
        return NestSineWaveReference.INPUTS;
    }

    @Override
    public int outputs() {
        return NestSineWaveReference.OUTPUTS;
    }

    @Override
    public int steps() {
        return NestSineWaveReference.STEPS;
    }

    @Override
    public LossKind loss() {
        return LossKind.REGRESSION_MSE;
    }
}
