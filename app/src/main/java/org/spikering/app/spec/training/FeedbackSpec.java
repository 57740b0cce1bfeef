package org.spikering.app.spec.training;

/**
 * {@code training.feedback}: the feedback weights B of e-prop's learning signals. The rule chooses B (eprop,
 * mdgl-exact: B = W_outᵀ; nest-eprop: NEST's recorded B; random-eprop: a fixed random B drawn from the top-level
 * seed); this sets the scale of the random one.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>random_gain</td><td>√n_rec</td><td>random-eprop: B_jk ~ N(0, random_gain²/n_rec)</td></tr>
 * </table>
 *
 * @param randomGain the gain of random B.
 */
public record FeedbackSpec(double randomGain) {
}
