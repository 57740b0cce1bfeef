package org.spikering.plasticity.train;

/**
 * One training iteration (one batch, one update).
 *
 * @param iteration  1-based
 * @param loss       mean task loss per sequence before the update
 * @param accuracy   fraction correct (classification), NaN for regression
 * @param meanRateHz mean rate of the recurrent neurons, Hz; NaN for a rate network (no spikes)
 */
public record IterationResult(int iteration, double loss, double accuracy, double meanRateHz) {
}
