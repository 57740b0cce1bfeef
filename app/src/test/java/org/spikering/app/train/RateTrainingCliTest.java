package org.spikering.app.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.report.Json;
import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * A rate RNN ({@code training.network.kind: rate}) end to end through the CLI: {@code train} 3 iterations of the
 * shipped example, {@code eval MODEL} gives the run's own test loss, model.json reads back the rate units bit for bit,
 * no NaN in any output, the counters are dense MACs; {@code train --init-from} a rate model; with a hardware mask and
 * 8-bit weights the masked synapses do not move; cell types keep Dale's law through training (both kinds); NIR
 * export refuses a rate model in one line.
 */
class RateTrainingCliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(final String... args) {
        final picocli.CommandLine cl = SpikeringCli.commandLine();
        final StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err + progress.toString(StandardCharsets.UTF_8));
    }

    private static String[] train(final String spec, final Path out, final String... more) {
        final List<String> a = new ArrayList<>(List.of("train", spec, "--set", "training.iterations=3", "--set",
                "training.evaluation.test_batch=4", "--set", "training.evaluation.every=1", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static JsonNode json(final Path f) throws Exception {
        return Json.MAPPER.readTree(f.toFile());
    }

    private static void assertNoNaN(final Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".csv")).toList()) {
                assertFalse(Files.readString(f).contains("NaN"), f + " has a NaN");
            }
        }
    }

    @Test
    void rateRunTrainsEvaluatesToItsSummaryAndReadsBack() throws Exception {
        final Path out = dir.resolve("rate");
        final Result r = run(train("pattern-liu-rate", out));
        assertEquals(0, r.code(), r.err());
        final JsonNode s = json(out.resolve("summary.json"));
        assertEquals("rate", s.get("network_kind").asText());
        assertEquals(3, s.get("iterations").asInt());
        final JsonNode hw = s.get("hardware");
        assertEquals(0, hw.get("spikes").asLong());
        assertEquals(0, hw.get("synaptic_ops").asLong());
        assertEquals(100 * 64, hw.get("state_memory_bits").asLong(), "one double state per rate unit");
        // every forward pass of training and testing counted: per sequence 50 steps · (100·(20 + 100) + 1·100), 20 analog inputs
        assertEquals(0, hw.get("dense_macs").asLong() % (50L * (100 * (20 + 100) + 100)), "whole sequences");
        assertTrue(hw.get("dense_macs").asLong() >= 3L * 50 * (100 * (20 + 100) + 100), "at least the 3 batches");
        final List<String> curve = Files.readAllLines(out.resolve("learning_curve.csv"));
        assertEquals("iteration,loss,loss_per_scored_step,batch_accuracy,mean_rate_hz", curve.get(0));
        assertTrue(curve.get(1).endsWith(","), "no firing rate of rate units: an empty cell, " + curve.get(1));
        assertNoNaN(out);

        final TrainedModel m = TrainedModel.read("test", out.resolve("model.json"));
        final RecurrentNetwork net = m.network();
        assertTrue(net.isRate());
        assertEquals(new org.spikering.app.spec.training.RateUnitsSpec("tanh", 10.0, "rate_leak", 0.0).units(),
                net.rateUnits());
        final java.util.Map<String, org.spikering.app.data.NpyArray> npz =
                org.spikering.app.data.Npz.readAll(out.resolve("weights.npz"));
        assertEquals(List.of("input__recurrent", "recurrent__recurrent", "recurrent__readout", "recurrent_adaptive",
                "dt_ms", "rate_activation", "rate_tau_ms", "rate_current_leak", "rate_bias"), List.copyOf(npz.keySet()));
        assertEquals(1, npz.get("rate_activation").longAt(0), "tanh");
        assertEquals(10.0, npz.get("rate_tau_ms").doubleAt(0), 0.0);
        assertArrayEquals(net.wRec(), (double[]) npz.get("recurrent__recurrent").data(), 0.0);
        final Result e = run("eval", out.resolve("model.json").toString());
        assertEquals(0, e.code(), e.err());
        final JsonNode ev = Json.MAPPER.readTree(e.out());
        assertEquals(s.get("test_loss_fresh_input").asDouble(), ev.get("test_loss").asDouble(), 0.0,
                "eval of the saved rate model = the run's test");
        assertTrue(ev.get("mean_rate_hz").isNull());

        // gradients --model: every local rule's W_out gradient is exact (Σ_t err_k^t r_j^t), so its cosine against
        // BPTT's is 1; W_in and W_rec are approximations (cosine < 1 with recurrence)
        final Path gj = dir.resolve("g.json");
        final Result g = run("gradients", "--model", out.resolve("model.json").toString(), "--write-json", gj.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("(rate units: no spikes)"), g.out());
        final JsonNode gd = json(gj);
        assertEquals("rate", gd.at("/network/kind").asText());
        int rows = 0;
        for (JsonNode row : gd.get("comparison_with_bptt")) {
            assertEquals("bptt-rate", row.get("reference").asText());
            if ("output".equalsIgnoreCase(row.get("matrix").asText())) {
                assertEquals(1.0, row.get("cosine").asDouble(), 1e-12, row.toString());
                rows++;
            }
        }
        assertEquals(8, rows, "eprop, random-eprop, rflo, mdgl, rtrl, uoro, kf-rtrl, kernl");
        assertFalse(Files.readString(gj).contains("NaN"));

        final Path again = dir.resolve("again");
        final Result i = run(train("pattern-liu-rate", again, "--init-from", out.resolve("model.json").toString()));
        assertEquals(0, i.code(), i.err());
        final Result bad = run(train("pattern-liu", dir.resolve("bad"), "--init-from",
                out.resolve("model.json").toString(), "--set", "training.task.encoding=analog"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("the model's units (rate units"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad")));

        final Result nir = run("nir", "export", "--network-json", out.resolve("model.json").toString(), "--out",
                dir.resolve("x.nir").toString());
        assertEquals(2, nir.code());
        assertTrue(nir.err().matches("(?s).*kind = rate, activation = \\w+: NIR 1\\.0 has no \\w+ node.*"), nir.err());
        assertEquals(1, nir.err().strip().lines().count(), "one line: " + nir.err());
        assertFalse(Files.exists(dir.resolve("x.nir")));
    }

    @Test
    void hardwareMaskAndEightBitWeightsApplyUnchangedToARateNet() throws Exception {
        final Path spec = dir.resolve("hw.yaml");
        Files.writeString(spec, org.spikering.app.spec.Examples.text("pattern-liu-rate")
                + "hardware:\n  mask:\n    kind: readout_only\n  weights:\n    bits: 8\n");
        final RecurrentNetwork[] nets = new RecurrentNetwork[2];
        final String[] lrs = {"0.003", "0.03"};
        for (int k = 0; k < 2; k++) {
            final Path out = dir.resolve("hw" + k);
            final Result r = run(train(spec.toString(), out, "--set", "training.optimizer.lr=" + lrs[k]));
            assertEquals(0, r.code(), r.err());
            assertNoNaN(out);
            nets[k] = TrainedModel.read("test", out.resolve("model.json")).network();
        }
        // the masked W_in and W_rec are their quantised initial values whatever the learning rate; W_out learns
        assertArrayEquals(nets[0].wIn(), nets[1].wIn(), 0.0);
        assertArrayEquals(nets[0].wRec(), nets[1].wRec(), 0.0);
        assertFalse(java.util.Arrays.equals(nets[0].wOut(), nets[1].wOut()), "W_out is plastic");
        for (double[] w : new double[][] {nets[0].wIn(), nets[0].wRec(), nets[0].wOut()}) {
            assertTrue(java.util.Arrays.stream(w).distinct().count() <= 256, "8-bit weights: at most 256 values");
        }
    }

    @Test
    void cellTypesKeepDalesLawThroughTrainingForBothKinds() throws Exception {
        for (String example : new String[] {"pattern-liu-rate", "pattern-liu"}) {
            final Path out = dir.resolve("dale-" + example);
            final Result r = run(train(example, out, "--set", "training.network.cell_types.excitatory_fraction=0.8",
                    "--set", "training.optimizer.lr=0.05"));
            assertEquals(0, r.code(), example + ": " + r.err());
            final RecurrentNetwork net = TrainedModel.read("test", out.resolve("model.json")).network();
            assertEquals(new CellTypes(80, 100), net.cellTypes(), example);
            int negative = 0;
            for (int j = 0; j < 100; j++) {
                for (int i = 0; i < 100; i++) {
                    final double w = net.wRec()[j * 100 + i];
                    assertTrue(i < 80 ? w >= 0 : w <= 0, example + ": W_rec[" + j + "][" + i + "] = " + w);
                    negative += w < 0 ? 1 : 0;
                }
            }
            assertTrue(negative > 0, example + ": inhibitory weights remain");
        }
    }
}
