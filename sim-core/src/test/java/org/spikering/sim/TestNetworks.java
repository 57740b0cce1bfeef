package org.spikering.sim;

import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;

/** Small reference networks for the engine tests. */
final class TestNetworks {

    private TestNetworks() {
    }

    /** Current-based exp-synapse network with random weights and delays and a Poisson drive. */
    static Network expRandom(final long seed) {
        final LifExpParameters m = new LifExpParameters(20, 250, -65, -50, -65, 2, 5, 10, 0, ResetMode.TO_VALUE, -65);
        return Network.builder(0.1).seed(seed)
                .population("E", 400, m)
                .population("I", 100, m)
                .initialPotential("E", Distribution.uniform(-65, -52))
                .connect("E", "E", Connector.fixedProbability(0.1).autapses(false), Distribution.normal(40, 10), Distribution.uniform(0.1, 3.0))
                .connect("E", "I", Connector.fixedInDegree(40), Distribution.constant(45), Distribution.constant(0.5))
                .connect("I", "E", Connector.fixedOutDegree(30), Distribution.normal(-150, 30), Distribution.uniform(0.1, 2.0))
                .connect("I", "I", Connector.allToAll().autapses(false), Distribution.constant(-20), Distribution.constant(1.0))
                .poissonInput("E", 8000, 30)
                .poissonInput("I", 8000, 30)
                .build();
    }

    /** Brunel-like delta-synapse network (event-driven capable). */
    static Network deltaBrunel(final long seed, final double delayMs) {
        final LifDeltaParameters m = LifDeltaParameters.brunel();
        return Network.builder(0.1).seed(seed)
                .population("E", 800, m)
                .population("I", 200, m)
                .connect("E", "E", Connector.fixedInDegree(80), Distribution.constant(1.25), Distribution.constant(delayMs))
                .connect("E", "I", Connector.fixedInDegree(80), Distribution.constant(1.25), Distribution.constant(delayMs))
                .connect("I", "E", Connector.fixedInDegree(20), Distribution.constant(-6.25), Distribution.uniform(delayMs, delayMs + 1.0))
                .connect("I", "I", Connector.fixedInDegree(20), Distribution.constant(-6.25), Distribution.constant(delayMs))
                .poissonInput("E", 1600, 1.25)
                .poissonInput("I", 1600, 1.25)
                .build();
    }
}
