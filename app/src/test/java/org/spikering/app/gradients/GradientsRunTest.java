package org.spikering.app.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.LearningRule;

final class GradientsRunTest {

    private static GradientsRun small(boolean zeroRecurrent) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.5, 20.0, 0.1, 10.0);
        RecurrentNetwork net = RecurrentNetwork.random(6, 10, 2, 5, p, 3);
        for (int n = 0; n < net.wIn().length; n++) {
            net.wIn()[n] *= 3.0;
        }
        if (zeroRecurrent) {
            java.util.Arrays.fill(net.wRec(), 0.0);
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        float[] x = new float[100 * 6];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.15 ? 1f : 0f;
        }
        double[] y = new double[100 * 2];
        boolean[] m = new boolean[100];
        for (int t = 0; t < 100; t++) {
            y[t * 2] = Math.sin(0.1 * t);
            y[t * 2 + 1] = Math.cos(0.1 * t);
            m[t] = true;
        }
        SequenceBatch b = new SequenceBatch(1, 100, 6, 2, x, y, m, LossKind.REGRESSION_MSE);
        return new GradientsRun(net, b, RandomFeedback.gaussian(10, 2, 9));
    }

    private static final List<String> RULES = List.of("eprop", "random-eprop", "mdgl-exact", "rflo", "mdgl");
    private static final List<String> NEST_RULES = List.of("eprop", "random-eprop", "nest-eprop", "mdgl-exact", "rflo",
            "mdgl");
    private static final List<String> REFERENCES = List.of("bptt", "bptt-reset-attached");

    /** Every (rule, reference, matrix) exactly once, in order, and nothing else. */
    private static void assertExactRows(List<GradientsRun.Row> rows, List<String> rules) {
        List<String> expected = new ArrayList<>();
        for (String ref : REFERENCES) {
            for (String rule : rules) {
                for (WeightMatrixId id : WeightMatrixId.values()) {
                    expected.add(rule + " vs " + ref + " " + id);
                }
            }
        }
        assertEquals(expected, rows.stream().map(r -> r.rule() + " vs " + r.reference() + " " + r.matrix()).toList());
    }

    private static GradientsRun.Row row(GradientsRun run, String rule, String reference, WeightMatrixId id) {
        return run.comparison().stream()
                .filter(r -> r.rule().equals(rule) && r.reference().equals(reference) && r.matrix() == id)
                .findFirst().orElseThrow(() -> new AssertionError("no row " + rule + " vs " + reference + " " + id));
    }

    @Test
    void shouldReportUnitAlignmentForEpropWhenRecurrentWeightsAreZero() {
        GradientsRun run = small(true);
        assertEquals(List.of("eprop", "random-eprop", "mdgl-exact", "rflo", "mdgl", "bptt", "bptt-reset-attached"),
                List.copyOf(run.compute().keySet()));
        assertExactRows(run.comparison(), RULES);
        for (WeightMatrixId id : new WeightMatrixId[] {WeightMatrixId.INPUT, WeightMatrixId.OUTPUT}) {
            GradientsRun.Row r = row(run, "eprop", "bptt", id);
            assertEquals(1.0, r.cosine(), 1e-9, r.toString());
            assertEquals(1.0, r.alpha(), 1e-9, r.toString());
        }
        GradientsRun.Row rnd = row(run, "random-eprop", "bptt", WeightMatrixId.INPUT);
        assertTrue(rnd.cosine() < 0.999, rnd.toString());
        // with W_rec = 0 the detached reference is e-prop's gradient exactly: ratio 1, not exploding
        GradientsRun.Reference bptt = run.references().get(0);
        assertEquals("bptt", bptt.name());
        assertEquals(1.0, bptt.normRatio(), 1e-9);
        assertFalse(bptt.exploding());
    }

    @Test
    void shouldFlagTheExplodingBpttGradientOfTheSineTaskAndKeepTheAttachedResetReference() {
        GradientsRun run = GradientsRun.nestSine(1);
        run.compute();
        assertEquals(NEST_RULES, run.rules().stream().map(LearningRule::id).toList());
        assertExactRows(run.comparison(), NEST_RULES);
        List<GradientsRun.Reference> refs = run.references();
        assertEquals(REFERENCES, refs.stream().map(GradientsRun.Reference::name).toList());
        // reset path detached: about 6e23 × e-prop's norm on NEST's network (backward growth ≈ ×1.06 per step)
        assertTrue(refs.get(0).exploding() && refs.get(0).normRatio() > 1e20, refs.get(0).toString());
        // reset path attached: 0.35 × e-prop's
        assertFalse(refs.get(1).exploding(), refs.get(1).toString());
        assertTrue(refs.get(1).normRatio() > 0.1 && refs.get(1).normRatio() < 10, refs.get(1).toString());
        // the cause, computed independently of Bptt: growth per step of the linearised backward map along the
        // trajectory, δv^t = (α I + ζ diag(ψ^t) W_recᵀ − [attached] v_th diag(ψ^t)) δv^{t+1}
        double detached = backwardGrowthPerStep(run, false);
        double attached = backwardGrowthPerStep(run, true);
        assertTrue(detached > 1.04 && Math.pow(detached, 1000) > 1e20, "detached growth per step " + detached);
        assertTrue(attached < 1.0, "attached growth per step " + attached);
        String table = run.table();
        assertTrue(table.contains("exploding gradients, cosine and alpha against bptt not meaningful"), table);
        assertTrue(table.contains("random-eprop's B: drawn from --seed 1"), table);
        // nest-eprop uses NEST's B, random-eprop one drawn from the seed: different gradients
        assertTrue(row(run, "nest-eprop", "bptt-reset-attached", WeightMatrixId.INPUT).cosine()
                != row(run, "random-eprop", "bptt-reset-attached", WeightMatrixId.INPUT).cosine());
        assertTrue(row(run, "eprop", "bptt-reset-attached", WeightMatrixId.INPUT).cosine() > 0.5, table);
    }

    /** exp(mean log growth) of a unit vector carried back through the whole sequence (top Lyapunov exponent). */
    private static double backwardGrowthPerStep(GradientsRun run, boolean resetAttached) {
        var net = run.network();
        var p = net.params();
        int n = net.recurrent();
        int steps = run.batch().steps();
        Trajectory tr = new Trajectory(steps, n, net.outputs());
        ForwardPass.run(net, run.batch(), 0, tr);
        double[] w = net.wRec();
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0 / Math.sqrt(n));
        double logGrowth = 0.0;
        for (int t = steps - 1; t >= 0; t--) {
            double[] next = new double[n];
            double norm = 0.0;
            for (int j = 0; j < n; j++) {
                double back = 0.0;
                for (int l = 0; l < n; l++) {
                    back += w[l * n + j] * d[l];
                }
                double psi = tr.psi[t * n + j];
                next[j] = p.alpha() * d[j] + p.zeta() * psi * back - (resetAttached ? p.thresholdMv() * psi * d[j] : 0.0);
                norm += next[j] * next[j];
            }
            norm = Math.sqrt(norm);
            logGrowth += Math.log(norm);
            for (int j = 0; j < n; j++) {
                d[j] = next[j] / norm;
            }
        }
        return Math.exp(logGrowth / steps);
    }

    @Test
    void shouldRunCommandFromJsonAndFailCleanlyOnBadInput(@TempDir Path dir) throws Exception {
        GradientsRun run = small(false);
        run.compute();
        Path file = dir.resolve("in.json");
        Json.write(file, run.toJson());
        Path out = dir.resolve("out.json");
        int ok = new picocli.CommandLine(new org.spikering.app.cli.GradientsCommand())
                .execute("--network-json", file.toString(), "--write-json", out.toString());
        assertEquals(0, ok);
        assertTrue(Files.size(out) > 1000);
        JsonNode doc = Json.read(out, JsonNode.class);
        assertEquals(RULES.size() * REFERENCES.size() * 3, doc.get("comparison_with_bptt").size());
        List<String> names = new ArrayList<>();
        doc.get("gradients").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("eprop", "random-eprop", "mdgl-exact", "rflo", "mdgl", "bptt", "bptt-reset-attached"), names);
        assertEquals(REFERENCES.size(), doc.get("bptt_references").size());
        assertEquals("network.feedback of the JSON file", doc.get("random_eprop_feedback").asText());
        // a feedback matrix of the wrong shape is named in the error, exit code 2
        com.fasterxml.jackson.databind.node.ObjectNode bad = (com.fasterxml.jackson.databind.node.ObjectNode) doc;
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("network")).putArray("feedback").add(1.0).add(2.0);
        Path badFile = dir.resolve("bad.json");
        Json.write(badFile, bad);
        int code = new picocli.CommandLine(new org.spikering.app.cli.GradientsCommand()).execute("--network-json", badFile.toString());
        assertEquals(2, code);
        assertEquals(2, new picocli.CommandLine(new org.spikering.app.cli.GradientsCommand())
                .execute("--network-json", dir.resolve("missing.json").toString()));
    }

    @Test
    void shouldGiveSameGradientsWhenReadBackFromJson(@TempDir Path dir) {
        GradientsRun run = small(false);
        run.compute();
        Path file = dir.resolve("g.json");
        Json.write(file, run.toJson());
        assertTrue(Files.exists(file));
        JsonNode doc = Json.read(file, JsonNode.class);
        GradientsRun again = GradientsRun.fromJson(doc, 0);
        var g2 = again.compute();
        var g1 = run.compute();
        assertEquals(List.of("eprop", "random-eprop", "mdgl-exact", "rflo", "mdgl", "bptt", "bptt-reset-attached"),
                List.copyOf(g1.keySet()));
        assertEquals(List.copyOf(g1.keySet()), List.copyOf(g2.keySet()));
        for (String rule : g1.keySet()) {
            Gradients a = g1.get(rule);
            Gradients b = g2.get(rule);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                assertArrayEquals(a.get(id), b.get(id), 0.0, rule + " " + id);
            }
        }
        assertEquals(doc.get("gradients").get("bptt").get("w_out").size(), run.network().wOut().length);
        // rflo uses random-eprop's B (the run's), not one drawn by Rules.create from seed 0
        Gradients direct = Gradients.zerosFor(run.network());
        org.spikering.plasticity.train.Rules.rflo(RandomFeedback.gaussian(10, 2, 9),
                org.spikering.plasticity.train.Computation.DENSE).compute(run.network(), run.batch(), direct);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertEquals(0.0, org.spikering.plasticity.train.GradientComparison.maxRelativeDifference(
                    g1.get("rflo").get(id), direct.get(id)), 1e-12, "rflo " + id);
        }
    }
}
