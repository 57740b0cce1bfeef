package org.spikering.sim.engine;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.spikering.sim.kernel.NetworkState;
import org.spikering.sim.kernel.StepHooks;
import org.spikering.sim.kernel.StepRunner;
import org.spikering.sim.spi.StepListener;

/**
 * The spike pipeline on an LMAX Disruptor ring (see the package overview of {@code org.spikering.sim}),
 * with the neurons split into P partitions, each owned by one thread that updates its neurons and
 * delivers every spike into its own targets only ("owner computes").
 *
 * <p>The calling thread is the coordinator, the single producer, and the owner of partition 0.
 * Partitions 1 … P−1 are {@link PartitionWorker}s, consumers of the ring. Step t:
 * <ol>
 *   <li>the coordinator updates partition 0; each worker has updated (or is updating) its partition
 *       as soon as its deliveries allowed it (up to D − 1 steps ahead, D = minimum delay);</li>
 *   <li>the coordinator waits for every partition's spikes of step t, merges them into ascending
 *       global ids, runs step listeners, and publishes the spikes and an end-of-step marker;</li>
 *   <li>workers deliver the spikes into their partitions; the coordinator delivers them into
 *       partition 0 itself; a {@link ListenerHandler} feeds spike listeners.</li>
 * </ol>
 * Every target receives its inputs in the same order as in the single-threaded reference, so results
 * are bit-identical for any P. Call {@link #run} from one thread at a time.
 */
public final class DisruptorEngine implements StepRunner {

    private static final int RING_SIZE = 1 << 16;
    private static final int MAX_LOOKAHEAD = 16;
    /** Busy-wait iterations before a waiting coordinator starts yielding its core (about 0.1–1 ms). */
    private static final int SPINS_BEFORE_YIELD = 20_000;

    private final NetworkState state;
    private final StepHooks hooks;
    private final StepListener.StateView view;
    private final int[] merged;
    private final int[][] partSpikes;
    private final int[][] partPopEnd;
    private final int[] ownSpikes;
    private final int[] ownPopEnd;
    private final Disruptor<SpikeEvent> disruptor;
    private final RingBuffer<SpikeEvent> ring;
    private final PartitionWorker[] workers;
    private final ListenerHandler listener;
    private final boolean canLag;
    private final int lookahead;
    private volatile Throwable failure;
    private volatile long gate = Long.MAX_VALUE / 2;
    private volatile long runEnd;
    private boolean closed;

    /**
     * @param state state partitioned into as many partitions as threads.
     * @param hooks listeners and timer (spike listeners must be registered before construction).
     * @param view  state view for step listeners.
     */
    public DisruptorEngine(final NetworkState state, final StepHooks hooks, final StepListener.StateView view) {
        this.state = state;
        this.hooks = hooks;
        this.view = view;
        final int parts = state.partitions();
        final int neurons = state.network().neuronCount();
        final int pops = state.network().populations().size();
        this.merged = new int[neurons];
        this.ownSpikes = new int[state.partitionNeurons(0)];
        this.ownPopEnd = new int[pops];
        this.partSpikes = new int[parts][];
        this.partPopEnd = new int[parts][];
        this.canLag = state.canLagInput();
        this.lookahead = Math.max(1, Math.min(state.minDelaySteps(), MAX_LOOKAHEAD));
        final AtomicInteger threadNo = new AtomicInteger(1);
        final ThreadFactory tf = r -> {
            final Thread t = new Thread(r, "spikering-partition-" + threadNo.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        this.disruptor = new Disruptor<>(SpikeEvent::new, RING_SIZE, tf, ProducerType.SINGLE,
                new SpinThenYieldWaitStrategy(SPINS_BEFORE_YIELD));
        this.workers = new PartitionWorker[parts - 1];
        for (int q = 1; q < parts; q++) {
            workers[q - 1] = new PartitionWorker(state, q, this, lookahead, state.partitionNeurons(q), pops);
        }
        if (workers.length > 0) {
            disruptor.handleEventsWith(workers);
        }
        if (!hooks.spikeListeners.isEmpty()) {
            listener = new ListenerHandler(new ArrayList<>(hooks.spikeListeners), neurons);
            disruptor.handleEventsWith(listener);
        } else {
            listener = null;
        }
        disruptor.setDefaultExceptionHandler(new ExceptionHandler<>() {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final SpikeEvent event) {
                failure = ex;
            }

            @Override
            public void handleOnStartException(final Throwable ex) {
                failure = ex;
            }

            @Override
            public void handleOnShutdownException(final Throwable ex) {
                failure = ex;
            }
        });
        this.ring = disruptor.start();
    }

    long gate() {
        return gate;
    }

    long runEnd() {
        return runEnd;
    }

    @Override
    public void run(final long from, final long to) {
        if (from >= to) {
            return;
        }
        final List<StepListener> stl = hooks.stepListeners;
        final boolean gated = !stl.isEmpty();
        final boolean publishing = workers.length > 0 || listener != null;
        // lagged steps let workers run one step further ahead; step listeners read synaptic state, which
        // lags a step behind in a lagged run, so they get standard steps
        final boolean lagged = canLag && workers.length > 0 && !gated;
        gate = gated ? from - 1 : Long.MAX_VALUE / 2;
        runEnd = to;
        if (workers.length > 0) {
            publishMarker(lagged ? SpikeEvent.START_LAGGED : SpikeEvent.START, from);
        }
        partSpikes[0] = ownSpikes;
        partPopEnd[0] = ownPopEnd;
        for (long t = from; t < to; t++) {
            final long t0 = System.nanoTime();
            if (lagged) {
                state.updatePartitionLagged(0, t, t == from, ownSpikes, ownPopEnd);
            } else {
                state.updatePartition(0, t, ownSpikes, ownPopEnd);
            }
            for (int w = 0; w < workers.length; w++) {
                final PartitionWorker pw = workers[w];
                int spins = 0;
                while (pw.updatedStep.get() < t) {
                    spins = idle(spins);
                }
                partSpikes[w + 1] = pw.spikes(t);
                partPopEnd[w + 1] = pw.popEnd(t);
            }
            final int n = state.merge(partSpikes, partPopEnd, merged);
            state.completeStep(t);
            for (int k = 0; k < stl.size(); k++) {
                stl.get(k).onStepEnd(t, view);
            }
            if (gated) {
                gate = t;
            }
            if (publishing) {
                publish(t, n);
            }
            for (int s = 0; s < n; s++) {
                state.deliver(0, t, merged[s]);
            }
            hooks.timer.record(System.nanoTime() - t0);
        }
        awaitDelivered(to - 1);
        if (lagged) {
            // every partition thread is idle now (it delivered step to − 1 after its last update)
            for (int q = 0; q < state.partitions(); q++) {
                state.closeLaggedRun(q, to - 1);
            }
        }
        awaitListeners(to - 1);
    }

    private void publishMarker(final int kind, final long step) {
        final long s = ring.next();
        final SpikeEvent e = ring.get(s);
        e.kind = kind;
        e.step = step;
        e.neuron = -1;
        ring.publish(s);
    }

    private void publish(final long t, final int n) {
        int done = 0;
        while (done <= n) {
            final int chunk = Math.min(n + 1 - done, RING_SIZE / 4);
            final long hi = ring.next(chunk);
            final long lo = hi - chunk + 1;
            for (long s = lo; s <= hi; s++) {
                final SpikeEvent e = ring.get(s);
                e.step = t;
                if (done < n) {
                    e.kind = SpikeEvent.SPIKE;
                    e.neuron = merged[done];
                } else {
                    e.kind = SpikeEvent.END_OF_STEP;
                    e.neuron = -1;
                }
                done++;
            }
            ring.publish(lo, hi);
        }
    }

    private void awaitDelivered(final long step) {
        for (PartitionWorker w : workers) {
            int spins = 0;
            while (w.completedStep.get() < step) {
                spins = idle(spins);
            }
        }
    }

    private void awaitListeners(final long step) {
        if (listener == null) {
            return;
        }
        int spins = 0;
        while (listener.completedStep < step) {
            spins = idle(spins);
        }
    }

    private int idle(final int spins) {
        if (failure != null) {
            throw new IllegalStateException("partition thread failed: " + failure, failure);
        }
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }

    @Override
    public int threads() {
        return 1 + workers.length + (listener == null ? 0 : 1);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            disruptor.shutdown();
        }
    }
}
