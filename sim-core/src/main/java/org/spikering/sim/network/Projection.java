package org.spikering.sim.network;

import org.spikering.sim.synapse.Csr;

/**
 * A built projection: indices of its source and target populations, its spec, and its synapses in
 * CSR form (targets in target-local indices, delays in steps).
 *
 * @param sourcePopulation index of the source population.
 * @param targetPopulation index of the target population.
 * @param spec             the declaration.
 * @param synapses         the synapses.
 */
public record Projection(int sourcePopulation, int targetPopulation, ProjectionSpec spec, Csr synapses) {
}
