package org.spikering.sim;

import org.spikering.sim.kernel.UpdateMode;

/**
 * How to run a network.
 *
 * @param engine     the engine.
 * @param threads    delivery partitions (threads) for the Disruptor engine, &ge; 1; the reference engine uses 1.
 * @param updateMode clock- or event-driven update of delta-synapse LIF populations.
 */
public record SimulationConfig(Engine engine, int threads, UpdateMode updateMode) {

    /** Validates the thread count. */
    public SimulationConfig {
        if (engine == null || updateMode == null) {
            throw new IllegalArgumentException("engine and update mode must not be null");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads = " + threads + ": must be in [1, 256]");
        }
    }

    /**
     * @param n partition threads.
     * @return the Disruptor engine with n delivery partitions, clock-driven.
     */
    public static SimulationConfig threads(final int n) {
        return new SimulationConfig(Engine.DISRUPTOR, n, UpdateMode.CLOCK);
    }

    /** @return the single-threaded reference engine, clock-driven. */
    public static SimulationConfig reference() {
        return new SimulationConfig(Engine.REFERENCE, 1, UpdateMode.CLOCK);
    }

    /**
     * @param mode update mode.
     * @return a copy with that update mode.
     */
    public SimulationConfig withUpdateMode(final UpdateMode mode) {
        return new SimulationConfig(engine, engine == Engine.REFERENCE ? 1 : threads, mode);
    }
}
