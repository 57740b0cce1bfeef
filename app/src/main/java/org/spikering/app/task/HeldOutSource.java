package org.spikering.app.task;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * A source with its own fixed test set (e.g. the user's data with a train/test split): training batches come from
 * the training sequences only, and {@link #heldOut()} is every test sequence, so a run and {@code eval} test on the
 * same sequences whatever the seed or test size.
 */
public interface HeldOutSource extends SequenceSource {

    /** @return all test sequences, in a fixed order; never a training sequence. */
    SequenceBatch heldOut();

    /** @return number of test sequences. */
    int testSequences();

    /** @return number of training sequences. */
    int trainingSequences();

    /** @return what the test set is, for a summary (one line). */
    String testDescription();
}
