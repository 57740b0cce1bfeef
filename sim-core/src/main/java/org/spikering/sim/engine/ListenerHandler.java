package org.spikering.sim.engine;

import com.lmax.disruptor.EventHandler;
import java.util.List;
import org.spikering.sim.spi.SpikeListener;

/**
 * Consumes every spike, collects those of a step in a reused array and hands them to the
 * {@link SpikeListener}s at the end-of-step marker. Runs on its own thread, in parallel with delivery.
 */
final class ListenerHandler implements EventHandler<SpikeEvent> {

    private final List<SpikeListener> listeners;
    private final int[] buffer;
    private int count;
    volatile long completedStep = -1;

    ListenerHandler(final List<SpikeListener> listeners, final int neurons) {
        this.listeners = listeners;
        this.buffer = new int[neurons];
    }

    @Override
    public void onEvent(final SpikeEvent e, final long sequence, final boolean endOfBatch) {
        if (e.kind == SpikeEvent.SPIKE) {
            buffer[count++] = e.neuron;
        } else if (e.kind == SpikeEvent.END_OF_STEP) {
            for (int k = 0; k < listeners.size(); k++) {
                listeners.get(k).onSpikes(e.step, buffer, count);
            }
            count = 0;
            completedStep = e.step;
        }
    }
}
