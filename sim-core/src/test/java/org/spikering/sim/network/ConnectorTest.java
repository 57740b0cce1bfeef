package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.sim.synapse.Csr;

final class ConnectorTest {

    private static Csr connect(final int nA, final int nB, final boolean same, final Connector c) {
        final NetworkBuilder b = Network.builder(0.1).seed(9).population("A", nA, LifDeltaParameters.brunel());
        if (!same) {
            b.population("B", nB, LifDeltaParameters.brunel());
        }
        return b.connect("A", same ? "A" : "B", c, Distribution.constant(1), Distribution.constant(0.1)).build()
                .projections().get(0).synapses();
    }

    private static int[] inDegrees(final Csr c, final int nTargets) {
        final int[] in = new int[nTargets];
        for (int t : c.target()) {
            in[t]++;
        }
        return in;
    }

    @Test
    void shouldGiveExactInDegreesAndOutDegrees() {
        final Csr in = connect(300, 200, false, Connector.fixedInDegree(25));
        for (int d : inDegrees(in, 200)) {
            assertEquals(25, d);
        }
        final Csr out = connect(300, 200, false, Connector.fixedOutDegree(7));
        for (int s = 0; s < 300; s++) {
            assertEquals(7, out.rowStart()[s + 1] - out.rowStart()[s]);
        }
    }

    @Test
    void shouldMatchConnectionProbabilityStatistically() {
        final Csr c = connect(1000, 1000, false, Connector.fixedProbability(0.05));
        // Binomial(10^6, 0.05): mean 50 000, sd 218
        assertEquals(50_000, c.synapseCount(), 5 * 218);
    }

    @Test
    void shouldHonourAutapseAndMultapseSwitches() {
        final Csr noAut = connect(50, 0, true, Connector.fixedInDegree(30).autapses(false).multapses(false));
        for (int s = 0; s < 50; s++) {
            final Set<Integer> seen = new HashSet<>();
            for (int k = noAut.rowStart()[s]; k < noAut.rowStart()[s + 1]; k++) {
                assertTrue(noAut.target()[k] != s, "autapse at " + s);
                assertTrue(seen.add(noAut.target()[k]), "multapse at " + s);
            }
        }
        assertEquals(50 * 49, connect(50, 0, true, Connector.allToAll().autapses(false)).synapseCount());
        assertEquals(50 * 50, connect(50, 0, true, Connector.allToAll()).synapseCount());
        assertEquals(49 * 50, connect(50, 0, true, Connector.fixedProbability(1.0).autapses(false)).synapseCount());
        assertEquals(20, connect(20, 20, false, Connector.oneToOne()).synapseCount());
    }

    @Test
    void shouldKeepExplicitPairsSortedByTargetWithinRows() {
        final Csr c = connect(3, 4, false, Connector.explicit(new int[] {2, 0, 2, 1}, new int[] {3, 1, 0, 2}));
        assertEquals(4, c.synapseCount());
        assertEquals(0, c.target()[c.rowStart()[2]]);
        assertEquals(3, c.target()[c.rowStart()[2] + 1]);
    }

    @Test
    void shouldPartitionWithoutLosingSynapses() {
        final Csr c = connect(200, 300, false, Connector.fixedProbability(0.2));
        final Csr a = c.partition(0, 100);
        final Csr b = c.partition(100, 300);
        assertEquals(c.synapseCount(), a.synapseCount() + b.synapseCount());
        for (int t : a.target()) {
            assertTrue(t < 100);
        }
        for (int t : b.target()) {
            assertTrue(t >= 100);
        }
    }

    @Test
    void shouldUseFourBytesPerSynapseForConstantWeightsAndDelays() {
        final Csr c = connect(1000, 1000, false, Connector.fixedInDegree(100));
        assertEquals(4.0, (double) c.bytes() / c.synapseCount(), 0.05);
    }
}
