package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.synapse.Csr;

/** Spike generators inside a network, and explicit weights kept in double precision. */
final class SpikeGeneratorAndExactWeightsTest {

    private static final int[][] TRAINS = {{0, 3, 7}, {}, {2}, {1, 2, 3}, {9}};

    @Test
    void generatorsSpikeAtTheirStepsForEveryPartitioning() {
        final Network net = Network.builder(0.1).population("g", 5, new SpikeGeneratorModel(TRAINS)).build();
        for (SimulationConfig cfg : new SimulationConfig[] {SimulationConfig.reference(), SimulationConfig.threads(2),
            SimulationConfig.threads(3)}) {
            try (Simulation sim = Simulation.create(net, cfg)) {
                final SpikeRecorder rec = sim.recordSpikes();
                sim.run(1.2);
                assertArrayEquals(new long[] {0, 1, 2, 2, 3, 3, 7, 9}, rec.steps(), cfg + ": steps");
                assertArrayEquals(new int[] {0, 3, 2, 3, 0, 3, 0, 4}, rec.globalIds(), cfg + ": ids");
            }
        }
    }

    @Test
    void explicitWeightsAreKeptInDoublePrecision() {
        final double w = 0.1 + 1e-12; // not representable as a float
        final Network net = Network.builder(0.1)
                .population("g", 1, new SpikeGeneratorModel(new int[][] {{0}}))
                .population("n", 2, LifDeltaParameters.brunel())
                .connectExplicit("g", "n", new int[] {0, 0}, new int[] {0, 1}, new double[] {w, -w}, 0.1)
                .build();
        final Csr c = net.projections().get(0).synapses();
        assertNull(c.weights());
        assertEquals(w, c.weight(0), 0.0);
        assertEquals(-w, c.weight(1), 0.0);
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            sim.run(0.2); // the spike of step 0 arrives in step 1: V_m = E_L (0) + w exactly at grid point 2
            assertEquals(w, sim.stateValue("n", "V_m", 0), 0.0, "a float weight would give " + (double) (float) w);
            assertEquals(-w, sim.stateValue("n", "V_m", 1), 0.0);
        }
    }

    @Test
    void rejectsUnsortedSpikeSteps() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpikeGeneratorModel(new int[][] {{3, 1}}));
        assertEquals(true, e.getMessage().contains("ascending"), e.getMessage());
    }
}
