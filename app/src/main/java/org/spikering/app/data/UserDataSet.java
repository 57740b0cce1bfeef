package org.spikering.app.data;

import java.util.SplittableRandom;
import org.spikering.app.task.HeldOutSource;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * A user's data set in memory, split into training and test sequences ({@link UserData#load} builds it).
 * All sequences have the same number of steps T; arrays are row-major as in {@link SequenceBatch}.
 *
 * <p>{@link #batch(int, long) batch(b, seed)} draws b different training sequences without replacement:
 * a partial Fisher–Yates shuffle of the training indices driven by {@code SplittableRandom(seed)}
 * (for j = 0..b−1: swap position j with a uniform position in [j, n_train)), so the same seed gives the same
 * batch bit for bit and no test sequence is ever drawn. b must be &le; n_train.
 * {@link #heldOut()} is every test sequence in the order of the split.
 */
public final class UserDataSet implements HeldOutSource {

    private final int steps;
    private final int inputs;
    private final int outputs;
    private final LossKind loss;
    private final float[] spikes;
    private final double[] targets;
    private final boolean[] mask;
    private final int[] train;
    private final int[] test;
    private final String description;

    /**
     * @param steps       T, steps per sequence.
     * @param inputs      i, input neurons.
     * @param outputs     k, readouts (classes for classification).
     * @param loss        the loss of the targets.
     * @param spikes      [n][T][i] input spike counts.
     * @param targets     [n][T][k] targets (one-hot for classification).
     * @param mask        [n][T] loss mask.
     * @param train       indices of the training sequences.
     * @param test        indices of the test sequences.
     * @param description what the test set is (one line).
     */
    UserDataSet(final int steps, final int inputs, final int outputs, final LossKind loss, final float[] spikes,
                final double[] targets, final boolean[] mask, final int[] train, final int[] test,
                final String description) {
        this.steps = steps;
        this.inputs = inputs;
        this.outputs = outputs;
        this.loss = loss;
        this.spikes = spikes;
        this.targets = targets;
        this.mask = mask;
        this.train = train.clone();
        this.test = test.clone();
        this.description = description;
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        if (batchSize < 1 || batchSize > train.length) {
            throw new IllegalArgumentException("--batch = " + batchSize + ": must be in [1, " + train.length
                    + "] (the training sequences of training.data)");
        }
        final int[] order = train.clone();
        final SplittableRandom rng = new SplittableRandom(seed);
        for (int j = 0; j < batchSize; j++) {
            final int r = j + rng.nextInt(order.length - j);
            final int t = order[j];
            order[j] = order[r];
            order[r] = t;
        }
        return gather(order, batchSize);
    }

    @Override
    public SequenceBatch heldOut() {
        if (test.length == 0) {
            throw new IllegalStateException("the data set has no test sequences");
        }
        return gather(test, test.length);
    }

    /** @return every sequence, training and test, in file order (for tests and export). */
    public SequenceBatch all() {
        final int n = spikes.length / (steps * inputs);
        final int[] idx = new int[n];
        for (int s = 0; s < n; s++) {
            idx[s] = s;
        }
        return gather(idx, n);
    }

    private SequenceBatch gather(final int[] idx, final int count) {
        final int ti = steps * inputs;
        final int tk = steps * outputs;
        final float[] x = new float[count * ti];
        final double[] y = new double[count * tk];
        final boolean[] m = new boolean[count * steps];
        for (int b = 0; b < count; b++) {
            final int s = idx[b];
            System.arraycopy(spikes, s * ti, x, b * ti, ti);
            System.arraycopy(targets, s * tk, y, b * tk, tk);
            System.arraycopy(mask, s * steps, m, b * steps, steps);
        }
        return new SequenceBatch(count, steps, inputs, outputs, x, y, m, loss);
    }

    @Override
    public int testSequences() {
        return test.length;
    }

    @Override
    public int trainingSequences() {
        return train.length;
    }

    @Override
    public String testDescription() {
        return description;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public LossKind loss() {
        return loss;
    }
}
