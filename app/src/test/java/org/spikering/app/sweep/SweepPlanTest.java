package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;

/** Planning: the points of the product, their specs, seeds, hashes and folders, and every problem of every point. */
class SweepPlanTest {

    @TempDir
    Path tmp;

    /** 2 rules x 3 iteration counts (a range) x 2 seeds = 12 points. */
    static final String SPEC = String.join("\n",
            "spikering: 1",
            "name: tiny",
            "seed: 5",
            "training:",
            "  task: {name: sine-nest}",
            "  iterations: 3",
            "output: {folder: somewhere}",
            "sweep:",
            "  axes:",
            "    - {field: training.rule, values: [eprop, bptt]}",
            "    - {field: training.iterations, from: 2, to: 6, step: 2}",
            "  seeds: 2",
            "");

    static Spec load(final Path dir, final String text, final String... sets) throws Exception {
        final Path f = dir.resolve("spec.yaml");
        Files.writeString(f, text);
        return SpecLoader.load(f.toString(), List.of(sets));
    }

    static SweepPlan plan(final Spec spec, final SpecRunner runner, final String... grid) {
        final List<SweepAxis> axes = new ArrayList<>();
        for (String g : grid) {
            axes.add(SweepAxis.parseGrid("--grid", g));
        }
        return SweepPlan.of(spec, axes, null, null, s -> runner);
    }

    @Test
    void pointsAreTheProductInOrderWithTheirFieldsAndSeedsSet() throws Exception {
        final SweepPlan plan = plan(load(tmp, SPEC), new FormulaRunner(0));
        assertEquals(12, plan.size());
        assertEquals(List.of("training.rule", "training.iterations"), plan.fields());
        final String[] rules = {"eprop", "bptt"};
        final int[] its = {2, 4, 6};
        final Set<String> folders = new HashSet<>();
        final Set<String> hashes = new HashSet<>();
        int k = 0;
        for (String rule : rules) {
            for (int it : its) {
                for (long seed = 5; seed <= 6; seed++) {
                    final SweepPoint p = plan.point(k);
                    assertEquals(k, p.index());
                    assertEquals(rule, p.spec().tree().at("/training/rule").asText(), "point " + k);
                    assertTrue(p.spec().tree().at("/training/iterations").isInt(), "a range of integers gives integers");
                    assertEquals(it, p.spec().tree().at("/training/iterations").asInt(), "point " + k);
                    assertEquals(seed, p.seed());
                    assertEquals(seed, p.spec().seed());
                    assertFalse(p.spec().has("sweep"), "a point has no sweep section");
                    assertTrue(p.spec().tree().path("output").path("folder").isMissingNode(), "nor an output folder");
                    assertEquals(sha256(sortedJson(p.spec().tree())), p.hash());
                    assertTrue(p.folder().matches("[A-Za-z0-9._=+~-]+"), p.folder());
                    assertEquals("training.rule=" + rule + "_training.iterations=" + it + "_seed=" + seed, p.folder());
                    folders.add(p.folder());
                    hashes.add(p.hash());
                    k++;
                }
            }
        }
        assertEquals(12, folders.size());
        assertEquals(12, hashes.size());
        // a pure function of its inputs: planned again, the same points
        final SweepPlan again = plan(load(tmp, SPEC), new FormulaRunner(0));
        for (int i = 0; i < 12; i++) {
            assertEquals(plan.point(i).hash(), again.point(i).hash());
            assertEquals(plan.point(i).folder(), again.point(i).folder());
        }
        // another base value changes every hash but no folder
        final SweepPlan changed = plan(load(tmp, SPEC, "training.batch=2"), new FormulaRunner(0));
        for (int i = 0; i < 12; i++) {
            assertNotEquals(plan.point(i).hash(), changed.point(i).hash());
            assertEquals(plan.point(i).folder(), changed.point(i).folder());
        }
    }

    @Test
    void gridAxesFollowTheSpecsAndOptionsReplaceTheSeeds() throws Exception {
        final Spec spec = load(tmp, SPEC);
        final SweepPlan plan = SweepPlan.of(spec, List.of(SweepAxis.parseGrid("--grid", "training.batch=1,3")), 3, 100L,
                s -> new FormulaRunner(0));
        assertEquals(2 * 3 * 2 * 3, plan.size());
        assertEquals(List.of(100L, 101L, 102L), plan.seeds());
        final SweepPoint p = plan.point(4); // rule eprop, iterations 2, batch 3 (second), seed 101
        assertEquals(3, p.spec().tree().at("/training/batch").asInt());
        assertEquals(101, p.seed());
        assertEquals(2, p.spec().tree().at("/training/iterations").asInt());
    }

    @Test
    void rangesAreDecimalAndZippedFieldsVaryTogether() throws Exception {
        final String text = String.join("\n", "spikering: 1", "training:", "  task: {name: sine-nest}", "sweep:", "  axes:",
                "    - {field: training.optimizer.lr, from: 0.0001, to: 0.0003, step: 0.0001}",
                "    - zip:", "        - {field: training.batch, values: [1, 2]}",
                "        - {field: training.iterations, values: [10, 20]}", "");
        final SweepPlan plan = plan(load(tmp, text), new FormulaRunner(0));
        assertEquals(6, plan.size());
        final double[] lr = {0.0001, 0.0002, 0.0003}; // (0.0003 - 0.0001) / 0.0001 = 1.9999999999999998 in binary
        for (int i = 0; i < 3; i++) {
            for (int z = 0; z < 2; z++) {
                final SweepPoint p = plan.point(2 * i + z);
                assertEquals(lr[i], p.spec().tree().at("/training/optimizer/lr").asDouble(), 0.0, "exactly, no 3.0000000000000003E-4");
                assertEquals(z + 1, p.spec().tree().at("/training/batch").asInt());
                assertEquals(10 * (z + 1), p.spec().tree().at("/training/iterations").asInt());
                assertEquals(1, p.seed(), "the spec's seed (default 1)");
            }
        }
    }

    @Test
    void aZipMemberMayRepeatAValueAndTakeNullWhenTheTuplesDiffer() throws Exception {
        // Liu et al. 2022's arms: plain BPTT, e-prop, and BPTT at e-prop's step length (the rule repeats; null = plain)
        final String text = String.join("\n", "spikering: 1", "training:", "  task: {name: sine-nest}", "sweep:", "  axes:",
                "    - zip:", "        - {field: training.rule, values: [bptt, eprop, bptt]}",
                "        - {field: training.bptt_step_length_of, values: [null, null, eprop]}", "");
        final SweepPlan plan = plan(load(tmp, text), new FormulaRunner(0));
        assertEquals(3, plan.size());
        assertEquals("bptt", plan.point(2).spec().tree().at("/training/rule").asText());
        assertEquals("eprop", plan.point(2).spec().tree().at("/training/bptt_step_length_of").asText());
        assertTrue(plan.point(0).spec().tree().at("/training/bptt_step_length_of").isNull());
    }

    @Test
    void everyProblemOfEveryPointIsOneLineNamingThePointAndTheField() throws Exception {
        final Spec spec = load(tmp, SPEC);
        // a field that does not exist: the same problem at every point, one line, with the nearest name
        SpecException e = assertThrows(SpecException.class, () -> plan(spec, new FormulaRunner(0), "training.iteratons=1,2"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("every point (24)") && e.problems().get(0).contains("training.iteratons")
                && e.problems().get(0).contains("did you mean 'iterations'"), e.getMessage());
        // a value the field rejects: only the points with it, named with their parameters
        e = assertThrows(SpecException.class, () -> plan(spec, new FormulaRunner(0), "training.batch=1,-3"));
        assertEquals(1, e.problems().size(), e.getMessage());
        final String line = e.problems().get(0);
        assertTrue(line.contains("points 2, 3, 6, 7, 10, 11, 14, 15, ... (12 of 24)") && line.contains("training.batch: -3")
                && line.contains("(from --grid training.batch)"), line);
    }

    @Test
    void theRunnersCheckRunsOnEveryPoint() throws Exception {
        final String text = SPEC.replace("from: 2, to: 6, step: 2", "values: [2, 5000]");
        final SpecException e = assertThrows(SpecException.class, () -> plan(load(tmp, text), new FormulaRunner(0)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("points 2, 3, 6, 7 (4 of 8): training.iterations = 5000: must be <= 1000"),
                e.getMessage());
    }

    @Test
    void badAxesOfTheSpecAndTheCommandLine() throws Exception {
        final String[][] cases = {
            {"    - {field: training.rule, values: []}", "sweep.axes[1].values: 0 items, must have at least 1"},
            {"    - {field: training.rule, values: [eprop, eprop]}", "sweep.axes[1].values[1]: 'eprop', must be given once"},
            {"    - {field: training.batch, from: 4, to: 2, step: 1}", "sweep.axes[1].to: 2, must be >= from = 4"},
            {"    - {field: training.batch, from: 1, step: 1}", "missing: to"},
            {"    - {field: seed, values: [1, 2]}", "sweep.axes[1].field: 'seed', must not be an axis"},
            {"    - {field: training.batch, values: [1, 2]}\n    - {field: training.batch, values: [3]}",
                "sweep.axes[2].field: 'training.batch', must be the field of one axis only"},
            {"    - zip: [{field: training.batch, values: [1, 2]}, {field: training.weight_clip, values: [1]}]",
                "sweep.axes[1].zip[1]: 1 values, must have as many values as sweep.axes[1].zip[0] (2)"},
            {"    - {field: training.batch, valuez: [1]}", "sweep.axes[1].valuez: unknown field"},
            {"    - zip: [{field: training.rule, values: [bptt, bptt]}, {field: training.bptt_step_length_of, values: [eprop,"
                + " eprop]}]", "sweep.axes[1].zip: 'point 1', must differ from every other point of the zip"},
        };
        for (String[] c : cases) {
            final String text = String.join("\n", "spikering: 1", "training:", "  task: {name: sine-nest}", "sweep:", "  axes:",
                    "    - {field: training.iterations, values: [1, 2]}", c[0], "");
            final SpecException e = assertThrows(SpecException.class, () -> plan(load(tmp, text), new FormulaRunner(0)), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        final Spec spec = load(tmp, SPEC);
        final String[][] grids = {
            {"training.rule", "must be FIELD=V1,V2"},
            {"=1,2", "must be FIELD=V1,V2"},
            {"training.batch=1,,2", "value 2 is empty"},
            {"training.batch=1,1", "value '1' must be given once"},
            {"training.batch=", "value 1 is empty"},
        };
        for (String[] g : grids) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(spec, new FormulaRunner(0), g[0]));
            assertTrue(e.getMessage().startsWith("--grid '" + g[0] + "'") && e.getMessage().contains(g[1]), e.getMessage());
        }
        SpecException e = assertThrows(SpecException.class, () -> plan(spec, new FormulaRunner(0), "training.rule=eprop,bptt"));
        assertTrue(e.getMessage().contains("--grid training.rule: the field training.rule must be the field of one axis only"
                + " (it is already set by sweep.axes[0])"), e.getMessage());
        e = assertThrows(SpecException.class, () -> plan(spec, new FormulaRunner(0), "seed=1,2"));
        assertTrue(e.getMessage().contains("seed must not be an axis"), e.getMessage());
        final IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of(spec,
                List.of(SweepAxis.parseGrid("--grid", "training.batch=1,2,3,4,5,6,7,8,9,10")), 10000, null, s -> new FormulaRunner(0)));
        assertTrue(big.getMessage().contains("must have at most 100000"), big.getMessage());
    }

    @Test
    void folderNamesAreSafeAndUnique() {
        final var a = new java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        a.put("training.task.file", SweepAxis.text("data/a b.npz"));
        final var b = new java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        b.put("training.task.file", SweepAxis.text("data/a-b.npz"));
        final String na = SweepNames.folder(a, 1);
        final String nb = SweepNames.folder(b, 1);
        assertTrue(na.matches("[A-Za-z0-9._=+~-]+") && nb.matches("[A-Za-z0-9._=+~-]+"), na + " " + nb);
        assertNotEquals(na, nb, "the same after replacing characters: the hash suffix tells them apart");
        assertTrue(na.startsWith("training.task.file=data-a-b.npz_seed=1~"), na);
        final var c = new java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        c.put("x", SweepAxis.text("y".repeat(300)));
        assertTrue(SweepNames.folder(c, 1).length() <= SweepNames.MAX_LENGTH);
    }

    /**
     * The spec's fields sorted at every level, written another way than Spec.canonicalJson: through Java maps and
     * Jackson's ORDER_MAP_ENTRIES_BY_KEYS.
     */
    private static String sortedJson(final com.fasterxml.jackson.databind.JsonNode tree) throws Exception {
        final com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper()
                .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        return m.writeValueAsString(m.convertValue(tree, java.util.Map.class));
    }

    @Test
    void theHashDoesNotDependOnTheOrderOfFields() throws Exception {
        final String a = "spikering: 1\nseed: 3\nreservoir:\n  benchmark: mc\n  size: 20\n  spectral_radius: 0.9\n";
        final String b = "reservoir:\n  spectral_radius: 0.9\n  size: 20\n  benchmark: mc\nseed: 3\nspikering: 1\n";
        final org.spikering.app.spec.Spec sa = org.spikering.app.spec.SpecLoader.parse(a, "a.yaml", null, false, List.of());
        final org.spikering.app.spec.Spec sb = org.spikering.app.spec.SpecLoader.parse(b, "b.yaml", null, false, List.of());
        assertFalse(sa.toYaml().equals(sb.toYaml()), "the two files differ in field order");
        assertEquals(sa.canonicalJson(), sb.canonicalJson());
        assertEquals(sortedJson(sa.tree()), sa.canonicalJson());
    }

    private static String sha256(final String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
