package org.spikering.neuron.source;

/**
 * A piecewise-constant current (NEST {@code step_current_generator}; a DC source is one step): the
 * amplitude {@code amplitudesPa[j]} holds from {@code timesMs[j]} until the next change time. Before
 * the first time the current is 0. Times in ms (strictly increasing, on the grid), amplitudes in pA.
 * Immutable.
 */
public final class StepCurrentSource {

    private final long[] changeSteps;
    private final double[] amplitudes;

    /**
     * @param timesMs      change times, ms, strictly increasing, &ge; 0.
     * @param amplitudesPa amplitudes, pA, finite.
     * @param dtMs         step, ms.
     */
    public StepCurrentSource(final double[] timesMs, final double[] amplitudesPa, final double dtMs) {
        if (timesMs.length != amplitudesPa.length) {
            throw new IllegalArgumentException("amplitude_times has " + timesMs.length + " entries but amplitude_values has "
                    + amplitudesPa.length + ": must be equal");
        }
        if (!(dtMs > 0)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be > 0");
        }
        changeSteps = new long[timesMs.length];
        amplitudes = amplitudesPa.clone();
        for (int j = 0; j < timesMs.length; j++) {
            if (!(timesMs[j] >= 0) || Double.isInfinite(timesMs[j])) {
                throw new IllegalArgumentException("amplitude_times[" + j + "] = " + timesMs[j] + " ms: must be finite and >= 0");
            }
            if (!Double.isFinite(amplitudesPa[j])) {
                throw new IllegalArgumentException("amplitude_values[" + j + "] = " + amplitudesPa[j] + " pA: must be finite");
            }
            changeSteps[j] = Math.round(timesMs[j] / dtMs);
            if (j > 0 && changeSteps[j] <= changeSteps[j - 1]) {
                throw new IllegalArgumentException("amplitude_times[" + j + "] = " + timesMs[j]
                        + " ms: must be strictly increasing (after " + timesMs[j - 1] + " ms, on the dt grid)");
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
