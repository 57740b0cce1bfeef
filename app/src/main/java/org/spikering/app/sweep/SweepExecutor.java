package org.spikering.app.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.spikering.app.report.Progress;

/**
 * Runs the points of a sweep inside this JVM, up to {@code parallel} at a time and as many as the heap allows: a point
 * starts only when its estimated peak heap ({@link SpecRunner#memoryBytes}) fits beside the estimates of the points
 * running (the budget is the heap the JVM may grow to, {@link Runtime#maxMemory}, less what is in use when the sweep
 * starts; a point larger than the budget runs alone). Complete points are skipped ({@link SweepFolder#status}); the
 * others start in index order. The results table is written from the rows of every complete point at the start and
 * after each point; the plots while points finish at most every {@value #PLOT_INTERVAL_S} s and at most once per
 * {@value #PLOT_COST_FACTOR} times the duration of their last rewrite (so that drawing them takes at most a tenth of
 * the time), and at the end. Each point's seed is part of the point
 * ({@link SweepPlan}), so the results do not depend on {@code parallel} or on which point finishes first.
 *
 * <p>A point that fails ({@link RuntimeException}: a diverged training, an unwritable file) does not stop the others:
 * its message is in {@link Outcome#failures} and it runs again next time. An {@link Error} (out of memory) stops the
 * sweep after the running points.
 */
public final class SweepExecutor {

    /** Least seconds between rewrites of the plots while points finish. */
    static final double PLOT_INTERVAL_S = 10;
    /** The plots are rewritten at most once per this many times the duration of their last rewrite. */
    static final double PLOT_COST_FACTOR = 10;

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
    }

    private SweepExecutor() {
    }

    /**
     * @param plan     the sweep.
     * @param folder   its folder.
     * @param parallel most points at a time, &ge; 1.
     * @param progress the sweep's progress (unit: points), or {@link Progress#OFF}; the points' own is off.
     * @return what was done.
     */
    public static Outcome run(final SweepPlan plan, final SweepFolder folder, final int parallel, final Progress progress) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel = " + parallel + ": must be >= 1");
        }
        folder.prepare(plan);
        final TreeMap<Integer, SweepRow> rows = new TreeMap<>();
        final List<SweepPoint> todo = new ArrayList<>();
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
        final int skipped = rows.size();
        final State state = new State(plan, folder, progress, rows);
        state.write(false);
        progress.stepTo(skipped, null);
        final Runtime rt = Runtime.getRuntime();
        final double budget = Math.max(1, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        final MemoryGate gate = new MemoryGate(budget);
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, todo.size())), threads());
        final List<Future<?>> futures = new ArrayList<>();
        try {
            for (SweepPoint p : todo) {
                futures.add(pool.submit(() -> {
                    if (state.stopped()) {
                        return null;
                    }
                    gate.acquire(p.memoryBytes());
                    try {
                        final SweepRow row = folder.run(p);
                        state.finished(row);
                    } catch (RuntimeException e) {
                        state.failed(p, e);
                    } catch (Error e) {
                        state.stop();
                        throw e;
                    } finally {
                        gate.release(p.memoryBytes());
                    }
                    return null;
                }));
            }
            Throwable error = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    error = error == null ? e.getCause() : error;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    state.stop();
                    throw new IllegalStateException("sweep interrupted");
                }
            }
            if (error instanceof Error err) {
                throw err;
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        final SweepTable table = state.write(true);
        return new Outcome(plan.size(), skipped, rows.size() - skipped, state.failures(), table);
    }

    private static ThreadFactory threads() {
        return r -> {
            final Thread t = new Thread(r, "sweep-point");
            t.setDaemon(true);
            return t;
        };
    }

    /** What the point threads share; every method holds the lock. */
    private static final class State {
        private final SweepPlan plan;
        private final SweepFolder folder;
        private final Progress progress;
        private final TreeMap<Integer, SweepRow> rows;
        private final TreeMap<Integer, String> failures = new TreeMap<>();
        private long lastPlots = System.nanoTime();
        private long plotNanos;
        private boolean stopped;

        State(final SweepPlan plan, final SweepFolder folder, final Progress progress, final TreeMap<Integer, SweepRow> rows) {
            this.plan = plan;
            this.folder = folder;
            this.progress = progress;
            this.rows = rows;
        }

        synchronized void finished(final SweepRow row) {
            rows.put(row.point(), row);
            final long since = System.nanoTime() - lastPlots;
            write(since > PLOT_INTERVAL_S * 1e9 && since > PLOT_COST_FACTOR * plotNanos);
            progress.stepTo(rows.size() + failures.size(), "point " + row.point() + " done");
        }

        synchronized void failed(final SweepPoint p, final RuntimeException e) {
            final String msg = e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
            failures.put(p.index(), msg);
            progress.note("point " + p.index() + " (" + p.label() + ") failed: " + msg);
            progress.stepTo(rows.size() + failures.size(), "point " + p.index() + " failed");
        }

        synchronized SweepTable write(final boolean plots) {
            final SweepTable t = SweepTable.of(plan, new ArrayList<>(rows.values()));
            t.write(folder.root());
            if (plots) {
                final long t0 = System.nanoTime();
                SweepPlots.write(t, folder.root().resolve(SweepFolder.PLOTS));
                lastPlots = System.nanoTime();
                plotNanos = lastPlots - t0;
            }
            return t;
        }

        synchronized void stop() {
            stopped = true;
        }

        synchronized boolean stopped() {
            return stopped;
        }

        synchronized Map<Integer, String> failures() {
            return new TreeMap<>(failures);
        }
    }

    /** Admits points while the sum of their memory estimates fits the budget (one at least). */
    private static final class MemoryGate {
        private final double budget;
        private double used;
        private int running;

        MemoryGate(final double budget) {
            this.budget = budget;
        }

        synchronized void acquire(final double bytes) throws InterruptedException {
            while (running > 0 && used + bytes > budget) {
                wait();
            }
            used += bytes;
            running++;
        }

        synchronized void release(final double bytes) {
            used -= bytes;
            running--;
            notifyAll();
        }
    }
}
