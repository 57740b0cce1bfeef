package org.spikering.app.cli;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.data.NpyArray;
import org.spikering.app.data.Npz;
import org.spikering.app.data.WeightsNpz;
import org.spikering.app.report.Json;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainedModel;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import picocli.CommandLine;

/**
 * {@code eval MODEL DATA} and {@code export}, and {@code weights.npz} of {@code train}, against independent
 * references: a data file holding a built-in task's held-out batch (written from the task's generator) must give
 * exactly the loss and accuracy that {@code eval MODEL} prints for that batch (the task path, no file involved); the
 * {@code .npz} arrays must equal the weights of {@code model.json} bit for bit; bad options give one line, exit 2,
 * nothing written.
 */
final class EvalDataAndExportTest {

    @TempDir
    static Path dir;

    private record Result(int code, String out, String err) {
    }

    private static synchronized Result cli(final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            final int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @BeforeAll
    static void train() {
        final Result e = cli("train", "--task", "evidence", "--iterations", "2", "--batch", "4", "--test-batch", "6",
                "--seed", "5", "--out", dir.resolve("ev").toString());
        assertEquals(0, e.code(), e.err());
        final Result s = cli("train", "--task", "sine-bellec", "--iterations", "2", "--test-batch", "3", "--seed", "5",
                "--out", dir.resolve("sine").toString());
        assertEquals(0, s.code(), s.err());
    }

    /** The held-out batch of the run in {@code run}, written as a data file: inputs, targets (labels or floats), mask. */
    private static Path heldOutAsNpz(final String run, final String task, final boolean labels) {
        final TrainedModel m = TrainedModel.read("MODEL", dir.resolve(run).resolve("model.json"));
        final SequenceBatch b = TrainingRun.heldOutBatch(TaskPreset.of(task, m.seed()),
                new BatchSeeds(m.seed(), m.training().path("--iterations").asInt()), m.training().path("--test-batch").asInt());
        final Map<String, NpyArray> a = new LinkedHashMap<>();
        final byte[] x = new byte[b.inputSpikes().length];
        for (int k = 0; k < x.length; k++) {
            x[k] = (byte) b.inputSpikes()[k];
            assertEquals(b.inputSpikes()[k], x[k]);
        }
        a.put("inputs", new NpyArray(org.spikering.app.data.NpyDtype.UINT8, new int[] {b.batchSize(), b.steps(), b.inputs()}, x));
        if (labels) {
            final long[] l = new long[b.batchSize()];
            for (int s = 0; s < b.batchSize(); s++) {
                int t = b.steps() - 1; // a masked step holds the one-hot class
                while (!b.lossMask()[b.maskIndex(s, t)]) {
                    t--;
                }
                l[s] = b.targets()[b.targetIndex(s, t, 1)] == 1.0 ? 1 : 0;
            }
            a.put("targets", NpyArray.of(new int[] {b.batchSize()}, l));
        } else {
            a.put("targets", NpyArray.of(new int[] {b.batchSize(), b.steps(), b.outputs()}, b.targets().clone()));
        }
        a.put("mask", NpyArray.of(new int[] {b.batchSize(), b.steps()}, b.lossMask().clone()));
        final Path p = dir.resolve(run + "_heldout.npz");
        Npz.write(p, a, true);
        return p;
    }

    @Test
    void evalOnAFileOfTheHeldOutBatchGivesExactlyTheTaskEvalNumbers() throws Exception {
        for (String[] c : new String[][] {{"ev", "evidence", "true"}, {"sine", "sine-bellec", "false"}}) {
            final Path model = dir.resolve(c[0]).resolve("model.json");
            final Path data = heldOutAsNpz(c[0], c[1], Boolean.parseBoolean(c[2]));
            final Result task = cli("eval", model.toString());
            assertEquals(0, task.code(), task.err());
            final Result file = cli("eval", model.toString(), data.toString(), "--loss-mask-key", "mask");
            assertEquals(0, file.code(), file.err());
            final JsonNode t = Json.MAPPER.readTree(task.out());
            final JsonNode f = Json.MAPPER.readTree(file.out());
            assertEquals(t.get("test_loss").doubleValue(), f.get("test_loss").doubleValue(), 0.0, c[1]);
            assertEquals(t.get("mean_rate_hz").doubleValue(), f.get("mean_rate_hz").doubleValue(), 0.0, c[1]);
            assertEquals(t.get("test_batch").asInt(), f.get("sequences").asInt());
            if (c[2].equals("true")) {
                assertEquals(t.get("test_accuracy").doubleValue(), f.get("test_accuracy").doubleValue(), 0.0);
            } else {
                assertTrue(f.get("test_accuracy").isNull());
            }
            assertEquals(1, file.out().strip().lines().count());
        }
    }

    @Test
    void trainWritesWeightsNpzEqualToTheModelBitForBitAndExportWritesTheSame() throws Exception {
        final Path run = dir.resolve("ev");
        final RecurrentNetwork net = TrainedModel.read("MODEL", run.resolve("model.json")).network();
        final Map<String, NpyArray> w = Npz.readAll(run.resolve("weights.npz"));
        assertEquals(List.copyOf(WeightsNpz.arrays(net).keySet()), List.copyOf(w.keySet()));
        assertArrayEquals(net.wIn(), (double[]) w.get("input__recurrent").data());
        assertArrayEquals(new int[] {net.recurrent(), net.inputs()}, w.get("input__recurrent").shape());
        assertArrayEquals(net.wRec(), (double[]) w.get("recurrent__recurrent").data());
        assertArrayEquals(net.wOut(), (double[]) w.get("recurrent__readout").data());
        assertArrayEquals(new int[] {net.outputs(), net.recurrent()}, w.get("recurrent__readout").shape());
        assertArrayEquals(net.adaptiveFlags(), (boolean[]) w.get("recurrent_adaptive").data());
        assertEquals(net.params().tauAdaptMs(), w.get("tau_a_ms").doubleAt(0));
        assertEquals(net.params().thresholdMv(), w.get("v_th_mv").doubleAt(0));
        assertEquals(net.params().refractorySteps(), w.get("refractory_steps").longAt(0));
        for (int k = 0; k < net.wRec().length; k++) { // bit for bit, not only ==
            assertEquals(Double.doubleToRawLongBits(net.wRec()[k]),
                    Double.doubleToRawLongBits(((double[]) w.get("recurrent__recurrent").data())[k]));
        }
        final Path out = dir.resolve("exported.npz");
        final Result r = cli("export", run.resolve("model.json").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(run.resolve("weights.npz")), Files.readAllBytes(out));
        final JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        assertEquals("weights.npz", summary.get("weights").asText());
    }

    private static void assertOneLineExit2(final String expected, final Path noFile, final String... args) {
        final Result r = cli(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        final String line = r.err().strip().lines().findFirst().orElse("");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(line.contains(expected), line + "\n  does not contain\n" + expected);
        if (noFile != null) {
            assertFalse(Files.exists(noFile), noFile + " was written");
        }
    }

    @Test
    void badEvalAndExportInputsGiveOneLineAndExit2() throws Exception {
        final String model = dir.resolve("ev").resolve("model.json").toString();
        final Path data = heldOutAsNpz("ev", "evidence", true);
        final Path sineData = heldOutAsNpz("sine", "sine-bellec", false);
        assertOneLineExit2("DATA = '" + dir.resolve("missing.npz") + "': must be a readable data file (.npz, .npy, .csv,"
                + " .h5, .hdf5 or .sonata) (no such file)", null,
                "eval", model, dir.resolve("missing.npz").toString());
        assertOneLineExit2("--targets: '" + data.getFileName() + "' has no array 'labels' (it has: inputs, targets, mask)",
                null, "eval", model, data.toString(), "--targets-key", "labels");
        assertOneLineExit2("DATA = '" + sineData + "': has 100 input neurons, the model (" + model + ") has 40", null,
                "eval", model, sineData.toString());
        assertOneLineExit2("--task = 'evidence': not with DATA", null, "eval", model, data.toString(), "--task", "evidence");
        assertOneLineExit2("--recall-steps: 5, not allowed together with --loss-mask", null,
                "eval", model, data.toString(), "--loss-mask-key", "mask", "--recall-steps", "5");
        assertOneLineExit2("--inputs-key = 'x': must be used with a DATA file to test on", null, "eval", model, "--inputs-key", "x");
        assertOneLineExit2("--targets: missing, must name the targets file when DATA", null,
                "eval", model, NumpyFixture.path("f8_2x3x4.npy").toString());
        final Path out = dir.resolve("w.npz");
        assertOneLineExit2("--out = '" + dir.resolve("w.txt") + "': must be a file name ending in .npz", dir.resolve("w.txt"),
                "export", model, "--out", dir.resolve("w.txt").toString());
        final Path underFile = Path.of(model).resolve("w.npz");
        assertOneLineExit2("--out = '" + underFile + "': must be creatable, but " + model + " is a file, not a folder",
                underFile, "export", model, "--out", underFile.toString());
        assertOneLineExit2("MODEL = '" + dir.resolve("none.json") + "': must be a readable model.json", out,
                "export", dir.resolve("none.json").toString(), "--out", out.toString());
    }

    /** Fixture files of the data package's tests. */
    private static final class NumpyFixture {
        static Path path(final String name) throws Exception {
            return Path.of(EvalDataAndExportTest.class.getResource("/org/spikering/app/data/" + name).toURI());
        }
    }
}
