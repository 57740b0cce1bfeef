package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.train.TrainCheckpoint;

/**
 * {@code training.analysis} on the shipped pattern-liu-rate example: rows before the first update, every 50 and after
 * the last; the generalisation columns equal the run's own final tests (training-pattern loss, fresh-noise test loss);
 * e-prop's W_out gradient is exact (Bellec et al. 2020), so cos_output = alpha_output = 1; the curvature and Lyapunov
 * columns of the last row equal {@code analyze curvature} / {@code analyze lyapunov} on the saved model with the same
 * settings; flossing pre-training ({@code training.flossing}) writes its history and moves λ_1 towards 0; an invalid
 * field is refused in one line before any file is written; a killed run resumed from its checkpoint gives the same
 * analysis.csv, flossing.csv and model bit for bit.
 */
class TrainingAnalysisTest {

    @TempDir
    Path dir;

    private static final List<String> ANALYSIS = List.of("--set", "training.analysis.every=50",
            "--set", "training.analysis.alignment=true", "--set", "training.analysis.generalisation=true",
            "--set", "training.analysis.lyapunov.exponents=3", "--set", "training.analysis.lyapunov.steps=200",
            "--set", "training.analysis.lyapunov.warmup=50", "--set", "training.analysis.curvature.iterations=6",
            "--set", "training.analysis.curvature.top=3",
            "--set", "training.flossing.epochs=8", "--set", "training.flossing.exponents=3",
            "--set", "training.flossing.steps=150", "--set", "training.flossing.lr=0.01");

    private static List<String> trainArgs(final Path out, final String... more) {
        final List<String> a = new ArrayList<>(List.of("train", "pattern-liu-rate", "--iterations", "120", "--batch", "1",
                "--test-batch", "4", "--checkpoint-every", "10"));
        a.addAll(ANALYSIS);
        a.addAll(List.of(more));
        if (out != null) {
            a.addAll(List.of("--out", out.toString()));
        }
        return a;
    }



    private static List<String[]> csv(final Path f) throws Exception {
        final List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            rows.add(line.split(","));
        }
        return rows;
    }

    private static double col(final List<String[]> rows, final int row, final String name) {
        final List<String> h = List.of(rows.get(0));
        assertTrue(h.contains(name), name + " in " + h);
        return Double.parseDouble(rows.get(row)[h.indexOf(name)]);
    }

    @Test
    void rowsMatchTheRunsOwnTestsAndTheSavedModelAnalyses() throws Exception {
        final Path out = dir.resolve("run");
        assertEquals(0, InProcessCli.run(trainArgs(out)));
        final List<String[]> rows = csv(out.resolve("analysis.csv"));
        assertEquals(1 + 4, rows.size(), "rows at 0, 50, 100 and 120");
        final double[] its = {0, 50, 100, 120};
        for (int r = 0; r < its.length; r++) {
            assertEquals(its[r], col(rows, r + 1, "iteration"));
            assertEquals(1.0, col(rows, r + 1, "cos_output"), 1e-12, "e-prop's W_out gradient is exact");
            assertEquals(1.0, col(rows, r + 1, "alpha_output"), 1e-12);
            assertTrue(col(rows, r + 1, "cos_recurrent") < 0.999, "e-prop's W_rec gradient is not BPTT's");
        }
        for (int r = 1; r <= 4; r++) {
            // Lanczos from the power iteration's start vector spans its iterates: θ₁ ≥ their Rayleigh quotient
            // (Courant–Fischer; the Hessian of a rate network is symmetric up to the central differences)
            assertTrue(col(rows, r, "hessian_eig_1") >= col(rows, r, "hessian_top") - 1e-6 * Math.abs(col(rows, r,
                    "hessian_top")), "row " + r);
            assertTrue(col(rows, r, "hessian_eig_1") >= col(rows, r, "hessian_eig_2")
                    && col(rows, r, "hessian_eig_2") >= col(rows, r, "hessian_eig_3"), "descending, row " + r);
            double sq = 0.0;
            for (int i = 1; i <= 3; i++) {
                sq += Math.pow(col(rows, r, "error_eig_cos_" + i), 2);
            }
            assertTrue(sq <= 1.0 + 1e-9, "Bessel: the Ritz vectors are orthonormal, row " + r + ": " + sq);
        }
        final JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(s.get("training_pattern_loss").asDouble(), col(rows, 4, "train_loss"), 0.0);
        assertEquals(s.get("test_loss").asDouble(), col(rows, 4, "test_loss"), 0.0);
        assertEquals(col(rows, 4, "test_loss") - col(rows, 4, "train_loss"), col(rows, 4, "gap_test"), 0.0);
        assertEquals(col(rows, 4, "lambda_1"), s.get("analysis").get("lambda_1").asDouble(), 0.0);
        assertTrue(Files.isRegularFile(out.resolve("analysis.png")));
        final List<String[]> fl = csv(out.resolve("flossing.csv"));
        assertEquals(1 + 9, fl.size(), "epochs 0 … 8");
        final JsonNode f = s.get("flossing");
        assertEquals(f.get("lambda_after").get(0).asDouble(), col(fl, 9, "lambda_1"), 0.0);
        assertTrue(Math.abs(f.get("lambda_after").get(0).asDouble()) < Math.abs(f.get("lambda_before").get(0).asDouble()),
                "flossing moves lambda_1 towards 0: " + f);

        final Path curv = dir.resolve("curv");
        assertEquals(0, InProcessCli.run(List.of("analyze", "curvature", out.resolve("model.json").toString(), "--iterations", "6",
                "--tolerance", "0", "--batch", "1", "--out", curv.toString())));
        final JsonNode c = Json.MAPPER.readTree(curv.resolve("curvature.json").toFile());
        assertEquals(c.get("power_iteration").get("eigenvalue").asDouble(), col(rows, 4, "hessian_top"), 0.0);

        final Path lyap = dir.resolve("lyap");
        assertEquals(0, InProcessCli.run(List.of("analyze", "lyapunov", out.resolve("model.json").toString(), "--exponents", "3",
                "--steps", "200", "--warmup", "50", "--distance-trials", "0", "--out", lyap.toString())));
        final JsonNode l = Json.MAPPER.readTree(lyap.resolve("lyapunov.json").toFile());
        for (int i = 0; i < 3; i++) {
            assertEquals(l.get("exponents_per_step").get(i).asDouble(), col(rows, 4, "lambda_" + (i + 1)), 0.0,
                    "the frozen pattern is the input of both, whatever the seed");
        }
    }

    @Test
    void aFieldThatDoesNotFitIsRefusedBeforeAnyFile() {
        final Path out = dir.resolve("bad");
        final StringWriter err = new StringWriter();
        final List<String> a = new ArrayList<>(trainArgs(out));
        a.addAll(List.of("--set", "training.analysis.lyapunov.exponents=101"));
        assertEquals(2, InProcessCli.run(a, err));
        assertTrue(err.toString().contains("training.analysis.lyapunov.exponents = 101: must be at most the state"
                + " dimension 100"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void anAnalysisThatMeasuresNothingIsRefused() {
        final StringWriter err = new StringWriter();
        assertEquals(2, InProcessCli.run(List.of("train", "pattern-liu-rate", "--set", "training.analysis.every=5", "--out",
                dir.resolve("none").toString()), err));
        assertTrue(err.toString().contains("training.analysis: measures nothing"), err.toString());
        assertFalse(Files.exists(dir.resolve("none")));
    }

    @Test
    void flossingWithAHardwareSectionIsRefused() {
        final Path out = dir.resolve("hw");
        final StringWriter err = new StringWriter();
        final List<String> a = new ArrayList<>(trainArgs(out));
        a.addAll(List.of("--set", "hardware={weights: {bits: 8}}"));
        assertEquals(2, InProcessCli.run(a, err));
        assertTrue(err.toString().contains("training.flossing: must be left out with a hardware section"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownFlossingGradientIsRefused() {
        final Path out = dir.resolve("bad");
        final StringWriter err = new StringWriter();
        final List<String> a = new ArrayList<>(trainArgs(out, "--set", "training.flossing.gradient=exactly"));
        assertEquals(2, InProcessCli.run(a, err));
        final String msg = err.toString();
        assertTrue(msg.contains("training.flossing.gradient") && msg.contains("exactly") && msg.contains("local"), msg);
        assertEquals(1, msg.strip().lines().count(), msg);
        assertFalse(Files.exists(out));
    }

    @Test
    void exactFlossingOfASpikingNetworkIsRefused() {
        final Path out = dir.resolve("lif");
        final StringWriter err = new StringWriter();
        assertEquals(2, InProcessCli.run(List.of("train", "pattern-liu", "--set", "training.flossing.epochs=2",
                "--set", "training.flossing.exponents=2", "--set", "training.flossing.gradient=exact",
                "--out", out.toString()), err));
        final String msg = err.toString();
        assertTrue(msg.contains("training.flossing.gradient = exact: must be local for LIF/ALIF networks"), msg);
        assertEquals(1, msg.strip().lines().count(), msg);
        assertFalse(Files.exists(out));
    }

    @Test
    void exactFlossingRunsOnARateNetworkAndSaysSo() throws Exception {
        final Path out = dir.resolve("exact");
        assertEquals(0, InProcessCli.run(List.of("train", "pattern-liu-rate", "--iterations", "2", "--batch", "1",
                "--test-batch", "2", "--set", "training.flossing.epochs=3", "--set", "training.flossing.exponents=2",
                "--set", "training.flossing.steps=60", "--set", "training.flossing.warmup=10",
                "--set", "training.flossing.gradient=exact", "--out", out.toString())));
        final JsonNode f = Json.MAPPER.readTree(out.resolve("summary.json")
                .toFile()).get("flossing");
        assertTrue(f.get("gradient").asText().startsWith("exact"), f.toString());
        assertEquals(5, csv(out.resolve("flossing.csv")).size(), "header + epochs 0..3");
    }

    @Test
    void aKilledRunResumesWithTheSameAnalysisRows() throws Exception {
        final Path whole = dir.resolve("whole");
        assertEquals(0, InProcessCli.run(trainArgs(whole)));
        final Path cwd = Files.createDirectory(dir.resolve("child"));
        final Path killed = cwd.resolve("killed");
        final Path cp = ResultFolder.checkpointDir(killed).resolve(TrainCheckpoint.FILE);
        final Process p = ChildProcessRuns.start(cwd, "train", trainArgs(killed).toArray(new String[0]));
        assertTrue(ChildProcessRuns.killWhen(p, () -> {
            try {
                return Files.isRegularFile(cp) && TrainCheckpoint.read("test", cp).model().completed() >= 60;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }), "the child ended before its checkpoint after 60 updates: " + ChildProcessRuns.stderr(cwd, "train"));
        final int done = TrainCheckpoint.read("test", cp).model().completed();
        assertTrue(done >= 60 && done < 120, "checkpoint after " + done + " iterations");
        assertEquals(0, InProcessCli.run(trainArgs(null, "--resume", killed.toString())));
        for (String file : new String[] {"analysis.csv", "flossing.csv", "model.json"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(killed.resolve(file)), file);
        }
    }
}
