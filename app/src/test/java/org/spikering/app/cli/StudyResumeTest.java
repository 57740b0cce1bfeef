package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.hw.PlasticityStudy;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.report.RunRecords;
import org.spikering.hw.fixedpoint.Rounding;
import picocli.CommandLine;

/**
 * The long studies keep every completed run across a kill: {@code reservoir scaling} killed with SIGKILL after some
 * (point, seed) runs reuses them when started again and writes the same table, byte for byte, as an uninterrupted
 * study; {@code hw study}'s per-run records give the same table when reused.
 */
final class StudyResumeTest {

    @TempDir
    Path dir;

    private static final String[] SCALING = {"reservoir", "scaling", "--sizes", "20,40", "--gains", "0.5,1.5", "--seeds", "2",
        "--out", "s"};

    @Test
    void shouldReuseTheRunsOfAKilledScalingStudy() throws Exception {
        final Path whole = Files.createDirectory(dir.resolve("whole"));
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(whole, "whole", SCALING)));

        final Path cwd = Files.createDirectory(dir.resolve("killed"));
        final Path records = ResultFolder.checkpointDir(cwd.resolve("s"));
        final Process p = ChildProcessRuns.start(cwd, "first", SCALING);
        // 8 runs in all (4 points x 2 seeds); kill after 3 are recorded
        assertTrue(ChildProcessRuns.killWhen(p, () -> ChildProcessRuns.matching(records, "esn-*.json").size() >= 3),
                "the study ended before its third run");
        assertFalse(Files.exists(cwd.resolve("s")));
        final int kept = ChildProcessRuns.matching(records, "esn-*.json").size();
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(cwd, "again", SCALING)));
        assertTrue(ChildProcessRuns.stderr(cwd, "again").contains("reused " + kept + " runs of an interrupted study"),
                ChildProcessRuns.stderr(cwd, "again"));
        assertArrayEquals(Files.readAllBytes(whole.resolve("s/scaling.csv")), Files.readAllBytes(cwd.resolve("s/scaling.csv")));
        assertEquals(List.of("s"), ChildProcessRuns.names(cwd), "the records go when the result set is committed");
    }

    @Test
    void shouldGiveTheSameStudyTableFromReusedRecords() throws Exception {
        final PlasticityStudy.Settings s = new PlasticityStudy.Settings("evidence", new double[] {0.5}, new int[] {32, 4},
                List.of(Rounding.STOCHASTIC), 2, 2, 3, 4);
        final Path recDir = dir.resolve("records");
        final RunRecords first = RunRecords.open(recDir, Json.MAPPER.valueToTree(List.of("settings")), null);
        PlasticityStudy.run(s, Files.createDirectory(dir.resolve("a")), null, first);
        assertEquals(0, first.reused());
        // drop one run's record, as if the study had been killed before it
        final List<Path> recs = ChildProcessRuns.matching(recDir, "b*.json");
        assertEquals(8, recs.size(), recs.toString()); // (readout-only + 0.5) x (float + 4-bit stochastic) x 2 seeds
        Files.delete(recs.get(3));
        final RunRecords again = RunRecords.open(recDir, Json.MAPPER.valueToTree(List.of("settings")), null);
        PlasticityStudy.run(s, Files.createDirectory(dir.resolve("b")), null, again);
        assertEquals(7, again.reused());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/study.csv")), Files.readAllBytes(dir.resolve("b/study.csv")));
        // other settings: the records are discarded, not reused
        final RunRecords other = RunRecords.open(recDir, Json.MAPPER.valueToTree(List.of("other")), null);
        assertEquals(List.of(recDir.resolve("settings.json")), ChildProcessRuns.matching(recDir, "*"));
        assertEquals(0, other.reused());
    }

    @Test
    void shouldRunTheHwStudyCommandIntoALockedFolder() throws Exception {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final Path out = dir.resolve("hw");
        assertEquals(0, cl.execute("hw", "study", "--fractions", "1", "--bits", "32", "--seeds", "1", "--iterations", "1",
                "--batch", "2", "--test-batch", "2", "--out", out.toString()), err.toString());
        assertTrue(ResultFolder.isComplete(out));
        assertEquals(List.of(".spikering-result.json", "accuracy.png", "energy.png", "loss.png", "spec.yaml", "study.csv",
                "study.json", "synops.png"), ChildProcessRuns.names(out));
        assertEquals(List.of("hw"), ChildProcessRuns.names(dir));
    }

    private static final String[] HW = {"hw", "study", "--fractions", "1,0.5,0.2,0.1", "--bits", "32,4", "--seeds", "2",
        "--iterations", "2", "--batch", "2", "--test-batch", "4", "--out", "h"};

    @Test
    void shouldReuseTheRunsOfAKilledHwStudyOfTheShippedSpec() throws Exception {
        final Path whole = Files.createDirectory(dir.resolve("hw-whole"));
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(whole, "whole", HW)));

        final Path cwd = Files.createDirectory(dir.resolve("hw-killed"));
        final Path records = ResultFolder.checkpointDir(cwd.resolve("h"));
        final Process p = ChildProcessRuns.start(cwd, "first", HW);
        // 30 runs in all ((readout-only + 4 fractions) x (float + 4-bit nearest + 4-bit stochastic) x 2 seeds)
        assertTrue(ChildProcessRuns.killWhen(p, () -> ChildProcessRuns.matching(records, "b*.json").size() >= 3),
                "the study ended before its third run");
        final int kept = ChildProcessRuns.matching(records, "b*.json").size();
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(cwd, "again", HW)));
        assertTrue(ChildProcessRuns.stderr(cwd, "again").contains("reused " + kept + " runs of an interrupted study"),
                ChildProcessRuns.stderr(cwd, "again"));
        assertArrayEquals(Files.readAllBytes(whole.resolve("h/study.csv")), Files.readAllBytes(cwd.resolve("h/study.csv")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("h/spec.yaml")), Files.readAllBytes(cwd.resolve("h/spec.yaml")));
    }
}
