package org.spikering.sim.engine;

import com.lmax.disruptor.EventHandler;
import org.spikering.sim.kernel.NetworkState;

/**
 * Owner of one partition q ≥ 1 of the target neurons, on its own thread: it consumes every spike from
 * the ring and delivers it into partition q's timing wheel only, and it updates partition q's neurons.
 *
 * <p>After delivering all spikes of step s (the end-of-step marker), every input that can arrive at
 * steps up to s + D is in the wheel (D = minimum delay), so the worker updates its neurons for the
 * steps up to min(s + D, gate + 1, run end − 1), where gate is the last step whose step listeners the
 * coordinator has run (they read neuron state). Each step's spikes go to a buffer in a small ring;
 * {@link #updatedStep} (volatile) tells the coordinator they are ready.
 */
final class PartitionWorker implements EventHandler<SpikeEvent> {

    private final NetworkState state;
    private final int partition;
    private final DisruptorEngine engine;
    private final int lookahead;
    private final int bufferMask;
    private final int[][] spikes;
    private final int[][] popEnd;
    private final int[] count;
    private long nextUpdate;
    /** Last step whose spikes this worker has fully delivered. */
    volatile long completedStep = -1;
    /** Last step this worker has updated its neurons for. */
    volatile long updatedStep = -1;

    PartitionWorker(final NetworkState state, final int partition, final DisruptorEngine engine,
                    final int lookahead, final int partitionSize, final int populations) {
        this.state = state;
        this.partition = partition;
        this.engine = engine;
        this.lookahead = lookahead;
        final int buffers = Integer.highestOneBit(lookahead) << 1;
        this.bufferMask = buffers - 1;
        this.spikes = new int[buffers][partitionSize];
        this.popEnd = new int[buffers][populations];
        this.count = new int[buffers];
    }

    @Override
    public void onEvent(final SpikeEvent e, final long sequence, final boolean endOfBatch) {
        switch (e.kind) {
            case SpikeEvent.SPIKE:
                state.deliver(partition, e.step, e.neuron);
                break;
            case SpikeEvent.END_OF_STEP:
                completedStep = e.step;
                advance(e.step);
                break;
            default: // START
                nextUpdate = e.step;
                advance(e.step - 1);
                break;
        }
    }

    private void advance(final long delivered) {
        final long limit = Math.min(Math.min(delivered + lookahead, engine.gate() + 1), engine.runEnd() - 1);
        while (nextUpdate <= limit) {
            final int b = (int) (nextUpdate & bufferMask);
            count[b] = state.updatePartition(partition, nextUpdate, spikes[b], popEnd[b]);
            updatedStep = nextUpdate;
            nextUpdate++;
        }
    }

    int[] spikes(final long step) {
        return spikes[(int) (step & bufferMask)];
    }

    int[] popEnd(final long step) {
        return popEnd[(int) (step & bufferMask)];
    }
}
