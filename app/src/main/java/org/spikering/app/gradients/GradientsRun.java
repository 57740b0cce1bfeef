package org.spikering.app.gradients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.report.Json;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainedModel;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.GradientComparison;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/** Gradients of every rule for one network and one batch, compared with BPTT per weight matrix. */
public final class GradientsRun {
    /** One row of the comparison: cosine with BPTT and α = ⟨g, g_bptt⟩/‖g_bptt‖². */
    public record Row(String rule, WeightMatrixId matrix, double cosine, double alpha) {
    }

    private final RecurrentSpikingNetwork network;
    private final SequenceBatch batch;
    private final RandomFeedback randomFeedback;
    private final Map<String, Gradients> gradients = new LinkedHashMap<>();

    public GradientsRun(RecurrentSpikingNetwork network, SequenceBatch batch, RandomFeedback randomFeedback) {
        this.network = network;
        this.batch = batch;
        this.randomFeedback = randomFeedback;
    }

    /** NEST's sine-wave setup: NEST's initial weights, frozen pattern and B (as the random feedback). */
    public static GradientsRun nestSine() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        return new GradientsRun(ref.network(), ref.batch(1), ref.feedback());
    }

    /**
     * At the weights of a saved model, on the first training batch of the run that made it ({@link BatchSeeds}), with
     * that run's random feedback (NEST's B for sine-nest, else the Gaussian B of its seed).
     *
     * @param m    the model.
     * @param file its file, for messages.
     * @return the run.
     */
    public static GradientsRun atModel(TrainedModel m, java.nio.file.Path file) {
        TaskPreset p = TaskPreset.of(m.task(), m.seed());
        m.checkFits("--model", file, p.name(), p.network());
        int iterations = Math.max(1, m.training().path("--iterations").asInt());
        int batch = Math.max(1, m.training().path("--batch").asInt());
        SequenceBatch b = p.source().batch(batch, new BatchSeeds(m.seed(), iterations).training(0));
        RecurrentSpikingNetwork net = m.network();
        RandomFeedback fb = p.nestReference() ? NestSineWaveReference.load().feedback()
                : RandomFeedback.gaussian(net.recurrent(), net.outputs(), m.seed());
        return new GradientsRun(net, b, fb);
    }

    /** From a JSON document written by {@link #toJson()} (or by hand: "network" and "batch" are needed). */
    public static GradientsRun fromJson(JsonNode doc, long seed) {
        JsonNode netNode = doc.get("network");
        JsonNode batchNode = doc.get("batch");
        if (netNode == null || batchNode == null) {
            throw new IllegalArgumentException("JSON needs objects 'network' and 'batch'");
        }
        RecurrentSpikingNetwork net = GradientsJson.readNetwork(netNode);
        double[] b = GradientsJson.readFeedback(netNode);
        RandomFeedback fb = b == null ? RandomFeedback.gaussian(net.recurrent(), net.outputs(), seed)
                : new RandomFeedback(net.recurrent(), net.outputs(), b);
        return new GradientsRun(net, GradientsJson.readBatch(batchNode), fb);
    }

    /** Computes e-prop, random e-prop, MDGL (event-based) and BPTT gradients. */
    public Map<String, Gradients> compute() {
        gradients.clear();
        put("e-prop", Rules.create(LearningRule.EPROP, Computation.EVENT, network, 0));
        put("random e-prop", Rules.eprop(randomFeedback, false, Computation.EVENT));
        put("MDGL", Rules.create(LearningRule.MDGL, Computation.EVENT, network, 0));
        put("BPTT", Rules.create(LearningRule.BPTT, Computation.EVENT, network, 0));
        return gradients;
    }

    private void put(String name, GradientComputer c) {
        Gradients g = Gradients.zerosFor(network);
        c.compute(network, batch, g);
        gradients.put(name, g);
    }

    /** Cosine and α per rule and matrix (needs {@link #compute()}). */
    public List<Row> comparison() {
        Gradients bptt = gradients.get("BPTT");
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Gradients> e : gradients.entrySet()) {
            if (e.getKey().equals("BPTT")) {
                continue;
            }
            for (WeightMatrixId id : WeightMatrixId.values()) {
                rows.add(new Row(e.getKey(), id, GradientComparison.cosine(e.getValue().get(id), bptt.get(id)),
                        GradientComparison.stepLength(e.getValue().get(id), bptt.get(id))));
            }
        }
        return rows;
    }

    /** Plain-text table. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%-15s %-10s %10s %10s%n", "rule", "matrix", "cos(BPTT)", "alpha"));
        for (Row r : comparison()) {
            sb.append(String.format("%-15s %-10s %10.4f %10.4f%n", r.rule(), r.matrix(), r.cosine(), r.alpha()));
        }
        sb.append(String.format("loss = %.6f, mean rate = %.2f Hz%n", gradients.get("BPTT").loss,
                gradients.get("BPTT").meanRateHz));
        return sb.toString();
    }

    /** Network, batch, all gradients and the comparison as one JSON document. */
    public ObjectNode toJson() {
        ObjectNode doc = Json.object();
        doc.put("format", GradientsJson.FORMAT);
        doc.set("network", GradientsJson.network(network, randomFeedback.values()));
        doc.set("batch", GradientsJson.batch(batch));
        ObjectNode gs = doc.putObject("gradients");
        for (Map.Entry<String, Gradients> e : gradients.entrySet()) {
            ObjectNode g = gs.putObject(e.getKey());
            g.put("loss", e.getValue().loss);
            GradientsJson.array(g, "w_in", e.getValue().wIn);
            GradientsJson.array(g, "w_rec", e.getValue().wRec);
            GradientsJson.array(g, "w_out", e.getValue().wOut);
        }
        ArrayNode cmp = doc.putArray("comparison_with_bptt");
        for (Row r : comparison()) {
            ObjectNode o = cmp.addObject();
            o.put("rule", r.rule());
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

    public RecurrentSpikingNetwork network() {
        return network;
    }

    public SequenceBatch batch() {
        return batch;
    }
}
