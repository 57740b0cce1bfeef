package org.spikering.sim.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.ArrayList;
import java.util.List;
import org.spikering.sim.kernel.NetworkState;
import org.spikering.sim.kernel.StepHooks;
import org.spikering.sim.kernel.StepRunner;
import org.spikering.sim.spi.StepListener;

/**
 * The spike pipeline on an LMAX Disruptor ring (see the package overview of {@code org.spikering.sim}),
 * with the neurons split into P partitions, each owned by one thread that updates its neurons and
 * delivers every spike into its own targets only ("owner computes").
 *
 * <p>Every partition thread is the single producer of its own ring and a consumer of all the others'
 * (through Disruptor {@code EventPoller}s, on its own thread): at step t it delivers all partitions'
 * spikes of step t − L (reassembled by its {@link StepAssembler} into ascending global ids), updates its
 * neurons and publishes their spikes. Start-of-run and stop markers travel on partition 0's ring.
 * L, the lookahead, is the minimum delay D (capped at {@value #MAX_LOOKAHEAD}), or D + 1 in runs of
 * lagged steps (all populations current-based, no step listeners), so a partition waits only for
 * partitions more than L − 1 steps behind it; no thread merges or forwards the others' spikes, and the
 * only exchange per step is each ring's cursor and entries. The calling thread owns partition 0 and
 * runs step listeners; a {@link ListenerThread} feeds spike listeners.
 *
 * <p>Every target receives its inputs in the same order as in the single-threaded reference, so results
 * are bit-identical for any P. Call {@link #run} from one thread at a time.
 */
public final class DisruptorEngine implements StepRunner {

    private static final int RING_SIZE = 1 << 12;
    private static final int MAX_LOOKAHEAD = 16;

    private final NetworkState state;
    private final StepHooks hooks;
    private final StepListener.StateView view;
    /** Partition 0's ring (it also carries the start and stop markers); null without consumers. */
    private final RingBuffer<SpikeEvent> ring;
    private final StepAssembler assembler;
    private final PartitionStepper stepper;
    private final Backoff backoff;
    private final PartitionThread[] workers;
    private final ListenerThread listener;
    private final boolean canLag;
    private final int lookahead;
    /** Last step whose step listeners have run, in runs with step listeners. */
    private final Sequence gate = new Sequence(Long.MIN_VALUE);
    private volatile Throwable failure;
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
        this.canLag = state.canLagInput();
        this.lookahead = Math.max(1, Math.min(state.minDelaySteps(), MAX_LOOKAHEAD));
        final boolean spikeListeners = !hooks.spikeListeners.isEmpty();
        // [partition]: its ring, with the partition's thread as single producer
        final RingBuffer<SpikeEvent>[] rings = newRings(parts > 1 || spikeListeners ? parts : 0);
        this.ring = rings.length > 0 ? rings[0] : null;
        this.backoff = new Backoff(this, true);
        this.assembler = parts > 1 ? new StepAssembler(rings, 0, lookahead + 1) : null;
        this.stepper = new PartitionStepper(state, 0, ring, assembler, backoff);
        this.workers = new PartitionThread[parts - 1];
        final List<Thread> threads = new ArrayList<>();
        for (int q = 1; q < parts; q++) {
            final StepAssembler a = new StepAssembler(rings, q, lookahead + 1);
            final Backoff b = new Backoff(this, false);
            workers[q - 1] = new PartitionThread(this, a, new PartitionStepper(state, q, rings[q], a, b), b, lookahead);
            threads.add(new Thread(workers[q - 1], "spikering-partition-" + q));
        }
        if (spikeListeners) {
            listener = new ListenerThread(this, new StepAssembler(rings, -1, lookahead + 1),
                    new ArrayList<>(hooks.spikeListeners), new Backoff(this, false));
            threads.add(new Thread(listener, "spikering-spike-listeners"));
        } else {
            listener = null;
        }
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    @SuppressWarnings("unchecked")
    private static RingBuffer<SpikeEvent>[] newRings(final int n) {
        final RingBuffer<SpikeEvent>[] r = new RingBuffer[n];
        for (int q = 0; q < n; q++) {
            // the wait strategy serves sequence barriers only; the pollers here wait with a Backoff
            r[q] = RingBuffer.createSingleProducer(SpikeEvent::new, RING_SIZE, new YieldingWaitStrategy());
        }
        return r;
    }

    long gate() {
        return gate.get();
    }

    void fail(final Throwable ex) {
        if (failure == null) {
            failure = ex;
        }
    }

    void checkFailure(final boolean callerThread) {
        final Throwable f = failure;
        if (f != null) {
            if (callerThread) {
                throw new IllegalStateException("engine thread failed: " + f, f);
            }
            throw new EngineStoppedException();
        }
    }

    @Override
    public void run(final long from, final long to) {
        if (from >= to) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        final List<StepListener> stl = hooks.stepListeners;
        final boolean gated = !stl.isEmpty();
        // lagged steps let partitions run one step further apart; step listeners read synaptic state,
        // which lags a step behind during a lagged run, so runs with step listeners use standard steps
        final boolean lagged = canLag && workers.length > 0 && !gated;
        final int l = lagged ? lookahead + 1 : lookahead;
        gate.set(from - 1);
        if (ring != null) {
            publishStart(from, to, (lagged ? SpikeEvent.LAGGED : 0) | (gated ? SpikeEvent.GATED : 0));
        }
        for (long t = from; t < to; t++) {
            final long t0 = System.nanoTime();
            stepper.step(t, from, l, lagged);
            if (gated) {
                if (assembler != null) {
                    stepper.awaitComplete(t); // every partition has updated step t
                }
                state.completeStep(t);
                for (int k = 0; k < stl.size(); k++) {
                    stl.get(k).onStepEnd(t, view);
                }
                gate.set(t);
            }
            hooks.timer.record(System.nanoTime() - t0);
        }
        stepper.finish(from, to, l);
        for (PartitionThread w : workers) {
            awaitAtLeast(w.done, to - 1);
        }
        if (lagged) {
            // every partition thread is idle now: it delivered step to − 1 after its last update
            for (int q = 0; q < state.partitions(); q++) {
                state.closeLaggedRun(q, to - 1);
            }
        }
        state.completeStep(to - 1);
        if (listener != null) {
            awaitAtLeast(listener.completed, to - 1);
        }
    }

    private void awaitAtLeast(final Sequence s, final long value) {
        backoff.reset();
        while (s.get() < value) {
            backoff.idle();
        }
    }

    private void publishStart(final long from, final long to, final int flags) {
        final long s = ring.next();
        final SpikeEvent e = ring.get(s);
        e.kind = SpikeEvent.START;
        e.step = from;
        e.until = to;
        e.neuron = flags;
        e.partition = -1;
        ring.publish(s);
    }

    @Override
    public int threads() {
        return 1 + workers.length + (listener == null ? 0 : 1);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (ring != null) {
                try {
                    final long s = ring.tryNext();
                    final SpikeEvent e = ring.get(s);
                    e.kind = SpikeEvent.STOP;
                    e.partition = -1;
                    ring.publish(s);
                } catch (InsufficientCapacityException full) {
                    fail(new IllegalStateException("engine closed while its ring was full"));
                }
            }
        }
    }
}
