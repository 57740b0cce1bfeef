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
import org.spikering.app.hw.StudySweep;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.SweepFolder;
import picocli.CommandLine;

/**
 * The long studies are sweeps and keep every completed run across a kill: {@code reservoir scaling} and
 * {@code hw study} killed with SIGKILL after some (point, seed) runs reuse them when started again and write the same
 * table, byte for byte, as an uninterrupted study (for scaling also the table of the study before it was a sweep);
 * a run whose result is missing runs again, a changed spec runs every run again.
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
        assertEquals(Files.readString(Path.of(StudyResumeTest.class.getResource(
                "/org/spikering/app/reservoir/scaling-before-sweep-esn.csv").toURI())), Files.readString(whole.resolve("s/scaling.csv")));

        final Path cwd = Files.createDirectory(dir.resolve("killed"));
        final Process p = ChildProcessRuns.start(cwd, "first", SCALING);
        // 8 runs in all (4 points x 2 seeds); kill after 3 are complete
        assertTrue(ChildProcessRuns.killWhen(p, () -> completePoints(cwd.resolve("s")) >= 3),
                "the study ended before its third run");
        assertFalse(Files.exists(cwd.resolve("s/scaling.csv")));
        final int kept = completePoints(cwd.resolve("s"));
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(cwd, "again", SCALING)));
        assertTrue(ChildProcessRuns.stderr(cwd, "again").contains("reused " + kept + " runs of an interrupted study"),
                ChildProcessRuns.stderr(cwd, "again"));
        assertArrayEquals(Files.readAllBytes(whole.resolve("s/scaling.csv")), Files.readAllBytes(cwd.resolve("s/scaling.csv")));
        assertEquals(List.of("s"), ChildProcessRuns.names(cwd), "nothing beside the study's folder");
    }

    /** @return the complete runs of a study's sweep folder: points/NAME/point.json, written once NAME's run is complete. */
    private static int completePoints(final Path root) {
        int n = 0;
        for (Path point : ChildProcessRuns.matching(root.resolve(SweepFolder.POINTS), "*")) {
            if (Files.isRegularFile(point.resolve(SweepFolder.POINT_FILE))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldGiveTheSameStudyTableFromReusedRuns() throws Exception {
        final Spec study = SpecLoader.load("hw-study", List.of("study.fractions=[0.5]", "study.bits=[32, 4]",
                "study.roundings=[stochastic]", "study.seeds=2", "study.iterations=2", "study.batch=3", "study.test_batch=4"));
        final Path a = dir.resolve("a");
        final StudySweep.Result first = StudySweep.run(study, a, "--out", ProgressStarter.showing(Progress.OFF));
        assertEquals(0, first.outcome().skipped());
        // (readout-only + 0.5) x (float + 4-bit stochastic) x 2 seeds
        assertEquals(8, first.outcome().ran());
        final byte[] table = Files.readAllBytes(a.resolve("study.csv"));
        // one run as if the study had been killed before it completed
        final List<Path> points = ChildProcessRuns.matching(a.resolve(SweepFolder.POINTS), "*");
        assertEquals(8, points.size(), points.toString());
        Files.delete(points.get(3).resolve(SweepFolder.POINT_FILE));
        Files.delete(a.resolve("study.csv"));
        final StudySweep.Result again = StudySweep.run(study, a, "--out", ProgressStarter.showing(Progress.OFF));
        assertEquals(7, again.outcome().skipped());
        assertEquals(1, again.outcome().ran());
        assertArrayEquals(table, Files.readAllBytes(a.resolve("study.csv")));
        // other settings: every run's spec changed (its hash), so none is reused
        final Spec other = study.overriding(java.util.Map.of("study.iterations", 1));
        final StudySweep.Result changed = StudySweep.run(other, a, "--out", ProgressStarter.showing(Progress.OFF));
        assertEquals(0, changed.outcome().skipped());
        assertEquals(8, changed.outcome().ran());
    }

    @Test
    void shouldRunTheHwStudyCommandIntoALockedFolder() throws Exception {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final Path out = dir.resolve("hw");
        assertEquals(0, cl.execute("hw", "study", "--fractions", "1", "--bits", "32", "--seeds", "1", "--iterations", "1",
                "--batch", "2", "--test-batch", "2", "--out", out.toString()), err.toString());
        // a sweep folder: the runs (points/, results.csv/jsonl, plots/) and the study's files
        assertEquals(List.of("accuracy.png", "energy.png", "loss.png", "plots", "points", "results.csv", "results.jsonl",
                "spec.yaml", "study-sweep.yaml", "study.csv", "study.json", "sweep.json", "synops.png"),
                ChildProcessRuns.names(out));
        assertEquals(List.of("hw"), ChildProcessRuns.names(dir));
    }

    private static final String[] HW = {"hw", "study", "--fractions", "1,0.5,0.2,0.1", "--bits", "32,4", "--seeds", "2",
        "--iterations", "2", "--batch", "2", "--test-batch", "4", "--out", "h"};

    @Test
    void shouldReuseTheRunsOfAKilledHwStudyOfTheShippedSpec() throws Exception {
        final Path whole = Files.createDirectory(dir.resolve("hw-whole"));
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(whole, "whole", HW)));

        final Path cwd = Files.createDirectory(dir.resolve("hw-killed"));
        final Process p = ChildProcessRuns.start(cwd, "first", HW);
        // 30 runs in all ((readout-only + 4 fractions) x (float + 4-bit nearest + 4-bit stochastic) x 2 seeds)
        assertTrue(ChildProcessRuns.killWhen(p, () -> completePoints(cwd.resolve("h")) >= 3),
                "the study ended before its third run");
        final int kept = completePoints(cwd.resolve("h"));
        assertEquals(0, ChildProcessRuns.finish(ChildProcessRuns.start(cwd, "again", HW)));
        assertTrue(ChildProcessRuns.stderr(cwd, "again").contains("reused " + kept + " runs of an interrupted study"),
                ChildProcessRuns.stderr(cwd, "again"));
        assertArrayEquals(Files.readAllBytes(whole.resolve("h/study.csv")), Files.readAllBytes(cwd.resolve("h/study.csv")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("h/spec.yaml")), Files.readAllBytes(cwd.resolve("h/spec.yaml")));
    }
}
