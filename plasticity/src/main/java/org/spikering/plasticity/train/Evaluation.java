package org.spikering.plasticity.train;

/** Loss, accuracy (NaN for regression) and mean rate (Hz; NaN for a rate network) of a network on a batch, without learning. */
public record Evaluation(double loss, double accuracy, double meanRateHz) {
}
