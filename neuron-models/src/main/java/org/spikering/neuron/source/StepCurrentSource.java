package org.spikering.neuron.source;

/**
 * A piecewise-constant current (NEST {@code step_current_generator}; a DC source is one step): amplitude
 * {@code amplitudesPa[j]} holds from {@code timesMs[j]} until the next change time; before the first time
 * the current is 0. Times in ms (strictly increasing, on the grid of step h within 1e-9 steps), amplitudes
 * in pA. Placed in a network by sim-core's {@code NetworkBuilder.stepCurrent}, which sets each target
 * neuron's {@linkplain org.spikering.neuron.NeuronPopulation#setStimulusCurrent I_stim} to the amplitude
 * of step s before the update from s to s + 1. Immutable.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>amplitude_times</td><td>ms</td><td>change times t_j, strictly increasing, &ge; 0, multiples of h</td></tr>
 *   <tr><td>amplitude_values</td><td>pA</td><td>amplitude from t_j on, finite</td></tr>
 * </table>
 */
public final class StepCurrentSource {

    private final long[] changeSteps;
    private final double[] amplitudes;

    /**
     * @param timesMs      change times, ms, strictly increasing, &ge; 0, on the grid.
     * @param amplitudesPa amplitudes, pA, finite.
     * @param dtMs         step, ms.
     */
    public StepCurrentSource(final double[] timesMs, final double[] amplitudesPa, final double dtMs) {
        if (timesMs == null || amplitudesPa == null) {
            throw new IllegalArgumentException("amplitude_times and amplitude_values must not be null");
        }
        if (timesMs.length != amplitudesPa.length) {
            throw new IllegalArgumentException("amplitude_times has " + timesMs.length + " entries but amplitude_values has "
                    + amplitudesPa.length + ": must be equal");
        }
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be a finite number > 0");
        }
        changeSteps = new long[timesMs.length];
        amplitudes = amplitudesPa.clone();
        for (int j = 0; j < timesMs.length; j++) {
            changeSteps[j] = SpikeGeneratorModel.gridStep("amplitude_times[" + j + "]", timesMs[j], dtMs);
            if (!Double.isFinite(amplitudesPa[j])) {
                throw new IllegalArgumentException("amplitude_values[" + j + "] = " + amplitudesPa[j] + " pA: must be finite");
            }
            if (j > 0 && changeSteps[j] <= changeSteps[j - 1]) {
                throw new IllegalArgumentException("amplitude_times[" + j + "] = " + timesMs[j]
                        + " ms: must be strictly increasing (after " + timesMs[j - 1] + " ms)");
            }
        }
    }

    /**
     * A constant current from time 0.
     *
     * @param amplitudePa amplitude, pA.
     * @param dtMs        step, ms.
     * @return the source.
     */
    public static StepCurrentSource dc(final double amplitudePa, final double dtMs) {
        return new StepCurrentSource(new double[] {0.0}, new double[] {amplitudePa}, dtMs);
    }

    /** @return the number of change times. */
    public int changes() {
        return changeSteps.length;
    }

    /**
     * @param j change index.
     * @return the step from which amplitude j holds.
     */
    public long changeStep(final int j) {
        return changeSteps[j];
    }

    /**
     * @param j change index.
     * @return amplitude j, pA.
     */
    public double amplitude(final int j) {
        return amplitudes[j];
    }

    /**
     * @param step step number.
     * @return the current in that step, pA.
     */
    public double amplitudeAt(final long step) {
        double a = 0.0;
        for (int j = 0; j < changeSteps.length && changeSteps[j] <= step; j++) {
            a = amplitudes[j];
        }
        return a;
    }
}
