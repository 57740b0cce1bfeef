package org.spikering.sim.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * How an engine thread waits for another: busy-spins with {@link Thread#onSpinWait} for up to
 * {@value #SPIN_NANOS} ns, then yields the processor ({@link Thread#yield}) for up to
 * {@value #YIELD_NANOS} ns, then parks {@value #PARK_NANOS} ns at a time. Every round also rethrows a
 * failure of any engine thread. One instance per thread.
 *
 * <ul>
 *   <li>Spin: a step of a 0.1-ms-delay network waits well under a microsecond for the other partitions
 *       when all of them run; spinning keeps that hand-off to a cache-line transfer.</li>
 *   <li>Yield: a longer wait means the awaited thread is not running. Often it waits for the very
 *       processor this thread spins on: the scheduler put two partition threads on one core while the
 *       JIT compiler or another process had the other. Each hand-off then costs whatever the waiting
 *       thread spins before it lets go, every step; with 100 µs of spinning and then a park, a cold
 *       one-second CUBA run on 2 threads took 0.31–0.40 s against 0.17–0.20 s with this policy (1 thread:
 *       0.10–0.17 s), and 10–13 % of its steps waited more than 100 µs; with a busy loop on one core,
 *       2-thread CUBA took 0.62 s per simulated s, now 0.085 s (1 thread: 0.04). A yield that finds
 *       nothing else to run returns at once, so it also serves a thread that is merely late.</li>
 *   <li>Park: a wait of milliseconds (more threads than cores, an engine idle between runs) gives the
 *       processor back.</li>
 * </ul>
 */
final class Backoff {

    private static final long SPIN_NANOS = 2_000;
    private static final long YIELD_NANOS = 1_000_000;
    private static final long PARK_NANOS = 30_000;

    private final DisruptorEngine engine;
    private final boolean callerThread;
    private int waited;
    private long startNanos;
    private boolean yielding;
    private boolean parking;

    /**
     * @param engine       the engine.
     * @param callerThread whether this is the thread that called {@code run} (it reports failures with
     *                     their cause; the engine's own threads just stop).
     */
    Backoff(final DisruptorEngine engine, final boolean callerThread) {
        this.engine = engine;
        this.callerThread = callerThread;
    }

    /** Starts a new wait. */
    void reset() {
        waited = 0;
        yielding = false;
        parking = false;
    }

    /** One idle round of the current wait. */
    void idle() {
        engine.checkFailure(callerThread);
        if (parking) {
            LockSupport.parkNanos(PARK_NANOS);
            return;
        }
        if (yielding) {
            if (System.nanoTime() - startNanos > SPIN_NANOS + YIELD_NANOS) {
                parking = true;
            }
            Thread.yield();
            return;
        }
        if ((waited & 15) == 0) { // the clock costs tens of ns here; read it every 16 rounds
            final long now = System.nanoTime();
            if (waited == 0) {
                startNanos = now;
            } else if (now - startNanos > SPIN_NANOS) {
                yielding = true;
            }
        }
        Thread.onSpinWait();
        waited++;
    }
}
