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
        return of(c, EnergyModel.loihi());
    }

    /**
     * @param c      the counters.
     * @param energy per-operation energies (e.g. {@link EnergyModel#loihiWith} from {@code --energy}).
     * @return the block as an ordered map.
     */
    public static Map<String, Object> of(final OperationCounters c, final EnergyModel energy) {
        final Map<String, Object> hw = new LinkedHashMap<>(c.toMap());
        hw.put("energy_model", energy.describe());
        hw.put("energy_j", energy.joules(c));
        hw.put("energy_breakdown", energy.breakdown(c));
        return hw;
    }
}
