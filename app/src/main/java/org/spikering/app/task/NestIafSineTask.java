package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.reference.NestIafSineWaveReference;

/**
 * NEST 3.9's frozen sine-wave pattern of its run with the current e-prop models ({@link NestIafSineWaveReference},
 * eprop_supervised_regression_sine-waves.py with eprop_iaf) as a training source, with a test set of fresh input
 * noise: Bernoulli spikes with p = 0.05 per 1-ms step (50 Hz) at every step, step 0 included (this run's pattern keeps
 * its step-0 spikes), and NEST's target.
 */
public final class NestIafSineTask implements FrozenPatternTask {
    /** Spike probability per 1-ms step of NEST's input trains (50 Hz). */
    public static final double SPIKE_PROBABILITY = 0.05;

    private final NestIafSineWaveReference ref;

    /** @param ref the loaded reference. */
    public NestIafSineTask(final NestIafSineWaveReference ref) {
        this.ref = ref;
    }

    /** The loaded reference. */
    public NestIafSineWaveReference reference() {
        return ref;
    }

    /** NEST's frozen pattern in every sequence (the seed is not used). */
    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        return ref.batch(batchSize);
    }

    @Override
    public SequenceBatch freshInputBatch(final int batchSize, final long seed) {
        final int steps = steps();
        final int in = inputs();
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps];
        final boolean[] mask = new boolean[batchSize * steps];
        final double[] target = ref.target();
        final SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < batchSize; b++) {
            SpikeTrains.poisson(x, b, steps, in, 0, in, 0, steps, SPIKE_PROBABILITY * 1000.0, 1.0, rnd);
            System.arraycopy(target, 0, y, b * steps, steps);
        }
        java.util.Arrays.fill(mask, true);
        return new SequenceBatch(batchSize, steps, in, 1, x, y, mask, LossKind.REGRESSION_MSE);
    }

    @Override
    public String freshInputDescription() {
        return "NEST's target with new Bernoulli input spikes, p = 0.05 per 1-ms step (50 Hz)";
    }

    @Override
    public int inputs() {
        return NestIafSineWaveReference.INPUTS;
    }

    @Override
    public int outputs() {
        return NestIafSineWaveReference.OUTPUTS;
    }

    @Override
    public int steps() {
        return NestIafSineWaveReference.STEPS;
    }

    @Override
    public LossKind loss() {
        return LossKind.REGRESSION_MSE;
    }
}
