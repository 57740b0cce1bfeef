package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;

/** Per-operation energies can replace the Loihi defaults; bad specs name the key. */
final class EnergyOverrideTest {

    @Test
    void overridesOnlyTheGivenEnergies() {
        final EnergyModel m = EnergyModel.loihiWith("synop=10, spike=0");
        assertEquals(new EnergyModel(10, 81, 120, 0), m);
        final OperationCounters c = new OperationCounters();
        c.addSynapticOps(1000);
        c.addNeuronUpdates(10);
        c.addSpikes(7);
        assertEquals((10 * 1000 + 81 * 10) * 1e-12, m.joules(c), 1e-24);
        assertEquals(EnergyModel.loihi(), EnergyModel.loihiWith(null));
        assertTrue(m.describe().startsWith("user energies"), m.describe());
        assertTrue(EnergyModel.loihi().describe().startsWith("loihi"));
    }

    @Test
    void rejectsUnknownKeysBadNumbersAndNegativeEnergies() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("synapse=3"))
                .getMessage().contains("synop, neuron, weight, spike"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("neuron=abc"))
                .getMessage().contains("neuron = 'abc'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("weight=-1"))
                .getMessage().contains("--energy = 'weight=-1': weight = -1.0 pJ must be in [0, 1.0E12]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("synop=1,synop=2"))
                .getMessage().contains("key 'synop' given twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("synop=1,"))
                .getMessage().contains("entry '' must be key=pJ"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("neuron=NaN"))
                .getMessage().contains("neuron = NaN pJ"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith(""))
                .getMessage().contains("--energy = ''"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.loihiWith("spike"))
                .getMessage().contains("key=pJ"));
    }
}
