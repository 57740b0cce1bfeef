package org.spikering.plasticity.stdp;

/**
 * What gates a product of a sum-of-products rule, as in Loihi's learning engine (Davies et al. 2018; Lava
 * {@code lava.magma.core.learning}): the product counts in a learning epoch only if its dependency is 1 in that epoch,
 * and its traces are read at the dependency's time.
 * <table>
 *   <caption>Dependencies</caption>
 *   <tr><th>name</th><th>1 when</th><th>traces read at</th></tr>
 *   <tr><td>X0</td><td>the presynaptic neuron spiked in the epoch</td><td>its (last) spike step in the epoch</td></tr>
 *   <tr><td>Y0</td><td>the postsynaptic neuron spiked in the epoch</td><td>its (last) spike step in the epoch</td></tr>
 *   <tr><td>U</td><td>every epoch</td><td>the end of the epoch</td></tr>
 * </table>
 */
public enum Dependency {
    X0, Y0, U
}
