package org.spikering.sim.network;

import java.util.List;

/**
 * A built, immutable network: populations laid out in one global id space, projections with their
 * synapses, Poisson drives, step currents, the step dt and the seed. Made by {@link NetworkBuilder}.
 */
public final class Network {

    private final double dtMs;
    private final long seed;
    private final List<PopulationSpec> populations;
    private final List<Projection> projections;
    private final List<PoissonDriveSpec> drives;
    private final List<StepCurrentSpec> stepCurrents;
    private final int neuronCount;

    Network(final double dtMs, final long seed, final List<PopulationSpec> populations, final List<Projection> projections,
            final List<PoissonDriveSpec> drives, final List<StepCurrentSpec> stepCurrents) {
        this.dtMs = dtMs;
        this.seed = seed;
        this.populations = List.copyOf(populations);
        this.projections = List.copyOf(projections);
        this.drives = List.copyOf(drives);
        this.stepCurrents = List.copyOf(stepCurrents);
        int n = 0;
        for (PopulationSpec p : populations) {
            n += p.size();
        }
        this.neuronCount = n;
    }

    /**
     * @param dtMs integration step in ms, &gt; 0.
     * @return a builder.
     */
    public static NetworkBuilder builder(final double dtMs) {
        return new NetworkBuilder(dtMs);
    }

    /** @return step in ms. */
    public double dtMs() {
        return dtMs;
    }

    /** @return the seed of every random stream of this network. */
    public long seed() {
        return seed;
    }

    /** @return populations in id order. */
    public List<PopulationSpec> populations() {
        return populations;
    }

    /** @return projections in declaration order. */
    public List<Projection> projections() {
        return projections;
    }

    /** @return Poisson drives. */
    public List<PoissonDriveSpec> drives() {
        return drives;
    }

    /** @return step currents in declaration order. */
    public List<StepCurrentSpec> stepCurrents() {
        return stepCurrents;
    }

    /** @return total number of neurons. */
    public int neuronCount() {
        return neuronCount;
    }

    /** @return total number of synapses. */
    public long synapseCount() {
        long s = 0;
        for (Projection p : projections) {
            s += p.synapses().synapseCount();
        }
        return s;
    }

    /** @return bytes held by all synapse arrays. */
    public long synapseBytes() {
        long b = 0;
        for (Projection p : projections) {
            b += p.synapses().bytes();
        }
        return b;
    }

    /**
     * @param name population name.
     * @return its index.
     * @throws IllegalArgumentException naming the known populations.
     */
    public int populationIndex(final String name) {
        for (int i = 0; i < populations.size(); i++) {
            if (populations.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("population '" + name + "' is unknown: known populations are " + names());
    }

    /**
     * @param name population name.
     * @return its spec.
     */
    public PopulationSpec population(final String name) {
        return populations.get(populationIndex(name));
    }

    List<String> names() {
        return populations.stream().map(PopulationSpec::name).toList();
    }

    /** @return the smallest delay of any projection in steps (Integer.MAX_VALUE without projections). */
    public int minDelaySteps() {
        int m = Integer.MAX_VALUE;
        for (Projection p : projections) {
            m = Math.min(m, DelayRange.of(p.synapses())[0]);
        }
        return m;
    }

    /** @return the largest delay of any projection in steps (1 without projections). */
    public int maxDelaySteps() {
        int m = 1;
        for (Projection p : projections) {
            m = Math.max(m, DelayRange.of(p.synapses())[1]);
        }
        return m;
    }
}
