package org.spikering.sim.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import org.spikering.sim.kernel.NetworkState;

/**
 * Owner of one partition q ≥ 1 of the target neurons, on its own thread: it consumes every spike from
 * the ring and delivers it into partition q's timing wheel only, and it updates partition q's neurons.
 *
 * <p>After delivering all spikes of step s (the end-of-step marker), every input that can arrive at
 * steps up to s + D is in the wheel (D = minimum delay), so the worker updates its neurons for the
 * steps up to min(s + L, gate + 1, run end − 1), where L = D (L = D + 1 in a run of lagged steps, whose
 * step t reads the input of step t − 1) and gate is the last step whose step listeners the
 * coordinator has run (they read neuron state). Each step's spikes go to a buffer in a small ring;
 * {@link #updatedStep} tells the coordinator they are ready.
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
    private long runStart;
    private boolean lagged;
    private int runLookahead;
    /**
     * Last step whose spikes this worker has fully delivered; a padded Disruptor {@link Sequence}, so the
     * coordinator spinning on it does not share a cache line with the worker's other fields.
     */
    final Sequence completedStep = new Sequence(-1);
    /** Last step this worker has updated its neurons for (padded, as {@link #completedStep}). */
    final Sequence updatedStep = new Sequence(-1);

    PartitionWorker(final NetworkState state, final int partition, final DisruptorEngine engine,
                    final int lookahead, final int partitionSize, final int populations) {
        this.state = state;
        this.partition = partition;
        this.engine = engine;
        this.lookahead = lookahead;
        final int buffers = Integer.highestOneBit(lookahead + 1) << 1; // room for lagged runs' D + 1
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
                completedStep.set(e.step);
                advance(e.step);
                break;
            default: // START or START_LAGGED
                lagged = e.kind == SpikeEvent.START_LAGGED;
                runLookahead = lagged ? lookahead + 1 : lookahead;
                runStart = e.step;
                nextUpdate = e.step;
                advance(e.step - 1);
                break;
        }
    }

    private void advance(final long delivered) {
        final long limit = Math.min(Math.min(delivered + runLookahead, engine.gate() + 1), engine.runEnd() - 1);
        while (nextUpdate <= limit) {
            final int b = (int) (nextUpdate & bufferMask);
            count[b] = lagged
                    ? state.updatePartitionLagged(partition, nextUpdate, nextUpdate == runStart, spikes[b], popEnd[b])
                    : state.updatePartition(partition, nextUpdate, spikes[b], popEnd[b]);
            updatedStep.set(nextUpdate);
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
