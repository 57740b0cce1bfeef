package org.spikering.hw.counters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operation counts of one run: spikes emitted by the simulated neurons, input spikes (events arriving
 * from outside the network, routed like spikes), synaptic operations (one per delivered spike per
 * synapse), neuron updates, weight updates (entries actually changed), and memory bits for weights and
 * state. Plain long fields; not thread-safe (use one per thread and {@link #add}).
 */
public final class OperationCounters {
    private long spikes;
    private long inputSpikes;
    private long synapticOps;
    private long denseMacs;
    private long neuronUpdates;
    private long weightUpdates;
    private long weightMemoryBits;
    private long stateMemoryBits;

    public void addSpikes(long n) {
        spikes += n;
    }

    /** Adds spikes that arrived from outside the simulated neurons (input neurons, external sources). */
    public void addInputSpikes(long n) {
        inputSpikes += n;
    }

    public void addSynapticOps(long n) {
        synapticOps += n;
    }

    /** @param n dense multiply-accumulates of rate networks (one per weight per step, zero or not). */
    public void addDenseMacs(long n) {
        denseMacs += n;
    }

    public void addNeuronUpdates(long n) {
        neuronUpdates += n;
    }

    public void addWeightUpdates(long n) {
        weightUpdates += n;
    }

    /** Memory for {@code count} weights of {@code bits} bits each. */
    public void addWeightMemory(long count, int bits) {
        weightMemoryBits += count * bits;
    }

    /** Memory for {@code count} state variables of {@code bits} bits each. */
    public void addStateMemory(long count, int bits) {
        stateMemoryBits += count * bits;
    }

    public void add(OperationCounters o) {
        spikes += o.spikes;
        inputSpikes += o.inputSpikes;
        synapticOps += o.synapticOps;
        denseMacs += o.denseMacs;
        neuronUpdates += o.neuronUpdates;
        weightUpdates += o.weightUpdates;
        weightMemoryBits += o.weightMemoryBits;
        stateMemoryBits += o.stateMemoryBits;
    }

    public long spikes() {
        return spikes;
    }

    public long inputSpikes() {
        return inputSpikes;
    }

    public long synapticOps() {
        return synapticOps;
    }

    /** @return dense multiply-accumulates (rate networks; 0 for spiking ones). */
    public long denseMacs() {
        return denseMacs;
    }

    public long neuronUpdates() {
        return neuronUpdates;
    }

    public long weightUpdates() {
        return weightUpdates;
    }

    public long weightMemoryBits() {
        return weightMemoryBits;
    }

    public long stateMemoryBits() {
        return stateMemoryBits;
    }

    /** @return the counters as an ordered map for the JSON summary. */
    public Map<String, Object> toMap() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("spikes", spikes);
        m.put("input_spikes", inputSpikes);
        m.put("synaptic_ops", synapticOps);
        if (denseMacs != 0) {
            m.put("dense_macs", denseMacs); // rate networks only: spiking summaries are unchanged
        }
        m.put("neuron_updates", neuronUpdates);
        m.put("weight_updates", weightUpdates);
        m.put("weight_memory_bits", weightMemoryBits);
        m.put("state_memory_bits", stateMemoryBits);
        return m;
    }
}
