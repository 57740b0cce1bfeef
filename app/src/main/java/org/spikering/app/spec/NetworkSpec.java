package org.spikering.app.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.spikering.app.spec.network.NetworkChecks;
import org.spikering.app.spec.network.NetworkDescriber;
import org.spikering.app.spec.network.NetworkFactory;
import org.spikering.app.spec.network.NirEntry;
import org.spikering.app.spec.network.PopulationEntry;
import org.spikering.app.spec.network.ProjectionEntry;
import org.spikering.app.spec.network.RecordersEntry;
import org.spikering.app.spec.network.SourceEntry;
import org.spikering.sim.network.Network;

/**
 * The {@code network} section: a spiking network in the vocabulary of PyNN and NEST (schema
 * {@code schema/network.json}; {@code docs/SPEC-network.md}). {@link #build} makes the sim-core
 * network through its builder; {@link #from} describes a built network as a section again.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>dt_ms</td><td>ms</td><td>integration step</td></tr>
 *   <tr><td>nir</td><td></td><td>{@link NirEntry}: a NIR graph as the network, instead of populations, projections and sources</td></tr>
 *   <tr><td>populations</td><td></td><td>{@link PopulationEntry}: name, size, model and its parameters, initial state</td></tr>
 *   <tr><td>projections</td><td></td><td>{@link ProjectionEntry}: source, target, connector, weight (pA, mV, or unit-free for loihi models), delay (ms)</td></tr>
 *   <tr><td>sources</td><td></td><td>{@link SourceEntry}: poisson, dc, step_current, spike_array</td></tr>
 *   <tr><td>recorders</td><td></td><td>{@link RecordersEntry}: spikes, rates, state variables</td></tr>
 * </table>
 *
 * @param dtMs        step, ms.
 * @param populations populations, in global id order.
 * @param projections projections.
 * @param sources     sources.
 * @param recorders   recorders.
 * @param nir         a NIR graph as the network, or null (then populations are required).
 */
public record NetworkSpec(double dtMs, List<PopulationEntry> populations, List<ProjectionEntry> projections,
                          List<SourceEntry> sources, RecordersEntry recorders, NirEntry nir) implements SpecSection {

    /** A section without populations (the nir form) has empty lists, not null. */
    public NetworkSpec {
        populations = populations == null ? List.of() : populations;
        projections = projections == null ? List.of() : projections;
        sources = sources == null ? List.of() : sources;
    }

    /**
     * A network of populations (no NIR graph).
     *
     * @param dtMs        step, ms.
     * @param populations populations.
     * @param projections projections.
     * @param sources     sources.
     * @param recorders   recorders.
     */
    public NetworkSpec(final double dtMs, final List<PopulationEntry> populations, final List<ProjectionEntry> projections,
                       final List<SourceEntry> sources, final RecordersEntry recorders) {
        this(dtMs, populations, projections, sources, recorders, null);
    }

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        NetworkChecks.check(this, spec.tree().path(path), problems, path, spec::resolve);
    }

    /**
     * @param seed    seed of every random stream (the spec's {@code seed}).
     * @param resolve a file name of the spec to its path ({@link Spec#resolve}).
     * @return the built network (a NIR graph: its engine network, weights as in the file).
     */
    public Network build(final long seed, final Function<String, Path> resolve) {
        if (nir != null) {
            return nir.prepare(dtMs, resolve, org.spikering.nir.run.EngineRunner.WeightMap.NONE).network();
        }
        return NetworkFactory.build(this, seed, resolve);
    }

    /**
     * The section that describes a built network (the inverse of {@link #build}, without recorders, which are not
     * part of a network): its populations, projections (without names), and its sources in the builder's order
     * (spike arrays, poisson, then currents; one change at its start is written as dc).
     *
     * @param network a network made by sim-core's builder with the models and distributions a spec can name.
     * @return the section, recorders null.
     * @throws IllegalArgumentException naming what a spec cannot describe.
     */
    public static NetworkSpec from(final Network network) {
        return NetworkDescriber.describe(network);
    }

    /**
     * @param r recorders.
     * @return a copy with other recorders.
     */
    public NetworkSpec withRecorders(final RecordersEntry r) {
        return new NetworkSpec(dtMs, populations, projections, sources, r, nir);
    }

    /**
     * @param name a population or spike_array name.
     * @return the population, or null.
     */
    public PopulationEntry population(final String name) {
        for (PopulationEntry p : populations) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * @param name a spike_array source's name.
     * @return the source, or null.
     */
    public SourceEntry spikeArray(final String name) {
        for (SourceEntry s : sources) {
            if ("spike_array".equals(s.kind()) && name.equals(s.name())) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param name    a population or spike_array name.
     * @param resolve file names to paths (unused: a spike array from a file gives its size).
     * @return its number of neurons, or -1 if there is none of that name.
     */
    public int size(final String name, final Function<String, Path> resolve) {
        final PopulationEntry p = population(name);
        if (p != null) {
            return p.size();
        }
        final SourceEntry s = spikeArray(name);
        if (s == null) {
            return -1;
        }
        return s.spikeTimesMs() != null ? s.spikeTimesMs().size() : s.size() == null ? -1 : s.size();
    }

    /** @return the names of the populations and spike arrays, in global id order. */
    public List<String> neuronGroupNames() {
        final List<String> names = new ArrayList<>();
        populations.forEach(p -> names.add(p.name()));
        sources.stream().filter(s -> "spike_array".equals(s.kind())).forEach(s -> names.add(s.name()));
        return names;
    }

    /** @return the number of neurons, spike generators included. */
    public long neurons() {
        long n = 0;
        for (String g : neuronGroupNames()) {
            n += Math.max(0, size(g, null));
        }
        return n;
    }

    /** @return the expected number of synapses (for the memory check before building; explicit pairs counted as given). */
    public double expectedSynapses() {
        double s = 0;
        for (ProjectionEntry p : projections) {
            final double ns = size(p.source(), null);
            final double nt = size(p.target(), null);
            final boolean self = p.source().equals(p.target()) && !p.connector().autapses();
            s += switch (p.connector().rule()) {
                case "all_to_all" -> ns * nt - (self ? ns : 0);
                case "one_to_one" -> nt;
                case "fixed_probability" -> p.connector().p() * (ns * nt - (self ? ns : 0));
                case "fixed_in_degree" -> (double) p.connector().k() * nt;
                case "fixed_out_degree" -> (double) p.connector().k() * ns;
                case "fixed_total_number" -> p.connector().n();
                default -> p.connector().pairs() != null ? p.connector().pairs().size() : 0;
            };
        }
        return s;
    }
}
