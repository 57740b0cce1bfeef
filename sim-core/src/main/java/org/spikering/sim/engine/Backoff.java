package org.spikering.sim.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * How an engine thread waits for another: busy-spins with {@link Thread#onSpinWait} for up to
 * {@value #SPIN_NANOS} ns, then parks {@value #PARK_NANOS} ns at a time. A step of a 0.1-ms-delay
 * network waits at most a few microseconds for the other partitions when all run; spinning keeps that
 * hand-off to a cache-line transfer (a {@code sched_yield} or a park costs microseconds on our virtual
 * machines). Longer waits mean the awaited thread has lost its core (more threads than cores, the JIT
 * compiling, the host); parking then gives the core back, and an engine idle between runs costs almost
 * nothing. Every round also rethrows a failure of any engine thread. One instance per thread.
 */
final class Backoff {

    private static final long SPIN_NANOS = 100_000;
    private static final long PARK_NANOS = 30_000;

    private final DisruptorEngine engine;
    private final boolean callerThread;
    private int waited;
    private long startNanos;
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
        parking = false;
    }

    /** One idle round of the current wait. */
    void idle() {
        engine.checkFailure(callerThread);
        if (parking) {
            LockSupport.parkNanos(PARK_NANOS);
            return;
        }
        if ((waited & 127) == 0) { // the clock costs tens of ns here; read it every 128 rounds
            final long now = System.nanoTime();
            if (waited == 0) {
                startNanos = now;
            } else if (now - startNanos > SPIN_NANOS) {
                parking = true;
            }
        }
        Thread.onSpinWait();
        waited++;
    }
}
