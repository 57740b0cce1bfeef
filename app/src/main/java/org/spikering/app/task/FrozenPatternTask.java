package org.spikering.app.task;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * A task trained on one frozen input pattern and target (every training sequence is the same). Nothing of it is held
 * out, so its test set is the same target with a fresh realisation of the input noise: the input spikes are drawn
 * anew, Bernoulli with the pattern's probability per step, independently for every test sequence. A network that has
 * learned the map from rates to the target does well on it; one that has memorised the frozen spike pattern does not.
 */
public interface FrozenPatternTask extends SequenceSource {

    /**
     * @param batchSize sequences, &ge; 1.
     * @param seed      seed of the fresh input spikes.
     * @return the training target in every sequence, with input spikes drawn anew for each sequence.
     */
    SequenceBatch freshInputBatch(int batchSize, long seed);

    /** @return how {@link #freshInputBatch} draws its input spikes, in one line (for the summary). */
    String freshInputDescription();
}
