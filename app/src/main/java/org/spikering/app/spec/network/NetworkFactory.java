package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.function.Function;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;

/**
 * Builds the sim-core network a {@code network} section describes, through {@link NetworkBuilder} only (the one
 * implementation of connecting, drawing and sources). Declaration order, which fixes global ids and the random
 * stream of each projection and population: the populations in list order, then the spike_array sources in list
 * order; the projections in list order; then the poisson sources, then the dc and step_current sources, each in
 * list order.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /**
     * @param n       a checked network section.
     * @param seed    the spec's seed.
     * @param resolve a file name of the spec to its path.
     * @return the network.
     */
    public static Network build(final NetworkSpec n, final long seed, final Function<String, Path> resolve) {
        final NetworkBuilder b = Network.builder(n.dtMs()).seed(seed);
        for (PopulationEntry p : n.populations()) {
            b.population(p.name(), p.size(), NeuronModels.model(p, n.dtMs()));
            final Distribution v0 = NeuronModels.initialPotential(p);
            if (v0 != null) {
                b.initialPotential(p.name(), v0);
            }
            if (p.initial() != null) {
                p.initial().others().forEach((variable, d) -> b.initialState(p.name(), variable, d.toDistribution()));
            }
        }
        for (SourceEntry s : n.sources()) {
            if ("spike_array".equals(s.kind())) {
                b.spikeArraySource(s.name(), SpikeTimes.of(s, resolve, n.dtMs()));
            }
        }
        for (ProjectionEntry pr : n.projections()) {
            connect(b, n, pr, resolve);
        }
        for (SourceEntry s : n.sources()) {
            if ("poisson".equals(s.kind())) {
                b.poissonInput(s.target(), s.rateHz(), s.givenWeight());
            }
        }
        for (SourceEntry s : n.sources()) {
            if ("dc".equals(s.kind())) {
                b.stepCurrent(s.target(), new double[] {s.startMs()}, new double[] {s.amplitudePa()});
            } else if ("step_current".equals(s.kind())) {
                b.stepCurrent(s.target(), s.timesMs().stream().mapToDouble(Double::doubleValue).toArray(),
                        s.amplitudesPa().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return b.build();
    }

    private static void connect(final NetworkBuilder b, final NetworkSpec n, final ProjectionEntry pr,
                                final Function<String, Path> resolve) {
        final ConnectorEntry c = pr.connector();
        final Distribution delay = pr.delayMs().toDistribution();
        if ("explicit".equals(c.rule())) {
            final ExplicitPairs e = ExplicitPairs.of(c, n.size(pr.source(), resolve), n.size(pr.target(), resolve),
                    n.dtMs(), resolve);
            if (e.delaysMs() != null) {
                b.connectExplicit(pr.source(), pr.target(), e.sources(), e.targets(), e.weights(),
                        e.weights() == null ? pr.givenWeight().toDistribution() : null, e.delaysMs());
            } else if (e.weights() != null) {
                b.connectExplicit(pr.source(), pr.target(), e.sources(), e.targets(), e.weights(), pr.delayMs().value());
            } else {
                b.connect(pr.source(), pr.target(), Connector.explicit(e.sources(), e.targets()),
                        pr.givenWeight().toDistribution(), delay);
            }
            return;
        }
        b.connect(pr.source(), pr.target(), connector(c), pr.givenWeight().toDistribution(), delay);
    }

    /**
     * @param c a connector entry other than explicit.
     * @return sim-core's connector: the rule's factory (its own autapse and multapse defaults), with autapses set and,
     *         for the degree rules, multapses set.
     */
    static Connector connector(final ConnectorEntry c) {
        final Connector base = switch (c.rule()) {
            case "all_to_all" -> Connector.allToAll();
            case "one_to_one" -> Connector.oneToOne();
            case "fixed_probability" -> Connector.fixedProbability(c.p());
            case "fixed_in_degree" -> Connector.fixedInDegree(c.k()).multapses(c.multapses());
            case "fixed_out_degree" -> Connector.fixedOutDegree(c.k()).multapses(c.multapses());
            case "fixed_total_number" -> Connector.fixedTotalNumber(c.n());
            default -> throw new IllegalArgumentException("connector rule '" + c.rule() + "'");
        };
        return base.autapses(c.autapses());
    }
}
