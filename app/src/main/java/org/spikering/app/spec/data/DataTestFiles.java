package org.spikering.app.spec.data;

/**
 * Separate test files of a data set ({@code training.data.test}); the same format rules as the training files.
 *
 * @param inputs   test input spikes.
 * @param targets  test targets.
 * @param lossMask optional test loss mask, or null.
 */
public record DataTestFiles(DataArray inputs, DataArray targets, DataArray lossMask) {
}
