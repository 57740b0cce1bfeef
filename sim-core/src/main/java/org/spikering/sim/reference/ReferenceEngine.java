package org.spikering.sim.reference;

import java.util.List;
import org.spikering.sim.kernel.NetworkState;
import org.spikering.sim.kernel.StepHooks;
import org.spikering.sim.kernel.StepRunner;
import org.spikering.sim.spi.SpikeListener;
import org.spikering.sim.spi.StepListener;

/**
 * The reference path: every phase of every step in the calling thread, no Disruptor. The
 * Disruptor engine must produce exactly what this produces. Not thread-safe.
 */
public final class ReferenceEngine implements StepRunner {

    private final NetworkState state;
    private final StepHooks hooks;
    private final StepListener.StateView view;
    private final int[] spikes;

    /**
     * @param state state with one partition.
     * @param hooks listeners and timer.
     * @param view  state view handed to step listeners.
     */
    public ReferenceEngine(final NetworkState state, final StepHooks hooks, final StepListener.StateView view) {
        if (state.partitions() != 1) {
            throw new IllegalArgumentException("reference engine: partitions = " + state.partitions() + ": must be 1");
        }
        this.state = state;
        this.hooks = hooks;
        this.view = view;
        this.spikes = new int[state.network().neuronCount()];
    }

    @Override
    public void run(final long from, final long to) {
        final List<SpikeListener> sl = hooks.spikeListeners;
        final List<StepListener> stl = hooks.stepListeners;
        for (long t = from; t < to; t++) {
            final long t0 = System.nanoTime();
            final int n = state.update(t, spikes);
            for (int s = 0; s < n; s++) {
                state.deliver(0, t, spikes[s]);
            }
            for (int k = 0; k < stl.size(); k++) {
                stl.get(k).onStepEnd(t, view);
            }
            for (int k = 0; k < sl.size(); k++) {
                sl.get(k).onSpikes(t, spikes, n);
            }
            hooks.timer.record(System.nanoTime() - t0);
        }
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void close() {
        // no threads
    }
}
