package org.spikering.plasticity.data;

/** Produces training / test batches; deterministic for a given seed. */
public interface SequenceSource {
    /** A batch of {@code batchSize} sequences, the same bits for the same seed. */
    SequenceBatch batch(int batchSize, long seed);

    /** Number of input neurons. */
    int inputs();

    /** Number of readout units. */
    int outputs();

    /** Steps per sequence (1 step = 1 ms unless the network says otherwise). */
    int steps();

    /** Loss the targets are meant for. */
    LossKind loss();
}
