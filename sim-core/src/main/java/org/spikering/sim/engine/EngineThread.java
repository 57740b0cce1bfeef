package org.spikering.sim.engine;

/**
 * An engine thread other than the caller's: waits on the ring for the start of each run, runs it, and
 * ends at the stop marker. A failure is handed to the engine, which rethrows it on the caller's thread;
 * a failure elsewhere ends this thread quietly.
 */
abstract class EngineThread implements Runnable {

    final DisruptorEngine engine;
    final StepAssembler assembler;
    final Backoff backoff;

    EngineThread(final DisruptorEngine engine, final StepAssembler assembler, final Backoff backoff) {
        this.engine = engine;
        this.assembler = assembler;
        this.backoff = backoff;
    }

    @Override
    public final void run() {
        try {
            long runs = 0;
            while (assembler.awaitNextRun(runs, backoff)) {
                runs = assembler.runsSeen;
                runSteps(assembler.runFrom, assembler.runUntil, assembler.runFlags);
            }
        } catch (EngineStoppedException stopped) {
            // another thread failed; the caller reports it
        } catch (Throwable ex) {
            engine.fail(ex);
        }
    }

    /**
     * One run's work.
     *
     * @param from  first step.
     * @param to    end step, exclusive.
     * @param flags {@link SpikeEvent#LAGGED}, {@link SpikeEvent#GATED}.
     */
    abstract void runSteps(long from, long to, int flags);
}
