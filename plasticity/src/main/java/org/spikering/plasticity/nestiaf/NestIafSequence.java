package org.spikering.plasticity.nestiaf;

/**
 * What one sequence presented to a {@link NestIafLearner} gave.
 *
 * @param loss       ½ Σ_s Σ_k (y_k^s − y*_k^s)² over the sequence's steps, both multiplied by the learning window
 *                   as NEST's readout records them ({@code readout_signal}, {@code target_signal}).
 * @param readout    y_k^s as recorded (window applied), [s][k] row-major.
 * @param spikes     recurrent spikes emitted during the sequence's steps.
 * @param meanRateHz mean recurrent rate over the sequence.
 */
public record NestIafSequence(double loss, double[] readout, long spikes, double meanRateHz) {
}
