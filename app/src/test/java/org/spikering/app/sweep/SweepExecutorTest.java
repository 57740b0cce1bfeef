package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Spec;

/**
 * The in-process executor with the formula runner: the same table whatever the parallelism, resuming after lost or
 * half-written points, a changed spec, {@code --point} for each point then {@code --collect}, and the plots' numbers.
 */
class SweepExecutorTest {

    @TempDir
    Path tmp;

    private SweepPlan plan(final FormulaRunner runner, final String... sets) throws Exception {
        final Spec spec = SweepPlanTest.load(tmp, SweepPlanTest.SPEC, sets);
        return SweepPlan.of(spec, List.of(), null, null, s -> runner);
    }

    /** The table without its wall-time column (CSV) or key (JSON lines): what must not depend on the run. */
    static List<String> withoutWallTime(final Path dir) throws Exception {
        final List<String> out = new ArrayList<>();
        final List<String> csv = Files.readAllLines(dir.resolve(SweepFolder.CSV));
        final int col = List.of(csv.get(0).split(",")).indexOf("wall_time_s");
        assertTrue(col > 0, csv.get(0));
        for (String line : csv) {
            final List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(col);
            out.add(String.join(",", cells));
        }
        for (String line : Files.readAllLines(dir.resolve(SweepFolder.JSONL))) {
            out.add(line.replaceAll("\"wall_time_s\":[0-9.eE+-]+,", ""));
        }
        return out;
    }

    @Test
    void theTableIsTheSameWithOneOrTwoPointsAtATimeAndHoldsEachPointsOwnResult() throws Exception {
        final FormulaRunner r1 = new FormulaRunner(15);
        final SweepLedger.Outcome o1 = SweepExecutor.run(plan(r1), SweepFolder.open("--out", tmp.resolve("p1")), 1, Progress.OFF);
        final FormulaRunner r2 = new FormulaRunner(15);
        final SweepLedger.Outcome o2 = SweepExecutor.run(plan(r2), SweepFolder.open("--out", tmp.resolve("p2")), 2, Progress.OFF);
        assertEquals(12, o1.ran());
        assertEquals(12, o2.ran());
        assertEquals(12, r1.runs.get());
        assertEquals(12, r2.runs.get());
        final List<String> t1 = withoutWallTime(tmp.resolve("p1"));
        assertEquals(t1, withoutWallTime(tmp.resolve("p2")));
        assertEquals(13 + 12, t1.size(), "header, 12 rows, 12 JSON lines");
        assertEquals("point,training.rule,training.iterations,seed,score,rule,summary.seed,spec_hash,folder", t1.get(0));
        // each row holds the result of its own parameters (the formula, computed here from the row's cells)
        final List<String> csv = Files.readAllLines(tmp.resolve("p1").resolve(SweepFolder.CSV));
        for (int k = 0; k < 12; k++) {
            final String[] c = csv.get(k + 1).split(",");
            assertEquals(Integer.toString(k), c[0]);
            final double expected = FormulaRunner.score(c[1], Integer.parseInt(c[2]), Long.parseLong(c[3]));
            assertEquals(expected, Double.parseDouble(c[4]), 0.0, "point " + k);
            assertEquals(c[3], c[6], "the point's run got the point's seed");
            assertTrue(ResultFolder.isComplete(tmp.resolve("p1").resolve("points").resolve(c[9]).resolve("run")), c[9]);
        }
        assertTrue(Files.size(tmp.resolve("p1").resolve("plots").resolve("score--vs--training.iterations.png")) > 1000);
        assertTrue(Files.size(tmp.resolve("p1").resolve("plots").resolve("score--vs--training.rule.png")) > 1000);
        assertFalse(Files.exists(tmp.resolve("p1").resolve("plots").resolve("rule--vs--training.rule.png")), "text metric");
    }

    @Test
    void aRestartRunsOnlyWhatIsNotCompleteAndTheTableCountsEveryPointOnce() throws Exception {
        final Path dir = tmp.resolve("out");
        final FormulaRunner r = new FormulaRunner(0);
        final SweepPlan plan = plan(r);
        SweepExecutor.run(plan, SweepFolder.open("--out", dir), 2, Progress.OFF);
        final List<String> whole = withoutWallTime(dir);
        final SweepFolder folder = SweepFolder.open("--out", dir);
        // point 3 lost its point.json (killed after its run committed), point 5's result set is damaged, point 7 was
        // killed while running (a staging folder, no run/), point 8's point.json names another spec
        Files.delete(folder.pointDir(plan.point(3)).resolve(SweepFolder.POINT_FILE));
        Files.writeString(folder.runDir(plan.point(5)).resolve("summary.json"), " ", StandardOpenOption.APPEND);
        ResultFolder.deleteRecursively(folder.pointDir(plan.point(7)));
        Files.createDirectories(folder.pointDir(plan.point(7)).resolve(".run.staging-0123456789ab"));
        final Path pf = folder.pointDir(plan.point(8)).resolve(SweepFolder.POINT_FILE);
        Files.writeString(pf, Files.readString(pf).replace(plan.point(8).hash(), "0".repeat(64)));
        assertEquals(SweepFolder.Status.MISSING, folder.status(plan.point(3)));
        assertEquals(SweepFolder.Status.MISSING, folder.status(plan.point(5)));
        assertEquals(SweepFolder.Status.MISSING, folder.status(plan.point(7)));
        assertEquals(SweepFolder.Status.CHANGED, folder.status(plan.point(8)));
        assertNull(folder.completeRow(plan.point(8)));
        final FormulaRunner again = new FormulaRunner(0);
        final SweepLedger.Outcome o = SweepExecutor.run(plan(again), folder, 2, Progress.OFF);
        assertEquals(8, o.skipped());
        assertEquals(4, o.ran());
        assertEquals(4, again.runs.get());
        assertEquals(whole, withoutWallTime(dir));
        assertFalse(Files.exists(folder.pointDir(plan.point(7)).resolve(".run.staging-0123456789ab")), "cleaned");
        // a third start does nothing
        final FormulaRunner third = new FormulaRunner(0);
        assertEquals(12, SweepExecutor.run(plan(third), folder, 2, Progress.OFF).skipped());
        assertEquals(0, third.runs.get());
        // another value of a field of the base spec: every point's spec changed, every point runs again
        final FormulaRunner changed = new FormulaRunner(0);
        final SweepLedger.Outcome oc = SweepExecutor.run(plan(changed, "training.batch=2"), folder, 2, Progress.OFF);
        assertEquals(0, oc.skipped());
        assertEquals(12, changed.runs.get());
        assertEquals(13 + 12, Files.readAllLines(dir.resolve(SweepFolder.CSV)).size() + Files.readAllLines(dir.resolve(SweepFolder.JSONL)).size());
    }

    @Test
    void eachPointAloneThenCollectGivesTheTableOfAWholeRun() throws Exception {
        SweepExecutor.run(plan(new FormulaRunner(0)), SweepFolder.open("--out", tmp.resolve("whole")), 2, Progress.OFF);
        final Path dir = tmp.resolve("array");
        final FormulaRunner r = new FormulaRunner(0);
        final SweepPlan plan = plan(r);
        for (int k = 11; k >= 0; k -= 2) { // every other point, in reverse: order must not matter
            final SweepFolder f = SweepFolder.open("--out", dir);
            f.prepare(plan);
            f.run(plan.point(k));
        }
        SweepTable t = SweepFolder.open("--out", dir).collect(plan);
        assertEquals(6, t.rows().size());
        for (int k = 10; k >= 0; k -= 2) {
            SweepFolder.open("--out", dir).run(plan.point(k));
        }
        t = SweepFolder.open("--out", dir).collect(plan);
        assertEquals(12, t.rows().size());
        assertEquals(withoutWallTime(tmp.resolve("whole")), withoutWallTime(dir));
    }

    @Test
    void thePlotsShowTheMeanAndSampleSdOverSeedsForEachValueOfTheOtherAxes() throws Exception {
        final Path dir = tmp.resolve("out");
        final SweepPlan plan = plan(new FormulaRunner(0));
        final SweepTable t = SweepExecutor.run(plan, SweepFolder.open("--out", dir), 2, Progress.OFF).table();
        final List<JsonNode> xs = new ArrayList<>();
        for (int it : new int[] {2, 4, 6}) {
            xs.add(com.fasterxml.jackson.databind.node.IntNode.valueOf(it));
        }
        final List<SweepPlots.Line> lines = SweepPlots.lines(t, "score", "training.iterations", xs);
        assertEquals(List.of("training.rule=eprop", "training.rule=bptt"), lines.stream().map(SweepPlots.Line::name).toList());
        for (int l = 0; l < 2; l++) {
            final String rule = l == 0 ? "eprop" : "bptt";
            assertArrayEquals(new double[] {2, 4, 6}, lines.get(l).x(), 0.0);
            for (int i = 0; i < 3; i++) {
                final int it = 2 + 2 * i;
                final double a = FormulaRunner.score(rule, it, 5);
                final double b = FormulaRunner.score(rule, it, 6);
                assertEquals((a + b) / 2, lines.get(l).mean()[i], 1e-12);
                assertEquals(Math.abs(a - b) / Math.sqrt(2), lines.get(l).sd()[i], 1e-12, "sample sd of two values");
            }
        }
        // a text axis: positions 0, 1
        final List<SweepPlots.Line> byRule = SweepPlots.lines(t, "score", "training.rule",
                List.of(SweepAxis.text("eprop"), SweepAxis.text("bptt")));
        assertEquals(3, byRule.size());
        assertArrayEquals(new double[] {0, 1}, byRule.get(0).x(), 0.0);
    }
}
