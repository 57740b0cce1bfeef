package org.spikering.app.data;

/**
 * Input spike counts of n sequences, dense.
 *
 * @param sequences n.
 * @param steps     T, steps of dt per sequence.
 * @param inputs    i, input neurons.
 * @param counts    [n][T][i] spike counts, row-major, integers &ge; 0 (0/1 usually).
 */
record DenseSpikes(int sequences, int steps, int inputs, float[] counts) {
}
