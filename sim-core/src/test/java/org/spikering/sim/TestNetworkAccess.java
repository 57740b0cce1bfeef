package org.spikering.sim;

import org.spikering.sim.network.Network;

/** Public access to the test networks for tests in sub-packages. */
public final class TestNetworkAccess {

    private TestNetworkAccess() {
    }

    /**
     * @param seed seed.
     * @return the exp-synapse random network.
     */
    public static Network expRandom(final long seed) {
        return TestNetworks.expRandom(seed);
    }

    /**
     * @param seed    seed.
     * @param delayMs base delay.
     * @return the delta-synapse network.
     */
    public static Network deltaBrunel(final long seed, final double delayMs) {
        return TestNetworks.deltaBrunel(seed, delayMs);
    }
}
