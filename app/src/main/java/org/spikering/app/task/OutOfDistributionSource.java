package org.spikering.app.task;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * A task with an out-of-distribution test set besides its held-out one (drawn from the training distribution): e.g.
 * delayed match-to-sample with delays longer than any training delay. A training run evaluates the trained network on
 * it and reports it in summary.json under its own name ({@code test_accuracy_<name>}, {@code test_loss_<name>},
 * {@code test_set_<name>}), never mixed into the held-out numbers.
 */
public interface OutOfDistributionSource extends SequenceSource {

    /** @return whether this task has an out-of-distribution test set with its current parameters. */
    boolean hasOutOfDistribution();

    /**
     * @param batchSize sequences, &ge; 1.
     * @param seed      seed of the batch.
     * @return the out-of-distribution test batch (its own number of steps, inputs and outputs as {@link #batch}).
     */
    SequenceBatch outOfDistributionBatch(int batchSize, long seed);

    /** @return the metric's name in summary.json, snake_case (e.g. {@code longer_delay}). */
    String outOfDistributionName();

    /** @return what the set is, in one line. */
    String outOfDistributionDescription();
}
