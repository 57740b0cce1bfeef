package org.spikering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SweepCommand;
import org.spikering.app.report.Json;
import org.spikering.app.sweep.SpecRunners;
import org.spikering.app.sweep.SweepFolder;

/**
 * {@link SparkSweep} on an embedded {@code local[2]} Spark against the in-process executor of {@code spikering sweep}
 * ({@link SweepCommand#execute}) on the same spec and arguments, with a fast test runner ({@link CountingRunner}).
 */
class SparkSweepTest {

    private static final String SPEC = String.join("\n",
            "spikering: 1",
            "name: tiny",
            "seed: 5",
            "training:",
            "  task: {name: sine-nest}",
            "  iterations: 3",
            "");

    @TempDir
    Path tmp;

    /** What a run printed and returned. */
    private record Ran(int code, String out, String err) {
    }

    private static SparkConf local2() {
        return new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false");
    }

    private Path spec() throws Exception {
        final Path f = tmp.resolve("tiny.yaml");
        Files.writeString(f, SPEC);
        return f;
    }

    private static Ran spark(final SparkConf conf, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = SparkSweep.run(args, CountingRunner::of, conf, new PrintWriter(out), new PrintWriter(err));
        return new Ran(code, out.toString(), err.toString());
    }

    private static String[] with(final String[] args, final String... more) {
        final String[] a = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }

    /** results.csv without the wall_time_s column. */
    private static List<List<String>> csvWithoutWallTime(final Path dir) throws Exception {
        final List<String> lines = Files.readAllLines(dir.resolve(SweepFolder.CSV));
        final int wall = cells(lines.get(0)).indexOf("wall_time_s");
        assertTrue(wall >= 0, "results.csv has a wall_time_s column: " + lines.get(0));
        final List<List<String>> rows = new ArrayList<>();
        for (String l : lines) {
            final List<String> cells = cells(l);
            assertEquals(cells(lines.get(0)).size(), cells.size(), "a cell per column: " + l);
            cells.remove(wall);
            rows.add(cells);
        }
        return rows;
    }

    /** The cells of one CSV line (RFC 4180: a quoted cell may hold commas, a doubled quote is a quote). */
    static List<String> cells(final String line) {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void csvCellsAreSplitAsRfc4180() {
        assertEquals(List.of("1", "[0.5, 1.0]", "a \"b\"", ""), cells("1,\"[0.5, 1.0]\",\"a \"\"b\"\"\","));
    }

    /** results.jsonl, each row without wall_time_s. */
    private static List<JsonNode> jsonlWithoutWallTime(final Path dir) throws Exception {
        final List<JsonNode> rows = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(SweepFolder.JSONL))) {
            final ObjectNode o = (ObjectNode) Json.MAPPER.readTree(l);
            assertTrue(o.remove("wall_time_s").isNumber());
            rows.add(o);
        }
        return rows;
    }

    private static List<String> files(final Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(p -> !p.endsWith(SweepFolder.CSV) && !p.endsWith(SweepFolder.JSONL)).sorted().toList();
        }
    }

    @Test
    void twoPointsOnLocal2GiveTheInProcessTableAndResumeSkipsThem() throws Exception {
        final String[] args = {spec().toString(), "--grid", "training.rule=eprop,bptt", "--set", "training.iterations=4"};
        final Path inProcess = tmp.resolve("in-process");
        final Path onSpark = tmp.resolve("spark");
        final int before = CountingRunner.RUNS.get();
        final StringWriter ipOut = new StringWriter();
        assertEquals(0, SweepCommand.execute(SweepCommand.prepare(CountingRunner::of,
                with(args, "--parallel", "1", "--out", inProcess.toString())), new PrintWriter(ipOut)));
        assertEquals(before + 2, CountingRunner.RUNS.get());

        final Ran r = spark(local2(), with(args, "--out", onSpark.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(before + 4, CountingRunner.RUNS.get(), "each point ran once on Spark");
        final JsonNode line = Json.MAPPER.readTree(r.out());
        assertEquals(2, line.get("points").asInt());
        assertEquals(2, line.get("ran").asInt());
        assertEquals(0, line.get("skipped").asInt());
        assertEquals(0, line.get("failed").asInt());

        final List<List<String>> table = csvWithoutWallTime(onSpark);
        assertEquals(3, table.size(), "a header and two points");
        assertEquals(csvWithoutWallTime(inProcess), table);
        assertEquals(jsonlWithoutWallTime(inProcess), jsonlWithoutWallTime(onSpark));
        assertEquals(files(inProcess).size(), files(onSpark).size());
        assertEquals(files(inProcess), files(onSpark), "the same point folders, plots and markers");
        for (String f : files(inProcess)) {
            if (f.endsWith("summary.json") || f.endsWith("spec.yaml")) {
                assertEquals(Files.readString(inProcess.resolve(f)), Files.readString(onSpark.resolve(f)), f);
            }
        }

        // the same command again: both points complete, nothing runs, the table is the same file
        final String csv = Files.readString(onSpark.resolve(SweepFolder.CSV));
        final Ran again = spark(local2(), with(args, "--out", onSpark.toString()));
        assertEquals(0, again.code(), again.err());
        assertEquals(before + 4, CountingRunner.RUNS.get(), "a complete point does not run again");
        assertEquals(2, Json.MAPPER.readTree(again.out()).get("skipped").asInt());
        assertEquals(csv, Files.readString(onSpark.resolve(SweepFolder.CSV)));

        // one point made incomplete: only it runs again
        try (Stream<Path> s = Files.walk(onSpark.resolve(SweepFolder.POINTS))) {
            final Path first = s.filter(p -> p.getFileName().toString().equals(SweepFolder.POINT_FILE)).sorted()
                    .findFirst().orElseThrow();
            Files.delete(first);
        }
        final Ran third = spark(local2(), with(args, "--out", onSpark.toString()));
        assertEquals(0, third.code(), third.err());
        assertEquals(before + 5, CountingRunner.RUNS.get());
        final JsonNode l3 = Json.MAPPER.readTree(third.out());
        assertEquals(1, l3.get("skipped").asInt());
        assertEquals(1, l3.get("ran").asInt());
        assertEquals(csvWithoutWallTime(inProcess), csvWithoutWallTime(onSpark));
    }

    @Test
    void aRealReservoirSweepOnLocal2IsTheInProcessTable() throws Exception {
        // the shipped example (inside the jar: nothing for the executors to read), made small: a 20- and a 30-unit
        // memory-capacity reservoir, run by the real runner (SpecRunners.of), as spikering sweep runs it
        final String[] args = {"reservoir-mc", "--grid", "reservoir.size=20,30", "--grid", "reservoir.leak_rate=1",
            "--set", "reservoir.size=20",
            "--set", "reservoir.washout_steps=50",
            "--set", "reservoir.train_steps=300", "--set", "reservoir.test_steps=100"};
        final Path inProcess = tmp.resolve("mc-in-process");
        final Path onSpark = tmp.resolve("mc-spark");
        assertEquals(0, SweepCommand.execute(SweepCommand.prepare(SpecRunners::of,
                with(args, "--parallel", "2", "--out", inProcess.toString())), new PrintWriter(new StringWriter())));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertEquals(0, SparkSweep.run(with(args, "--out", onSpark.toString()), SparkSweep.SWEEP_RUNNERS, local2(),
                new PrintWriter(out), new PrintWriter(err)), err.toString());
        final List<List<String>> table = csvWithoutWallTime(onSpark);
        assertEquals(3, table.size(), "a header and two points");
        assertTrue(table.get(0).contains("memory_capacity"), "the runner's metrics are columns: " + table.get(0));
        assertEquals(csvWithoutWallTime(inProcess), table);
        assertEquals(jsonlWithoutWallTime(inProcess), jsonlWithoutWallTime(onSpark));
        assertEquals(files(inProcess), files(onSpark));
    }

    @Test
    void aFailingPointIsReportedAndTheOthersAreInTheTable() throws Exception {
        final Path out = tmp.resolve("fail");
        final Ran r = spark(local2(), spec().toString(), "--grid", "training.rule=eprop,bptt", "--set",
                "training.iterations=13", "--out", out.toString());
        assertEquals(2, r.code());
        final JsonNode line = Json.MAPPER.readTree(r.out());
        assertEquals(1, line.get("failed").asInt());
        assertEquals(1, line.get("ran").asInt());
        final List<String> errLines = r.err().lines().filter(l -> l.startsWith("spikering-spark:")).toList();
        assertEquals(1, errLines.size(), r.err());
        assertTrue(errLines.get(0).startsWith("spikering-spark: error: 1 of 2 points failed"), errLines.get(0));
        assertTrue(errLines.get(0).contains("point 1 (training.rule=bptt, seed=5): bptt with 13 iterations diverged"),
                errLines.get(0));
        final List<List<String>> table = csvWithoutWallTime(out);
        assertEquals(2, table.size(), "a header and the point that finished");
        assertEquals("0", table.get(1).get(0));
    }

    @Test
    void badInputIsOneLinePerProblemBeforeSparkStartsAndWritesNothing() throws Exception {
        // a master Spark cannot parse: had the driver started Spark, its error would be the message
        final SparkConf unusable = new SparkConf().setMaster("no-such-master://x").set("spark.ui.enabled", "false");
        final Path out = tmp.resolve("bad");
        final Ran r = spark(unusable, spec().toString(), "--grid", "training.iterations=5,2000", "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals(List.of("spikering-spark: error: " + spec() + ": point 1 (training.iterations=2000, seed=5):"
                + " training.iterations = 2000: must be <= 1000 for the counting runner"), r.err().lines().toList());
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "nothing written");

        final Ran noField = spark(unusable, spec().toString(), "--grid", "training.iteratons=5,6", "--out", out.toString());
        assertEquals(2, noField.code());
        assertEquals(1, noField.err().lines().count(), noField.err());
        assertTrue(noField.err().startsWith("spikering-spark: error: ") && noField.err().contains("training.iteratons"),
                noField.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aMasterSparkCannotUseIsOneLine() throws Exception {
        final Path out = tmp.resolve("nomaster");
        final Ran r = spark(new SparkConf().setMaster("no-such-master://x").set("spark.ui.enabled", "false"),
                spec().toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals(List.of("spikering-spark: error: Spark: Could not parse Master URL: 'no-such-master://x'"),
                r.err().lines().filter(l -> l.startsWith("spikering-spark")).toList(), r.err());
        assertFalse(Files.exists(out), "Spark starts before anything is written");
    }

    @Test
    void withoutAMasterItSaysHowToGiveOne() throws Exception {
        final Ran r = spark(new SparkConf(false), spec().toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertEquals(List.of("spikering-spark: error: spark.master is not set: run it with spark-submit --master URL"
                + " (local[2] for two cores of this machine)"), r.err().lines().toList());
    }

    @Test
    void helpShowsTheSweepCommandsOptions() {
        final Ran r = spark(new SparkConf(false), "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: spark-submit --class org.spikering.spark.SparkSweep"), r.out());
        for (String option : List.of("--grid", "--seeds", "--first-seed", "--out", "--set", "--list", "--point", "--collect")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void listAndCollectAreTheSweepCommandsOwn() throws Exception {
        final String[] args = {spec().toString(), "--grid", "training.rule=eprop,bptt", "--out",
            tmp.resolve("l").toString()};
        final Ran list = spark(new SparkConf().setMaster("no-such-master://x"), with(args, "--list"));
        assertEquals(0, list.code(), list.err());
        final StringWriter expected = new StringWriter();
        SweepCommand.execute(SweepCommand.prepare(CountingRunner::of, with(args, "--list")), new PrintWriter(expected));
        assertEquals(expected.toString(), list.out());
        assertEquals(3, list.out().lines().count(), "a header and two points");
    }
}
