package org.spikering.app.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;

/**
 * The {@code hardware} block of a summary.json: the operation counters (spikes, input spikes, synaptic
 * operations, neuron updates, weight updates, weight and state memory in bits) and the energy they would
 * cost on Loihi ({@link EnergyModel#loihi()}, Davies et al. 2018), total and per term, in joules.
 */
public final class HardwareBlock {

    private HardwareBlock() {
    }

    /**
     * @param c the counters.
     * @return the block as an ordered map.
     */
    public static Map<String, Object> of(final OperationCounters c) {
        final Map<String, Object> hw = new LinkedHashMap<>(c.toMap());
        final EnergyModel loihi = EnergyModel.loihi();
        hw.put("energy_model", "loihi (Davies et al. 2018, Table 2)");
        hw.put("energy_j", loihi.joules(c));
        hw.put("energy_breakdown", loihi.breakdown(c));
        return hw;
    }
}
