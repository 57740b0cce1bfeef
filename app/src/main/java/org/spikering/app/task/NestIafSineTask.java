package org.spikering.app.task;

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
        return NestSineTask.freshInputBatch(ref.target(), steps(), inputs(), 0, batchSize, seed);
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
