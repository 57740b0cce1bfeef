package org.spikering.sim.engine;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
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
 * The spike pipeline on an LMAX Disruptor ring (see the package overview of {@code org.spikering.sim}).
 * The calling thread is the coordinator and single producer: it updates the neurons of step t,
 * publishes their spikes in ascending id order and an end-of-step marker. One {@link DeliveryHandler}
 * per partition consumes every spike and writes only into its partition's targets; a
 * {@link ListenerHandler} feeds spike listeners. Before updating step t the coordinator waits until
 * every delivery handler has completed step t − D (D = minimum delay), so updates of up to D − 1
 * steps overlap with delivery. Call {@link #run} from one thread at a time.
 */
public final class DisruptorEngine implements StepRunner {

    private static final int RING_SIZE = 1 << 16;

    private final NetworkState state;
    private final StepHooks hooks;
    private final StepListener.StateView view;
    private final int[] spikes;
    private final Disruptor<SpikeEvent> disruptor;
    private final RingBuffer<SpikeEvent> ring;
    private final DeliveryHandler[] delivery;
    private final ListenerHandler listener;
    private volatile Throwable failure;
    private boolean closed;

    /**
     * @param state state partitioned into as many partitions as delivery threads.
     * @param hooks listeners and timer (spike listeners must be registered before construction).
     * @param view  state view for step listeners.
     */
    public DisruptorEngine(final NetworkState state, final StepHooks hooks, final StepListener.StateView view) {
        this.state = state;
        this.hooks = hooks;
        this.view = view;
        this.spikes = new int[state.network().neuronCount()];
        final AtomicInteger threadNo = new AtomicInteger();
        final ThreadFactory tf = r -> {
            final Thread t = new Thread(r, "spikering-delivery-" + threadNo.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        this.disruptor = new Disruptor<>(SpikeEvent::new, RING_SIZE, tf, ProducerType.SINGLE, new YieldingWaitStrategy());
        this.delivery = new DeliveryHandler[state.partitions()];
        for (int q = 0; q < delivery.length; q++) {
            delivery[q] = new DeliveryHandler(state, q);
        }
        disruptor.handleEventsWith(delivery);
        if (!hooks.spikeListeners.isEmpty()) {
            listener = new ListenerHandler(new ArrayList<>(hooks.spikeListeners), state.network().neuronCount());
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

    @Override
    public void run(final long from, final long to) {
        final int lag = state.minDelaySteps();
        final List<StepListener> stl = hooks.stepListeners;
        for (long t = from; t < to; t++) {
            final long t0 = System.nanoTime();
            awaitDelivered(t - lag);
            final int n = state.update(t, spikes);
            for (int k = 0; k < stl.size(); k++) {
                stl.get(k).onStepEnd(t, view);
            }
            publish(t, n);
            hooks.timer.record(System.nanoTime() - t0);
        }
        awaitDelivered(to - 1);
        awaitListeners(to - 1);
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
                    e.neuron = spikes[done];
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
        if (step < 0) {
            return;
        }
        for (DeliveryHandler h : delivery) {
            int spins = 0;
            while (h.completedStep < step) {
                spins = idle(spins);
            }
        }
    }

    private void awaitListeners(final long step) {
        if (listener == null || step < 0) {
            return;
        }
        int spins = 0;
        while (listener.completedStep < step) {
            spins = idle(spins);
        }
    }

    private int idle(final int spins) {
        if (failure != null) {
            throw new IllegalStateException("delivery thread failed: " + failure, failure);
        }
        if (spins < 100) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }

    @Override
    public int threads() {
        return 1 + delivery.length + (listener == null ? 0 : 1);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            disruptor.shutdown();
        }
    }
}
