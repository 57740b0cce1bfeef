package org.spikering.sim.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.spikering.sim.kernel.NetworkState;

/**
 * The steps of one partition q, on the thread that owns it (the caller's thread for q = 0): deliver
 * every partition's spikes of step t − L into q's targets, update q's neurons for step t, publish their
 * spikes on its own ring. L is the run's lookahead: D, the minimum delay, or D + 1 for lagged steps, whose
 * step t reads the input of t − 1 (see {@code NetworkState.updatePartitionLagged}).
 *
 * <p>With one partition there is no assembler: the partition delivers its own spikes at once, and
 * publishes them only for spike listeners.
 */
final class PartitionStepper {

    private final NetworkState state;
    private final int partition;
    private final RingBuffer<SpikeEvent> ring;
    private final StepAssembler assembler;
    private final Backoff backoff;
    private final int[] out;
    private final int chunk;

    /**
     * @param state     the network state.
     * @param partition q.
     * @param ring      this partition's ring (it is its single producer), or null if nobody consumes spikes.
     * @param assembler this thread's consumer of the other partitions' rings, or null with one partition.
     * @param backoff   this thread's way of waiting.
     */
    PartitionStepper(final NetworkState state, final int partition, final RingBuffer<SpikeEvent> ring,
                     final StepAssembler assembler, final Backoff backoff) {
        this.state = state;
        this.partition = partition;
        this.ring = ring;
        this.assembler = assembler;
        this.backoff = backoff;
        this.out = new int[Math.max(1, state.partitionNeurons(partition))];
        this.chunk = ring == null ? 0 : Math.max(1, ring.getBufferSize() / 4);
    }

    /**
     * Step t of a run that started at {@code from}.
     *
     * @param t         step.
     * @param from      the run's first step (earlier steps' spikes were delivered by earlier runs).
     * @param lookahead L.
     * @param lagged    whether the run uses lagged steps.
     * @return number of spikes of partition q in step t.
     */
    int step(final long t, final long from, final int lookahead, final boolean lagged) {
        if (assembler != null && t == from) {
            assembler.startRun(from);
        }
        if (assembler != null && t - lookahead >= from) {
            deliver(t - lookahead);
        }
        final int n = lagged
                ? state.updatePartitionLagged(partition, t, t == from, out)
                : state.updatePartition(partition, t, out);
        if (ring != null) {
            publish(t, n);
        }
        if (assembler != null) {
            assembler.fileOwn(t, out, n, partition);
        } else {
            for (int k = 0; k < n; k++) {
                state.deliver(partition, t, out[k]);
            }
        }
        return n;
    }

    /**
     * Delivers the steps of the run not yet delivered, so that the next run starts with everything
     * before it in the timing wheels.
     *
     * @param from      the run's first step.
     * @param to        the run's end, exclusive.
     * @param lookahead L.
     */
    void finish(final long from, final long to, final int lookahead) {
        if (assembler != null) {
            for (long s = Math.max(from, to - lookahead); s < to; s++) {
                deliver(s);
            }
        }
    }

    /**
     * Waits until every partition's spikes of step s have been seen.
     *
     * @param s step.
     */
    void awaitComplete(final long s) {
        assembler.awaitComplete(s, backoff);
    }

    private void deliver(final long s) {
        awaitComplete(s);
        final int n = assembler.take(s);
        final int[] ids = assembler.merged();
        for (int k = 0; k < n; k++) {
            state.deliver(partition, s, ids[k]);
        }
    }

    /** The step's spikes, then the end-of-step marker, in chunks of at most a quarter of the ring. */
    private void publish(final long t, final int n) {
        int done = 0;
        while (done <= n) {
            final int c = Math.min(n + 1 - done, chunk);
            final long hi = claim(c);
            final long lo = hi - c + 1;
            for (long s = lo; s <= hi; s++) {
                final SpikeEvent e = ring.get(s);
                e.step = t;
                e.partition = partition;
                if (done < n) {
                    e.kind = SpikeEvent.SPIKE;
                    e.neuron = out[done];
                } else {
                    e.kind = SpikeEvent.END_OF_STEP;
                    e.neuron = -1;
                }
                done++;
            }
            ring.publish(lo, hi);
        }
    }

    /** Claims c entries; while the ring is full, keeps consuming so this thread never blocks itself. */
    private long claim(final int c) {
        backoff.reset();
        while (true) {
            try {
                return ring.tryNext(c);
            } catch (InsufficientCapacityException full) {
                if (assembler == null || !assembler.poll()) {
                    backoff.idle();
                }
            }
        }
    }
}
