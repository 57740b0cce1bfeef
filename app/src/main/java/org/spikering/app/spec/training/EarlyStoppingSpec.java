package org.spikering.app.spec.training;

/**
 * {@code training.evaluation.early_stopping}: stop when the held-out test loss has not fallen below the best so far
 * minus min_delta for {@code patience} tests in a row.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>patience</td><td>tests</td><td>tests without improvement before stopping, &ge; 1</td></tr>
 * <tr><td>min_delta</td><td>loss per sequence</td><td>smallest decrease that counts, &ge; 0</td></tr>
 * </table>
 *
 * @param patience patience.
 * @param minDelta min_delta.
 */
public record EarlyStoppingSpec(int patience, double minDelta) {
}
