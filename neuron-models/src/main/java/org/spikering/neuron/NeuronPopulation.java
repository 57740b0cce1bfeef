package org.spikering.neuron;

/**
 * A population of point neurons in structure-of-arrays form, advanced on a fixed time grid of
 * step {@code dt}. Not thread-safe as a whole: disjoint index ranges {@code [from, to)} may be
 * updated concurrently from different threads, each range by one thread only.
 *
 * <p>Input arrives through one or two <em>channels</em> per neuron, read from caller-owned arrays
 * at {@code channel[i]} for local neuron {@code i}:
 * <table>
 *   <caption>Input channels</caption>
 *   <tr><th>model kind</th><th>channel 0</th><th>channel 1</th></tr>
 *   <tr><td>delta synapses</td><td>jump of V_m in mV (all signs)</td><td>unused (may be null)</td></tr>
 *   <tr><td>exponential current synapses</td><td>excitatory jump of I_syn,ex in pA</td>
 *       <td>inhibitory jump of I_syn,in in pA (negative)</td></tr>
 * </table>
 * Input values arriving at step {@code t} are applied at the end of the update from
 * {@code t} to {@code t + 1} (NEST convention: a spike arriving in a step affects V_m from the next
 * grid point on for delta synapses, and the synaptic current for exponential synapses).
 */
public interface NeuronPopulation {

    /** @return the number of neurons. */
    int size();

    /** @return the integration step in ms. */
    double dtMs();

    /** @return 1 for delta synapses, 2 for exponential current synapses (excitatory, inhibitory). */
    int inputChannels();

    /**
     * Advances neurons {@code [from, to)} by one step, from step {@code step} to {@code step + 1},
     * in closed form (exact integration).
     *
     * @param step        the current step number (for refractoriness and recording).
     * @param from        first local neuron index, inclusive.
     * @param to          last local neuron index, exclusive.
     * @param input0      channel 0 input, indexed by local neuron; never null.
     * @param input1      channel 1 input, indexed by local neuron; null for one-channel models.
     * @param spikes      output: local indices of neurons that spiked, appended from {@code spikeCount}.
     * @param spikeCount  number of entries already in {@code spikes}.
     * @return the new number of entries in {@code spikes}.
     */
    int update(long step, int from, int to, double[] input0, double[] input1,
               int[] spikes, int spikeCount);

    /**
     * As {@link #update}, and sets every input entry it read ({@code [from, to)}
     * of each channel) to 0, so an engine's timing-wheel slot is ready for reuse without a separate pass.
     *
     * @param step        the current step number.
     * @param from        first local neuron index, inclusive.
     * @param to          last local neuron index, exclusive.
     * @param input0      channel 0 input; cleared.
     * @param input1      channel 1 input or null; cleared.
     * @param spikes      output: spiking local indices, appended from {@code spikeCount}.
     * @param spikeCount  entries already in {@code spikes}.
     * @return the new number of entries in {@code spikes}.
     */
    default int updateAndClearInput(long step, int from, int to, double[] input0, double[] input1,
                                    int[] spikes, int spikeCount) {
        final int c = update(step, from, to, input0, input1, spikes, spikeCount);
        java.util.Arrays.fill(input0, from, to, 0.0);
        if (input1 != null) {
            java.util.Arrays.fill(input1, from, to, 0.0);
        }
        return c;
    }

    /**
     * Whether input arriving at step t first changes the spike decision of step t + 1, so that the
     * update from t to t + 1 splits into a membrane half (V_m and threshold, from the synaptic state
     * before the step's input) and an input half (the synaptic state takes in step t's input). True for
     * current-based synapses (NEST {@code iaf_psc_exp}); an engine may then run the input half one step
     * late, fused with the next membrane half, and so wait one step less for other threads' spikes.
     * Models that return true implement {@link #updateLagged} and {@link #integrateInput}.
     *
     * @return whether the update can run with its input half one step late.
     */
    default boolean hasSplitUpdate() {
        return false;
    }

    /**
     * A lagged step: the input half of step {@code step − 1} (skipped if {@code previousInput0} is null),
     * then the membrane half of step {@code step}. A run of lagged steps s, s+1, …, e (the first without
     * previous input) followed by {@link #integrateInput} of step e gives bit for bit the state and
     * spikes of {@link #update} for steps s … e. Clears the input it reads. Only for models with
     * {@link #hasSplitUpdate()}; between such a run's first step and its closing
     * {@link #integrateInput}, synaptic state variables lag one step behind.
     *
     * @param step           the step whose membrane half runs.
     * @param from           first local neuron index, inclusive.
     * @param to             last local neuron index, exclusive.
     * @param previousInput0 channel 0 input of step {@code step − 1}, or null; cleared.
     * @param previousInput1 channel 1 input of step {@code step − 1}, or null; cleared.
     * @param spikes         output: spiking local indices, appended from {@code spikeCount}.
     * @param spikeCount     entries already in {@code spikes}.
     * @return the new number of entries in {@code spikes}.
     */
    default int updateLagged(long step, int from, int to, double[] previousInput0, double[] previousInput1,
                             int[] spikes, int spikeCount) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no split update");
    }

    /**
     * The input half alone, closing a run of {@link #updateLagged} steps: the synaptic state takes in
     * the given input (of the run's last step), which is cleared.
     *
     * @param from   first local neuron index, inclusive.
     * @param to     last local neuron index, exclusive.
     * @param input0 channel 0 input; cleared.
     * @param input1 channel 1 input or null; cleared.
     */
    default void integrateInput(int from, int to, double[] input0, double[] input1) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no split update");
    }

    /**
     * Advances one neuron by {@code steps} steps without synaptic input, in closed form (used by the
     * event-driven update and by lazy plasticity). Constant bias current still acts. Does not emit spikes:
     * callers use it only over stretches in which the neuron cannot reach threshold.
     *
     * @param neuron local index.
     * @param steps  number of steps, {@code >= 0}.
     */
    void advanceWithoutInput(int neuron, long steps);

    /** @return membrane potential of neuron {@code neuron} in mV (absolute, not relative to E_L). */
    double membranePotential(int neuron);

    /** Sets the membrane potential of neuron {@code neuron} in mV (absolute). */
    void setMembranePotential(int neuron, double vMillivolt);

    /**
     * Names of the state variables {@link #setStateVariable} sets, a subset of {@link #stateVariableNames()}: the
     * model's own state (not values derived from it, such as an adaptive threshold, nor outputs of the last step).
     * By default V_m alone.
     *
     * @return the settable state variable names.
     */
    default String[] settableStateVariableNames() {
        return new String[] {"V_m"};
    }

    /**
     * Sets one state variable of one neuron, as an initial state before the first {@link #update} (what NEST's
     * {@code SetStatus} of a state variable does). Units as in the model's state variable table. By default only V_m,
     * through {@link #setMembranePotential}.
     *
     * @param name   a name from {@link #settableStateVariableNames()}.
     * @param neuron local index.
     * @param value  the value, finite (a count of steps: a whole number in the model's range).
     * @throws IllegalArgumentException for another name or a value out of range (the message names both).
     */
    default void setStateVariable(final String name, final int neuron, final double value) {
        if ("V_m".equals(name)) {
            setMembranePotential(neuron, value);
            return;
        }
        throw new IllegalArgumentException("state variable '" + name + "' of " + getClass().getSimpleName()
                + ": cannot be set (settable: " + String.join(", ", settableStateVariableNames()) + ")");
    }

    /**
     * Names of the state variables this model can report through {@link #stateVariable}, e.g.
     * {@code "V_m"}, {@code "I_syn_ex"}, {@code "I_syn_in"}, {@code "a"}, {@code "A"}.
     *
     * @return the state variable names, units as in the model's Javadoc table.
     */
    String[] stateVariableNames();

    /**
     * @param name   a name from {@link #stateVariableNames()}.
     * @param neuron local index.
     * @return the current value of that state variable.
     * @throws IllegalArgumentException if the name is unknown (message lists the allowed names).
     */
    double stateVariable(String name, int neuron);

    /**
     * Whether the model has a current input I_e (pA) that {@link #setStimulusCurrent} can add to, as a NEST
     * {@code step_current_generator} or {@code dc_generator} adds to the neuron's current.
     *
     * @return whether {@link #setStimulusCurrent} is supported.
     */
    default boolean acceptsStimulusCurrent() {
        return false;
    }

    /**
     * Sets the external current I_stim of every neuron of this population: from the next {@link #update} on,
     * each neuron integrates I_e + I_stim (its own bias plus this amplitude; exact integration, so a constant
     * I_stim from rest gives V_m(t) = E_L + R (I_e + I_stim)(1 − e^{−t/τ_m}), R = τ_m/C_m). Replaces the
     * previous I_stim (it does not add to it). Allocation-free after its first call.
     *
     * @param pA the amplitude, pA, finite.
     * @throws UnsupportedOperationException if {@link #acceptsStimulusCurrent()} is false.
     */
    default void setStimulusCurrent(double pA) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no current input");
    }
}
