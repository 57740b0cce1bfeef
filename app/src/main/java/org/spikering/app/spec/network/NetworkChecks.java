package org.spikering.app.spec.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.spikering.app.spec.DistributionSpec;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.Problems;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.neuron.source.StepCurrentSource;

/**
 * The checks of a {@code network} section that its schema cannot express, each reported as one problem line with
 * the field path: unique names, names that exist, fields of another model or rule, the weight field the target's
 * synapses take, delays of at least one step, degrees that fit, files that exist and parse, recorder variables the
 * model has. All problems are reported, not only the first.
 */
public final class NetworkChecks {

    /** Files {@code run} writes itself, which a state recorder must not name. */
    static final Set<String> RESERVED_FILES = Set.of("spikes.csv", "rates.csv", "summary.json", "spec.yaml",
            "raster.png", "rate.png", "spikes.h5");

    private static final Map<String, List<String>> RULE_FIELDS = Map.of(
            "all_to_all", List.of(), "one_to_one", List.of(), "fixed_probability", List.of("p"),
            "fixed_in_degree", List.of("k", "multapses"), "fixed_out_degree", List.of("k", "multapses"),
            "fixed_total_number", List.of("n", "multapses"), "explicit", List.of("pairs", "file", "array", "delay_array"));
    private static final List<String> CONNECTOR_COMMON = List.of("rule", "autapses");

    private static final Map<String, List<String>> SOURCE_FIELDS = Map.of(
            "poisson", List.of("target", "rate_hz", "weight_pa", "weight_mv", "weight"),
            "dc", List.of("target", "amplitude_pa", "start_ms"),
            "step_current", List.of("target", "times_ms", "amplitudes_pa"),
            "spike_array", List.of("spike_times_ms", "file", "size", "array"));

    private final NetworkSpec n;
    private final JsonNode tree;
    private final Problems problems;
    private final String path;
    private final Function<String, Path> resolve;

    private NetworkChecks(final NetworkSpec n, final JsonNode tree, final Problems problems, final String path,
                          final Function<String, Path> resolve) {
        this.n = n;
        this.tree = tree;
        this.problems = problems;
        this.path = path;
        this.resolve = resolve;
    }

    /**
     * @param n        the bound section.
     * @param tree     the section's document (defaults filled), to see which fields were given.
     * @param problems where problems go.
     * @param path     the section's path ({@code network}).
     * @param resolve  file names to paths.
     */
    public static void check(final NetworkSpec n, final JsonNode tree, final Problems problems, final String path,
                             final Function<String, Path> resolve) {
        if (n.nir() != null) {
            n.nir().check(n, problems, path, resolve);
            return;
        }
        if (n.populations().isEmpty()) {
            problems.add(path + ".populations", null, "required: the neuron populations (or " + path + ".nir: a NIR graph"
                    + " as the network)");
            return;
        }
        final NetworkChecks c = new NetworkChecks(n, tree, problems, path, resolve);
        c.names();
        for (int i = 0; i < n.populations().size(); i++) {
            c.population(i);
        }
        for (int i = 0; i < n.sources().size(); i++) {
            c.source(i);
        }
        for (int i = 0; i < n.projections().size(); i++) {
            c.projection(i);
        }
        c.recorders();
    }

    private void names() {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < n.populations().size(); i++) {
            final String name = n.populations().get(i).name();
            if (!seen.add(name)) {
                problems.add(path + ".populations[" + i + "].name", name, "must be unique (population names and"
                        + " spike_array names share one name space)");
            }
        }
        for (int i = 0; i < n.sources().size(); i++) {
            final SourceEntry s = n.sources().get(i);
            if ("spike_array".equals(s.kind()) && s.name() != null && !seen.add(s.name())) {
                problems.add(path + ".sources[" + i + "].name", s.name(), "must be unique (population names and"
                        + " spike_array names share one name space)");
            }
        }
        final Set<String> projections = new HashSet<>();
        for (int i = 0; i < n.projections().size(); i++) {
            final String name = n.projections().get(i).name();
            if (name != null && !projections.add(name)) {
                problems.add(path + ".projections[" + i + "].name", name, "must be unique among projections");
            }
        }
    }

    private void population(final int i) {
        final PopulationEntry p = n.populations().get(i);
        final String at = path + ".populations[" + i + "]";
        final int before = problems.lines().size();
        final List<String> own = NeuronModels.PARAMETERS.get(p.model());
        foreignFields(tree.path("populations").path(i), at, own, List.of("name", "size", "model", "initial"),
                "a parameter of model " + p.model() + " (its parameters: " + String.join(", ", own) + ")");
        if (NeuronModels.loihi(p.model())) {
            loihiRecordCheck(at, p, before);
            if (p.initial() != null && problems.lines().size() == before) {
                loihiState(at + ".initial.v", p.initial().v(), p);
                loihiState(at + ".initial.u", p.initial().u(), p);
            }
            return;
        }
        if (NeuronModels.takesCurrent(p.model())) {
            if (p.vResetMv() != null && p.vThMv() != null && !(p.vResetMv() < p.vThMv())) {
                problems.add(at + ".v_reset_mv", p.vResetMv(), "must be < v_th_mv = " + Problems.show(p.vThMv()));
            }
        } else {
            if (p.vThMv() != null && !(p.vThMv() > 0)) {
                problems.add(at + ".v_th_mv", p.vThMv(), "must be > 0 (model " + p.model() + ": threshold above rest)");
            }
            if (p.tRefMs() != null && NeuronModels.refractorySteps(p.tRefMs(), n.dtMs()) < 0) {
                problems.add(at + ".t_ref_ms", p.tRefMs(), "must be a multiple of dt_ms = " + Problems.show(n.dtMs())
                        + " (model " + p.model() + " counts the refractory period in steps)");
            }
        }
        p.initial().vMv().check(problems, at + ".initial.v_mv");
        initialState(at + ".initial", p);
        if (problems.lines().size() == before) {
            try {
                NeuronModels.model(p, n.dtMs());
            } catch (IllegalArgumentException e) {
                problems.addLine(at + ": " + e.getMessage());
            }
        }
    }

    /**
     * The initial state variables besides V_m: their distributions, the signs of the currents and of a, and the
     * refractory counter's whole numbers in [0, t_ref / dt].
     */
    private void initialState(final String at, final PopulationEntry p) {
        final InitialState s = p.initial();
        sign(at + ".i_syn_ex_pa", s.iSynExPa(), true, "the excitatory current: positive weights feed it; a negative"
                + " current goes in i_syn_in_pa");
        sign(at + ".i_syn_in_pa", s.iSynInPa(), false, "the inhibitory current: negative weights feed it; a positive"
                + " current goes in i_syn_ex_pa");
        sign(at + ".a", s.a(), true, "a trace of the neuron's spikes");
        final DistributionSpec r = s.refractorySteps();
        if (r == null) {
            return;
        }
        final String ra = at + ".refractory_steps";
        final int before = problems.lines().size();
        r.check(problems, ra);
        if (problems.lines().size() > before) {
            return;
        }
        if (!r.givesWholeNumbers()) {
            problems.add(ra, "constant".equals(r.kind()) ? (Object) r.value() : r.kind(),
                    "must be a whole number of steps: a whole constant or {kind: uniform_int, low, high}");
            return;
        }
        final int max = NeuronModels.takesCurrent(p.model()) ? (int) Math.round(p.tRefMs() / n.dtMs())
                : NeuronModels.refractorySteps(p.tRefMs(), n.dtMs());
        if (!(r.min() >= 0 && r.max() <= max)) {
            problems.add(ra, r.isConstant() ? (Object) r.value() : r.kind() + " from " + Problems.show(r.min())
                    + " to " + Problems.show(r.max()), "every value must be in [0, " + max + "] (t_ref_ms / dt_ms = "
                    + Problems.show(p.tRefMs()) + " / " + Problems.show(n.dtMs()) + " = " + max + " steps)");
        }
    }

    /**
     * A loihi model's v or u at t = 0, in the reported units raw · 2^−s: for loihi_lif (integer state) every value
     * must be a multiple of 2^−s within the state width ±(2^(W−1) − 1) · 2^−s, so a constant or uniform_int (whole
     * numbers); loihi_lif_float takes any distribution.
     */
    private void loihiState(final String at, final DistributionSpec d, final PopulationEntry p) {
        if (d == null) {
            return;
        }
        final int before = problems.lines().size();
        d.check(problems, at);
        if (problems.lines().size() > before || !NeuronModels.integerWeights(p.model())) {
            return;
        }
        final double max = Math.scalb((double) ((1L << (p.stateWidthBits() - 1)) - 1), -p.shiftBits());
        final String raw = " (loihi_lif's state is a " + p.stateWidthBits() + "-bit integer raw, reported as raw * 2^-"
                + p.shiftBits() + ")";
        if ("constant".equals(d.kind())) {
            final double scaled = Math.scalb(d.value(), p.shiftBits());
            if (scaled != Math.rint(scaled)) {
                problems.add(at, d.value(), "must be a multiple of 2^-" + p.shiftBits() + raw);
                return;
            }
        } else if (!"uniform_int".equals(d.kind())) {
            problems.add(at, d.kind(), "must be a number or {kind: uniform_int, low, high}: every value a multiple of 2^-"
                    + p.shiftBits() + raw);
            return;
        }
        if (!(d.min() >= -max && d.max() <= max)) {
            problems.add(at, d.isConstant() ? (Object) d.value() : d.kind() + " from " + Problems.show(d.min()) + " to "
                    + Problems.show(d.max()), "every value must be within +-(2^" + (p.stateWidthBits() - 1) + " - 1) * 2^-"
                    + p.shiftBits() + raw);
        }
    }

    /** Reports a distribution that can draw below 0 ({@code positive}) or above 0. */
    private void sign(final String at, final DistributionSpec d, final boolean positive, final String why) {
        if (d == null) {
            return;
        }
        final int before = problems.lines().size();
        d.check(problems, at);
        if (problems.lines().size() > before) {
            return;
        }
        if (positive ? !(d.min() >= 0) : !(d.max() <= 0)) {
            final Object value = d.isConstant() ? (Object) d.value() : d.kind() + " with " + (positive ? "lowest"
                    : "highest") + " value " + Problems.show(positive ? d.min() : d.max());
            problems.add(at, value, "every value must be " + (positive ? ">= 0" : "<= 0") + " (" + why + ")"
                    + (d.isConstant() ? "" : ": set " + (positive ? "redraw_min" : "redraw_max") + ": 0"));
        }
    }

    /** Builds a loihi model's record when its fields are otherwise fine, reporting what its own checks refuse. */
    private void loihiRecordCheck(final String at, final PopulationEntry p, final int before) {
        if (problems.lines().size() > before) {
            return;
        }
        try {
            NeuronModels.model(p, n.dtMs());
        } catch (IllegalArgumentException e) {
            problems.addLine(at + ": " + e.getMessage());
        }
    }

    /** Reports each field of {@code node} that is neither common nor one of {@code own}. */
    private void foreignFields(final JsonNode node, final String at, final List<String> own, final List<String> common,
                               final String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            final String f = it.next();
            if (!own.contains(f) && !common.contains(f)) {
                problems.add(at + "." + f, node.get(f), "not " + what);
            }
        }
    }

    private void source(final int i) {
        final SourceEntry s = n.sources().get(i);
        final String at = path + ".sources[" + i + "]";
        foreignFields(tree.path("sources").path(i), at, SOURCE_FIELDS.get(s.kind()), List.of("kind", "name"),
                "a field of kind " + s.kind() + " (its fields: " + String.join(", ", SOURCE_FIELDS.get(s.kind())) + ")");
        if (s.target() != null) {
            final PopulationEntry t = target(at + ".target", s.target());
            if (t != null) {
                if ("poisson".equals(s.kind())) {
                    weightField(at, t, tree.path("sources").path(i), false);
                } else if (!NeuronModels.takesCurrent(t.model())) {
                    // loihi and eprop models take no current
                    problems.add(at + ".target", s.target(), "must be a population that takes a current (lif_exp,"
                            + " lif_delta); '" + s.target() + "' is " + t.model());
                }
            }
        }
        switch (s.kind()) {
            case "dc":
                onGrid(at + ".start_ms", s.startMs());
                break;
            case "step_current":
                stepCurrent(at, s);
                break;
            case "spike_array":
                spikeArray(at, s);
                break;
            default:
                break;
        }
    }

    private void stepCurrent(final String at, final SourceEntry s) {
        final int before = problems.lines().size();
        if (s.timesMs().size() != s.amplitudesPa().size()) {
            problems.add(at + ".amplitudes_pa", s.amplitudesPa().size() + " values", "must have as many values as times_ms ("
                    + s.timesMs().size() + ")");
            return;
        }
        for (int k = 0; k < s.timesMs().size(); k++) {
            onGrid(at + ".times_ms[" + k + "]", s.timesMs().get(k));
            if (k > 0 && !(s.timesMs().get(k) > s.timesMs().get(k - 1))) {
                problems.add(at + ".times_ms[" + k + "]", s.timesMs().get(k), "must be > times_ms[" + (k - 1) + "] = "
                        + Problems.show(s.timesMs().get(k - 1)) + " (strictly increasing)");
            }
        }
        try {
            new StepCurrentSource(s.timesMs().stream().mapToDouble(Double::doubleValue).toArray(),
                    s.amplitudesPa().stream().mapToDouble(Double::doubleValue).toArray(), n.dtMs());
        } catch (IllegalArgumentException e) {
            if (problems.lines().size() == before) {
                problems.addLine(at + ": " + e.getMessage());
            }
        }
    }

    private void spikeArray(final String at, final SourceEntry s) {
        if ((s.spikeTimesMs() == null) == (s.file() == null)) {
            problems.add(at, s.name(), "must have exactly one of spike_times_ms and file");
            return;
        }
        if (s.file() != null && s.size() == null) {
            problems.add(at + ".size", null, "required with file (the number of spike generators)");
            return;
        }
        if (s.spikeTimesMs() != null && s.size() != null) {
            problems.add(at + ".size", s.size(), "only with file (spike_times_ms gives one list per generator)");
            return;
        }
        if (s.file() != null && !Files.isRegularFile(resolve.apply(s.file()))) {
            problems.add(at + ".file", s.file(), "must be an existing file (" + resolve.apply(s.file()) + ")");
            return;
        }
        if (s.array() != null && (s.file() == null || !s.file().toLowerCase(java.util.Locale.ROOT).endsWith(".npz"))) {
            problems.add(at + ".array", s.array(), "only with an .npz file (the name of its dense (steps, size) matrix)");
            return;
        }
        try {
            SpikeGeneratorModel.fromTimes(SpikeTimes.of(s, resolve, n.dtMs()), n.dtMs());
        } catch (IllegalArgumentException e) {
            problems.addLine((s.file() != null ? at + ".file" : at + ".spike_times_ms") + ": " + e.getMessage());
        }
    }

    private void onGrid(final String at, final double tMs) {
        final double steps = tMs / n.dtMs();
        if (Math.abs(steps - Math.rint(steps)) > 1e-9 * Math.max(1, steps)) {
            problems.add(at, tMs, "must be a multiple of dt_ms = " + Problems.show(n.dtMs()));
        }
    }

    /** @return the target population, or null after reporting that it is not one. */
    private PopulationEntry target(final String at, final String name) {
        final PopulationEntry t = n.population(name);
        if (t == null) {
            problems.add(at, name, n.spikeArray(name) != null ? "must be a population, not a spike_array source (spike"
                    + " generators take no input)" : "must name a population (one of " + String.join(", ",
                    n.populations().stream().map(PopulationEntry::name).toList()) + ")");
        }
        return t;
    }

    /** Reports a weight field the target's synapses do not take, or a missing one. */
    private void weightField(final String at, final PopulationEntry t, final JsonNode node, final boolean fromFile) {
        final String want = NeuronModels.weightField(t.model());
        final String why = "target '" + t.name() + "' is " + t.model() + switch (want) {
            case "weight_pa" -> " (current synapses: a weight is a current in pA)";
            case "weight" -> NeuronModels.integerWeights(t.model())
                    ? " (integer input: a weight is a unit-free whole number, the weight mantissa)"
                    : " (a weight is a unit-free number added to the input)";
            default -> " (delta synapses: a weight is a jump of V_m in mV)";
        };
        boolean given = false;
        for (String other : List.of("weight_pa", "weight_mv", "weight")) {
            if (!other.equals(want) && node.has(other)) {
                problems.add(at + "." + other, node.get(other), "not for this target: " + why + "; write " + want);
                given = true;
            }
        }
        if (fromFile && node.has(want)) {
            problems.add(at + "." + want, node.get(want), "must be left out: the connector's file gives the weights");
        } else if (!fromFile && !node.has(want) && !given) {
            problems.add(at + "." + want, null, "required: " + why);
        } else if (node.has(want) && NeuronModels.integerWeights(t.model())) {
            wholeWeight(at + "." + want, node.get(want), why);
        }
    }

    /** Reports a loihi_lif weight that is not a whole number (a number, or a constant distribution). */
    private void wholeWeight(final String at, final JsonNode w, final String why) {
        if (w.isNumber()) {
            if (!whole(w.doubleValue())) {
                problems.add(at, w, "must be a whole number: " + why);
            }
        } else if ("constant".equals(w.path("kind").asText()) && w.path("value").isNumber()) {
            if (!whole(w.path("value").doubleValue())) {
                problems.add(at + ".value", w.path("value"), "must be a whole number: " + why);
            }
        } else if ("uniform_int".equals(w.path("kind").asText())) {
            return; // whole numbers (its own check reports fractional bounds)
        } else {
            problems.add(at, w.path("kind").asText(), "must be a whole number (this distribution draws fractions;"
                    + " uniform_int draws whole numbers): " + why);
        }
    }

    /** Reports the first weight of an explicit connector's file that is not a whole number (loihi_lif target). */
    private void fileWholeWeights(final String at, final ConnectorEntry c, final int ns, final PopulationEntry t) {
        final double[] w = ExplicitPairs.of(c, ns, t.size(), n.dtMs(), resolve).weights();
        for (int k = 0; k < w.length; k++) {
            if (!whole(w[k])) {
                problems.add(at, c.file(), "weight " + Problems.show(w[k]) + " (pair " + k + ") must be a whole number:"
                        + " target '" + t.name() + "' is loihi_lif (integer input: a weight is a unit-free whole number,"
                        + " the weight mantissa)");
                return;
            }
        }
    }

    private static boolean whole(final double v) {
        return v == Math.rint(v) && Math.abs(v) <= 1L << 40;
    }

    private void projection(final int i) {
        final ProjectionEntry pr = n.projections().get(i);
        final String at = path + ".projections[" + i + "]";
        final JsonNode node = tree.path("projections").path(i);
        final int ns = n.size(pr.source(), resolve);
        if (ns < 0) {
            problems.add(at + ".source", pr.source(), "must name a population or spike_array source (one of "
                    + String.join(", ", n.neuronGroupNames()) + ")");
        }
        final PopulationEntry t = target(at + ".target", pr.target());
        final ConnectorEntry c = pr.connector();
        final List<String> own = RULE_FIELDS.get(c.rule());
        foreignFields(node.path("connector"), at + ".connector", own, CONNECTOR_COMMON, "a field of rule " + c.rule()
                + (own.isEmpty() ? " (it has none besides autapses)" : " (its fields: " + String.join(", ", own) + ")"));
        FileGives file = FileGives.NOTHING;
        if (ns >= 0 && t != null) {
            file = connector(at + ".connector", c, ns, t.size(), pr.source().equals(pr.target()));
        }
        if (t != null && file != null) {
            weightField(at, t, node, file.weights());
            if (file.weights() && NeuronModels.integerWeights(t.model())) {
                fileWholeWeights(at + ".connector.file", c, ns, t);
            }
        }
        if (pr.givenWeight() != null) {
            pr.givenWeight().check(problems, at + "." + pr.givenWeightField());
        }
        if (file != null && file.delays()) {
            // the schema fills delay_ms = 1.0 when it is left out, and spec.yaml shows it: only another value is refused
            if (!(pr.delayMs().isConstant() && pr.delayMs().value() == DEFAULT_DELAY_MS)) {
                problems.add(at + ".delay_ms", node.get("delay_ms"), "must be left out (or at its default "
                        + Problems.show(DEFAULT_DELAY_MS) + "): the connector's file gives each synapse its delay");
            }
            return;
        }
        delay(at + ".delay_ms", pr.delayMs(), file != null && file.weights());
    }

    /** The schema's default of a projection's delay_ms, ms. */
    private static final double DEFAULT_DELAY_MS = 1.0;

    /**
     * What an explicit connector's file gives besides the pairs.
     *
     * @param weights per-pair weights.
     * @param delays  per-pair delays.
     */
    private record FileGives(boolean weights, boolean delays) {
        static final FileGives NOTHING = new FileGives(false, false);
    }

    /** @return what the explicit file gives (nothing for other rules); null when the file has a problem (reported). */
    private FileGives connector(final String at, final ConnectorEntry c, final int ns, final int nt, final boolean same) {
        final int avail = same && !c.autapses() ? ns - 1 : ns;
        switch (c.rule()) {
            case "one_to_one":
                if (ns != nt) {
                    problems.add(at + ".rule", "one_to_one", "needs equal sizes; source has " + ns + ", target " + nt);
                }
                return FileGives.NOTHING;
            case "fixed_in_degree":
                if (!c.multapses() && c.k() > avail) {
                    problems.add(at + ".k", c.k(), "must be <= " + avail + " (the source's neurons" + (same && !c.autapses()
                            ? " other than the target itself" : "") + ") without multapses");
                }
                return FileGives.NOTHING;
            case "fixed_out_degree": {
                final int tAvail = same && !c.autapses() ? nt - 1 : nt;
                if (!c.multapses() && c.k() > tAvail) {
                    problems.add(at + ".k", c.k(), "must be <= " + tAvail + " (the target's neurons" + (same && !c.autapses()
                            ? " other than the source itself" : "") + ") without multapses");
                }
                return FileGives.NOTHING;
            }
            case "fixed_total_number":
                if (!c.multapses()) {
                    problems.add(at + ".multapses", false, "must be true: fixed_total_number draws sources and targets with"
                            + " replacement, as NEST's");
                }
                if (same && !c.autapses() && ns < 2) {
                    problems.add(at + ".autapses", false, "must be true for a population of one neuron");
                }
                return FileGives.NOTHING;
            case "explicit":
                return explicit(at, c, ns, nt);
            default:
                return FileGives.NOTHING;
        }
    }

    private FileGives explicit(final String at, final ConnectorEntry c, final int ns, final int nt) {
        if ((c.pairs() == null) == (c.file() == null)) {
            problems.add(at, "explicit", "must have exactly one of pairs and file");
            return null;
        }
        if (c.file() != null && !Files.isRegularFile(resolve.apply(c.file()))) {
            problems.add(at + ".file", c.file(), "must be an existing file (" + resolve.apply(c.file()) + ")");
            return null;
        }
        final boolean npz = c.file() != null && c.file().toLowerCase(java.util.Locale.ROOT).endsWith(".npz");
        if (npz && c.array() == null) {
            problems.add(at + ".array", null, "required with an .npz file: the name of the matrix in it");
            return null;
        }
        if (!npz && c.array() != null) {
            problems.add(at + ".array", c.array(), "only with an .npz file");
            return null;
        }
        if (!npz && c.delayArray() != null) {
            problems.add(at + ".delay_array", c.delayArray(), "only with an .npz file (a CSV file gives delays in its"
                    + " delay_ms column)");
            return null;
        }
        try {
            final ExplicitPairs e = ExplicitPairs.of(c, ns, nt, n.dtMs(), resolve);
            return new FileGives(e.weights() != null, e.delaysMs() != null);
        } catch (IllegalArgumentException e) {
            problems.addLine(at + (c.file() != null ? ".file: " : ".") + e.getMessage());
            return null;
        }
    }

    private void delay(final String at, final DistributionSpec d, final boolean singleValue) {
        d.check(problems, at);
        final double dt = n.dtMs();
        if (d.isConstant() || "constant".equals(d.kind())) {
            final double v = d.value();
            if (!(v >= dt * (1 - 1e-9))) {
                problems.add(at, v, "must be >= dt_ms = " + Problems.show(dt));
            } else if (Math.abs(v / dt - Math.rint(v / dt)) > 1e-6) {
                problems.add(at, v, "must be a multiple of dt_ms = " + Problems.show(dt) + " (nearest: "
                        + Problems.show(Distributions.gridMs((long) Math.floor(v / dt), dt)) + " or "
                        + Problems.show(Distributions.gridMs((long) Math.ceil(v / dt), dt)) + ")");
            } else if (Math.rint(v / dt) > Short.MAX_VALUE) {
                problems.add(at, v, "must be at most " + Short.MAX_VALUE + " steps of dt_ms");
            }
            return;
        }
        if (singleValue) {
            problems.add(at, d.kind(), "must be a number with an explicit connector whose file gives the weights");
            return;
        }
        if (!(d.min() >= dt / 2)) {
            problems.add(at, d.kind() + " with lowest value " + Problems.show(d.min()), "every draw must be >= dt_ms / 2 = "
                    + Problems.show(dt / 2) + " (rounds to at least one step): set redraw_min");
        }
        if (Double.isFinite(d.max()) && d.max() * (1.0 / dt) + 0.5 >= Short.MAX_VALUE + 1) {
            problems.add(at, d.kind() + " with highest value " + Problems.show(d.max()), "every draw must be < "
                    + Problems.show((Short.MAX_VALUE + 0.5) * dt) + " ms (" + Short.MAX_VALUE + " steps): lower it");
        }
    }

    private void recorders() {
        final RecordersEntry r = n.recorders();
        final String at = path + ".recorders";
        if (r.spikes().populations() != null) {
            for (int k = 0; k < r.spikes().populations().size(); k++) {
                final String name = r.spikes().populations().get(k);
                if (n.size(name, resolve) < 0) {
                    problems.add(at + ".spikes.populations[" + k + "]", name, "must name a population or spike_array"
                            + " (one of " + String.join(", ", n.neuronGroupNames()) + ")");
                }
            }
        }
        final Set<String> files = new HashSet<>();
        for (int k = 0; k < r.state().size(); k++) {
            final RecordersEntry.State s = r.state().get(k);
            final String sa = at + ".state[" + k + "]";
            if (!files.add(s.file())) {
                problems.add(sa + ".file", s.file(), "must be unique: give each state recorder its own file");
            } else if (RESERVED_FILES.contains(s.file())) {
                problems.add(sa + ".file", s.file(), "must not be one of the files run writes itself " + RESERVED_FILES);
            }
            final PopulationEntry p = n.population(s.population());
            if (p == null) {
                problems.add(sa + ".population", s.population(), "must name a population (one of "
                        + String.join(", ", n.populations().stream().map(PopulationEntry::name).toList()) + ")");
                continue;
            }
            final List<String> vars = new ArrayList<>();
            try {
                vars.addAll(List.of(NeuronModels.model(p, n.dtMs()).createPopulation(1, n.dtMs()).stateVariableNames()));
            } catch (IllegalArgumentException e) {
                continue; // the population's own problem is reported
            }
            if (!vars.contains(s.variable())) {
                problems.add(sa + ".variable", s.variable(), "must be a state variable of " + p.model() + " (one of "
                        + String.join(", ", vars) + ")");
            }
            for (int j = 0; j < s.neurons().size(); j++) {
                if (s.neurons().get(j) >= p.size()) {
                    problems.add(sa + ".neurons[" + j + "]", s.neurons().get(j), "must be < the size of '" + p.name()
                            + "' = " + p.size());
                }
            }
        }
    }
}
