package org.spikering.sim.spi;

/**
 * Called by the engine's coordinator thread after the neuron update of each step, when the
 * state of every neuron is at grid point {@code step + 1} (event-driven populations are brought up
 * to date first for the neurons a listener asks about). Use it to sample state.
 */
@FunctionalInterface
public interface StepListener {

    /**
     * @param step the step just computed.
     * @param view read access to the populations' state.
     */
    void onStepEnd(long step, StateView view);

    /** Read access to neuron state during {@link #onStepEnd}. */
    interface StateView {
        /**
         * @param population population name.
         * @param variable   state variable name (see the model's table).
         * @param neuron     local index within the population.
         * @return the value.
         */
        double value(String population, String variable, int neuron);
    }
}
