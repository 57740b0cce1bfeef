package org.spikering.hw.energy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.hw.counters.OperationCounters;

/**
 * Energy estimate from per-operation energies (pJ):
 * E = synOp·(N_syn + N_MAC) + neuronUpdate·N_neuron + weightUpdate·N_wu + spikeTransport·(N_spikes + N_input_spikes)
 * (input spikes are routed to their targets like the network's own spikes). N_MAC, the dense multiply-accumulates of a
 * rate network ({@link OperationCounters#denseMacs}, 0 for spiking ones), is charged at the synaptic-op energy: a
 * project choice (Loihi has no dense rate units; a MAC reads a weight and accumulates as a synaptic op does).
 * <table>
 *   <caption>Loihi defaults (Davies et al., "Loihi: A Neuromorphic Manycore Processor with On-Chip
 *   Learning", IEEE Micro 38(1), 2018, Table 2; pre-silicon simulation at 0.75 V)</caption>
 *   <tr><th>operation</th><th>pJ</th></tr>
 *   <tr><td>synaptic spike op (minimum)</td><td>23.6</td></tr>
 *   <tr><td>neuron update (active)</td><td>81</td></tr>
 *   <tr><td>synaptic update (pairwise STDP)</td><td>120</td></tr>
 *   <tr><td>spike within a tile</td><td>1.7</td></tr>
 * </table>
 *
 * @param synapticOpPj      energy per synaptic operation, pJ, ≥ 0.
 * @param neuronUpdatePj    energy per neuron update, pJ, ≥ 0.
 * @param weightUpdatePj    energy per weight update, pJ, ≥ 0.
 * @param spikeTransportPj  energy per emitted spike (routing), pJ, ≥ 0.
 */
public record EnergyModel(double synapticOpPj, double neuronUpdatePj, double weightUpdatePj, double spikeTransportPj) {

    public EnergyModel {
        check("synapticOpPj", synapticOpPj);
        check("neuronUpdatePj", neuronUpdatePj);
        check("weightUpdatePj", weightUpdatePj);
        check("spikeTransportPj", spikeTransportPj);
    }

    /**
     * Largest per-operation energy accepted from the command line, pJ (1 J): far above any chip (Loihi: 1.7 to
     * 120 pJ), low enough that 1e15 operations still give a finite total.
     */
    public static final double MAX_PJ = 1e12;

    /** Loihi figures of Davies et al. 2018, Table 2 (see class Javadoc). */
    public static EnergyModel loihi() {
        return new EnergyModel(23.6, 81.0, 120.0, 1.7);
    }

    /**
     * The Loihi defaults with some energies replaced, from a spec such as {@code "synop=20,neuron=50"}.
     * Keys: {@code synop} (synaptic operation), {@code neuron} (neuron update), {@code weight} (weight
     * update), {@code spike} (spike transport); values in pJ, in [0, {@value #MAX_PJ}]; each key at most once.
     *
     * @param spec comma-separated key=value pairs; null gives {@link #loihi()}; blank, an empty entry, an unknown
     *             or repeated key or a value out of range is an error naming {@code --energy}.
     * @return the model.
     */
    public static EnergyModel loihiWith(final String spec) {
        final EnergyModel d = loihi();
        if (spec == null) {
            return d;
        }
        if (spec.isBlank()) {
            throw new IllegalArgumentException("--energy = '" + spec + "': must be key=pJ entries, e.g. synop=20,neuron=50"
                    + " (leave the option out for the Loihi defaults)");
        }
        double syn = d.synapticOpPj;
        double neu = d.neuronUpdatePj;
        double wu = d.weightUpdatePj;
        double sp = d.spikeTransportPj;
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : spec.split(",", -1)) {
            final String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--energy = '" + spec + "': entry '" + part.trim()
                        + "' must be key=pJ with key synop, neuron, weight or spike");
            }
            final String key = kv[0].trim();
            final double v;
            try {
                v = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--energy = '" + spec + "': " + key + " = '" + kv[1].trim()
                        + "' must be a number of pJ");
            }
            if (!(v >= 0 && v <= MAX_PJ)) {
                throw new IllegalArgumentException("--energy = '" + spec + "': " + key + " = " + v
                        + " pJ must be in [0, " + MAX_PJ + "]");
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("--energy = '" + spec + "': key '" + key
                        + "' given twice; each of synop, neuron, weight, spike must appear at most once");
            }
            switch (key) {
                case "synop":
                    syn = v;
                    break;
                case "neuron":
                    neu = v;
                    break;
                case "weight":
                    wu = v;
                    break;
                case "spike":
                    sp = v;
                    break;
                default:
                    throw new IllegalArgumentException("--energy = '" + spec + "': key '" + key
                            + "' must be one of synop, neuron, weight, spike");
            }
        }
        return new EnergyModel(syn, neu, wu, sp);
    }

    /** @return a one-line description with the per-operation energies. */
    public String describe() {
        final String values = String.format(java.util.Locale.ROOT, "synop %.4g pJ, neuron %.4g pJ, weight %.4g pJ, spike %.4g pJ",
                synapticOpPj, neuronUpdatePj, weightUpdatePj, spikeTransportPj);
        return (equals(loihi()) ? "loihi (Davies et al. 2018, Table 2): " : "user energies (Loihi defaults overridden): ") + values;
    }

    /** @return the estimate in joules. */
    public double joules(OperationCounters c) {
        final double pj = synapticOpPj * (c.synapticOps() + c.denseMacs()) + neuronUpdatePj * c.neuronUpdates()
                + weightUpdatePj * c.weightUpdates() + spikeTransportPj * (c.spikes() + c.inputSpikes());
        return pj * 1e-12;
    }

    /** @return per-term breakdown in joules plus the total, for the JSON summary. */
    public Map<String, Object> breakdown(OperationCounters c) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("synaptic_ops_J", synapticOpPj * c.synapticOps() * 1e-12);
        if (c.denseMacs() != 0) {
            m.put("dense_macs_J", synapticOpPj * c.denseMacs() * 1e-12);
        }
        m.put("neuron_updates_J", neuronUpdatePj * c.neuronUpdates() * 1e-12);
        m.put("weight_updates_J", weightUpdatePj * c.weightUpdates() * 1e-12);
        m.put("spike_transport_J", spikeTransportPj * (c.spikes() + c.inputSpikes()) * 1e-12);
        m.put("total_J", joules(c));
        return m;
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " pJ: must be finite and >= 0");
        }
    }
}
