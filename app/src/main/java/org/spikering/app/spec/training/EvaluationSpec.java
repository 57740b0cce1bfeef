package org.spikering.app.spec.training;

/**
 * {@code training.evaluation}: testing during training.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>every</td><td>updates</td><td>updates between two tests (classification tasks, and every task with early
 *     stopping)</td></tr>
 * <tr><td>test_batch</td><td>sequences</td><td>test sequences: held out, or fresh input noise for the sine tasks</td></tr>
 * <tr><td>early_stopping</td><td></td><td>{@link EarlyStoppingSpec}, or absent (no early stopping)</td></tr>
 * </table>
 *
 * @param every         test interval.
 * @param testBatch     test sequences.
 * @param earlyStopping early stopping, or null.
 */
public record EvaluationSpec(int every, int testBatch, EarlyStoppingSpec earlyStopping) {
}
