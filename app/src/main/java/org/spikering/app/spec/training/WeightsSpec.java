package org.spikering.app.spec.training;

/**
 * {@code training.network.weights}: the initial weights.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>kind</td><td>—</td><td>normal: drawn from the top-level seed; nest_sine_reference: NEST 3.9's recorded
 *     initial weights of its sine-wave example (100 inputs, 100 LIF, 1 readout)</td></tr>
 * <tr><td>input_gain</td><td>mV·√n_in</td><td>W_in ~ N(0, input_gain²/n_in)</td></tr>
 * <tr><td>recurrent_gain</td><td>mV·√n_rec</td><td>dense W_rec ~ N(0, recurrent_gain²/n_rec), no autapses</td></tr>
 * <tr><td>output_gain</td><td>√n_rec</td><td>W_out ~ N(0, output_gain²/n_rec)</td></tr>
 * <tr><td>recurrent_in_degree</td><td>synapses</td><td>0: dense W_rec; K &gt; 0: exactly K synapses per neuron
 *     from distinct others ({@code SparseRecurrence.fixedInDegree})</td></tr>
 * <tr><td>recurrent_std_mv</td><td>mV</td><td>standard deviation of a sparse recurrent weight</td></tr>
 * </table>
 * W_in, W_rec, W_out are drawn in that order from one stream seeded with the top-level seed
 * ({@code RecurrentNetwork.random}); a sparse W_rec replaces the dense draw, from seed ^ 0x5EC0DE.
 *
 * @param kind              normal or nest_sine_reference.
 * @param inputGain         W_in gain.
 * @param recurrentGain     dense W_rec gain.
 * @param outputGain        W_out gain.
 * @param recurrentInDegree K, 0 = dense.
 * @param recurrentStdMv    sparse weight standard deviation, mV (needed when K &gt; 0).
 */
public record WeightsSpec(String kind, double inputGain, double recurrentGain, double outputGain,
                          int recurrentInDegree, Double recurrentStdMv) {
}
