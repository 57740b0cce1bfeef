package org.spikering.sim.engine;

import com.lmax.disruptor.Sequence;

/**
 * Owner of partition q ≥ 1: runs each run's steps of its partition with a {@link PartitionStepper} (in
 * a run with step listeners, step t only after the listeners of step t − 1 have run: they read neuron
 * state), delivers the run's last steps, and reports the run done.
 */
final class PartitionThread extends EngineThread {

    private final PartitionStepper stepper;
    private final int lookahead;
    /** Last step of the last run this partition has finished (padded: the caller spins on it). */
    final Sequence done = new Sequence(Long.MIN_VALUE);

    /**
     * @param engine    the engine (gate, failure).
     * @param assembler this thread's consumer of the rings.
     * @param stepper   partition q's steps.
     * @param backoff   this thread's way of waiting.
     * @param lookahead L of standard runs (D, capped); lagged runs use L + 1.
     */
    PartitionThread(final DisruptorEngine engine, final StepAssembler assembler, final PartitionStepper stepper,
                    final Backoff backoff, final int lookahead) {
        super(engine, assembler, backoff);
        this.stepper = stepper;
        this.lookahead = lookahead;
    }

    @Override
    void runSteps(final long from, final long to, final int flags) {
        final boolean lagged = (flags & SpikeEvent.LAGGED) != 0;
        final boolean gated = (flags & SpikeEvent.GATED) != 0;
        final int l = lagged ? lookahead + 1 : lookahead;
        for (long t = from; t < to; t++) {
            if (gated) {
                backoff.reset();
                while (engine.gate() < t - 1) {
                    backoff.idle();
                }
            }
            stepper.step(t, from, l, lagged);
        }
        stepper.finish(from, to, l);
        done.set(to - 1);
    }
}
