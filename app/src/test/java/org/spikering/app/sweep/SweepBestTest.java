package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Plots;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SweepSpec;

/**
 * {@code sweep.best}: a constructed table whose answer is known by hand — gains 1 and 2 x rules a, b x learning
 * rates 0.1, 0.2, 0.3 x 2 seeds, with the accuracy of each cell chosen so that the best rate differs between the
 * combinations, one combination has a tie, one a diverged seed (null metric) at the rate that would otherwise win,
 * and one no eligible rate at all.
 */
class SweepBestTest {

    @TempDir
    Path tmp;

    private static final List<String> FIELDS = List.of("gain", "rule", "lr");

    /** Accuracy of seed s (0, 1) at gain, rule, lr; null = the seed has no value. */
    private static Double accuracy(final double gain, final String rule, final double lr, final int s) {
        if (gain == 1 && rule.equals("a")) {          // means 0.50, 0.70, 0.60: best 0.2
            return lr == 0.1 ? 0.4 + 0.2 * s : lr == 0.2 ? 0.6 + 0.2 * s : 0.6;
        }
        if (gain == 1 && rule.equals("b")) {          // means 0.65, 0.65, 0.55: tie, first in axis order (0.1)
            return lr == 0.3 ? 0.55 : 0.6 + 0.1 * s;
        }
        if (gain == 2 && rule.equals("a")) {          // 0.3 would win (0.95) but seed 1 diverged there: best 0.2 (0.8)
            if (lr == 0.3) {
                return s == 0 ? Double.valueOf(0.95) : null;
            }
            return lr == 0.2 ? 0.8 : 0.1;
        }
        return null;                                  // gain 2, rule b: nothing eligible
    }

    private static SweepTable table() {
        final List<SweepRow> rows = new ArrayList<>();
        int k = 0;
        for (double gain : new double[] {1, 2}) {
            for (String rule : new String[] {"a", "b"}) {
                for (double lr : new double[] {0.1, 0.2, 0.3}) {
                    for (int s = 0; s < 2; s++) {
                        final Map<String, JsonNode> params = new LinkedHashMap<>();
                        params.put("gain", DoubleNode.valueOf(gain));
                        params.put("rule", TextNode.valueOf(rule));
                        params.put("lr", DoubleNode.valueOf(lr));
                        final Map<String, JsonNode> summary = new LinkedHashMap<>();
                        final Double acc = accuracy(gain, rule, lr, s);
                        summary.put("acc", acc == null ? NullNode.instance : DoubleNode.valueOf(acc));
                        summary.put("loss", DoubleNode.valueOf(k));
                        rows.add(new SweepRow(k, "p" + k, params, s + 1, "train", summary, 1.0, "h" + k));
                        k++;
                    }
                }
            }
        }
        return new SweepTable(FIELDS, List.of("acc", "loss"), rows);
    }

    private static SweepSpec.Best best(final String goal) {
        return new SweepSpec.Best("lr", "acc", goal, null, null, null);
    }

    @Test
    void eachCombinationGetsTheValueWithTheBestMeanAndOnlyFullyReportedValuesCount() {
        final List<SweepBest.Choice> c = SweepBest.choose(table(), best("max"), List.of("lr"));
        assertEquals(4, c.size(), "one choice per gain x rule");
        assertEquals(0.2, c.get(0).chosen().get("lr").doubleValue());
        assertEquals(0.7, c.get(0).mean(), 1e-15);
        assertEquals(Math.sqrt(0.02), c.get(0).sd(), 1e-15, "sample sd of 0.6 and 0.8");
        assertEquals(0.1, c.get(1).chosen().get("lr").doubleValue(), "a tie goes to the first value in axis order");
        assertEquals(0.2, c.get(2).chosen().get("lr").doubleValue(), "a value with a diverged seed is not eligible");
        assertNull(c.get(2).candidates().get("lr=0.3"), "its mean is not reported");
        assertEquals(0.1, c.get(2).candidates().get("lr=0.1"), 1e-15);
        assertNull(c.get(3).chosen(), "no eligible value: no choice");
        assertTrue(c.get(3).rows().isEmpty());
        assertEquals(2, c.get(0).rows().size());
        assertEquals(List.of(2, 3), c.get(0).rows().stream().map(SweepRow::point).toList(), "the rows at lr = 0.2");
    }

    @Test
    void minimisingPicksTheSmallestMean() {
        final List<SweepBest.Choice> c = SweepBest.choose(table(), best("min"), List.of("lr"));
        assertEquals(0.1, c.get(0).chosen().get("lr").doubleValue());
        assertEquals(0.3, c.get(1).chosen().get("lr").doubleValue());
        assertEquals(0.1, c.get(2).chosen().get("lr").doubleValue());
    }

    @Test
    void choiceFileAndCurvesAreWrittenFromThePointsFolders() throws Exception {
        final SweepTable t = table();
        // test_curve.csv of each point: iteration, acc; seed 1's file lacks x = 30, so the mean has x = 10, 20 only
        for (SweepRow r : t.rows()) {
            final Path run = tmp.resolve(SweepFolder.POINTS).resolve(r.folder()).resolve(SweepFolder.RUN);
            Files.createDirectories(run);
            final String body = r.seed() == 1 ? "10,0.5\n20,0.7\n30,0.9\n" : "10,0.7\n20,\n20,0.9\n";
            Files.writeString(run.resolve("curve.csv"), "iteration,acc\n" + body);
        }
        final SweepBest.Curve one = SweepBest.Curve.read(tmp.resolve("points/p2/run/curve.csv"), "acc");
        final SweepBest.Curve two = SweepBest.Curve.read(tmp.resolve("points/p3/run/curve.csv"), null);
        final Plots.Series mean = SweepBest.Curve.mean("m", List.of(one, two));
        assertArrayEquals(new double[] {10, 20}, mean.x());
        assertArrayEquals(new double[] {0.6, 0.8}, mean.y(), 1e-15);
        assertNull(SweepBest.Curve.read(tmp.resolve("points/p2/run/curve.csv"), "nope"), "a missing column: no curve");

        final Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, String.join("\n", "spikering: 1", "name: t", "seed: 1",
                "training: {task: {name: sine-nest}, iterations: 3}",
                "sweep:",
                "  axes:",
                "    - {field: training.rule, values: [eprop, bptt]}",
                "    - {field: training.iterations, values: [2, 4]}",
                "  best: {over: training.iterations, metric: score, curve: curve.csv, split: training.rule}", ""));
        final SweepPlan plan = SweepPlanTest.plan(SweepPlanTest.load(tmp, Files.readString(spec)), new FormulaRunner(0));
        final List<SweepRow> rows = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            final Map<String, JsonNode> summary = new LinkedHashMap<>();
            summary.put("score", DoubleNode.valueOf(FormulaRunner.score(p.params().get("training.rule").asText(),
                    p.params().get("training.iterations").asInt(), p.seed())));
            rows.add(new SweepRow(p.index(), "p" + p.index(), p.params(), p.seed(), "formula", summary, 1, p.hash()));
        }
        SweepBest.write(tmp, plan, SweepTable.of(plan, rows), true);
        final List<String> choice = Files.readAllLines(tmp.resolve("best/choice.csv"));
        assertEquals("training.rule,training.iterations,seeds,score.mean,score.sd,score.mean[training.iterations=2],"
                + "score.mean[training.iterations=4]", choice.get(0));
        // score = sin(1.3 seed + it) + [bptt] + it / 10 at seed 1: eprop 2 -> sin 3.3 + 0.2 = 0.0425, 4 -> sin 5.3 + 0.4
        final double e2 = Math.sin(1.3 + 2) + 0.2;
        final double e4 = Math.sin(1.3 + 4) + 0.4;
        assertEquals("eprop," + (e2 > e4 ? 2 : 4) + ",1," + Math.max(e2, e4) + ",," + e2 + "," + e4, choice.get(1));
        assertTrue(Files.exists(tmp.resolve("best/results.csv")));
        assertTrue(Files.exists(tmp.resolve("best/curves--training.rule=eprop.png")));
        assertTrue(Files.exists(tmp.resolve("best/curves--training.rule=bptt.png")));
    }

    @Test
    void overMustBeAnAxisFieldAndSplitAnotherOne() throws Exception {
        final String base = String.join("\n", "spikering: 1", "name: t", "seed: 1",
                "training: {task: {name: sine-nest}, iterations: 3}",
                "sweep:", "  axes:", "    - {field: training.rule, values: [eprop, bptt]}", "");
        final SpecException e = assertThrows(SpecException.class, () -> SweepPlanTest.plan(
                SweepPlanTest.load(tmp, base + "  best: {over: training.batch, metric: score}\n"), new FormulaRunner(0)));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).contains("sweep.best.over: 'training.batch': must be the field of one of the"
                + " sweep's axes (training.rule)"), e.problems().get(0));
        final SpecException s = assertThrows(SpecException.class, () -> SweepPlanTest.plan(
                SweepPlanTest.load(tmp, base + "  best: {over: training.rule, metric: score, split: training.rule}\n"),
                new FormulaRunner(0)));
        assertTrue(s.problems().get(0).contains("sweep.best.split: 'training.rule': must be the field of another axis"),
                s.problems().get(0));
        // --grid axes count as axes
        SweepPlanTest.plan(SweepPlanTest.load(tmp, base + "  best: {over: training.batch, metric: score}\n"),
                new FormulaRunner(0), "training.batch=1,2");
    }
}
