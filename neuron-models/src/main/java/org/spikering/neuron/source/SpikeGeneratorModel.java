package org.spikering.neuron.source;

import java.util.Arrays;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.NeuronPopulation;

/**
 * A population of spike generators (NEST {@code spike_generator}) for use inside a network: neuron i
 * emits a spike in each step listed for it, and its spikes are delivered through its outgoing projections
 * like any neuron's. It has no state and ignores input. Made from steps, or from times in ms
 * ({@link #fromTimes}, sim-core's {@code NetworkBuilder.spikeArraySource}): a spike at t = s·h is emitted
 * in step s and, through a projection of delay d, reaches its targets' input of step s + d/h.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>steps[i]</td><td>steps</td><td>ascending, distinct, non-negative step numbers at which neuron i spikes</td></tr>
 * </table>
 */
public final class SpikeGeneratorModel implements NeuronModel {

    private final int[][] steps;

    /**
     * @param stepsPerNeuron for each neuron, the steps at which it spikes (ascending, distinct, &ge; 0).
     */
    public SpikeGeneratorModel(final int[][] stepsPerNeuron) {
        if (stepsPerNeuron == null || stepsPerNeuron.length == 0) {
            throw new IllegalArgumentException("spike generator: steps per neuron must hold at least one neuron");
        }
        this.steps = new int[stepsPerNeuron.length][];
        for (int i = 0; i < stepsPerNeuron.length; i++) {
            final int[] s = stepsPerNeuron[i] == null ? new int[0] : stepsPerNeuron[i].clone();
            for (int k = 0; k < s.length; k++) {
                if (s[k] < 0 || k > 0 && s[k] <= s[k - 1]) {
                    throw new IllegalArgumentException("spike generator neuron " + i + ": step " + s[k] + " at position "
                            + k + ": steps must be >= 0, ascending and distinct");
                }
            }
            steps[i] = s;
        }
    }

    /**
     * Spike trains given as times (NEST {@code spike_generator}'s {@code spike_times}).
     *
     * @param timesMs per neuron, spike times in ms: finite, &ge; 0, strictly increasing, multiples of dt
     *                (within 1e-9 steps).
     * @param dtMs    step h, ms.
     * @return the model.
     * @throws IllegalArgumentException naming the first bad entry, its value and what is allowed.
     */
    public static SpikeGeneratorModel fromTimes(final double[][] timesMs, final double dtMs) {
        if (timesMs == null || timesMs.length == 0) {
            throw new IllegalArgumentException("spike_times: no neurons given; must hold at least one array");
        }
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be a finite number > 0");
        }
        final int[][] steps = new int[timesMs.length][];
        for (int i = 0; i < timesMs.length; i++) {
            final double[] t = timesMs[i] == null ? new double[0] : timesMs[i];
            steps[i] = new int[t.length];
            for (int k = 0; k < t.length; k++) {
                final String name = "spike_times[" + i + "][" + k + "]";
                final long s = gridStep(name, t[k], dtMs);
                if (s > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(name + " = " + t[k] + " ms: must be <= "
                            + (double) Integer.MAX_VALUE * dtMs + " ms (2^31 − 1 steps)");
                }
                if (k > 0 && s <= steps[i][k - 1]) {
                    throw new IllegalArgumentException(name + " = " + t[k] + " ms: must be after " + t[k - 1]
                            + " ms (spike times strictly increasing, at most one spike per step)");
                }
                steps[i][k] = (int) s;
            }
        }
        return new SpikeGeneratorModel(steps);
    }

    /**
     * @param name   parameter name for the message.
     * @param timeMs a time, ms.
     * @param dtMs   step h, ms.
     * @return the step t/h, if t is finite, &ge; 0 and within 1e-9 steps of a multiple of h.
     */
    static long gridStep(final String name, final double timeMs, final double dtMs) {
        if (!(timeMs >= 0) || Double.isInfinite(timeMs) || timeMs / dtMs > 1e15) {
            throw new IllegalArgumentException(name + " = " + timeMs + " ms: must be a finite number >= 0 (and < 1e15 steps)");
        }
        final double s = timeMs / dtMs;
        final long step = Math.round(s);
        if (Math.abs(s - step) > 1e-9 * Math.max(1.0, s)) {
            throw new IllegalArgumentException(name + " = " + timeMs + " ms is not on the grid of dt = " + dtMs
                    + " ms: nearest allowed values are " + Math.floor(s) * dtMs + " and " + Math.ceil(s) * dtMs + " ms");
        }
        return step;
    }

    /** @return number of generators. */
    public int size() {
        return steps.length;
    }

    /**
     * @param neuron generator index, in [0, {@link #size()}).
     * @return the steps at which it spikes, ascending (a copy).
     */
    public int[] steps(final int neuron) {
        return steps[neuron].clone();
    }

    @Override
    public String modelName() {
        return "spike_generator";
    }

    @Override
    public NeuronPopulation createPopulation(final int size, final double dtMs) {
        return createPopulation(size, dtMs, 0);
    }

    @Override
    public NeuronPopulation createPopulation(final int size, final double dtMs, final int firstIndex) {
        if (firstIndex < 0 || size < 1 || firstIndex + size > steps.length) {
            throw new IllegalArgumentException("spike generator: neurons [" + firstIndex + ", " + (firstIndex + size)
                    + ") requested but " + steps.length + " spike trains given");
        }
        return new Generators(Arrays.copyOfRange(steps, firstIndex, firstIndex + size), dtMs);
    }

    /** The generators of one part of the population; a cursor per neuron, steps queried in increasing order. */
    private static final class Generators implements NeuronPopulation {
        private final int[][] steps;
        private final int[] cursor;
        private final double dt;

        Generators(final int[][] steps, final double dt) {
            this.steps = steps;
            this.cursor = new int[steps.length];
            this.dt = dt;
        }

        @Override
        public int size() {
            return steps.length;
        }

        @Override
        public double dtMs() {
            return dt;
        }

        @Override
        public int inputChannels() {
            return 1;
        }

        @Override
        public int update(final long step, final int from, final int to, final double[] input0, final double[] input1,
                          final int[] spikes, final int spikeCount) {
            int count = spikeCount;
            for (int i = from; i < to; i++) {
                final int[] s = steps[i];
                int c = cursor[i];
                while (c < s.length && s[c] < step) {
                    c++;
                }
                if (c < s.length && s[c] == step) {
                    spikes[count++] = i;
                    c++;
                }
                cursor[i] = c;
            }
            return count;
        }

        @Override
        public void advanceWithoutInput(final int neuron, final long k) {
            // no state
        }

        @Override
        public double membranePotential(final int neuron) {
            return 0.0;
        }

        @Override
        public void setMembranePotential(final int neuron, final double vMillivolt) {
            // no membrane
        }

        @Override
        public String[] stateVariableNames() {
            return new String[0];
        }

        @Override
        public double stateVariable(final String name, final int neuron) {
            throw new IllegalArgumentException("state variable '" + name + "' of spike_generator: it has none");
        }
    }
}
