package org.spikering.sim.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import java.util.Arrays;

/**
 * One consumer of the partitions' rings (a partition thread or the listener thread): polls them on its
 * owner's thread and reassembles each step's spikes from the partitions' batches.
 *
 * <p>Every partition publishes its spikes of a step followed by an end-of-step marker on its own
 * single-producer ring; the other partitions' rings run ahead or behind it. The assembler files spikes by
 * (step mod W, partition), W a power of two larger than the number of steps that can be in flight
 * at once (partitions run at most L steps apart, L = lookahead ≤ 17), and a step is
 * {@linkplain #complete complete} once every partition's marker for it has been seen.
 * {@link #take} then returns the step's spikes as ascending global ids, the order in which the
 * single-threaded reference engine delivers them, so every target sums its inputs in the same order.
 *
 * <p>A consumer may fall further behind than that (the listener thread does: partitions never wait for
 * it). An entry for a step W or more ahead of the oldest step not yet taken would overwrite a slot
 * still in use, so the assembler holds that one entry back and stops consuming until enough steps are
 * taken; the ring then makes the producers wait once it is full.
 */
final class StepAssembler implements EventPoller.Handler<SpikeEvent> {

    /** [partition]: poller of that partition's ring; null for the owner's own ring. */
    private final EventPoller<SpikeEvent>[] pollers;
    private final int partitions;
    private final int mask;
    /** [slot][partition]: spikes filed for the step in that slot. */
    private final int[][][] ids;
    private final int[][] count;
    /** [slot][partition]: last step whose end-of-step marker was seen. */
    private final long[][] ended;
    private final int window;
    private int[] merged = new int[64];
    /** Oldest step not yet taken. */
    private long base = Long.MIN_VALUE / 2;
    /** [partition]: an entry of that ring too far ahead, held back (see the class comment). */
    private final boolean[] held;
    private final SpikeEvent[] heldEvent;
    private int polling;

    /** Runs started so far (START markers seen), and the last one's bounds and flags. */
    long runsSeen;
    long runFrom;
    long runUntil;
    int runFlags;
    boolean stopSeen;

    /**
     * @param rings        every partition's ring (index = partition); this assembler's sequences become
     *                     gating sequences of all but its owner's.
     * @param owner        the partition that owns this assembler (it {@linkplain #fileOwn files} its own
     *                     spikes directly), or −1 for a consumer that publishes nothing.
     * @param maxLookahead largest number of steps partitions can run apart.
     */
    @SuppressWarnings("unchecked")
    StepAssembler(final RingBuffer<SpikeEvent>[] rings, final int owner, final int maxLookahead) {
        this.partitions = rings.length;
        this.pollers = new EventPoller[partitions];
        for (int r = 0; r < partitions; r++) {
            if (r != owner) {
                pollers[r] = rings[r].newPoller();
                rings[r].addGatingSequences(pollers[r].getSequence());
            }
        }
        this.window = Integer.highestOneBit(2 * maxLookahead + 2) << 1;
        this.mask = window - 1;
        this.ids = new int[window][partitions][16];
        this.count = new int[window][partitions];
        this.ended = new long[window][partitions];
        for (long[] e : ended) {
            Arrays.fill(e, Long.MIN_VALUE);
        }
        this.held = new boolean[partitions];
        this.heldEvent = new SpikeEvent[partitions];
        for (int r = 0; r < partitions; r++) {
            heldEvent[r] = new SpikeEvent();
        }
    }

    @Override
    public boolean onEvent(final SpikeEvent e, final long sequence, final boolean endOfBatch) {
        if (e.kind <= SpikeEvent.END_OF_STEP && e.step >= base + window) {
            final SpikeEvent h = heldEvent[polling];
            h.kind = e.kind;
            h.step = e.step;
            h.neuron = e.neuron;
            h.partition = e.partition;
            held[polling] = true;
            return false;
        }
        file(e);
        return true;
    }

    private void file(final SpikeEvent e) {
        switch (e.kind) {
            case SpikeEvent.SPIKE: {
                final int slot = (int) (e.step & mask);
                final int r = e.partition;
                int[] list = ids[slot][r];
                final int c = count[slot][r];
                if (c == list.length) {
                    list = Arrays.copyOf(list, 2 * c);
                    ids[slot][r] = list;
                }
                list[c] = e.neuron;
                count[slot][r] = c + 1;
                break;
            }
            case SpikeEvent.END_OF_STEP:
                ended[(int) (e.step & mask)][e.partition] = e.step;
                break;
            case SpikeEvent.START:
                base = e.step;
                runFrom = e.step;
                runUntil = e.until;
                runFlags = e.neuron;
                runsSeen++;
                break;
            default: // STOP
                stopSeen = true;
                break;
        }
    }

    /**
     * Processes every entry published so far.
     *
     * @return whether there was any.
     */
    boolean poll() {
        boolean any = false;
        for (int r = 0; r < partitions; r++) {
            if (pollers[r] == null) {
                continue;
            }
            if (held[r]) {
                if (heldEvent[r].step >= base + window) {
                    continue;
                }
                held[r] = false;
                file(heldEvent[r]);
                any = true;
            }
            polling = r;
            try {
                any |= pollers[r].poll(this) == EventPoller.PollState.PROCESSING;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return any;
    }

    /**
     * Polls until the start marker of run number {@code runs + 1} or the stop marker arrives.
     *
     * @param runs    runs started so far from the caller's point of view.
     * @param backoff the caller's way of waiting.
     * @return whether a new run started (false: the engine stops).
     */
    boolean awaitNextRun(final long runs, final Backoff backoff) {
        backoff.reset();
        while (runsSeen == runs && !stopSeen) {
            if (!poll()) {
                backoff.idle();
            }
        }
        return runsSeen != runs;
    }

    /**
     * Polls until every partition's spikes of step s have been seen.
     *
     * @param s       step.
     * @param backoff the caller's way of waiting.
     */
    void awaitComplete(final long s, final Backoff backoff) {
        backoff.reset();
        while (!complete(s)) {
            if (!poll()) {
                backoff.idle();
            }
        }
    }

    /**
     * A run starts at {@code from}: every earlier step has been taken. (Consumers of partition 0's ring
     * learn this from its start marker; partition 0's own assembler is told.)
     *
     * @param from the run's first step.
     */
    void startRun(final long from) {
        base = from;
    }

    /**
     * Files the owner's own spikes of a step, and its end of step, without a trip through the ring.
     *
     * @param step   the step.
     * @param spikes the owner partition's spikes, ascending.
     * @param n      how many.
     * @param owner  the owner partition.
     */
    void fileOwn(final long step, final int[] spikes, final int n, final int owner) {
        final int slot = (int) (step & mask);
        int[] list = ids[slot][owner];
        if (list.length < n) {
            list = Arrays.copyOf(list, Math.max(n, 2 * list.length));
            ids[slot][owner] = list;
        }
        System.arraycopy(spikes, 0, list, 0, n);
        count[slot][owner] = n;
        ended[slot][owner] = step;
    }

    /**
     * @param step a step.
     * @return whether every partition's spikes of that step have been seen.
     */
    boolean complete(final long step) {
        final long[] e = ended[(int) (step & mask)];
        for (int r = 0; r < partitions; r++) {
            if (e[r] != step) {
                return false;
            }
        }
        return true;
    }

    /**
     * Collects a {@linkplain #complete complete} step's spikes into {@link #merged()} as ascending global
     * ids and frees its slot.
     *
     * @param step the step.
     * @return the number of spikes.
     */
    int take(final long step) {
        final int slot = (int) (step & mask);
        int n = 0;
        for (int r = 0; r < partitions; r++) {
            n += count[slot][r];
        }
        if (merged.length < n) {
            merged = new int[Math.max(n, 2 * merged.length)];
        }
        n = 0;
        for (int r = 0; r < partitions; r++) {
            final int c = count[slot][r];
            System.arraycopy(ids[slot][r], 0, merged, n, c);
            n += c;
            count[slot][r] = 0;
        }
        if (partitions > 1) {
            Arrays.sort(merged, 0, n);
        }
        base = Math.max(base, step + 1);
        return n;
    }

    /** @return the spikes of the last {@link #take}n step, in [0, n). */
    int[] merged() {
        return merged;
    }
}
