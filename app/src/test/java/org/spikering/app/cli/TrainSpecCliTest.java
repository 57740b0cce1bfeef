package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.task.TaskPreset;
import picocli.CommandLine;

/**
 * {@code train SPEC}: every shipped training example runs shortened and its saved model evaluates to the run's own
 * test numbers from the spec stored in it; the built-in {@code --task} run and the file run are the same run; a user's
 * edited copy trains; early stopping stops where the rule says; a model without a spec is still read; a bad spec
 * ends with exit 2, one line per problem naming the field, and nothing written.
 */
class TrainSpecCliTest {

    @TempDir
    Path dir;

    /** Exit code, stdout, stderr of one in-process run. */
    record Result(int code, String out, String err) {
    }

    static Result run(final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
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

    private static String[] shortRun(final String spec, final Path out, final String... more) {
        final List<String> a = new ArrayList<>(List.of("train", spec, "--set", "training.iterations=2", "--set",
                "training.batch=2", "--set", "training.evaluation.test_batch=2", "--set", "training.evaluation.every=1",
                "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static JsonNode json(final Path f) throws Exception {
        return Json.MAPPER.readTree(f.toFile());
    }

    @Test
    void everyTrainingExampleRunsShortenedAndItsModelEvaluatesToTheRunsTestNumbers() throws Exception {
        for (String name : TaskPreset.NAMES) {
            final Path out = dir.resolve(name);
            // seq-fashion-mnist: the committed 200 + 100 image subset, so the test needs no data package
            final List<String> more = new ArrayList<>();
            if ("seq-fashion-mnist".equals(name)) {
                org.spikering.app.task.FashionSubset.sets().forEach(x -> more.addAll(List.of("--set", x)));
            }
            final Result r = run(shortRun(name, out, more.toArray(new String[0])));
            assertEquals(0, r.code(), name + ": " + r.err());
            final JsonNode summary = json(out.resolve("summary.json"));
            assertEquals(2, summary.get("iterations").asInt(), name);
            assertEquals(name, summary.get("task").asText());
            final Spec stored = SpecLoader.load(out.resolve("spec.yaml").toString(), List.of());
            assertEquals(2, stored.tree().at("/training/iterations").asInt(), name);
            final JsonNode model = json(out.resolve("model.json"));
            final ObjectNode want = (ObjectNode) stored.tree();
            want.remove("output");
            assertEquals(want, model.get("spec"), name + ": model.json carries the resolved spec (without output)");
            final Result e = run("eval", out.resolve("model.json").toString());
            assertEquals(0, e.code(), name + ": " + e.err());
            final JsonNode ev = Json.MAPPER.readTree(e.out());
            if (summary.has("test_loss_fresh_input")) {
                assertEquals(summary.get("test_loss_fresh_input").asDouble(), ev.get("test_loss").asDouble(), 0.0, name);
            } else if (!summary.get("test_accuracy").isNull()) {
                assertEquals(summary.get("test_accuracy").asDouble(), ev.get("test_accuracy").asDouble(), 0.0, name);
            } else {
                assertEquals(summary.get("test_loss_per_symbol").asDouble(), ev.get("test_loss_per_symbol").asDouble(),
                        1e-12, name);
            }
            // the out-of-distribution and training-pattern tests: eval reports the run's numbers under its names
            int extra = 0;
            for (java.util.Iterator<String> it = summary.fieldNames(); it.hasNext();) {
                final String k = it.next();
                if (k.startsWith("test_accuracy_") || k.startsWith("test_loss_") && !"test_loss_per_symbol".equals(k)
                        || k.startsWith("test_set_") || "training_pattern_loss".equals(k)) {
                    assertEquals(summary.get(k), ev.get(k), name + ": " + k);
                    extra++;
                }
            }
            assertEquals(List.of("dms", "seq-fashion-mnist").contains(name) ? 3
                    : summary.has("test_loss_fresh_input") ? 2 : 0, extra, name + ": the extra tests");
        }
    }

    @Test
    void aSetMendsASpecWhoseDataFolderIsMissing() throws Exception {
        // the file alone does not load (its data_dir has no images); --set training.task.data_dir points it at the
        // committed subset, so the run must go ahead (it was refused: the file was checked before the overrides)
        final Path spec = dir.resolve("no-data.yaml");
        Files.writeString(spec, Files.readString(Path.of("../examples/seq-fashion-mnist.yaml"))
                .replace("/usr/share/datasets/fashion-mnist", dir.resolve("no-such-folder").toString()));
        final Result bare = run(shortRun(spec.toString(), dir.resolve("bare")));
        assertEquals(2, bare.code(), bare.err());
        assertTrue(bare.err().contains("training.task.data_dir"), bare.err());
        final List<String> more = new ArrayList<>();
        org.spikering.app.task.FashionSubset.sets().forEach(x -> more.addAll(List.of("--set", x)));
        final Result r = run(shortRun(spec.toString(), dir.resolve("mended"), more.toArray(new String[0])));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("mended").resolve("model.json")));
    }

    @Test
    void builtInTaskAndShippedFileAreTheSameRun() throws Exception {
        final Result a = run("train", "--task", "dms", "--iterations", "3", "--batch", "2", "--test-batch", "2",
                "--seed", "5", "--out", dir.resolve("a").toString());
        assertEquals(0, a.code(), a.err());
        final Path file = dir.resolve("dms.yaml");
        Files.writeString(file, Examples.text("dms"));
        final Result b = run("train", file.toString(), "--set", "training.iterations=3", "--set", "training.batch=2",
                "--set", "training.evaluation.test_batch=2", "--set", "seed=5", "--out", dir.resolve("b").toString());
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(dir.resolve("a/learning_curve.csv")), Files.readString(dir.resolve("b/learning_curve.csv")));
        assertEquals(Files.readString(dir.resolve("a/test_curve.csv")), Files.readString(dir.resolve("b/test_curve.csv")));
        assertEquals(json(dir.resolve("a/model.json")).get("network"), json(dir.resolve("b/model.json")).get("network"));
    }

    @Test
    void aUsersEditedCopyTrainsWithItsChanges() throws Exception {
        final Result shown = run("spec", "show", "evidence");
        assertEquals(0, shown.code(), shown.err());
        final String text = shown.out().replace("recurrent: 100", "recurrent: 60")
                .replace("alif_count: 50 ", "alif_fraction: 0.25 ").replace("tau_a_ms: 2000.0", "tau_a_ms: 800.0")
                .replace("rule: eprop", "rule: random-eprop")
                .replace("delay_ms: 1050", "delay_ms: 200").replace("kind: piecewise_linear", "kind: arctan");
        final Path my = dir.resolve("my.yaml");
        Files.writeString(my, text);
        final Path out = dir.resolve("mine");
        final Result r = run(shortRun(my.toString(), out));
        assertEquals(0, r.code(), r.err());
        final JsonNode net = json(out.resolve("model.json")).get("network");
        assertEquals(dir.toAbsolutePath().toString(), json(out.resolve("model.json")).get("spec_dir").asText(),
                "relative file names of the spec resolve against its folder");
        final JsonNode summary = json(out.resolve("summary.json"));
        assertEquals("random-eprop", summary.get("rule").asText());
        final Spec stored = SpecLoader.load(out.resolve("spec.yaml").toString(), List.of());
        assertEquals(60, stored.tree().at("/training/network/recurrent").asInt());
        assertEquals(800.0, stored.tree().at("/training/network/tau_a_ms").asDouble(), 0.0);
        assertEquals(0.25, stored.tree().at("/training/network/alif_fraction").asDouble(), 0.0);
        assertTrue(net.toString().contains("800"), "the model's constants have tau_a 800: " + net.toString().substring(0, 300));
        assertEquals("arctan", net.at("/params/surrogate").asText(), "the surrogate is saved with the model");
        assertEquals(org.spikering.neuron.SurrogateGradient.ARCTAN, org.spikering.app.train.TrainedModel
                .read("m", out.resolve("model.json")).network().params().surrogate(), "and read back");
        final Result e = run("eval", out.resolve("model.json").toString());
        assertEquals(0, e.code(), e.err());
    }

    @Test
    void earlyStoppingStopsAfterPatienceTestsWithoutImprovement() throws Exception {
        final Path full = dir.resolve("full");
        assertEquals(0, run("train", "dms", "--set", "training.iterations=12", "--set", "training.batch=2", "--set",
                "training.evaluation.test_batch=4", "--set", "training.evaluation.every=2", "--out", full.toString()).code());
        final Path stopped = dir.resolve("stopped");
        // min_delta 1e9: only the first test (best = infinity before it) counts as an improvement; patience 2
        final Result r = run("train", "dms", "--set", "training.iterations=12", "--set", "training.batch=2", "--set",
                "training.evaluation.test_batch=4", "--set", "training.evaluation.every=2", "--set",
                "training.evaluation.early_stopping={patience: 2, min_delta: 1.0e9}", "--out", stopped.toString());
        assertEquals(0, r.code(), r.err());
        final JsonNode s = json(stopped.resolve("summary.json"));
        assertEquals(6, s.get("stopped_early_at_iteration").asInt(), s.toString());
        assertEquals(6, s.get("iterations").asInt());
        assertTrue(s.get("early_stopping").asText().startsWith("stopped after iteration 6"), s.toString());
        final List<String> fullCurve = Files.readAllLines(full.resolve("learning_curve.csv"));
        assertEquals(fullCurve.subList(0, 7), Files.readAllLines(stopped.resolve("learning_curve.csv")),
                "the stopped run is the first 6 updates of the full run");
        assertFalse(json(full.resolve("summary.json")).has("stopped_early_at_iteration"), "no early stopping: no field");
    }

    @Test
    void optionsOverrideTheirFields() throws Exception {
        final Path out = dir.resolve("opts");
        final Result r = run(shortRun("evidence", out, "--task", "dms", "--weight-clip", "Infinity", "--lr", "0.01",
                "--seed", "4", "--rule", "bptt"));
        assertEquals(0, r.code(), r.err());
        final JsonNode t = SpecLoader.load(out.resolve("spec.yaml").toString(), List.of()).tree();
        assertEquals("dms", t.at("/training/task/name").asText());
        assertEquals(16, t.at("/training/task/delay_ms").asInt(), "the task's own defaults");
        assertTrue(t.at("/training/task/cues").isMissingNode(), "no evidence parameter left");
        assertTrue(t.at("/training/weight_clip").isNull(), "Infinity = no clipping = null");
        assertEquals(0.01, t.at("/training/optimizer/lr").asDouble(), 0.0);
        assertEquals(4, t.at("/seed").asInt());
        assertEquals("bptt", t.at("/training/rule").asText());
        assertEquals(out.toString(), t.at("/output/folder").asText());
        final JsonNode summary = json(out.resolve("summary.json"));
        assertEquals("dms", summary.get("task").asText());
        assertEquals(4, summary.get("seed").asInt());
    }

    @Test
    void theHardwareSectionFreezesTheMaskedSynapses() throws Exception {
        final Path out = dir.resolve("hw");
        final Result r = run(shortRun("evidence", out, "--set",
                "hardware={mask: {kind: random, fraction: 0.25, matrices: [rec]}}"));
        assertEquals(0, r.code(), r.err());
        final org.spikering.plasticity.network.RecurrentNetwork trained = org.spikering.app.train.TrainedModel
                .read("m", out.resolve("model.json")).network();
        final org.spikering.plasticity.network.RecurrentNetwork initial = TaskPreset.of("evidence", 1).network();
        final double[] a = initial.wRec();
        final double[] b = trained.wRec();
        int changed = 0;
        for (int k = 0; k < a.length; k++) {
            changed += a[k] != b[k] ? 1 : 0;
        }
        // exactly round(0.25 * 10000) recurrent synapses may learn (diagonal included in the count of the mask)
        assertTrue(changed > 0 && changed <= 2500, "changed " + changed + " of " + a.length);
        assertTrue(!java.util.Arrays.equals(initial.wRec(), trained.wRec()), "W_rec learned");
        org.junit.jupiter.api.Assertions.assertArrayEquals(initial.wIn(), trained.wIn(), "W_in frozen (not in matrices)");
        org.junit.jupiter.api.Assertions.assertArrayEquals(initial.wOut(), trained.wOut(), "W_out frozen (not in matrices)");
        assertTrue(Files.readString(out.resolve("spec.yaml")).contains("fraction: 0.25"));
    }

    /** training.data instead of a task: helper A's NumPy fixture evidence_small.npz (made by make_fixtures.py). */
    @Test
    void theUsersDataTrainsAndTheModelEvaluatesOnItsTestSplit() throws Exception {
        final Path data = dir.resolve("d");
        Files.createDirectories(data);
        try (var in = getClass().getResourceAsStream("/org/spikering/app/data/evidence_small.npz")) {
            Files.copy(in, data.resolve("evidence_small.npz"));
        }
        final Path spec = data.resolve("data.yaml");
        Files.writeString(spec, String.join("\n", "spikering: 1", "training:", "  data:",
                "    inputs: evidence_small.npz", "    targets: {file: evidence_small.npz, key: labels}",
                "    loss_mask: {file: evidence_small.npz, key: mask}", "    test_fraction: 0.34",
                "  network: {recurrent: 10, alif_count: 5}", "  batch: 2", "  iterations: 2",
                "  evaluation: {every: 1, test_batch: 2}", ""));
        final Path out = dir.resolve("data-out");
        final Result r = run("train", spec.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        final JsonNode summary = json(out.resolve("summary.json"));
        assertEquals("data", summary.get("task").asText());
        final JsonNode net = json(out.resolve("model.json")).get("network");
        assertEquals(4, net.get("inputs").asInt(), "inputs from the data [6, 20, 4]");
        assertEquals(2, net.get("outputs").asInt(), "two classes");
        assertEquals(10, net.get("recurrent").asInt());
        final Result e = run("eval", out.resolve("model.json").toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(summary.get("test_accuracy").asDouble(), Json.MAPPER.readTree(e.out()).get("test_accuracy").asDouble(),
                0.0, "eval rebuilds the data set (and its split) from the model's spec");
        // a data file that does not exist: one line naming training.data.inputs, nothing written
        Files.writeString(spec, Files.readString(spec).replace("inputs: evidence_small.npz", "inputs: missing.npz"));
        final Result bad = run("train", spec.toString(), "--out", dir.resolve("never").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("training.data.inputs"), bad.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void aModelWithoutSpecIsStillRead() throws Exception {
        final Path out = dir.resolve("m");
        assertEquals(0, run("train", "--task", "evidence", "--iterations", "1", "--batch", "1", "--test-batch", "2",
                "--out", out.toString()).code());
        final ObjectNode m = (ObjectNode) json(out.resolve("model.json"));
        m.remove("spec");
        final Path old = dir.resolve("old-model.json");
        Files.writeString(old, m.toString());
        final JsonNode a = Json.MAPPER.readTree(run("eval", out.resolve("model.json").toString()).out());
        final Result b = run("eval", old.toString());
        assertEquals(0, b.code(), b.err());
        assertEquals(a.get("test_loss"), Json.MAPPER.readTree(b.out()).get("test_loss"));
    }

    @Test
    void aBadSpecEndsWithOneLinePerProblemAndNothingWritten() throws Exception {
        final Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Examples.text("evidence").replace("recurrent: 100", "recurrent: 40")
                .replace("tau_m_ms: 20.0", "tau_m: 20.0").replace("lr: 0.005", "lr: -1"));
        final Path out = dir.resolve("never");
        final Result r = run("train", bad.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        final List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("spikering train: error: " + bad + ": training.network.tau_m: unknown field"),
                lines.get(0));
        assertTrue(lines.get(0).contains("tau_m_ms"), "says what is allowed: " + lines.get(0));
        assertTrue(lines.get(1).startsWith("spikering train: error: " + bad + ": training.optimizer.lr: -1, must be > 0"),
                lines.get(1));
        assertFalse(Files.exists(out), "nothing written");
        // a semantic problem (alif_count > recurrent), exit 2, nothing written
        Files.writeString(bad, Examples.text("evidence").replace("recurrent: 100", "recurrent: 40"));
        final Result s = run("train", bad.toString(), "--out", out.toString());
        assertEquals(2, s.code());
        assertEquals(1, s.err().lines().count(), s.err());
        assertTrue(s.err().startsWith("spikering train: error: " + bad + ": training.network.alif_count: 50, must be <= "
                + "training.network.recurrent = 40"), s.err());
        assertFalse(Files.exists(out), "nothing written");
        // nest-eprop off sine-nest, through the option
        final Result t = run("train", "--task", "evidence", "--rule", "nest-eprop", "--out", out.toString());
        assertEquals(2, t.code());
        assertTrue(t.err().startsWith("spikering train: error: --rule = 'nest-eprop': only with --task sine-nest"), t.err());
        // the same through the spec field
        final Result u = run("train", "evidence", "--set", "training.rule=nest-eprop", "--out", out.toString());
        assertEquals(2, u.code());
        assertTrue(u.err().startsWith("spikering train: error: --set training.rule=nest-eprop: example:evidence: "
                + "training.rule: 'nest-eprop', only with training.task.name sine-nest"), u.err());
        assertEquals(1, u.err().lines().count(), u.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
