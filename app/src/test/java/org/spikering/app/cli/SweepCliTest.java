package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import picocli.CommandLine;

/**
 * {@code spikering sweep} with real points (two updates of NEST's sine-wave task): the same table with one and two
 * points at a time, a sweep killed with SIGKILL in a child JVM and started again finishing every point exactly once
 * with the same table, {@code --point} for each point then {@code --collect}, and bad sweeps reported per point before
 * anything runs.
 */
class SweepCliTest {

    @TempDir
    Path tmp;

    /** 2 rules x 3 seeds of a short training; the evaluation shortened. */
    private static final String[] SWEEP = {"sweep", "sine-nest", "--set", "training.iterations=3", "--set",
        "training.evaluation.test_batch=4", "--grid", "training.rule=eprop,random-eprop", "--seeds", "3"};
    /** The shipped sweep example shortened: its sweep section with the learning-rate range cut to 2 values, 1 seed. */
    private static final String[] SWEEP4 = {"sweep", "sweep-rules", "--set", "training.iterations=3", "--set",
        "training.evaluation.test_batch=4", "--set", "sweep.axes[1].to=0.0002", "--seeds", "1"};

    /** Columns that are times measured while running: the run's own wall time and the sweep's. */
    private static final List<String> TIMES = List.of("wall_time_s", "wall_s");

    private record Result(int code, String out, String err) {
    }

    private static Result run(final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        final PrintStream oldErr = System.err;
        final PrintStream oldOut = System.out;
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        final int code;
        try {
            System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8)); // train and spec check print there
            code = cl.execute(args);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        return new Result(code, out + sysOut.toString(StandardCharsets.UTF_8), err.toString());
    }

    private static String[] with(final String[] base, final String... more) {
        final String[] a = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }

    /** results.csv and results.jsonl without the columns and keys that are measured times. */
    static List<String> table(final Path dir) throws IOException {
        final List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        final List<String> header = splitCsv(csv.get(0));
        final List<Integer> drop = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (TIMES.contains(header.get(c))) {
                drop.add(c);
            }
        }
        assertEquals(2, drop.size(), "both time columns present: " + header);
        final List<String> out = new ArrayList<>();
        for (String line : csv) {
            final List<String> cells = splitCsv(line);
            assertEquals(header.size(), cells.size(), line);
            final List<String> kept = new ArrayList<>();
            for (int c = 0; c < cells.size(); c++) {
                if (!drop.contains(c)) {
                    kept.add(cells.get(c));
                }
            }
            out.add(String.join("|", kept));
        }
        for (String line : Files.readAllLines(dir.resolve("results.jsonl"))) {
            final var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(line);
            node.remove("wall_time_s");
            ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("summary")).remove("wall_s");
            out.add(Json.oneLine(node));
        }
        return out;
    }

    private static List<String> splitCsv(final String line) {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            final char c = line.charAt(k);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        cells.add(cur.toString());
        return cells;
    }

    @Test
    void oneOrTwoPointsAtATimeAndEachPointAloneGiveTheSameTable() throws Exception {
        final Result one = run(with(SWEEP4, "--parallel", "1", "--out", tmp.resolve("one").toString()));
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("\"points\":4,\"skipped\":0,\"ran\":4,\"failed\":0"), one.out());
        final Result two = run(with(SWEEP4, "--parallel", "2", "--out", tmp.resolve("two").toString()));
        assertEquals(0, two.code(), two.err());
        final List<String> t1 = table(tmp.resolve("one"));
        assertEquals(1 + 4 + 4, t1.size());
        assertEquals(t1, table(tmp.resolve("two")));
        // the learning rates differ and so do the results: a table of copies would pass the comparison above too
        assertTrue(t1.get(0).startsWith("point|training.rule|training.optimizer.lr|seed|"), t1.get(0));
        final int col = List.of(t1.get(0).split("\\|")).indexOf("test_loss_fresh_input");
        assertTrue(col > 0, t1.get(0));
        assertFalse(t1.get(1).split("\\|")[col].equals(t1.get(2).split("\\|")[col]), t1.get(1) + "\n" + t1.get(2));
        // the point's run is what 'spikering train' writes for the point's spec
        final List<String> csv = Files.readAllLines(tmp.resolve("one").resolve("results.csv"));
        final List<String> last = splitCsv(csv.get(csv.size() - 1));
        assertEquals("training.rule=random-eprop_training.optimizer.lr=2.0E-4_seed=1", last.get(last.size() - 1));
        final Path point = tmp.resolve("one").resolve("points").resolve(last.get(last.size() - 1)).resolve("run");
        assertTrue(Files.isRegularFile(point.resolve("model.json")) && Files.isRegularFile(point.resolve("spec.yaml")));
        final Result alone = run("train", point.resolve("spec.yaml").toString(), "--out", tmp.resolve("alone").toString());
        assertEquals(0, alone.code(), alone.err());
        final var a = Json.MAPPER.readTree(Files.readString(tmp.resolve("alone").resolve("summary.json")));
        final var b = Json.MAPPER.readTree(Files.readString(point.resolve("summary.json")));
        assertEquals(a.get("final_loss"), b.get("final_loss"));
        assertEquals(a.get("test_loss_fresh_input"), b.get("test_loss_fresh_input"));
        // --point K for every K (in reverse), then --collect
        final String dir = tmp.resolve("array").toString();
        for (int k = 3; k >= 0; k--) {
            final Result r = run(with(SWEEP4, "--out", dir, "--point", Integer.toString(k)));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("{\"point\":" + k + ",") && r.out().contains("\"skipped\":false"), r.out());
            assertFalse(Files.exists(tmp.resolve("array").resolve("results.csv")), "--point writes no table");
        }
        final Result c = run(with(SWEEP4, "--out", dir, "--collect"));
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("\"points\":4,\"complete\":4,\"missing\":[]"), c.out());
        assertEquals(t1, table(tmp.resolve("array")));
        final Result list = run(with(SWEEP4, "--out", dir, "--list"));
        assertEquals(5, list.out().lines().count());
        assertTrue(list.out().lines().skip(1).allMatch(l -> l.endsWith("\tcomplete")), list.out());
    }

    @Test
    void aSweepKilledMidwayAndStartedAgainRunsEveryPointExactlyOnce() throws Exception {
        final Path ref = tmp.resolve("ref");
        assertEquals(0, run(with(SWEEP, "--out", ref.toString())).code());
        final Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        final Path out = tmp.resolve("killed");
        final String[] args = with(SWEEP, "--parallel", "2", "--out", out.toString());
        final Process p = ChildProcessRuns.start(cwd, "first", args);
        assertTrue(ChildProcessRuns.killWhen(p, () -> pointFiles(out) >= 2), "the sweep ended before 2 points were done: "
                + ChildProcessRuns.stderr(cwd, "first"));
        final long done = pointFiles(out);
        assertTrue(done >= 2 && done < 6, "killed mid-way: " + done + " points complete");
        final Process again = ChildProcessRuns.start(cwd, "second", args);
        assertEquals(0, ChildProcessRuns.finish(again), ChildProcessRuns.stderr(cwd, "second"));
        final String line = Files.readString(cwd.resolveSibling("cwd-logs").resolve("second.out"));
        final var result = Json.MAPPER.readTree(line);
        assertEquals(6, result.get("points").asInt());
        assertEquals(6, result.get("skipped").asInt() + result.get("ran").asInt(), line);
        assertTrue(result.get("skipped").asInt() >= done, line);
        assertEquals(table(ref), table(out));
        // every point once: one folder each, nothing stray left by the kill
        try (Stream<Path> s = Files.list(out.resolve("points"))) {
            assertEquals(6, s.count());
        }
        try (Stream<Path> s = Files.walk(out)) {
            final List<Path> stray = s.filter(f -> f.getFileName().toString().contains(".staging-")
                    || f.getFileName().toString().contains(".old-") || f.getFileName().toString().endsWith(".lock")).toList();
            assertTrue(stray.isEmpty(), stray.toString());
        }
    }

    private static long pointFiles(final Path out) {
        try (Stream<Path> s = Files.walk(out.resolve("points"), 2)) {
            return s.filter(f -> f.getFileName().toString().equals("point.json")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    @Test
    void badSweepsAreReportedPerPointBeforeAnythingRuns() throws Exception {
        final Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, String.join("\n", "spikering: 1", "training:", "  task: {name: sine-nest}",
                "  iterations: 2", "sweep:", "  axes:", "    - {field: training.batch, values: [1, 0, 2000000]}",
                "    - {field: training.rule, values: [eprop, bogus]}", ""));
        final Path out = tmp.resolve("out");
        final Result r = run("sweep", spec.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        final List<String> lines = r.err().lines().toList();
        final String s = spec.toString();
        assertEquals(List.of(
                "spikering sweep: error: " + s + ": points 1, 3, 5 (3 of 6): training.rule: 'bogus', must be one of eprop,"
                    + " random-eprop, nest-eprop, mdgl-exact, bptt, nest-eprop-iaf, rflo, mdgl, rtrl, uoro, kf-rtrl, kernl, reward-eprop, sg, bp-lambda"
                    + " (from sweep.axes[1])",
                "spikering sweep: error: " + s + ": points 2, 3 (2 of 6): training.batch: 0, must be >= 1 (from sweep.axes[0])"),
                lines.subList(0, 2), r.err());
        assertEquals("spikering sweep: error: " + s + ": points 4, 5 (2 of 6): training.batch: 2000000, must be <= 1000000"
                + " (from sweep.axes[0]) (see 'spikering help sweep')", lines.get(2));
        assertEquals(3, lines.size());
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "nothing written");
        // spec check checks every point too
        final Result check = run("spec", "check", spec.toString());
        assertEquals(2, check.code());
        assertEquals(lines.stream().map(l -> l.replace("spikering sweep:", "spikering spec check:")
                .replace("help sweep", "help spec check")).toList(), check.err().lines().toList());
        final Result ok = run("spec", "check", "sweep-rules");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("example:sweep-rules: ok (sections: training, sweep; a sweep of 18 points, each checked)"),
                ok.out());
    }
}
