package org.spikering.sim.record;

import java.nio.file.Path;
import java.util.Arrays;
import org.spikering.sim.spi.StepListener;

/**
 * Samples one state variable of chosen neurons of a population every k steps (the value at grid
 * point step + 1, after the update). Called from the coordinator thread.
 */
public final class StateRecorder implements StepListener {

    private final String population;
    private final String variable;
    private final int[] neurons;
    private final int every;
    private final double dtMs;
    private long[] steps = new long[1024];
    private double[] values;
    private int count;

    /**
     * @param population population name.
     * @param variable   state variable.
     * @param neurons    local indices.
     * @param everySteps sampling interval in steps, &ge; 1.
     * @param dtMs       step, ms.
     */
    public StateRecorder(final String population, final String variable, final int[] neurons, final int everySteps,
                         final double dtMs) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("sampling interval = " + everySteps + " steps: must be >= 1");
        }
        if (neurons.length == 0) {
            throw new IllegalArgumentException("state recorder for '" + population + "': no neurons given; must be at least one");
        }
        this.population = population;
        this.variable = variable;
        this.neurons = neurons.clone();
        this.every = everySteps;
        this.dtMs = dtMs;
        this.values = new double[1024 * neurons.length];
    }

    @Override
    public void onStepEnd(final long step, final StateView view) {
        if ((step + 1) % every != 0) {
            return;
        }
        if (count == steps.length) {
            steps = Arrays.copyOf(steps, count * 2);
            values = Arrays.copyOf(values, values.length * 2);
        }
        steps[count] = step + 1;
        final int base = count * neurons.length;
        for (int k = 0; k < neurons.length; k++) {
            values[base + k] = view.value(population, variable, neurons[k]);
        }
        count++;
    }

    /** @return number of samples. */
    public int samples() {
        return count;
    }

    /**
     * @param sample sample index.
     * @param k      index into the recorded neurons.
     * @return the value.
     */
    public double value(final int sample, final int k) {
        return values[sample * neurons.length + k];
    }

    /**
     * @param sample sample index.
     * @return the grid point of the sample.
     */
    public long gridPoint(final int sample) {
        return steps[sample];
    }

    /**
     * Writes {@code time_ms,neuron_<i>...} one row per sample, atomically.
     *
     * @param target the CSV file.
     */
    public void writeCsv(final Path target) {
        AtomicWrite.text(target, w -> {
            final StringBuilder b = new StringBuilder("time_ms");
            for (int n : neurons) {
                b.append(',').append(population).append('_').append(n).append('_').append(variable);
            }
            w.write(b.append('\n').toString());
            for (int s = 0; s < count; s++) {
                b.setLength(0);
                b.append(steps[s] * dtMs);
                for (int k = 0; k < neurons.length; k++) {
                    b.append(',').append(values[s * neurons.length + k]);
                }
                w.write(b.append('\n').toString());
            }
        });
    }
}
