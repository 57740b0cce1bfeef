package org.spikering.app.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

final class GradientsRunTest {

    private static GradientsRun small(boolean zeroRecurrent) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.5, 20.0, 0.1, 10.0);
        RecurrentSpikingNetwork net = RecurrentSpikingNetwork.random(6, 10, 2, 5, p, 3);
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

    @Test
    void shouldReportUnitAlignmentForEpropWhenRecurrentWeightsAreZero() {
        GradientsRun run = small(true);
        run.compute();
        for (GradientsRun.Row row : run.comparison()) {
            if (row.rule().equals("e-prop") && row.matrix() != WeightMatrixId.RECURRENT) {
                assertEquals(1.0, row.cosine(), 1e-9, row.toString());
                assertEquals(1.0, row.alpha(), 1e-9, row.toString());
            }
            if (row.rule().equals("random e-prop") && row.matrix() == WeightMatrixId.INPUT) {
                assertTrue(row.cosine() < 0.999, row.toString());
            }
        }
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
        assertEquals(9, doc.get("comparison_with_bptt").size());
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
        for (String rule : g1.keySet()) {
            Gradients a = g1.get(rule);
            Gradients b = g2.get(rule);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                assertArrayEquals(a.get(id), b.get(id), 0.0, rule + " " + id);
            }
        }
        assertEquals(doc.get("gradients").get("BPTT").get("w_out").size(), run.network().wOut().length);
    }
}
