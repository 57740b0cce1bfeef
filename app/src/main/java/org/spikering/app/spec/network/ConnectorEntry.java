package org.spikering.app.spec.network;

import java.util.List;

/**
 * {@code connector} of a projection: a PyNN/NEST connection rule and its parameter ({@link
 * org.spikering.sim.network.Connector} is the one implementation).
 *
 * <table>
 *   <caption>Rules and their fields</caption>
 *   <tr><th>rule</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>all_to_all</td><td></td><td>every source to every target</td></tr>
 *   <tr><td>one_to_one</td><td></td><td>source i to target i (equal sizes)</td></tr>
 *   <tr><td>fixed_probability</td><td>p</td><td>each pair independently with probability p</td></tr>
 *   <tr><td>fixed_in_degree</td><td>k</td><td>k sources per target</td></tr>
 *   <tr><td>fixed_out_degree</td><td>k</td><td>k targets per source</td></tr>
 *   <tr><td>fixed_total_number</td><td>n</td><td>n synapses drawn with replacement</td></tr>
 *   <tr><td>explicit</td><td>pairs, or file (+ array, delay_array)</td><td>the given (source, target) pairs, from a
 *       file with their weights and delays if it has them</td></tr>
 * </table>
 *
 * @param rule      the rule.
 * @param p         probability, or null.
 * @param k         degree, or null.
 * @param n         total number, or null.
 * @param pairs     explicit pairs [source, target], or null.
 * @param file      explicit file: CSV (source,target[,weight][,delay_ms]) or a NumPy matrix (.npy, .npz), or null.
 * @param array     the matrix's name in an .npz file, or null.
 * @param delayArray the name of the per-synapse delay matrix (ms) in an .npz file, or null.
 * @param autapses  whether a neuron may connect to itself.
 * @param multapses whether a pair may be connected more than once (degree rules and total number), else null.
 */
public record ConnectorEntry(String rule, Double p, Integer k, Integer n, List<List<Integer>> pairs, String file,
                             String array, String delayArray, boolean autapses, Boolean multapses) {
}
