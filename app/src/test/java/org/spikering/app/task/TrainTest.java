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
        final int code = cl.execute("train", "--task", "sine-nest", "--iterations", "30", "--lr", "1e300", "--weight-clip", "Infinity", "--out", dir.toString());
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
        assertTrue(err.toString().contains("--rule = 'hebb': must be one of [eprop, random_eprop, mdgl, bptt]"), err.toString());
        assertEquals(2, cl.execute("train", "--lr", "-1"));
        assertTrue(err.toString().contains("--lr = -1.0"), err.toString());
    }
}
