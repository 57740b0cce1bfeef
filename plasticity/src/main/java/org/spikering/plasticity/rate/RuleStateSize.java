package org.spikering.plasticity.rate;

import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * A rule that says how much state it keeps while it runs through a sequence, for benchmarks: the arrays an online
 * implementation needs beyond the network's own state and weights (e.g. RTRL's influence matrix, e-prop's traces),
 * not the recorded trajectory that every rule of {@link RateGradientComputer} fills, nor work space.
 */
public interface RuleStateSize {
    /**
     * @param net   the network.
     * @param steps steps per sequence (BPTT keeps what it needs of every step).
     * @return bytes of the rule's state on this network, as this implementation holds it.
     */
    long stateBytes(RecurrentNetwork net, int steps);
}
