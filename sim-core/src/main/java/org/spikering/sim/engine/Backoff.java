package org.spikering.sim.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * How an engine thread waits for another: busy-spins with {@link Thread#onSpinWait} for about 0.1–1 ms,
 * then yields its core between checks, and after a few more milliseconds parks 50 µs at a time (an
 * engine idle between runs then costs almost nothing). A step of a 0.1-ms-delay network waits a few
 * microseconds for the other partitions; spinning keeps that hand-off to a cache-line transfer, where
 * {@code sched_yield} costs about a microsecond on our virtual machines. Every check also rethrows a
 * failure of any engine thread. One instance per thread.
 */
final class Backoff {

    private static final int SPINS = 20_000;
    private static final int YIELDS = 20_000;
    private static final long PARK_NANOS = 50_000;

    private final DisruptorEngine engine;
    private final boolean callerThread;
    private int waited;

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
    }

    /** One idle round of the current wait. */
    void idle() {
        engine.checkFailure(callerThread);
        if (waited < SPINS) {
            Thread.onSpinWait();
        } else if (waited < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
        }
        waited++;
    }
}
