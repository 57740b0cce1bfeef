package org.spikering.sim.engine;

import com.lmax.disruptor.EventHandler;
import org.spikering.sim.kernel.NetworkState;

/**
 * Consumes every spike and delivers it into the targets of one partition only. Runs on its own
 * thread; publishes the last step whose spikes it has fully delivered in {@link #completedStep}
 * (volatile write: the coordinator's volatile read of it orders the wheel writes before the
 * coordinator's reads of the same slot).
 */
final class DeliveryHandler implements EventHandler<SpikeEvent> {

    private final NetworkState state;
    private final int partition;
    volatile long completedStep = -1;

    DeliveryHandler(final NetworkState state, final int partition) {
        this.state = state;
        this.partition = partition;
    }

    @Override
    public void onEvent(final SpikeEvent e, final long sequence, final boolean endOfBatch) {
        if (e.kind == SpikeEvent.SPIKE) {
            state.deliver(partition, e.step, e.neuron);
        } else {
            completedStep = e.step;
        }
    }
}
