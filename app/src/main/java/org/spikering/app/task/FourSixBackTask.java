package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * The (4,6)-back task (Marschall, Cho &amp; Savin 2020): i.i.d. bits x(n) ~ Bernoulli(0.5); the target
 * probability is p(n) = 0.5 + 0.5·x(n − 4) − 0.25·x(n − 6); the soft target (p, 1 − p) (not a sampled 0/1
 * label) is learned with softmax cross-entropy over two readouts. Each bit is held for {@code stepsPerSymbol} 1-ms
 * steps and encoded by two groups of {@code neuronsPerGroup} input neurons (x = 1 group, x = 0 group), the active
 * group firing Bernoulli spikes with probability rate·1 ms per step (at 1000 Hz every neuron of the active group
 * fires every step: a noise-free burst); the loss counts the last step of every symbol from symbol 6 on, so the
 * loss per sequence divided by {@link #scoredStepsPerSequence()} is the cross-entropy per symbol.
 *
 * <p>Expected cross-entropy per symbol of the classic predictors (natural log, with H the binary
 * entropy): nothing learned H(5/8) = 0.6616; only x(n−4) learned ½H(7/8) + ½H(3/8) = 0.5192; both
 * learned ¼ln2 + ½H(1/4) = 0.4545 (computed in {@link #bounds()}).
 *
 * @param symbols         symbols per sequence, &gt; 6.
 * @param stepsPerSymbol  steps each bit is shown, &ge; 1.
 * @param neuronsPerGroup input neurons per group, &ge; 1.
 * @param rateHz          firing rate of the active group, Hz.
 */
public record FourSixBackTask(int symbols, int stepsPerSymbol, int neuronsPerGroup, double rateHz) implements SequenceSource {

    /** Validates the parameters. */
    public FourSixBackTask {
        if (symbols <= 6) {
            throw new IllegalArgumentException("symbols = " + symbols + ": must be > 6 (the target needs 6 symbols of history)");
        }
        if (stepsPerSymbol < 1 || neuronsPerGroup < 1) {
            throw new IllegalArgumentException("steps_per_symbol = " + stepsPerSymbol + ", neurons_per_group = "
                    + neuronsPerGroup + ": both must be >= 1");
        }
        if (!(rateHz > 0 && rateHz <= 1000)) {
            throw new IllegalArgumentException("rate = " + rateHz + " Hz: must be in (0, 1000]");
        }
    }

    /**
     * @return 60 symbols of one 1-ms step, 2 groups of 10 neurons at 1000 Hz: one spike per neuron of the active
     *         group per symbol, matched to {@link NBackNetwork}, which updates once per symbol.
     */
    public static FourSixBackTask standard() {
        return new FourSixBackTask(60, 1, 10, 1000);
    }

    /** Analytic cross-entropy bounds, nats per symbol. */
    public record Bounds(double nothingLearned, double fourBackLearned, double bothLearned) {
    }

    /** @return the three bounds. */
    public static Bounds bounds() {
        return new Bounds(h(5.0 / 8), 0.5 * h(7.0 / 8) + 0.5 * h(3.0 / 8), 0.25 * Math.log(2) + 0.5 * h(0.25));
    }

    private static double h(final double q) {
        return -q * Math.log(q) - (1 - q) * Math.log(1 - q);
    }

    @Override
    public int inputs() {
        return 2 * neuronsPerGroup;
    }

    @Override
    public int outputs() {
        return 2;
    }

    @Override
    public int steps() {
        return symbols * stepsPerSymbol;
    }

    @Override
    public LossKind loss() {
        return LossKind.CLASSIFICATION_CE;
    }

    /** @return number of loss-counting steps per sequence (one per symbol from symbol 6 on). */
    public int scoredStepsPerSequence() {
        return symbols - 6;
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        final int steps = steps();
        final int in = inputs();
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps * 2];
        final boolean[] mask = new boolean[batchSize * steps];
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int[] bits = new int[symbols];
        for (int b = 0; b < batchSize; b++) {
            for (int n = 0; n < symbols; n++) {
                bits[n] = rnd.nextBoolean() ? 1 : 0;
                final int t0 = n * stepsPerSymbol;
                final int g = bits[n] == 1 ? 0 : neuronsPerGroup;
                SpikeTrains.poisson(x, b, steps, in, g, g + neuronsPerGroup, t0, t0 + stepsPerSymbol, rateHz, 1.0, rnd);
                if (n >= 6) {
                    final double p = 0.5 + 0.5 * bits[n - 4] - 0.25 * bits[n - 6];
                    final int t = t0 + stepsPerSymbol - 1;
                    mask[b * steps + t] = true;
                    y[(b * steps + t) * 2] = p;
                    y[(b * steps + t) * 2 + 1] = 1 - p;
                }
            }
        }
        return new SequenceBatch(batchSize, steps, in, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
    }
}
