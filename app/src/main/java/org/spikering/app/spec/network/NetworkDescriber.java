package org.spikering.app.spec.network;

import java.util.ArrayList;
import java.util.List;
import org.spikering.app.spec.DistributionSpec;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PoissonDriveSpec;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.network.Projection;
import org.spikering.sim.network.ProjectionSpec;
import org.spikering.sim.network.StepCurrentSpec;

/**
 * A built network described as a {@code network} section ({@link NetworkSpec#from}): what sim-core's network keeps
 * of its declarations (populations with models and V_m(0), projection specs, drives, step currents), written in the
 * spec's vocabulary. Recorders are not part of a network (null); projections get no names.
 */
public final class NetworkDescriber {

    private NetworkDescriber() {
    }

    /**
     * @param net the network.
     * @return its section.
     */
    public static NetworkSpec describe(final Network net) {
        final double dt = net.dtMs();
        final List<PopulationEntry> pops = new ArrayList<>();
        final List<SourceEntry> sources = new ArrayList<>();
        for (PopulationSpec p : net.populations()) {
            if (p.model() instanceof SpikeGeneratorModel g) {
                final List<List<Double>> times = new ArrayList<>();
                for (int i = 0; i < g.size(); i++) {
                    final List<Double> t = new ArrayList<>();
                    for (int s : g.steps(i)) {
                        t.add(Distributions.gridMs(s, dt));
                    }
                    times.add(t);
                }
                sources.add(new SourceEntry("spike_array", p.name(), null, null, null, null, null, null, null, null, null,
                        times, null, null, null));
                continue;
            }
            final PopulationEntry e = NeuronModels.entry(p.name(), p.size(), p.model(), p.initialState(), dt);
            if (e == null) {
                throw new IllegalArgumentException("population '" + p.name() + "': model " + p.model().modelName()
                        + " cannot be written in a spec (one of " + NeuronModels.NAMES + ")");
            }
            pops.add(e);
        }
        final List<ProjectionEntry> projections = new ArrayList<>();
        for (Projection pr : net.projections()) {
            projections.add(projection(net, pr));
        }
        for (PoissonDriveSpec d : net.drives()) {
            final String f = NeuronModels.weightField(modelOf(pops, d.target()));
            sources.add(new SourceEntry("poisson", null, d.target(), d.rateHz(), "weight_pa".equals(f) ? d.weight() : null,
                    "weight_mv".equals(f) ? d.weight() : null, "weight".equals(f) ? d.weight() : null, null, null, null,
                    null, null, null, null, null));
        }
        for (StepCurrentSpec c : net.stepCurrents()) {
            final var s = c.source();
            if (s.changes() == 1) {
                sources.add(new SourceEntry("dc", null, c.target(), null, null, null, null, s.amplitude(0),
                        Distributions.gridMs(s.changeStep(0), dt), null, null, null, null, null, null));
            } else {
                final List<Double> times = new ArrayList<>();
                final List<Double> amps = new ArrayList<>();
                for (int j = 0; j < s.changes(); j++) {
                    times.add(Distributions.gridMs(s.changeStep(j), dt));
                    amps.add(s.amplitude(j));
                }
                sources.add(new SourceEntry("step_current", null, c.target(), null, null, null, null, null, null, times, amps,
                        null, null, null, null));
            }
        }
        return new NetworkSpec(dt, pops, projections, sources, null);
    }

    private static String modelOf(final List<PopulationEntry> pops, final String name) {
        for (PopulationEntry p : pops) {
            if (p.name().equals(name)) {
                return p.model();
            }
        }
        throw new IllegalArgumentException("population '" + name + "' is not a neuron population");
    }

    private static ProjectionEntry projection(final Network net, final Projection pr) {
        final ProjectionSpec s = pr.spec();
        final Connector c = s.connector();
        final ConnectorEntry ce = switch (c.rule()) {
            case ALL_TO_ALL -> new ConnectorEntry("all_to_all", null, null, null, null, null, null, null, c.autapses(), null);
            case ONE_TO_ONE -> new ConnectorEntry("one_to_one", null, null, null, null, null, null, null, c.autapses(), null);
            case FIXED_PROBABILITY -> new ConnectorEntry("fixed_probability", c.parameter(), null, null, null, null,
                    null, null, c.autapses(), null);
            case FIXED_IN_DEGREE -> new ConnectorEntry("fixed_in_degree", null, (int) c.parameter(), null, null, null,
                    null, null, c.autapses(), c.multapses());
            case FIXED_OUT_DEGREE -> new ConnectorEntry("fixed_out_degree", null, (int) c.parameter(), null, null, null,
                    null, null, c.autapses(), c.multapses());
            case FIXED_TOTAL_NUMBER -> new ConnectorEntry("fixed_total_number", null, null, (int) c.parameter(), null,
                    null, null, null, c.autapses(), c.multapses());
            case EXPLICIT -> {
                if (s.exactWeights() != null || s.exactDelaysMs() != null) {
                    throw new IllegalArgumentException("projection " + s.source() + " -> " + s.target() + ": explicit"
                            + " per-pair weights and delays are written only in a connector file, not inline");
                }
                final List<List<Integer>> pairs = new ArrayList<>();
                for (int k = 0; k < c.sources().length; k++) {
                    pairs.add(List.of(c.sources()[k], c.targets()[k]));
                }
                yield new ConnectorEntry("explicit", null, null, null, pairs, null, null, null, true, null);
            }
        };
        final String target = net.populations().get(pr.targetPopulation()).name();
        final String f = NeuronModels.weightField(NeuronModels.entry(target, 1,
                net.populations().get(pr.targetPopulation()).model(), java.util.Map.of(), net.dtMs()).model());
        final DistributionSpec w = Distributions.spec(s.weights());
        return new ProjectionEntry(null, s.source(), s.target(), ce, "weight_pa".equals(f) ? w : null,
                "weight_mv".equals(f) ? w : null, "weight".equals(f) ? w : null, Distributions.spec(s.delays()));
    }
}
