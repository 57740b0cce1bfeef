package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.kernel.UpdateMode;

final class NetworkValidationTest {

    private static final Distribution W = Distribution.constant(1.0);
    private static final Distribution D = Distribution.constant(1.0);

    private static NetworkBuilder two() {
        return Network.builder(0.1).population("A", 10, LifDeltaParameters.brunel()).population("B", 10, LifDeltaParameters.brunel());
    }

    private static void assertMessage(final String expected, final Executable e) {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expected), "'" + ex.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void shouldRejectNegativeTimeConstant() {
        assertMessage("tau_m = -20.0 ms: must be a finite number > 0",
                () -> new LifExpParameters(-20, 250, -65, -50, -65, 2, 5, 10, 0, ResetMode.TO_VALUE, -65));
    }

    @Test
    void shouldRejectProbabilityOutsideUnitInterval() {
        assertMessage("connection probability p = 1.5: must be in [0, 1]", () -> Connector.fixedProbability(1.5));
        assertMessage("connection probability p = -0.1", () -> Connector.fixedProbability(-0.1));
    }

    @Test
    void shouldRejectDelayBelowDt() {
        assertMessage("delay = 0.05 ms: must be >= dt = 0.1 ms",
                () -> two().connect("A", "B", Connector.allToAll(), W, Distribution.constant(0.05)).build());
    }

    @Test
    void shouldRejectDelayOffTheGrid() {
        assertMessage("is not a multiple of dt = 0.1 ms: nearest allowed values are 0.2 and 0.3 ms",
                () -> two().connect("A", "B", Connector.allToAll(), W, Distribution.constant(0.25)).build());
    }

    @Test
    void shouldRejectUnknownPopulationListingKnownOnes() {
        assertMessage("population 'C' is unknown: known populations are [A, B]",
                () -> two().connect("A", "C", Connector.allToAll(), W, D));
    }

    @Test
    void shouldRejectEmptyPopulation() {
        assertMessage("population 'E' size = 0: must be >= 1",
                () -> Network.builder(0.1).population("E", 0, LifDeltaParameters.brunel()));
    }

    @Test
    void shouldRejectDuplicateNamesAndBadDt() {
        assertMessage("declared twice", () -> two().population("A", 3, LifDeltaParameters.brunel()));
        assertMessage("dt = -0.1 ms", () -> Network.builder(-0.1));
    }

    @Test
    void shouldRejectImpossibleInDegreeWithoutMultapses() {
        assertMessage("indegree = 20 exceeds the 10 distinct partners",
                () -> two().connect("A", "B", Connector.fixedInDegree(20).multapses(false), W, D).build());
    }

    @Test
    void shouldRejectNonFiniteWeightsAndBadExplicitIndices() {
        assertMessage("constant = NaN", () -> Distribution.constant(Double.NaN));
        assertMessage("explicit target index 12 at position 1: must be in [0, 10)",
                () -> two().connect("A", "B", Connector.explicit(new int[] {0, 1}, new int[] {0, 12}), W, D).build());
        assertMessage("one-to-one needs equal sizes", () -> Network.builder(0.1).population("A", 3, LifDeltaParameters.brunel())
                .population("B", 4, LifDeltaParameters.brunel()).connect("A", "B", Connector.oneToOne(), W, D).build());
    }

    @Test
    void shouldRejectEventDrivenModeForSelfFiringPopulation() {
        final Network net = Network.builder(0.1).population("A", 3, LifDeltaParameters.brunel().withIE(1000)).build();
        assertMessage("has a bias current that drives V_m to threshold",
                () -> Simulation.create(net, SimulationConfig.reference().withUpdateMode(UpdateMode.EVENT)));
    }

    @Test
    void shouldRejectBadThreadCountAndDuration() {
        assertMessage("threads = 0: must be in [1, 256]", () -> SimulationConfig.threads(0));
        final Network net = two().build();
        try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
            assertMessage("duration = NaN ms", () -> sim.run(Double.NaN));
            assertMessage("state variable 'U' of lif_delta: must be one of V_m", () -> sim.recordState("A", "U", new int[] {0}, 1));
        }
    }
}
