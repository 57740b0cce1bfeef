package org.spikering.app.gradients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.app.report.Json;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainedModel;
import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.GradientComparison;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * Gradients of every rule for one network and one batch, compared per weight matrix with two BPTT references.
 * Rules and their names are those of {@code spikering train --rule} ({@link LearningRule}): eprop, random-eprop
 * (B from {@code --seed}, or the JSON's {@code feedback}), nest-eprop (NEST's sine task only), mdgl-exact, rflo (with
 * random-eprop's B), mdgl; on a rate network also every other rule that rate networks have, after those four in
 * {@link LearningRule} order (rtrl, uoro, kf-rtrl, kernl, and any added later), their random streams seeded with the
 * run's seed (as {@code train} seeds them). KeRNL learns its A and γ during the one batch it is computed on.
 * <p>
 * References:
 * <table>
 * <caption>BPTT references</caption>
 * <tr><td>{@value #BPTT}</td><td>rule {@code bptt}: reset path detached ({@link Bptt}'s default; equals e-prop when
 *     W_rec = 0)</td></tr>
 * <tr><td>{@value #BPTT_RESET_ATTACHED}</td><td>the full surrogate gradient, reset path −v_th z_j^{t−1} kept</td></tr>
 * </table>
 * A reference whose W_in and W_rec gradient norm exceeds {@value #EXPLODING_NORM_RATIO} × e-prop's (or is not finite)
 * is flagged as exploding: its gradient is then dominated by the terms of the earliest steps, amplified the most by
 * the backward recursion, and cosine and α against it are not meaningful. On NEST's sine task the detached reference
 * explodes (6e23 × e-prop's norm over W_in and W_rec): its backward map
 * δv^t = (α·I + ζ·diag(ψ^t)·W_recᵀ) δv^{t+1} + … grows by about ×1.06 per step along the trajectory
 * (γ = 0.3/v_th = 10 per mV makes ψ large), ×1e25 over the 1000 steps; with the reset attached, the diagonal also
 * carries the self-damping −v_th ψ_j^t (down to −0.3), the map shrinks by ×0.97 per step, and the gradient is
 * 0.35 × e-prop's.
 */
public final class GradientsRun {
    /** Name of the reference with the reset path detached (rule bptt). */
    public static final String BPTT = "bptt";
    /** Name of the reference with the reset path attached. */
    public static final String BPTT_RESET_ATTACHED = "bptt-reset-attached";
    /** Name of the reference of a rate network: rule bptt's exact gradient (rate units have no reset). */
    public static final String BPTT_RATE = "bptt-rate";
    /** ‖g_BPTT‖ / ‖g_e-prop‖ over W_in and W_rec above which a reference counts as exploding. */
    public static final double EXPLODING_NORM_RATIO = 1e3;

    /** One row of the comparison: cosine of a rule's gradient with a reference and α = ⟨g, g_ref⟩/‖g_ref‖². */
    public record Row(String rule, String reference, WeightMatrixId matrix, double cosine, double alpha) {
    }

    /**
     * A BPTT reference, how large its gradient is and whether it explodes.
     *
     * @param name        {@link #BPTT} or {@link #BPTT_RESET_ATTACHED}.
     * @param normRatio   ‖g_ref‖ / ‖g_eprop‖ over W_in and W_rec (NaN if e-prop's is 0, ∞ if g_ref is not finite).
     * @param exploding   whether the ratio exceeds {@link #EXPLODING_NORM_RATIO} or g_ref is not finite.
     */
    public record Reference(String name, double normRatio, boolean exploding) {
        /** One line for the table, e.g. "bptt: gradient norm 7.4e+23 × eprop's (W_in, W_rec): exploding ...". */
        public String verdict() {
            String what = name + " (" + (BPTT_RATE.equals(name) ? "exact BPTT of the rate units, as rule bptt"
                    : BPTT.equals(name) ? "reset path detached, as rule bptt"
                    : "reset path attached: the full surrogate gradient") + "): ";
            if (Double.isNaN(normRatio)) {
                return what + "eprop's W_in and W_rec gradients are 0, no yardstick for its size";
            }
            String ratio = Double.isInfinite(normRatio) ? "not finite"
                    : String.format(Locale.ROOT, "gradient norm %.3g × eprop's (W_in, W_rec)", normRatio);
            return what + ratio + (exploding
                    ? ": exploding gradients, cosine and alpha against " + name + " not meaningful"
                    : String.format(Locale.ROOT, ": finite, not exploding (≤ %.0e × eprop's)", EXPLODING_NORM_RATIO));
        }
    }

    private final RecurrentNetwork network;
    private final SequenceBatch batch;
    private final RandomFeedback randomFeedback;
    private final String feedbackOrigin;
    private final boolean nestTask;
    /** Seed of the random streams of the rules that have one (uoro, kf-rtrl, kernl). */
    private final long ruleSeed;
    private final Map<String, Gradients> rules = new LinkedHashMap<>();
    private final Map<String, Gradients> references = new LinkedHashMap<>();

    /**
     * @param network        the network.
     * @param batch          the batch.
     * @param randomFeedback the fixed B of random-eprop.
     */
    public GradientsRun(RecurrentNetwork network, SequenceBatch batch, RandomFeedback randomFeedback) {
        this(network, batch, randomFeedback, "given", false, 0);
    }

    private GradientsRun(RecurrentNetwork network, SequenceBatch batch, RandomFeedback randomFeedback,
            String feedbackOrigin, boolean nestTask, long ruleSeed) {
        this.ruleSeed = ruleSeed;
        this.network = network;
        this.batch = batch;
        this.randomFeedback = randomFeedback;
        this.feedbackOrigin = feedbackOrigin;
        this.nestTask = nestTask;
    }

    /**
     * NEST's sine-wave setup: NEST's initial weights and frozen pattern, random-eprop's B drawn from {@code seed};
     * nest-eprop uses NEST's recorded B.
     */
    public static GradientsRun nestSine(long seed) {
        NestSineWaveReference ref = NestSineWaveReference.load();
        return new GradientsRun(ref.network(), ref.batch(1),
                RandomFeedback.gaussian(NestSineWaveReference.RECURRENT, NestSineWaveReference.OUTPUTS, seed),
                "drawn from --seed " + seed, true, seed);
    }

    /**
     * At the weights of a saved model, on the first training batch of the run that made it ({@link BatchSeeds}), with
     * random-eprop's B drawn from the model's seed (as {@code train --rule random-eprop} draws it).
     *
     * @param m    the model.
     * @param file its file, for messages.
     * @return the run.
     */
    public static GradientsRun atModel(TrainedModel m, java.nio.file.Path file) {
        m.requireBatchRuleNetwork("--model", file, "gradients");
        TaskPreset p = m.preset();
        m.checkFits("--model", file, p.name(), p.network());
        int iterations = Math.max(1, m.training().path("--iterations").asInt());
        int batch = Math.max(1, m.training().path("--batch").asInt());
        SequenceBatch b = p.source().batch(batch, new BatchSeeds(m.seed(), iterations).training(0));
        RecurrentNetwork net = m.network();
        return new GradientsRun(net, b, RandomFeedback.gaussian(net.recurrent(), net.outputs(), m.seed(), p.feedbackGain()),
                "drawn from the model's --seed " + m.seed(), p.nestReference(), m.seed());
    }

    /**
     * From a JSON document written by {@link #toJson()} (or by hand: "network" and "batch" are needed); random-eprop
     * uses the network's "feedback" if present, else B drawn from {@code seed}.
     */
    public static GradientsRun fromJson(JsonNode doc, long seed) {
        JsonNode netNode = doc.get("network");
        JsonNode batchNode = doc.get("batch");
        if (netNode == null || batchNode == null) {
            throw new IllegalArgumentException("JSON needs objects 'network' and 'batch'");
        }
        RecurrentNetwork net = GradientsJson.readNetwork(netNode);
        double[] b = GradientsJson.readFeedback(netNode);
        RandomFeedback fb = b == null ? RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed)
                : new RandomFeedback(net.recurrent(), net.outputs(), b);
        return new GradientsRun(net, GradientsJson.readBatch(batchNode), fb,
                b == null ? "drawn from --seed " + seed : "network.feedback of the JSON file", false, seed);
    }

    /**
     * At the initial weights of a training spec's network, on the first training batch of the run it describes
     * ({@link BatchSeeds} of {@link TrainingSpec#runSeed}, {@code training.batch} sequences), random-eprop's B and the
     * rules' random streams from that run seed (as {@code train SPEC} draws them).
     *
     * @param spec a spec with a training section, already checked (e.g. by the train runner's check).
     * @return the run.
     */
    public static GradientsRun fromSpec(org.spikering.app.spec.Spec spec) {
        TrainingSpec t = spec.section("training", TrainingSpec.class);
        TaskPreset p = TrainingSpec.preset(spec);
        long seed = TrainingSpec.runSeed(spec);
        SequenceBatch b = p.source().batch(Math.max(1, t.batch()),
                new BatchSeeds(seed, Math.max(1, t.iterations())).training(0));
        RecurrentNetwork net = p.network().copy();
        return new GradientsRun(net, b, RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed, p.feedbackGain()),
                "drawn from the spec's run seed " + seed, p.nestReference(), seed);
    }

    /**
     * The rules this run computes, in order: eprop, random-eprop, nest-eprop (NEST's sine task only), mdgl-exact, rflo,
     * mdgl; on a rate network eprop, random-eprop, rflo, mdgl and then {@link #otherRateRules()}.
     */
    public List<LearningRule> rules() {
        if (network.isRate()) { // computeRate
            List<LearningRule> r = new ArrayList<>(RATE_FIRST);
            r.addAll(otherRateRules());
            return r;
        }
        List<LearningRule> r = new ArrayList<>(List.of(LearningRule.EPROP, LearningRule.RANDOM_EPROP));
        if (nestTask) {
            r.add(LearningRule.NEST_EPROP);
        }
        r.add(LearningRule.MDGL_EXACT);
        r.add(LearningRule.RFLO);
        r.add(LearningRule.MDGL);
        return r;
    }

    /** Computes every rule (event-based) and both references; the map holds rules, then references, by name. */
    public Map<String, Gradients> compute() {
        rules.clear();
        references.clear();
        if (network.isRate()) {
            return computeRate();
        }
        for (LearningRule r : rules()) {
            GradientComputer c = r == LearningRule.RANDOM_EPROP ? Rules.eprop(randomFeedback, false, Computation.EVENT)
                    : r == LearningRule.RFLO ? Rules.rflo(randomFeedback, Computation.EVENT)
                    : Rules.create(r, Computation.EVENT, network, 0);
            rules.put(r.id(), run(c));
        }
        references.put(BPTT, run(Rules.create(LearningRule.BPTT, Computation.EVENT, network, 0)));
        references.put(BPTT_RESET_ATTACHED, run(new Bptt(false)));
        Map<String, Gradients> all = new LinkedHashMap<>(rules);
        all.putAll(references);
        return all;
    }

    /** The first rules of a rate network's comparison, in their order. */
    private static final List<LearningRule> RATE_FIRST = List.of(LearningRule.EPROP, LearningRule.RANDOM_EPROP,
            LearningRule.RFLO, LearningRule.MDGL);

    /**
     * Rules left out of the comparison: sg and bp-lambda estimate the gradient with credit weights A (and sg a Jacobian J)
     * learned during training and not stored in model.json, so at given weights they would compare A = 0 (the one-step
     * truncated gradient), not the rule as it trains.
     */
    private static final java.util.Set<LearningRule> NOT_COMPARED = java.util.EnumSet.of(LearningRule.SG,
            LearningRule.BP_LAMBDA);

    /**
     * Every other rule with a batch gradient on this rate network ({@link Rules#create} does not refuse it), bptt
     * (the reference) left out, in {@link LearningRule} order.
     */
    private List<LearningRule> otherRateRules() {
        List<LearningRule> r = new ArrayList<>();
        for (LearningRule rule : LearningRule.values()) {
            if (rule == LearningRule.BPTT || RATE_FIRST.contains(rule) || NOT_COMPARED.contains(rule)) {
                continue;
            }
            try {
                Rules.create(rule, Computation.EVENT, network, ruleSeed);
                r.add(rule);
            } catch (IllegalArgumentException notForRate) {
                // a rule of LIF/ALIF neurons only
            }
        }
        return r;
    }

    /**
     * A rate network: eprop, random-eprop and rflo (both with this run's fixed random B), mdgl, then
     * {@link #otherRateRules()} (random streams from the run's seed), against rule bptt's exact gradient
     * ({@link #BPTT_RATE}; no reset path to attach).
     */
    private Map<String, Gradients> computeRate() {
        rules.put(LearningRule.EPROP.id(), run(Rules.create(LearningRule.EPROP, Computation.EVENT, network, 0)));
        rules.put(LearningRule.RANDOM_EPROP.id(),
                run(org.spikering.plasticity.rate.RateLocalRule.eprop(randomFeedback)));
        rules.put(LearningRule.RFLO.id(), run(org.spikering.plasticity.rate.RateLocalRule.rflo(randomFeedback)));
        rules.put(LearningRule.MDGL.id(), run(Rules.create(LearningRule.MDGL, Computation.EVENT, network, 0)));
        for (LearningRule r : otherRateRules()) {
            rules.put(r.id(), run(Rules.create(r, Computation.EVENT, network, ruleSeed)));
        }
        references.put(BPTT_RATE, run(Rules.create(LearningRule.BPTT, Computation.EVENT, network, 0)));
        Map<String, Gradients> all = new LinkedHashMap<>(rules);
        all.putAll(references);
        return all;
    }

    private Gradients run(GradientComputer c) {
        Gradients g = Gradients.zerosFor(network);
        c.compute(network, batch, g);
        return g;
    }

    /** Size of each reference against e-prop's gradient and whether it explodes (needs {@link #compute()}). */
    public List<Reference> references() {
        Gradients eprop = rules.get(LearningRule.EPROP.id());
        double epropNorm = norm(eprop);
        List<Reference> out = new ArrayList<>();
        for (Map.Entry<String, Gradients> e : references.entrySet()) {
            double n = norm(e.getValue());
            boolean finite = Double.isFinite(n);
            double ratio = !finite ? Double.POSITIVE_INFINITY : epropNorm == 0.0 ? Double.NaN : n / epropNorm;
            out.add(new Reference(e.getKey(), ratio, !finite || ratio > EXPLODING_NORM_RATIO));
        }
        return out;
    }

    /** √(‖g_in‖² + ‖g_rec‖²); ∞ if any entry is not finite. */
    private static double norm(Gradients g) {
        double s = 0.0;
        for (double[] a : new double[][] {g.wIn, g.wRec}) {
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    return Double.POSITIVE_INFINITY;
                }
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** Cosine and α per rule, reference and matrix (needs {@link #compute()}). */
    public List<Row> comparison() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Gradients> ref : references.entrySet()) {
            for (Map.Entry<String, Gradients> e : rules.entrySet()) {
                for (WeightMatrixId id : WeightMatrixId.values()) {
                    double[] g = e.getValue().get(id);
                    double[] b = ref.getValue().get(id);
                    rows.add(new Row(e.getKey(), ref.getKey(), id, GradientComparison.cosine(g, b),
                            GradientComparison.stepLength(g, b)));
                }
            }
        }
        return rows;
    }

    /** Plain-text table, one verdict line per reference, random-eprop's B and the loss. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-13s %-20s %-10s %10s %11s%n", "rule",
                "reference", "matrix", "cosine", "alpha"));
        for (Row r : comparison()) {
            sb.append(String.format(Locale.ROOT, "%-13s %-20s %-10s %10.4f %11.4g%n", r.rule(), r.reference(),
                    r.matrix(), r.cosine(), r.alpha()));
        }
        for (Reference r : references()) {
            sb.append(r.verdict()).append(System.lineSeparator());
        }
        sb.append("random-eprop's B: ").append(feedbackOrigin).append(System.lineSeparator());
        Gradients b = references.get(network.isRate() ? BPTT_RATE : BPTT);
        sb.append(Double.isNaN(b.meanRateHz) ? String.format(Locale.ROOT, "loss = %.6f (rate units: no spikes)%n", b.loss)
                : String.format(Locale.ROOT, "loss = %.6f, mean rate = %.2f Hz%n", b.loss, b.meanRateHz));
        return sb.toString();
    }

    /** Network, batch, all gradients, the references' verdicts and the comparison as one JSON document. */
    public ObjectNode toJson() {
        ObjectNode doc = Json.object();
        doc.put("format", GradientsJson.FORMAT);
        doc.set("network", GradientsJson.network(network, randomFeedback.values()));
        doc.set("batch", GradientsJson.batch(batch));
        doc.put("random_eprop_feedback", feedbackOrigin);
        ObjectNode gs = doc.putObject("gradients");
        Map<String, Gradients> all = new LinkedHashMap<>(rules);
        all.putAll(references);
        for (Map.Entry<String, Gradients> e : all.entrySet()) {
            ObjectNode g = gs.putObject(e.getKey());
            g.put("loss", e.getValue().loss);
            boolean finite = Double.isFinite(norm(e.getValue()));
            if (finite) {
                GradientsJson.array(g, "w_in", e.getValue().wIn);
                GradientsJson.array(g, "w_rec", e.getValue().wRec);
            } else {
                g.putNull("w_in");
                g.putNull("w_rec");
                g.put("note", "W_in or W_rec gradient not finite");
            }
            GradientsJson.array(g, "w_out", e.getValue().wOut);
        }
        ArrayNode refs = doc.putArray("bptt_references");
        for (Reference r : references()) {
            ObjectNode o = refs.addObject();
            o.put("name", r.name());
            o.put("reset_path", BPTT.equals(r.name()) ? "detached" : "attached");
            putNumber(o, "norm_ratio_to_eprop", r.normRatio());
            o.put("exploding", r.exploding());
            o.put("verdict", r.verdict());
        }
        ArrayNode cmp = doc.putArray("comparison_with_bptt");
        for (Row r : comparison()) {
            ObjectNode o = cmp.addObject();
            o.put("rule", r.rule());
            o.put("reference", r.reference());
            o.put("matrix", r.matrix().name());
            putNumber(o, "cosine", r.cosine());
            putNumber(o, "alpha", r.alpha());
        }
        return doc;
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    public RecurrentNetwork network() {
        return network;
    }

    public SequenceBatch batch() {
        return batch;
    }
}
