package org.spikering.sim.kernel;

/**
 * Runs steps of a {@link NetworkState}: the reference engine in one thread, the Disruptor engine
 * across threads. Both call the listeners with the same arguments in the same order.
 */
public interface StepRunner extends AutoCloseable {

    /**
     * Runs steps [from, to).
     *
     * @param from first step.
     * @param to   last step, exclusive.
     */
    void run(long from, long to);

    /** @return the number of threads used (coordinator and delivery). */
    int threads();

    /** Releases threads. */
    @Override
    void close();
}
