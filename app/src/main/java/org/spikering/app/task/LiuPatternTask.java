package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * Pattern generation in the scaled-down form of Liu et al. 2022 (issue 14, item 7; TASKS.md §4.4): over
 * T = {@code steps} steps (preset 50) the readout must produce
 *
 * <pre>
 *   s(n)  = Σ_{i=1}^{4} w_i·sin(φ_i + 2π·n / P_i),   P = (10, 40, 70, 100) steps, n = 0 … T − 1,
 *   y*(n) = (s(n) − s(0)) / max_m |s(m) − s(0)|,
 * </pre>
 *
 * with w_i ~ U[0.5, 2] and φ_i ~ U[0, 2π], from a frozen input x(n, j) ~ N(0, 1) i.i.d. over steps and the
 * {@code channels} channels. Target and input are drawn once from {@code patternSeed} and are the same in every sequence
 * of every batch (the batch seed is ignored: the task is to learn one frozen pattern). Its test set
 * ({@link #freshInputBatch}, out of distribution: the network never sees noise while training) is the same target
 * with the frozen input plus additive Gaussian noise, x(n, j) + ε, ε ~ N(0, {@code testNoiseSd}²) drawn anew for
 * every step, channel and test sequence.
 *
 * <p>Where this differs from what it is named after: the seed documents give the periods, the length and "Gaussian
 * input", not the amplitudes, phases, normalisation, number of input channels or noise level; those follow Bellec et
 * al. 2020's tutorial construction ({@link BellecSineTask}: random w_i and φ_i, shifted to start at 0, scaled to
 * max |y*| = 1) and are a project choice. The input is a real value per channel and step (not spikes), and the
 * spiking networks' input must be non-negative ({@code SequenceBatch}), so each signed channel x is fed as an on/off
 * pair of input neurons, max(x, 0) and max(−x, 0) (2·{@code channels} input neurons; x = on − off), each entering the
 * membrane through its own W_in column like a spike of that size (encoding spikes, the default). With
 * {@code encoding} analog the input is x itself, one input per channel ({@code channels} inputs, signed values; a rate
 * network, or a spiking network fed the value as input current W_in·x), as Liu et al. feed it.
 *
 * @param steps       sequence length, steps of 1 ms, &ge; 2.
 * @param channels    Gaussian input channels, &ge; 1 (spec field {@code inputs}; input neurons: 2·channels).
 * @param testNoiseSd standard deviation σ of the test set's additive input noise, finite and &ge; 0.
 * @param patternSeed seed of the frozen input and target.
 * @param encoding    spikes (on/off pairs of non-negative inputs) or analog (one signed input per channel).
 */
public record LiuPatternTask(int steps, int channels, double testNoiseSd, long patternSeed, InputEncoding encoding)
        implements FrozenPatternTask {

    /** Encoding spikes (on/off pairs). */
    public LiuPatternTask(final int steps, final int channels, final double testNoiseSd, final long patternSeed) {
        this(steps, channels, testNoiseSd, patternSeed, InputEncoding.SPIKES);
    }

    /** Periods of the four sinusoids, steps. */
    public static final int[] PERIODS = {10, 40, 70, 100};

    /** Validates the parameters. */
    public LiuPatternTask {
        if (steps < 2) {
            throw new IllegalArgumentException("duration_ms = " + steps + ": must be >= 2 (the target is normalised)");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("inputs = " + channels + ": must be >= 1");
        }
        if (!(testNoiseSd >= 0) || Double.isInfinite(testNoiseSd)) {
            throw new IllegalArgumentException("test_noise_sd = " + testNoiseSd + ": must be finite and >= 0");
        }
        java.util.Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * @param seed pattern seed.
     * @return 50 steps, 20 Gaussian input channels, test noise σ = 0.5.
     */
    public static LiuPatternTask standard(final long seed) {
        return new LiuPatternTask(50, 20, 0.5, seed);
    }

    /** @return inputs: an on/off pair per Gaussian channel (spikes), or one per channel (analog). */
    @Override
    public int inputs() {
        return encoding == InputEncoding.ANALOG ? channels : 2 * channels;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public LossKind loss() {
        return LossKind.REGRESSION_MSE;
    }

    /** @return the target y*(n), one value per step. */
    public double[] target() {
        final SplittableRandom rnd = new SplittableRandom(patternSeed ^ 0x11A2L);
        final int[] once = new int[PERIODS.length];
        java.util.Arrays.fill(once, 1);
        return BellecSineTask.sumOfSines(rnd, once, PERIODS, steps);
    }

    /** @return the frozen input x(n, j) ~ N(0, 1), index n·channels + j. */
    public float[] input() {
        final SplittableRandom rnd = new SplittableRandom(patternSeed ^ 0x6A55L);
        final float[] x = new float[steps * channels];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) gaussian(rnd);
        }
        return x;
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        return withInputs(batchSize, 0, seed);
    }

    /** Every sequence: the target, and the frozen input plus N(0, σ²) noise drawn anew per step, channel, sequence. */
    @Override
    public SequenceBatch freshInputBatch(final int batchSize, final long seed) {
        return withInputs(batchSize, testNoiseSd, seed);
    }

    @Override
    public String freshInputDescription() {
        return "the training target with the frozen N(0, 1) input plus additive N(0, " + testNoiseSd
                + "^2) noise per step and channel (out of distribution: training sees no noise)";
    }

    private SequenceBatch withInputs(final int batchSize, final double noiseSd, final long seed) {
        final double[] target = target();
        final float[] pattern = input();
        final int in = inputs();
        final boolean analog = encoding == InputEncoding.ANALOG;
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps];
        final boolean[] mask = new boolean[batchSize * steps];
        final SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < batchSize; b++) {
            final int base = b * steps * in;
            for (int k = 0; k < pattern.length; k++) {
                final float v = noiseSd == 0 ? pattern[k] : (float) (pattern[k] + noiseSd * gaussian(rnd));
                if (analog) {
                    x[base + k] = v;
                } else {
                    x[base + 2 * k] = Math.max(v, 0f);
                    x[base + 2 * k + 1] = Math.max(-v, 0f);
                }
            }
            System.arraycopy(target, 0, y, b * steps, steps);
            java.util.Arrays.fill(mask, b * steps, (b + 1) * steps, true);
        }
        return new SequenceBatch(batchSize, steps, in, 1, x, y, mask, LossKind.REGRESSION_MSE);
    }

    /** Standard normal by Box–Muller (one of the pair), so the draws do not depend on the JDK's nextGaussian. */
    private static double gaussian(final SplittableRandom rnd) {
        final double u1 = 1.0 - rnd.nextDouble();
        final double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
