package org.spikering.sim.engine;

/** Thrown inside an engine thread when another engine thread has failed: it ends quietly. */
final class EngineStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EngineStoppedException() {
        super("another engine thread failed", null, false, false);
    }
}
