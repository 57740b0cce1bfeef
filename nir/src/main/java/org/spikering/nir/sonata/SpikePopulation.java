package org.spikering.nir.sonata;

/**
 * The spikes of one SONATA population: parallel arrays, one entry per spike.
 *
 * @param name         population name (the group name under {@code /spikes}).
 * @param timestampsMs spike times, ms.
 * @param nodeIds      node id of each spike (≥ 0).
 */
public record SpikePopulation(String name, double[] timestampsMs, long[] nodeIds) {

    /** Checks the arrays. */
    public SpikePopulation {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("population name = '" + name + "': must be a non-empty name without '/'");
        }
        if (timestampsMs.length != nodeIds.length) {
            throw new IllegalArgumentException("population '" + name + "': " + timestampsMs.length + " timestamps and "
                    + nodeIds.length + " node ids: must be as many");
        }
        for (int i = 0; i < nodeIds.length; i++) {
            if (!Double.isFinite(timestampsMs[i]) || nodeIds[i] < 0) {
                throw new IllegalArgumentException("population '" + name + "' spike " + i + ": time " + timestampsMs[i]
                        + " ms, node " + nodeIds[i] + ": must be a finite time and a node id >= 0");
            }
        }
        timestampsMs = timestampsMs.clone();
        nodeIds = nodeIds.clone();
    }

    /** @return the number of spikes. */
    public int size() {
        return nodeIds.length;
    }

    @Override
    public double[] timestampsMs() {
        return timestampsMs.clone();
    }

    @Override
    public long[] nodeIds() {
        return nodeIds.clone();
    }
}
