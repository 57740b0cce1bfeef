package org.spikering.sim.engine;

import com.lmax.disruptor.Sequence;

/**
 * Owner of partition q ≥ 1: a thread that waits on the ring for the start of a run, runs the run's
 * steps of its partition with a {@link PartitionStepper} (in a run with step listeners, step t only
 * after the listeners of step t − 1 have run: they read neuron state), delivers the run's last steps,
 * and reports the run done.
 */
final class PartitionThread implements Runnable {

    private final DisruptorEngine engine;
    private final StepAssembler assembler;
    private final PartitionStepper stepper;
    private final Backoff backoff;
    private final int lookahead;
    /** Last step of the last run this partition has finished (padded: the caller spins on it). */
    final Sequence done = new Sequence(Long.MIN_VALUE);

    /**
     * @param engine    the engine (gate, failure).
     * @param assembler this thread's consumer of the ring.
     * @param stepper   partition q's steps.
     * @param backoff   this thread's way of waiting.
     * @param lookahead L of standard runs (D, capped); lagged runs use L + 1.
     */
    PartitionThread(final DisruptorEngine engine, final StepAssembler assembler, final PartitionStepper stepper,
                    final Backoff backoff, final int lookahead) {
        this.engine = engine;
        this.assembler = assembler;
        this.stepper = stepper;
        this.backoff = backoff;
        this.lookahead = lookahead;
    }

    @Override
    public void run() {
        try {
            long runs = 0;
            while (true) {
                if (!assembler.awaitNextRun(runs, backoff)) {
                    return; // stopped
                }
                runs = assembler.runsSeen;
                final long from = assembler.runFrom;
                final long to = assembler.runUntil;
                final boolean lagged = (assembler.runFlags & SpikeEvent.LAGGED) != 0;
                final boolean gated = (assembler.runFlags & SpikeEvent.GATED) != 0;
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
        } catch (EngineStoppedException stopped) {
            // another thread failed; the caller reports it
        } catch (Throwable ex) {
            engine.fail(ex);
        }
    }
}
