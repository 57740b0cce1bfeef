package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SweepCommand;

/**
 * {@link SweepCommand#prepare} and {@link SweepCommand#execute}, the entry other front ends use, with the formula
 * runner: --list, --point, --collect and a whole run on the same arguments.
 */
class SweepCommandPrepareTest {

    @TempDir
    Path tmp;

    private String[] args(final Path spec, final String... more) {
        final List<String> a = new java.util.ArrayList<>(List.of(spec.toString(), "--grid", "training.batch=1,2", "--seeds",
                "1", "--first-seed", "7", "--out", tmp.resolve("out").toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static String execute(final SweepCommand.Prepared p) {
        final StringWriter w = new StringWriter();
        assertEquals(0, SweepCommand.execute(p, new PrintWriter(w, true)));
        return w.toString();
    }

    @Test
    void listPointCollectAndAWholeRunAgree() throws Exception {
        final Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, SweepPlanTest.SPEC);
        final FormulaRunner r = new FormulaRunner(0);
        final SweepCommand.Prepared list = SweepCommand.prepare(s -> r, args(spec, "--list"));
        assertEquals(12, list.plan().size());
        final List<String> lines = execute(list).lines().toList();
        assertEquals(13, lines.size());
        assertEquals("point\ttraining.rule\ttraining.iterations\ttraining.batch\tseed\tspec_hash\tfolder\tstatus", lines.get(0));
        assertEquals("1\teprop\t2\t2\t7\t" + list.plan().point(1).hash()
                + "\tpoints/training.rule=eprop_training.iterations=2_training.batch=2_seed=7\tmissing", lines.get(2));
        assertFalse(Files.exists(tmp.resolve("out")), "--list writes nothing");
        for (int k = 0; k < 12; k++) {
            final String line = execute(SweepCommand.prepare(s -> r, args(spec, "--point", Integer.toString(k))));
            assertTrue(line.startsWith("{\"point\":" + k + ","), line);
        }
        assertFalse(Files.exists(tmp.resolve("out").resolve(SweepFolder.CSV)), "--point writes no table");
        final String again = execute(SweepCommand.prepare(s -> r, args(spec, "--point", "3")));
        assertTrue(again.contains("\"skipped\":true"), again);
        assertEquals(12, r.runs.get());
        final String collected = execute(SweepCommand.prepare(s -> r, args(spec, "--collect")));
        assertTrue(collected.contains("\"complete\":12,\"missing\":[]"), collected);
        final List<String> table = SweepExecutorTest.withoutWallTime(tmp.resolve("out"));
        final String whole = execute(SweepCommand.prepare(s -> r, args(spec)));
        assertTrue(whole.contains("\"points\":12,\"skipped\":12,\"ran\":0,\"failed\":0"), whole);
        assertEquals(table, SweepExecutorTest.withoutWallTime(tmp.resolve("out")));
        assertTrue(execute(SweepCommand.prepare(s -> r, args(spec, "--list"))).lines().skip(1).allMatch(l -> l.endsWith("\tcomplete")));
    }

    @Test
    void badArgumentsAreOneLineBeforeAnything() throws Exception {
        final Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, SweepPlanTest.SPEC);
        final FormulaRunner r = new FormulaRunner(0);
        final String[][] cases = {
            {"--point", "12", "--point = 12: must be in [0, 11]"},
            {"--point", "-1", "--point = -1: must be >= 0"},
            {"--parallel", "many", "--parallel = 'many': must be auto or a number of points in [1, 256]"},
            {"--bogus", "1", "Unknown option"},
        };
        for (String[] c : cases) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SweepCommand.prepare(s -> r, args(spec, c[0], c[1])));
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SweepCommand.prepare(s -> r, args(spec, "--list", "--collect")));
        final IllegalArgumentException seeds = assertThrows(IllegalArgumentException.class,
                () -> SweepCommand.prepare(s -> r, spec.toString(), "--seeds", "0"));
        assertTrue(seeds.getMessage().contains("--seeds = 0: must be an integer in [1, 100000]"), seeds.getMessage());
        Files.createDirectories(tmp.resolve("other"));
        Files.writeString(tmp.resolve("other").resolve("notes.txt"), "mine");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepCommand.prepare(s -> r,
                spec.toString(), "--out", tmp.resolve("other").toString()));
        assertTrue(e.getMessage().contains("holds files that are not a spikering sweep"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
        assertEquals(0, r.runs.get());
    }
}
