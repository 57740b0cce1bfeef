package org.spikering.sim.engine;

import com.lmax.disruptor.Sequence;
import java.util.List;
import org.spikering.sim.spi.SpikeListener;

/**
 * The consumer that feeds {@link SpikeListener}s (recorders) on a thread of its own, in parallel with
 * the partitions: for each step of a run, in order, it waits until every partition's spikes of the
 * step are in and hands them over as ascending global ids.
 */
final class ListenerThread extends EngineThread {

    private final List<SpikeListener> listeners;
    /** Last step handed to the listeners (padded: the caller spins on it). */
    final Sequence completed = new Sequence(Long.MIN_VALUE);

    ListenerThread(final DisruptorEngine engine, final StepAssembler assembler, final List<SpikeListener> listeners,
                   final Backoff backoff) {
        super(engine, assembler, backoff);
        this.listeners = listeners;
    }

    @Override
    void runSteps(final long from, final long to, final int flags) {
        for (long s = from; s < to; s++) {
            assembler.awaitComplete(s, backoff);
            final int n = assembler.take(s);
            for (int k = 0; k < listeners.size(); k++) {
                listeners.get(k).onSpikes(s, assembler.merged(), n);
            }
            completed.set(s);
        }
    }
}
