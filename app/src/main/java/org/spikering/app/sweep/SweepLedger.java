package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;

/**
 * The bookkeeping of one sweep run, shared by every executor (in-process {@link SweepExecutor}, Spark's driver): which
 * points are already complete, the rows and failures of the points as they finish, the results table rewritten after
 * each point and the plots at most every {@value #PLOT_INTERVAL_S} s and at most once per {@value #PLOT_COST_FACTOR}
 * times the duration of their last rewrite (so that drawing them takes at most a tenth of the time), and both at the
 * end. Rows are kept by point index, so the table does not depend on the order in which points finish. Every method
 * holds the lock: point threads may call it at once.
 */
public final class SweepLedger {

    /** Least seconds between rewrites of the plots while points finish. */
    static final double PLOT_INTERVAL_S = 10;
    /** The plots are rewritten at most once per this many times the duration of their last rewrite. */
    static final double PLOT_COST_FACTOR = 10;

    private final SweepPlan plan;
    private final SweepFolder folder;
    private final Progress progress;
    private final boolean plots;
    private final TreeMap<Integer, SweepRow> rows = new TreeMap<>();
    private final TreeMap<Integer, String> failures = new TreeMap<>();
    private final List<SweepPoint> todo = new ArrayList<>();
    private int skipped;
    private long lastPlots = System.nanoTime();
    private long plotNanos;
    private SweepTable table;

    /**
     * Finds the points to run, writing nothing: a complete point with the same spec hash is skipped (its row kept), one
     * whose spec changed is noted and run again, the rest run.
     *
     * @param plan     the sweep.
     * @param folder   its folder.
     * @param progress the sweep's progress (unit: points), or {@link Progress#OFF}.
     * @param plots    whether {@value SweepFolder#PLOTS}/ is written (the table always is).
     */
    public SweepLedger(final SweepPlan plan, final SweepFolder folder, final Progress progress, final boolean plots) {
        this.plan = plan;
        this.folder = folder;
        this.progress = progress;
        this.plots = plots;
        for (SweepPoint p : plan.points()) {
            final SweepFolder.Status s = folder.status(p);
            final SweepRow r = s == SweepFolder.Status.COMPLETE ? folder.completeRow(p) : null;
            if (r != null) {
                rows.put(p.index(), r);
            } else {
                if (s == SweepFolder.Status.CHANGED) {
                    progress.note("point " + p.index() + " (" + p.label() + "): its spec changed since it ran, running it again");
                }
                todo.add(p);
            }
        }
        skipped = rows.size();
    }

    /** @return the points to run, in index order. */
    public synchronized List<SweepPoint> todo() {
        return List.copyOf(todo);
    }

    /**
     * Writes the sweep's marker ({@link SweepFolder#prepare}) and the table of the complete points, and shows them as
     * done: call once, before any point runs.
     */
    public synchronized void start() {
        folder.prepare(plan);
        write(true);
        progress.stepTo(rows.size(), null);
    }

    /**
     * @param row      the row of a point that finished.
     * @param skipped  whether it was not run but found complete (by an executor of another process).
     */
    public synchronized void finished(final SweepRow row, final boolean skipped) {
        rows.put(row.point(), row);
        if (skipped) {
            this.skipped++;
        }
        final long since = System.nanoTime() - lastPlots;
        write(since > PLOT_INTERVAL_S * 1e9 && since > PLOT_COST_FACTOR * plotNanos);
        progress.stepTo(rows.size() + failures.size(), "point " + row.point() + " done");
    }

    /**
     * @param point   the index of a point that failed.
     * @param message what went wrong (made one line).
     */
    public synchronized void failed(final int point, final String message) {
        final String msg = oneLine(message);
        failures.put(point, msg);
        progress.note("point " + point + " (" + plan.point(point).label() + ") failed: " + msg);
        progress.stepTo(rows.size() + failures.size(), "point " + point + " failed");
    }

    /** @return the message of {@code e} on one line. */
    public static String message(final Throwable e) {
        return e.getMessage() == null ? e.toString() : oneLine(e.getMessage());
    }

    private static String oneLine(final String s) {
        return s == null ? "(no message)" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** Writes the table and, if plots are on, the plots: the end of the run. @return what was done. */
    public synchronized Outcome finish() {
        write(true);
        return new Outcome(plan.size(), skipped, rows.size() - skipped, new TreeMap<>(failures), table);
    }

    private void write(final boolean plotsNow) {
        table = SweepTable.of(plan, new ArrayList<>(rows.values()));
        table.write(folder.root());
        if (plots && plotsNow) {
            final long t0 = System.nanoTime();
            SweepPlots.write(table, folder.root().resolve(SweepFolder.PLOTS));
            if (plan.best() != null) {
                SweepBest.write(folder.root(), plan, table, true);
            }
            lastPlots = System.nanoTime();
            plotNanos = lastPlots - t0;
        } else if (plan.best() != null) {
            SweepBest.write(folder.root(), plan, table, false);
        }
    }

    /**
     * What a sweep run did.
     *
     * @param points   points in the plan.
     * @param skipped  points already complete.
     * @param ran      points run to completion now.
     * @param failures point index to its one-line error, for the points that failed.
     * @param table    the table as last written.
     */
    public record Outcome(int points, int skipped, int ran, Map<Integer, String> failures, SweepTable table) {

        /**
         * @param folder the sweep's folder.
         * @return the result line a sweep prints: folder, points, skipped, ran, failed, the results table.
         */
        public ObjectNode summary(final SweepFolder folder) {
            final ObjectNode o = Json.object();
            o.put("sweep", folder.root().toString());
            o.put("points", points);
            o.put("skipped", skipped);
            o.put("ran", ran);
            o.put("failed", failures.size());
            o.put("results", folder.root().resolve(SweepFolder.CSV).toString());
            return o;
        }

        /**
         * @param plan the sweep.
         * @throws IllegalStateException naming every failed point, if any failed.
         */
        public void throwIfFailed(final SweepPlan plan) {
            if (failures.isEmpty()) {
                return;
            }
            final StringBuilder b = new StringBuilder();
            for (Map.Entry<Integer, String> f : failures.entrySet()) {
                b.append(b.length() > 0 ? "; " : "").append("point ").append(f.getKey()).append(" (")
                        .append(plan.point(f.getKey()).label()).append("): ").append(f.getValue());
            }
            throw new IllegalStateException(failures.size() + " of " + points + " points failed (the same command runs"
                    + " them again): " + b);
        }
    }
}
