package org.spikering.app.spec.training;

/**
 * {@code training.seed_offsets}: where a run's random streams start relative to the top-level seed s.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>meaning</th><th>default</th></tr>
 * <tr><td>network</td><td>initial weights and the sine-bellec pattern draw from s + network</td><td>0</td></tr>
 * <tr><td>batches</td><td>training batches, the held-out test set and random-eprop's feedback B draw from
 *     s + batches ({@code TrainingRun}'s seed, {@code BatchSeeds})</td><td>0</td></tr>
 * </table>
 * The hardware section's mask (555 + s) and stochastic rounding (77 + s) do not move. {@code hw study} runs seed s
 * of its grid with network 1000 and batches 31: the streams its runs had before it became a sweep.
 *
 * @param network offset of the network seed.
 * @param batches offset of the run seed.
 */
public record SeedOffsetsSpec(long network, long batches) {
}
