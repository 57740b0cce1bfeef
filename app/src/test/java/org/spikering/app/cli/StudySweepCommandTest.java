package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;
import org.spikering.app.sweep.SweepFolder;
import picocli.CommandLine;

/**
 * {@code hw study} and {@code reservoir scaling} are sweeps: each shortcut gives the same results table (every run's
 * parameters, seed, summary, spec hash and folder; wall times aside) as {@code spikering sweep} of a sweep spec written
 * here by hand, and its own table is the mean and sample sd over seeds of that table's runs, recomputed here.
 */
final class StudySweepCommandTest {

    @TempDir
    Path dir;

    private String execute(final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final int code = cl.execute(args);
        assertEquals(0, code, String.join(" ", args) + ": " + err);
        return err.toString();
    }

    @Test
    void hwStudyIsTheSweepOfTrainRunsOverWeightsAndMasks() throws Exception {
        final Path a = dir.resolve("study");
        execute("hw", "study", "--fractions", "0.5", "--bits", "32,4", "--rounding", "stochastic", "--seeds", "2",
                "--iterations", "2", "--batch", "2", "--test-batch", "4", "--set", "output.plots=false", "--out", a.toString());
        // the shipped study file with its study section written as the sweep it is
        final String text = Examples.text("hw-study");
        final String study = text.substring(text.indexOf("\nstudy:\n") + 1, text.indexOf("\noutput:\n") + 1);
        final String mask = "  mask:\n    kind: random           # random or per_neuron: study.fractions sets the fraction of"
                + " each row\n    matrices: [in, rec, out]\n";
        assertTrue(text.contains(mask));
        final Path file = Files.writeString(dir.resolve("sweep.yaml"), text.replace(mask, "").replace(study, ""
                + "sweep:\n"
                + "  axes:\n"
                + "    - field: hardware.weights\n"
                + "      values: [{bits: 32, rounding: nearest}, {bits: 4, rounding: stochastic}]\n"
                + "    - field: hardware.mask\n"
                + "      values: [{kind: readout_only}, {kind: random, fraction: 0.5, matrices: [in, rec, out]}]\n"
                + "  seeds: 2\n"
                + "  first_seed: 0\n"));
        final Path b = dir.resolve("sweep");
        execute("sweep", file.toString(), "--set", "training.batch=2", "--set", "training.iterations=2", "--set",
                "training.evaluation={every: 2, test_batch: 4}", "--set", "training.checkpoint_every=0", "--set",
                "training.seed_offsets={network: 1000, batches: 31}", "--set", "output.plots=false", "--out", b.toString());
        assertEquals(withoutWallTime(b), withoutWallTime(a));

        // study.json's rows: per (weights, mask), mean and sample sd over the two seeds of the sweep's runs
        final List<JsonNode> runs = new ArrayList<>();
        for (String line : Files.readAllLines(b.resolve(SweepFolder.JSONL))) {
            runs.add(Json.MAPPER.readTree(line));
        }
        assertEquals(8, runs.size());
        final JsonNode rows = Json.MAPPER.readTree(a.resolve("study.json").toFile()).get("rows");
        assertEquals(4, rows.size());
        final String[][] columns = {{"test_loss", "test_loss"}, {"synaptic_ops", "hardware.synaptic_ops"},
            {"weight_updates", "hardware.weight_updates"}, {"energy_J", "hardware.energy_j"}};
        for (int r = 0; r < 4; r++) {
            final JsonNode s0 = runs.get(2 * r).get("summary");
            final JsonNode s1 = runs.get(2 * r + 1).get("summary");
            assertEquals(0, runs.get(2 * r).get("seed").asInt());
            assertEquals(1, runs.get(2 * r + 1).get("seed").asInt());
            for (String[] c : columns) {
                final double x0 = s0.get(c[1]).asDouble();
                final double x1 = s1.get(c[1]).asDouble();
                final double mean = (x0 + x1) / 2;
                final double sd = Math.abs(x0 - x1) / Math.sqrt(2);
                assertEquals(mean, rows.get(r).get(c[0]).asDouble(), 1e-12 * Math.abs(mean), "row " + r + " " + c[0]);
                assertEquals(sd, rows.get(r).get(c[0] + "_sd").asDouble(), 1e-9 * Math.abs(mean) + 1e-300,
                        "row " + r + " " + c[0] + "_sd");
            }
            assertEquals(r % 2 == 0 ? "readout-only" : "random", rows.get(r).get("plastic").asText());
            assertEquals(r % 2 == 0 ? s0.get("plastic_fraction").asDouble() : 0.5, rows.get(r).get("fraction").asDouble());
        }
    }

    @Test
    void reservoirScalingIsTheSweepOfOneRunScalingSpecs() throws Exception {
        final String base = "spikering: 1\nreservoir:\n  benchmark: scaling\n  kind: esn\n";
        final Path grid = Files.writeString(dir.resolve("grid.yaml"), base);
        final Path a = dir.resolve("study");
        execute("reservoir", "scaling", grid.toString(), "--sizes", "20,40", "--gains", "0.5,1.5", "--seeds", "2",
                "--out", a.toString());
        final Path file = Files.writeString(dir.resolve("sweep.yaml"), base + "  sizes: [20]\n  gains: [0.5]\n  seeds: 1\n"
                + "sweep:\n  axes:\n    - {field: reservoir.sizes, values: [[20], [40]]}\n"
                + "    - {field: reservoir.gains, values: [[0.5], [1.5]]}\n  seeds: 2\n"
                // the shortcut's --out leaves an output section (plots: true) in its runs' specs, part of their hashes
                + "output:\n  plots: true\n");
        final Path b = dir.resolve("sweep");
        execute("sweep", file.toString(), "--out", b.toString());
        assertEquals(withoutWallTime(b), withoutWallTime(a));
        // and the shortcut's table is the study's before it was a sweep (its runs are the study's runs)
        assertEquals(Files.readString(Path.of(getClass().getResource(
                "/org/spikering/app/reservoir/scaling-before-sweep-esn.csv").toURI())), Files.readString(a.resolve("scaling.csv")));
    }

    /** results.csv and results.jsonl without the wall times (the sweep's wall_time_s, a train run's wall_s). */
    private static List<String> withoutWallTime(final Path root) throws Exception {
        final List<String> out = new ArrayList<>();
        final List<String> csv = Files.readAllLines(root.resolve(SweepFolder.CSV));
        final int col = cells(csv.get(0)).indexOf("wall_time_s");
        final int trainWall = cells(csv.get(0)).indexOf("wall_s"); // a train run's own wall time, in its summary
        assertTrue(col > trainWall, csv.get(0));
        for (String line : csv) {
            final List<String> c = cells(line);
            c.remove(col);
            if (trainWall >= 0) {
                c.remove(trainWall);
            }
            out.add(String.join("|", c));
        }
        for (String line : Files.readAllLines(root.resolve(SweepFolder.JSONL))) {
            out.add(line.replaceAll("\"wall_time_s\":[0-9.eE+-]+,", "").replaceAll("\"wall_s\":[0-9.eE+-]+,", ""));
        }
        return out;
    }

    /** The cells of a CSV line (RFC 4180 quotes). */
    private static List<String> cells(final String line) {
        final List<String> c = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                c.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        c.add(cur.toString());
        return c;
    }
}
