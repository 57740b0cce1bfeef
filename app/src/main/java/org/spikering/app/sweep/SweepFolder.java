package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;

/**
 * The output folder of a sweep and what it holds:
 * <pre>
 * DIR/sweep.json              what the sweep is (spec source, axes, seeds, point count): marks DIR as a sweep folder
 * DIR/results.csv             one row per complete point, by point index ({@link SweepTable})
 * DIR/results.jsonl           the same rows as JSON lines ({@link SweepRow#toJson})
 * DIR/plots/METRIC--vs--FIELD.png  each numeric metric against each axis, mean +- sd over seeds ({@link SweepPlots})
 * DIR/points/NAME/run/        the point's result folder, exactly what its command writes ({@link ResultFolder})
 * DIR/points/NAME/point.json  written after run/ is committed: the point's row, with the hash of its spec
 * </pre>
 * A point is <b>complete</b> when its {@value #POINT_FILE} holds the hash of the point's resolved spec
 * ({@link SweepPoint#hash}, not its folder name) and {@code run/} is a complete result folder
 * ({@link ResultFolder#isComplete}). A run killed at any moment leaves each point complete or not (a killed point's
 * {@code run/} is the previous complete set or absent, and its {@value #POINT_FILE} is missing or names the previous
 * spec), so a restarted sweep skips exactly the complete points and reruns the rest; a point whose spec changed (another
 * hash in its {@value #POINT_FILE}) is run again and replaces its old results. The table is built from the complete
 * points of the plan only, so nothing is counted twice.
 *
 * <p>Several processes may run different points of one sweep folder at once ({@code --point K} of a batch array);
 * one point is run by one process at a time (the lock of its {@code run/} folder).
 */
public final class SweepFolder {

    /** Marker and description of a sweep folder. */
    public static final String MARKER = "sweep.json";
    /** The results table. */
    public static final String CSV = "results.csv";
    /** The results as JSON lines. */
    public static final String JSONL = "results.jsonl";
    /** Folder of the summary plots. */
    public static final String PLOTS = "plots";
    /** Folder of the points. */
    public static final String POINTS = "points";
    /** A point's row and spec hash, in its folder. */
    public static final String POINT_FILE = "point.json";
    /** A point's result folder, in its folder. */
    public static final String RUN = "run";

    /** The state of a point in the folder. */
    public enum Status {
        /** Run with the same spec; its result is there. */
        COMPLETE,
        /** Run with another spec (its hash differs): will run again. */
        CHANGED,
        /** Not run, or not to the end. */
        MISSING
    }

    private final Path root;
    private final String option;

    private SweepFolder(final String option, final Path root) {
        this.option = option;
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Checks that {@code root} can be a sweep folder: absent, empty, or one that holds {@value #MARKER}. Creates
     * nothing.
     *
     * @param option the option that named it, for messages ({@code --out}).
     * @param root   the folder.
     * @return the sweep folder.
     * @throws IllegalArgumentException naming the option otherwise.
     */
    public static SweepFolder open(final String option, final Path root) {
        final String shown = option + " = '" + root + "'";
        if (root.toString().isBlank()) {
            throw new IllegalArgumentException(shown + ": must be a folder path (empty)");
        }
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException(shown + ": must be a folder; it is a file");
            }
            if (!Files.isRegularFile(root.resolve(MARKER)) && !isEmpty(root)) {
                throw new IllegalArgumentException(shown + ": holds files that are not a spikering sweep (no " + MARKER
                        + "): must be a new or empty folder or an earlier sweep's folder");
            }
        }
        return new SweepFolder(option, root);
    }

    private static boolean isEmpty(final Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the folder " + dir + " (" + e.getMessage() + ")");
        }
    }

    /** @return the folder (absolute). */
    public Path root() {
        return root;
    }

    /**
     * Creates the folder and writes {@value #MARKER} (the same content for the same plan, so that the processes of
     * a batch array may all write it).
     *
     * @param plan the sweep.
     */
    public void prepare(final SweepPlan plan) {
        final ObjectNode m = Json.object();
        m.put("format", "spikering-sweep");
        m.put("version", 1);
        m.put("spec", plan.spec().source());
        final ArrayNode axes = m.putArray("axes");
        for (SweepAxis a : plan.axes()) {
            final ObjectNode ax = axes.addObject();
            ax.put("origin", a.origin());
            final ArrayNode fs = ax.putArray("fields");
            a.fields().forEach(fs::add);
            final ArrayNode vs = ax.putArray("values");
            for (List<JsonNode> t : a.values()) {
                final ArrayNode tuple = vs.addArray();
                t.forEach(tuple::add);
            }
        }
        final ArrayNode seeds = m.putArray("seeds");
        plan.seeds().forEach(seeds::add);
        m.put("points", plan.size());
        try {
            Files.createDirectories(root.resolve(POINTS));
        } catch (IOException e) {
            throw new UncheckedIOException(option + " = '" + root + "': cannot create it (" + e.getMessage() + ")", e);
        }
        Json.write(root.resolve(MARKER), m);
    }

    /** @return the folder of a point. */
    public Path pointDir(final SweepPoint p) {
        return root.resolve(POINTS).resolve(p.folder());
    }

    /** @return the result folder of a point's run. */
    public Path runDir(final SweepPoint p) {
        return pointDir(p).resolve(RUN);
    }

    /**
     * @param p a point.
     * @return its state in this folder.
     */
    public Status status(final SweepPoint p) {
        final JsonNode pf = readPointFile(p);
        if (pf == null) {
            return Status.MISSING;
        }
        if (!p.hash().equals(pf.path("spec_hash").asText())) {
            return Status.CHANGED;
        }
        return ResultFolder.isComplete(runDir(p)) ? Status.COMPLETE : Status.MISSING;
    }

    /**
     * @param p a point.
     * @return its row if it is {@link Status#COMPLETE complete}, else null.
     */
    public SweepRow completeRow(final SweepPoint p) {
        if (status(p) != Status.COMPLETE) {
            return null;
        }
        try {
            return SweepRow.fromJson(readPointFile(p)).at(p.index());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonNode readPointFile(final SweepPoint p) {
        final Path f = pointDir(p).resolve(POINT_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            return null; // a damaged file: the point runs again
        }
    }

    /**
     * Runs a point (whatever its state) and records it: deletes its {@value #POINT_FILE} (and a {@code run/} that is
     * not a complete result set, which only a change by hand leaves), runs it into {@code run/} (replaced as a whole
     * when the run commits), then writes {@value #POINT_FILE}.
     *
     * @param p the point.
     * @return its row.
     */
    public SweepRow run(final SweepPoint p) {
        final Path dir = pointDir(p);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(POINT_FILE));
            if (Files.isDirectory(runDir(p)) && !ResultFolder.isComplete(runDir(p))) {
                // not what a killed run leaves (ResultFolder commits whole): files changed by hand; the sweep owns it
                ResultFolder.deleteRecursively(runDir(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(option + " = '" + root + "': cannot write the folder of point " + p.index()
                    + " (" + e.getMessage() + ")", e);
        }
        final long t0 = System.nanoTime();
        final Map<String, Object> summary = p.runner().run(p.spec(), runDir(p), Progress.OFF);
        final double wall = (System.nanoTime() - t0) / 1e9;
        final SweepRow row = SweepRow.of(p, summary, wall);
        final ObjectNode file = Json.object();
        file.put("format", "spikering-sweep-point");
        file.put("version", 1);
        file.setAll(row.toJson());
        Json.write(dir.resolve(POINT_FILE), file);
        return row;
    }

    /**
     * @param plan the sweep.
     * @return the rows of its complete points, by index.
     */
    public List<SweepRow> completeRows(final SweepPlan plan) {
        final List<SweepRow> rows = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            final SweepRow r = completeRow(p);
            if (r != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    /**
     * Writes the results table and plots of rows gathered elsewhere (e.g. returned by the tasks of a cluster whose
     * workers do not share this folder), with {@value #MARKER}.
     *
     * @param plan the sweep.
     * @param rows rows of its points ({@link SweepRow#fromJsonLine} reads what {@link SweepRow#toJsonLine} wrote).
     * @return the table written.
     */
    public SweepTable write(final SweepPlan plan, final List<SweepRow> rows) {
        prepare(plan);
        final SweepTable t = SweepTable.of(plan, rows);
        t.write(root);
        SweepPlots.write(t, root.resolve(PLOTS));
        if (plan.best() != null) {
            SweepBest.write(root, plan, t, true);
        }
        return t;
    }

    /**
     * Rebuilds the results table and plots from the complete points ({@code --collect}).
     *
     * @param plan the sweep.
     * @return the table written.
     */
    public SweepTable collect(final SweepPlan plan) {
        return write(plan, completeRows(plan));
    }
}
