package org.spikering.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.nir.NirFile;
import org.spikering.nir.run.NirConnectivity;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.network.Projection;
import org.spikering.sim.synapse.Csr;

/**
 * What {@code hw map SPEC} maps: the network of a spec's {@code network} section, built (so the synapse counts are
 * those drawn, not expected values), as the chip mapper sees it: every population and spike array with its size,
 * every projection with its synapse count and its largest delay (steps · dt).
 */
public final class SpecNetworkDescription {

    private SpecNetworkDescription() {
    }

    /**
     * @param file a spec file or shipped example.
     * @param sets {@code --set} overrides.
     * @return the description.
     */
    static NetworkDescription of(final String file, final List<String> sets) {
        final Spec spec = SpecLoader.load(file, sets);
        if (!spec.has("network")) {
            throw new SpecException(spec.source(), List.of("network: missing, required: hw map SPEC maps the spec's network"
                    + " section (start from 'spikering spec show cuba')"));
        }
        final NetworkSpec n = spec.section("network", NetworkSpec.class);
        MemoryBudget.require(spec.source() + " (" + n.neurons() + " neurons, " + String.format("%.3g", n.expectedSynapses())
                + " synapses)", MemoryBudget.network(n.neurons(), n.expectedSynapses(), 0, 0));
        if (n.nir() != null) {
            return nir(n.nir().read(spec::resolve), n.dtMs());
        }
        return describe(n.build(spec.seed(), spec::resolve));
    }

    /**
     * A NIR graph as the chip mapper sees it: neuron nodes and top-level Inputs as populations, synapses counted
     * through the static nodes between them ({@link NirConnectivity}).
     *
     * @param file       the graph.
     * @param maxDelayMs largest synaptic delay to assume, ms (NIR stores none).
     * @return the description.
     * @throws org.spikering.nir.NirFormatException one line per node that cannot run.
     */
    public static NetworkDescription nir(final NirFile file, final double maxDelayMs) {
        final NirConnectivity c = new NirConnectivity(file);
        final List<NetworkDescription.Population> pops = new ArrayList<>();
        for (NirConnectivity.Population x : c.populations()) {
            pops.add(new NetworkDescription.Population(x.name(), x.size()));
        }
        final List<NetworkDescription.Projection> prs = new ArrayList<>();
        for (NirConnectivity.Projection x : c.projections()) {
            prs.add(new NetworkDescription.Projection(x.pre(), x.post(), x.synapses(), maxDelayMs));
        }
        return new NetworkDescription(pops, prs);
    }

    /**
     * @param net a built network.
     * @return its description for the mapper.
     */
    public static NetworkDescription describe(final Network net) {
        final List<NetworkDescription.Population> pops = new ArrayList<>();
        for (PopulationSpec p : net.populations()) {
            pops.add(new NetworkDescription.Population(p.name(), p.size()));
        }
        final List<NetworkDescription.Projection> prs = new ArrayList<>();
        for (Projection pr : net.projections()) {
            prs.add(new NetworkDescription.Projection(net.populations().get(pr.sourcePopulation()).name(),
                    net.populations().get(pr.targetPopulation()).name(), pr.synapses().synapseCount(),
                    maxDelaySteps(pr.synapses()) * net.dtMs()));
        }
        return new NetworkDescription(pops, prs);
    }

    private static int maxDelaySteps(final Csr c) {
        final short[] d = c.delays();
        if (d == null) {
            return c.constantDelay();
        }
        int m = 1;
        for (short s : d) {
            m = Math.max(m, s);
        }
        return m;
    }
}
