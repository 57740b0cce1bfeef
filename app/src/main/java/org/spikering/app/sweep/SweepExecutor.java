package org.spikering.app.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.spikering.app.report.Progress;

/**
 * Runs the points of a sweep inside this JVM, up to {@code parallel} at a time and as many as the heap allows: a point
 * starts only when its estimated peak heap ({@link SpecRunner#memoryBytes}) fits beside the estimates of the points
 * running (the budget is the heap the JVM may grow to, {@link Runtime#maxMemory}, less what is in use when the sweep
 * starts; a point larger than the budget runs alone). Complete points are skipped and the others start in index
 * order; the table and plots are written as points finish ({@link SweepLedger}). Each point's seed is part of the point
 * ({@link SweepPlan}), so the results do not depend on {@code parallel} or on which point finishes first.
 *
 * <p>A point that fails ({@link RuntimeException}: a diverged training, an unwritable file) does not stop the others:
 * its message is in {@link SweepLedger.Outcome#failures} and it runs again next time. An {@link Error} (out of memory) stops the
 * sweep after the running points.
 */
public final class SweepExecutor {

    private SweepExecutor() {
    }

    /**
     * @param plan     the sweep.
     * @param folder   its folder.
     * @param parallel most points at a time, &ge; 1.
     * @param progress the sweep's progress (unit: points), or {@link Progress#OFF}; the points' own is off.
     * @return what was done.
     */
    public static SweepLedger.Outcome run(final SweepPlan plan, final SweepFolder folder, final int parallel, final Progress progress) {
        return run(plan, folder, parallel, progress, true);
    }

    /**
     * As {@link #run(SweepPlan, SweepFolder, int, Progress)}, with or without the summary plots.
     *
     * @param plan     the sweep.
     * @param folder   its folder.
     * @param parallel most points at a time, &ge; 1.
     * @param progress the sweep's progress (unit: points), or {@link Progress#OFF}; the points' own is off.
     * @param plots    whether {@value SweepFolder#PLOTS}/ is written (the table always is).
     * @return what was done.
     */
    public static SweepLedger.Outcome run(final SweepPlan plan, final SweepFolder folder, final int parallel, final Progress progress,
                              final boolean plots) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel = " + parallel + ": must be >= 1");
        }
        final SweepLedger ledger = new SweepLedger(plan, folder, progress, plots);
        final List<SweepPoint> todo = ledger.todo();
        ledger.start();
        final Runtime rt = Runtime.getRuntime();
        final double budget = Math.max(1, rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()));
        final MemoryGate gate = new MemoryGate(budget);
        final AtomicBoolean stopped = new AtomicBoolean();
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, todo.size())), threads());
        final List<Future<?>> futures = new ArrayList<>();
        try {
            for (SweepPoint p : todo) {
                futures.add(pool.submit(() -> {
                    if (stopped.get()) {
                        return null;
                    }
                    gate.acquire(p.memoryBytes());
                    try {
                        ledger.finished(folder.run(p), false);
                    } catch (RuntimeException e) {
                        ledger.failed(p.index(), SweepLedger.message(e));
                    } catch (Error e) {
                        stopped.set(true);
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
                    stopped.set(true);
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
        return ledger.finish();
    }

    private static ThreadFactory threads() {
        return r -> {
            final Thread t = new Thread(r, "sweep-point");
            t.setDaemon(true);
            return t;
        };
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
