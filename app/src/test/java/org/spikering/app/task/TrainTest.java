package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import picocli.CommandLine;

final class TrainTest {

    @TempDir
    Path dir;

    @Test
    void shouldLearnEvidenceAccumulationAboveChance() {
        final TrainingRun run = new TrainingRun(TaskPreset.of("evidence", 1), LearningRule.EPROP, Computation.EVENT, 1);
        final TrainingRun.Outcome o = run.run(40, 16, 5e-3, 40, 64, null);
        assertTrue(o.testAccuracy() >= 0.65, "test accuracy after 40 updates " + o.testAccuracy());
    }

    @Test
    void shouldWriteLearningCurveFilesFromTheCommandLine() throws Exception {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final int code = cl.execute("train", "--task", "sine-nest", "--iterations", "5", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        assertEquals(6, Files.readAllLines(dir.resolve("learning_curve.csv")).size());
        assertTrue(Files.size(dir.resolve("learning_curve.png")) > 1000);
        // NEST's first loss
        assertTrue(Files.readString(dir.resolve("learning_curve.csv")).contains("101.9643"));
    }

    @Test
    void shouldStopWithAMessageWhenTrainingDiverges() throws Exception {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final int code = cl.execute("train", "--task", "sine-nest", "--iterations", "50", "--lr", "1", "--weight-clip", "Infinity", "--out", dir.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("training diverged at iteration"), err.toString());
        for (String line : Files.readAllLines(dir.resolve("learning_curve.csv"))) {
            assertTrue(!line.contains("NaN") && !line.contains("Infinity"), line);
        }
    }

    @Test
    void shouldNameBadOptions() {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("train", "--rule", "hebb"));
        assertTrue(err.toString().contains("--rule = 'hebb': must be one of [eprop, random-eprop, nest-eprop, mdgl-exact, bptt, nest-eprop-iaf, rflo, mdgl, rtrl, uoro, kf-rtrl, kernl, reward-eprop, sg, bp-lambda]"), err.toString());
        assertEquals(2, cl.execute("train", "--lr", "-1"));
        assertTrue(err.toString().contains("--lr = -1.0"), err.toString());
    }
    @Test
    void shouldWriteTestCurveAndAccuracyForClassificationTasks() throws Exception {
        final CommandLine cl = SpikeringCli.commandLine();
        final int code = cl.execute("train", "--task", "dms", "--iterations", "30", "--eval-every", "10",
                "--test-batch", "32", "--out", dir.toString());
        assertEquals(0, code);
        assertEquals(4, Files.readAllLines(dir.resolve("test_curve.csv")).size());
        assertTrue(Files.size(dir.resolve("test_accuracy.png")) > 1000);
        final String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"test_accuracy\""), summary);
        assertTrue(summary.contains("\"rule\" : \"eprop\"") || summary.contains("\"rule\":\"eprop\""), summary);
    }

    @Test
    void shouldReportTheNBackBoundsInTheSummary() throws Exception {
        final CommandLine cl = SpikeringCli.commandLine();
        final int code = cl.execute("train", "--task", "nback", "--rule", "random-eprop", "--iterations", "3",
                "--batch", "4", "--eval-every", "3", "--test-batch", "8", "--out", dir.toString());
        assertEquals(0, code);
        final String summary = Files.readString(dir.resolve("summary.json"));
        for (String key : new String[] {"bound_nothing_learned", "bound_4_back_learned", "bound_both_learned",
            "test_loss_per_symbol", "\"random-eprop\""}) {
            assertTrue(summary.contains(key), key + " in " + summary);
        }
        assertTrue(summary.contains("0.6615632"), summary);
    }

    @Test
    void shouldNameAnUnknownTask() {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("train", "--task", "mnist"));
        assertTrue(err.toString().contains("--task = 'mnist'"), err.toString());
        assertEquals(2, cl.execute("train", "--lr", "NaN"));
        assertTrue(err.toString().contains("--lr = NaN"), err.toString());
    }
}
