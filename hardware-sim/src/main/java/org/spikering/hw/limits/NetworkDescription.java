package org.spikering.hw.limits;

import java.util.List;

/**
 * A network as the mapper sees it: populations with sizes and projections with synapse counts and delays.
 *
 * @param populations populations (names unique).
 * @param projections projections between them.
 */
public record NetworkDescription(List<Population> populations, List<Projection> projections) {

    /** @param name unique name; @param size neurons, ≥ 1. */
    public record Population(String name, int size) {
        public Population {
            if (size < 1) {
                throw new IllegalArgumentException("population " + name + " size = " + size + ": must be >= 1");
            }
        }
    }

    /**
     * @param pre       source population name.
     * @param post      target population name.
     * @param synapses  number of synapses, ≥ 0.
     * @param maxDelayMs largest delay in ms, &gt; 0.
     */
    public record Projection(String pre, String post, long synapses, double maxDelayMs) {
        public Projection {
            if (synapses < 0) {
                throw new IllegalArgumentException("projection " + pre + "->" + post + " synapses = " + synapses + ": must be >= 0");
            }
            if (!(maxDelayMs > 0)) {
                throw new IllegalArgumentException("projection " + pre + "->" + post + " maxDelayMs = " + maxDelayMs + ": must be > 0");
            }
        }
    }

    public NetworkDescription {
        populations = List.copyOf(populations);
        projections = List.copyOf(projections);
        for (Projection pr : projections) {
            find(populations, pr.pre());
            find(populations, pr.post());
        }
    }

    public Population population(String name) {
        return find(populations, name);
    }

    private static Population find(List<Population> ps, String name) {
        for (Population p : ps) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("population = " + name + ": not defined");
    }
}
