package org.spikering.hw.learning;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.plasticity.stdp.SumOfProductsEngine;

/**
 * The learning engine's operations in the project's counters and energy model. A synapse-epoch the engine processes
 * is one "synaptic update" of Davies et al. 2018, Table 2 (120 pJ for pairwise STDP), counted as a weight update of
 * {@link OperationCounters}, so {@link EnergyModel#joules} charges it at {@code weightUpdatePj}. Trace updates are
 * counted but not charged: no cited per-trace-update energy is known to this project (Davies et al. give none
 * separately), so the estimate leaves them out and says so.
 */
public final class LearningCost {

    private LearningCost() {
    }

    /**
     * @param e the engine after a run.
     * @param c receives the engine's synapse updates as weight updates.
     */
    public static void addTo(final SumOfProductsEngine e, final OperationCounters c) {
        c.addWeightUpdates(e.synapseUpdates());
    }

    /**
     * @param e      the engine.
     * @param energy the energy table.
     * @return learning counters and their energy for a summary.
     */
    public static Map<String, Object> summary(final SumOfProductsEngine e, final EnergyModel energy) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("learning_epochs", e.epochs());
        m.put("synapse_updates", e.synapseUpdates());
        m.put("weight_changes", e.weightChanges());
        m.put("trace_updates", e.traceUpdates());
        m.put("learning_energy_J", energy.weightUpdatePj() * e.synapseUpdates() * 1e-12);
        m.put("energy_note", "synapse updates at " + energy.weightUpdatePj() + " pJ (Davies et al. 2018, Table 2, "
                + "synaptic update, pairwise STDP); trace updates not charged: no cited energy per trace update");
        return m;
    }
}
