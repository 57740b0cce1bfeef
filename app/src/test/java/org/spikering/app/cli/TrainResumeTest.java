package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainCheckpoint;
import org.spikering.app.train.TrainedModel;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Evaluator;
import picocli.CommandLine;

/**
 * {@code train} checkpoints and {@code --resume}: a training child process killed with SIGKILL mid-way and resumed
 * ends with the same model.json (weights, Adam state), learning and test curves, byte for byte, as an uninterrupted
 * run; plus the saved model read by {@code eval}, {@code train --init-from} and {@code gradients --model}.
 */
final class TrainResumeTest {

    @TempDir
    Path dir;

    /** evidence accumulation: Adam (whose moments and step are state) and a test curve; 12 updates of 4 sequences. */
    private static List<String> trainArgs(final Path out, final String... more) {
        final List<String> a = new ArrayList<>(List.of("train", "--task", "evidence", "--iterations", "12", "--batch", "4",
                "--test-batch", "8", "--eval-every", "4", "--checkpoint-every", "3", "--seed", "3"));
        a.addAll(List.of(more));
        if (out != null) {
            a.addAll(List.of("--out", out.toString()));
        }
        return a;
    }

    private record Result(int code, String out, String err) {
    }

    private static synchronized Result cli(final List<String> args) {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try { // progress lines stay on System.err
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            final int code = cl.execute(args.toArray(new String[0]));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    private static ObjectNode withoutWall(final Path summary) throws Exception {
        final ObjectNode s = (ObjectNode) Json.MAPPER.readTree(summary.toFile());
        s.remove("wall_s");
        return s;
    }

    @Test
    void shouldResumeAKilledTrainingBitIdentically() throws Exception {
        final Path whole = dir.resolve("whole");
        final Result w = cli(trainArgs(whole));
        assertEquals(0, w.code(), w.err());
        assertFalse(Files.exists(ResultFolder.checkpointDir(whole)), "the checkpoint goes when the result set is committed");

        final Path cwd = Files.createDirectory(dir.resolve("child"));
        final Path killed = cwd.resolve("killed");
        final Path cp = ResultFolder.checkpointDir(killed).resolve(TrainCheckpoint.FILE);
        final List<Object> seen = new ArrayList<>();
        final Process p = ChildProcessRuns.start(cwd, "train", trainArgs(killed).toArray(new String[0]));
        // kill after the second checkpoint (iteration 6 of 12): each checkpoint replaces the file (a new inode)
        assertTrue(ChildProcessRuns.killWhen(p, () -> {
            try {
                final Object key = Files.readAttributes(cp, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                if (!seen.contains(key)) {
                    seen.add(key);
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            return seen.size() >= 2;
        }), "the child ended before its second checkpoint: " + ChildProcessRuns.stderr(cwd, "train"));
        assertFalse(Files.exists(killed), "a killed first run leaves no result folder");
        final int done = TrainCheckpoint.read("test", cp).model().completed();
        assertTrue(done >= 6 && done < 12, "checkpoint after " + done + " iterations");
        final Path spare = ResultFolder.checkpointDir(dir.resolve("other"));
        Files.createDirectories(spare);
        Files.copy(cp, spare.resolve(TrainCheckpoint.FILE), StandardCopyOption.COPY_ATTRIBUTES);

        final Result r = cli(trainArgs(null, "--resume", killed.toString()));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"model.json", "learning_curve.csv", "test_curve.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
        assertEquals(withoutWall(whole.resolve("summary.json")), withoutWall(killed.resolve("summary.json")),
                "counters and energy as if uninterrupted");
        assertEquals(13, Files.readAllLines(killed.resolve("learning_curve.csv")).size());
        assertEquals(List.of("killed"), ChildProcessRuns.names(cwd), "checkpoint and lock are gone");

        // a checkpoint made with other settings is refused in one line, before any work
        final Result bad = cli(trainArgs(null, "--lr", "0.001", "--resume", dir.resolve("other").toString()));
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("spikering train: error: --resume = '" + dir.resolve("other")
                + "': the checkpoint was made with --lr = 0.005, this command has 0.001"), bad.err());
        assertFalse(Files.exists(dir.resolve("other")));
        final Result none = cli(trainArgs(null, "--resume", dir.resolve("nothing").toString()));
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("spikering train: error: --resume = '" + dir.resolve("nothing")
                + "': must be the --out folder of an interrupted train run with a checkpoint"), none.err());
        assertFalse(Files.exists(dir.resolve("nothing")));
    }

    @Test
    void shouldSaveAModelThatEvalGradientsAndInitFromRead() throws Exception {
        final Path a = dir.resolve("a");
        assertEquals(0, cli(trainArgs(a)).code());
        final TrainedModel m = TrainedModel.read("test", a.resolve("model.json"));
        assertEquals(12, m.completed());
        assertEquals("adam", m.optimizer());
        assertEquals(13.0, m.state().get("step")[0], "Adam's next t after 12 updates");
        final TaskPreset p = TaskPreset.of("evidence", 3);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertFalse(java.util.Arrays.equals(p.network().weights(id), m.network().weights(id)), id + " was trained");
        }

        // eval gives the run's final held-out numbers (test_curve.csv's last row: iteration, accuracy, loss)
        final Result e = cli(List.of("eval", a.resolve("model.json").toString()));
        assertEquals(0, e.code(), e.err());
        final JsonNode ev = Json.MAPPER.readTree(e.out());
        final List<String> curve = Files.readAllLines(a.resolve("test_curve.csv"));
        final String[] last = curve.get(curve.size() - 1).split(",");
        assertEquals("12", last[0]);
        assertEquals(Double.parseDouble(last[1]), ev.get("test_accuracy").doubleValue(), 0.0);
        assertEquals(Double.parseDouble(last[2]), ev.get("test_loss").doubleValue(), 0.0);
        assertEquals(8, ev.get("test_batch").asInt());

        // a sine task: eval's test loss is the run's test_loss_fresh_input
        final Path sine = dir.resolve("sine");
        assertEquals(0, cli(List.of("train", "--task", "sine-bellec", "--iterations", "2", "--test-batch", "3", "--out",
                sine.toString())).code());
        final Result se = cli(List.of("eval", sine.resolve("model.json").toString()));
        assertEquals(0, se.code(), se.err());
        assertEquals(Json.MAPPER.readTree(sine.resolve("summary.json").toFile()).get("test_loss_fresh_input").doubleValue(),
                Json.MAPPER.readTree(se.out()).get("test_loss").doubleValue(), 0.0);

        // --init-from: the first update's loss is the loss of the saved network on batch 0 (a forward pass alone)
        final Path b = dir.resolve("b");
        final Result init = cli(List.of("train", "--task", "evidence", "--iterations", "2", "--batch", "4", "--test-batch", "8",
                "--seed", "3", "--init-from", a.resolve("model.json").toString(), "--out", b.toString()));
        assertEquals(0, init.code(), init.err());
        final double firstLoss = Double.parseDouble(Files.readAllLines(b.resolve("learning_curve.csv")).get(1).split(",")[1]);
        final double expected = Evaluator.evaluate(m.network(), p.source().batch(4, new BatchSeeds(3, 2).training(0))).loss();
        assertEquals(expected, firstLoss, 1e-12 * Math.abs(expected));
        assertEquals(a.resolve("model.json").toAbsolutePath().normalize().toString(),
                TrainedModel.read("test", b.resolve("model.json")).training().get("--init-from").asText());

        // a model whose shapes do not fit the task: one line, exit 2, nothing written
        final Result misfit = cli(List.of("train", "--task", "nback", "--iterations", "1", "--init-from",
                a.resolve("model.json").toString(), "--out", dir.resolve("c").toString()));
        assertEquals(2, misfit.code());
        assertEquals(1, misfit.err().lines().count(), misfit.err());
        assertTrue(misfit.err().contains("--init-from = '" + a.resolve("model.json") + "': the model has 40 inputs"), misfit.err());
        assertFalse(Files.exists(dir.resolve("c")));

        // gradients at the model's weights
        final Result g = cli(List.of("gradients", "--model", a.resolve("model.json").toString()));
        assertEquals(0, g.code(), g.err());
        for (String rule : new String[] {"eprop", "random-eprop", "mdgl-exact"}) {
            assertTrue(g.out().contains(rule), g.out());
        }
    }
}
