package org.spikering.sim.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * How a partition thread waits for the next ring entry: busy-spins (with {@link Thread#onSpinWait}) for
 * a fixed number of checks, about 0.1–1 ms, then yields its core between checks.
 *
 * <p>Disruptor's {@code YieldingWaitStrategy} yields after 100 checks. A worker that is ahead waits a few
 * microseconds for every step of a 0.1-ms-delay network, so it would call {@code sched_yield} every
 * step, a system call that costs about a microsecond on our virtual machines and delays its answer.
 * Spinning longer keeps the hand-off to a cache-line transfer while the threads have a core each, and
 * still frees the core when they do not (more partitions than cores, or an idle engine between runs).
 */
final class SpinThenYieldWaitStrategy implements WaitStrategy {

    private final int spins;

    /** @param spins checks before the first yield. */
    SpinThenYieldWaitStrategy(final int spins) {
        this.spins = spins;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
                        final SequenceBarrier barrier) throws AlertException {
        long available;
        int counter = spins;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (counter > 0) {
                counter--;
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // nobody blocks
    }
}
