package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * Pattern generation as in Bellec et al. 2020's tutorial: target y*(n) = Σ_{i=1}^{4} w_i·sin(φ_i + 2π k_i n/(T − 1)),
 * k = (1, 2, 3, 5) cycles for periods (1000, 500, 333, 200) ms over T = 1000 steps of 1 ms, w_i ~ U[0.5, 2],
 * φ_i ~ U[0, 2π], shifted to start at 0 and scaled to max |y*| = 1; input: {@code inputs} frozen Bernoulli
 * spike trains at 50 Hz. Pattern and target are drawn once from {@code patternSeed} and are the same in
 * every sequence of every batch (the batch seed is ignored, as the task is to learn one frozen pattern). Its test set
 * ({@link #freshInputBatch}) is the same target with the input spikes drawn anew at the same rate for every sequence.
 *
 * @param steps       sequence length, steps of 1 ms, &ge; 2.
 * @param inputs      input neurons, &ge; 1.
 * @param rateHz      input rate, Hz.
 * @param patternSeed seed of the frozen pattern and target.
 */
public record BellecSineTask(int steps, int inputs, double rateHz, long patternSeed) implements FrozenPatternTask {

    /** Validates the parameters. */
    public BellecSineTask {
        if (steps < 2 || inputs < 1) {
            throw new IllegalArgumentException("steps = " + steps + ", inputs = " + inputs + ": need steps >= 2 and inputs >= 1");
        }
        if (!(rateHz > 0 && rateHz <= 1000)) {
            throw new IllegalArgumentException("rate = " + rateHz + " Hz: must be in (0, 1000]");
        }
    }

    /**
     * @param seed pattern seed.
     * @return the tutorial setup: 1000 steps, 100 inputs at 50 Hz.
     */
    public static BellecSineTask standard(final long seed) {
        return new BellecSineTask(1000, 100, 50, seed);
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public LossKind loss() {
        return LossKind.REGRESSION_MSE;
    }

    /** @return the target, one value per step. */
    public double[] target() {
        final SplittableRandom rnd = new SplittableRandom(patternSeed ^ 0x51E5L);
        final int steps1 = steps - 1;
        return sumOfSines(rnd, new int[] {1, 2, 3, 5}, new int[] {steps1, steps1, steps1, steps1}, steps);
    }

    /**
     * A sum of sinusoids with random amplitudes and phases, shifted to start at 0 and scaled to a largest magnitude of 1:
     * <pre>
     *   y(n) = Σ_i w_i sin(φ_i + 2π c_i n / L_i),   w_i ~ U[0.5, 2), φ_i ~ U[0, 2π)   (drawn in the order w_0, φ_0, w_1, ...)
     *   y(n) ← (y(n) − y(0)) / max_m |y(m) − y(0)|
     * </pre>
     * (Bellec et al.'s tutorial target: c = 1, 2, 3, 5 cycles over L = T − 1 steps; Liu et al. 2022's: one cycle of each
     * period L = 10, 40, 70, 100 steps.)
     *
     * @param rnd     the pattern's generator.
     * @param cycles  c_i, cycles per span.
     * @param lengths L_i, the span of c_i cycles, steps.
     * @param steps   T.
     * @return y(0 .. T−1).
     */
    static double[] sumOfSines(final SplittableRandom rnd, final int[] cycles, final int[] lengths, final int steps) {
        final int m = cycles.length;
        final double[] w = new double[m];
        final double[] phi = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = 0.5 + 1.5 * rnd.nextDouble();
            phi[i] = 2 * Math.PI * rnd.nextDouble();
        }
        final double[] y = new double[steps];
        for (int n = 0; n < steps; n++) {
            for (int i = 0; i < m; i++) {
                y[n] += w[i] * Math.sin(phi[i] + 2 * Math.PI * cycles[i] * n / lengths[i]);
            }
        }
        final double y0 = y[0];
        double max = 0;
        for (int n = 0; n < steps; n++) {
            y[n] -= y0;
            max = Math.max(max, Math.abs(y[n]));
        }
        for (int n = 0; n < steps; n++) {
            y[n] /= max;
        }
        return y;
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        final float[] pattern = new float[steps * inputs];
        SpikeTrains.poisson(pattern, 0, steps, inputs, 0, inputs, 0, steps, rateHz, 1.0, new SplittableRandom(patternSeed));
        return withInputs(batchSize, pattern, true);
    }

    /** Every sequence: the target, and input spikes drawn anew (Bernoulli, rate·1 ms per step, all steps). */
    @Override
    public SequenceBatch freshInputBatch(final int batchSize, final long seed) {
        final float[] x = new float[batchSize * steps * inputs];
        final SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < batchSize; b++) {
            SpikeTrains.poisson(x, b, steps, inputs, 0, inputs, 0, steps, rateHz, 1.0, rnd);
        }
        return withInputs(batchSize, x, false);
    }

    @Override
    public String freshInputDescription() {
        return "the training target with new Bernoulli input spikes at " + rateHz + " Hz (p = " + rateHz / 1000
                + " per 1-ms step)";
    }

    /**
     * @param spikes one sequence's input spikes (repeated in every sequence) if {@code repeat}, else all sequences'.
     * @return the batch with the target in every sequence.
     */
    private SequenceBatch withInputs(final int batchSize, final float[] spikes, final boolean repeat) {
        final double[] target = target();
        final float[] x = repeat ? new float[batchSize * steps * inputs] : spikes;
        final double[] y = new double[batchSize * steps];
        final boolean[] mask = new boolean[batchSize * steps];
        for (int b = 0; b < batchSize; b++) {
            if (repeat) {
                System.arraycopy(spikes, 0, x, b * steps * inputs, spikes.length);
            }
            System.arraycopy(target, 0, y, b * steps, steps);
            java.util.Arrays.fill(mask, b * steps, (b + 1) * steps, true);
        }
        return new SequenceBatch(batchSize, steps, inputs, 1, x, y, mask, LossKind.REGRESSION_MSE);
    }
}
