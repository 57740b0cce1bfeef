package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.spikering.sim.network.Network;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.network.Projection;
import org.spikering.sim.synapse.Csr;

/** Structural comparison of two built networks: every declaration and every synapse array. */
final class NetworkAssert {

    private NetworkAssert() {
    }

    /** Asserts that two networks are the same: dt, seed, populations, projections (specs and synapses), sources. */
    static void assertSameNetwork(final Network expected, final Network actual) {
        assertEquals(expected.dtMs(), actual.dtMs(), "dt");
        assertEquals(expected.seed(), actual.seed(), "seed");
        assertEquals(expected.populations().size(), actual.populations().size(), "populations");
        for (int p = 0; p < expected.populations().size(); p++) {
            assertSamePopulation(expected.populations().get(p), actual.populations().get(p));
        }
        assertEquals(expected.projections().size(), actual.projections().size(), "projections");
        for (int i = 0; i < expected.projections().size(); i++) {
            assertSameProjection(i, expected.projections().get(i), actual.projections().get(i));
        }
        assertEquals(expected.drives(), actual.drives(), "poisson drives");
        assertEquals(expected.stepCurrents().size(), actual.stepCurrents().size(), "step currents");
    }

    static void assertSamePopulation(final PopulationSpec e, final PopulationSpec a) {
        assertEquals(e.name(), a.name());
        assertEquals(e.size(), a.size(), e.name() + " size");
        assertEquals(e.offset(), a.offset(), e.name() + " offset");
        assertEquals(e.model(), a.model(), e.name() + " model");
        assertEquals(e.initialPotential(), a.initialPotential(), e.name() + " V_m(0)");
        assertEquals(e.initialState(), a.initialState(), e.name() + " initial state");
    }

    static void assertSameProjection(final int i, final Projection e, final Projection a) {
        final String at = "projection " + i;
        assertEquals(e.sourcePopulation(), a.sourcePopulation(), at + " source");
        assertEquals(e.targetPopulation(), a.targetPopulation(), at + " target");
        assertEquals(e.spec().connector().rule(), a.spec().connector().rule(), at + " rule");
        assertEquals(e.spec().connector().parameter(), a.spec().connector().parameter(), at + " parameter");
        assertEquals(e.spec().connector().autapses(), a.spec().connector().autapses(), at + " autapses");
        assertEquals(e.spec().connector().multapses(), a.spec().connector().multapses(), at + " multapses");
        assertEquals(e.spec().weights(), a.spec().weights(), at + " weights");
        assertEquals(e.spec().delays(), a.spec().delays(), at + " delays");
        assertArrayEquals(e.spec().exactDelaysMs(), a.spec().exactDelaysMs(), at + " per-synapse delays");
        assertSameSynapses(at, e.synapses(), a.synapses());
    }

    static void assertSameSynapses(final String at, final Csr e, final Csr a) {
        assertSameConnectivity(at, e, a);
        assertArrayEquals(e.weights(), a.weights(), at + " weight array");
        assertArrayEquals(e.exactWeights(), a.exactWeights(), at + " exact weights");
        assertEquals(e.hasConstantWeight(), a.hasConstantWeight(), at + " constant weight?");
        assertEquals(e.constantWeight(), a.constantWeight(), at + " constant weight");
        assertArrayEquals(e.delays(), a.delays(), at + " delay array");
        assertEquals(e.constantDelay(), a.constantDelay(), at + " constant delay");
    }

    static void assertSameConnectivity(final String at, final Csr e, final Csr a) {
        assertEquals(e.synapseCount(), a.synapseCount(), at + " synapses");
        assertArrayEquals(e.rowStart(), a.rowStart(), at + " row starts");
        assertArrayEquals(e.target(), a.target(), at + " targets");
    }
}
