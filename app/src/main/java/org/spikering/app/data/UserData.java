package org.spikering.app.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.spikering.app.spec.data.DataArray;
import org.spikering.app.spec.data.DataSetSpec;
import org.spikering.plasticity.data.LossKind;

/**
 * Loads the user's data set of a {@code training.data} spec ({@link DataSetSpec}) into a {@link UserDataSet}. The
 * rules (also in {@code docs/DATA.md}):
 * <ol>
 *   <li><b>Inputs</b> ({@code inputs}): a dense {@code .npy}/{@code .npz} array [n, T, i] of spike counts (any dtype
 *       we read; values whole numbers &ge; 0, usually 0/1), T steps of dt; or events ({@link SpikeEvents}: CSV
 *       {@code sequence,time_ms,neuron} or SONATA), binned to dt, with T = {@code sequence_ms}/dt (a whole number)
 *       and i = {@code input_neurons} or the largest neuron id + 1 over the training and test files.</li>
 *   <li><b>Targets</b> ({@code targets}, {@link Targets}): float [n, T, k] = regression, k readouts, loss
 *       {@link LossKind#REGRESSION_MSE}; integer labels [n] = classification, one readout per class
 *       ({@code classes}, default the largest label + 1, at least 2), loss {@link LossKind#CLASSIFICATION_CE} with a
 *       one-hot target at every step. n of inputs and targets must agree; for regression, so must T.</li>
 *   <li><b>Where the error counts</b>: {@code loss_mask} [n, T] (bool, or integers 0/1), or the last
 *       {@code recall_steps} steps of each sequence, or (neither given) every step; every sequence needs one such
 *       step.</li>
 *   <li><b>Test set</b>: {@code test} files (every sequence of {@code inputs} is then trained on), or a held-out
 *       fraction: with π a Fisher–Yates shuffle of 0..n−1 by {@code SplittableRandom(shuffle_seed)} (for j = n−1..1:
 *       swap j with a uniform index in [0, j]), the sequences π[0..m) with m = round(test_fraction · n) (at least 1)
 *       are the test set, the rest the training set, both in ascending order. At least one sequence must remain for
 *       training, and a test set is required.</li>
 * </ol>
 * Every problem is an {@link IllegalArgumentException} of one line naming the field path
 * ({@code training.data.<field>}), the value and what is allowed.
 */
public final class UserData {

    private static final String P = DataSetSpec.PATH;

    private UserData() {
    }

    /**
     * @param spec    the data set (defaults filled; {@code shuffle_seed} null means 1 unless
     *                {@link DataSetSpec#withDefaultSeed} set the spec's seed).
     * @param resolve turns a file field into a path ({@code Spec::resolve}).
     * @param dtMs    the network's time step in ms (event files are binned to it), &gt; 0.
     * @return the data set, split.
     * @throws IllegalArgumentException one line naming {@code training.data.<field>}, the value and what is allowed.
     */
    public static UserDataSet load(final DataSetSpec spec, final Function<String, Path> resolve, final double dtMs) {
        return load(spec, resolve, dtMs, P, null);
    }

    /**
     * Every sequence of the files is test data ({@code eval MODEL DATA}).
     *
     * @param spec    the data set; its split fields are not used.
     * @param resolve turns a file field into a path.
     * @param dtMs    time step in ms.
     * @param path    the field path prefix for messages (e.g. {@code DATA} for a command's positional).
     * @param classes the number of classes if the targets are labels and {@code spec.classes()} is null (e.g. the
     *                model's readouts), or null for the largest label + 1.
     * @return a data set whose {@link UserDataSet#heldOut()} is every sequence.
     */
    public static UserDataSet loadAllAsTest(final DataSetSpec spec, final Function<String, Path> resolve,
                                            final double dtMs, final String path, final Integer classes) {
        return load(new DataSetSpec(spec.inputs(), spec.targets(), spec.lossMask(), spec.recallSteps(),
                spec.sequenceMs(), spec.inputNeurons(), spec.population(), spec.classes(), 1.0, null, 0L), resolve,
                dtMs, path, classes);
    }

    private static UserDataSet load(final DataSetSpec s, final Function<String, Path> resolve, final double dtMs,
                                    final String p, final Integer labelClasses) {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be a finite number > 0");
        }
        final boolean allTest = s.testFraction() != null && s.testFraction() == 1.0 && s.test() == null;
        final double fraction = s.testFraction() == null ? 0.2 : s.testFraction();
        if (!allTest && s.test() == null && !(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(p + ".test_fraction: " + fraction + ", must be > 0 and < 1 (or give "
                    + p + ".test files): training needs a held-out test set");
        }
        if (s.lossMask() != null && s.recallSteps() != null) {
            throw new IllegalArgumentException(p + ".recall_steps: " + s.recallSteps() + ", not allowed together with "
                    + p + ".loss_mask (give one of them)");
        }
        final Part train = Part.read(p, s.inputs(), s.targets(), s.lossMask(), resolve);
        final Part test = s.test() == null ? null
                : Part.read(p + ".test", s.test().inputs(), s.test().targets(), s.test().lossMask(), resolve);
        if (test != null && s.lossMask() != null && test.mask == null) {
            throw new IllegalArgumentException(p + ".test.loss_mask: missing, must be given when " + p
                    + ".loss_mask is (the test sequences need theirs)");
        }
        // time base and input count
        final boolean events = train.inputs.format() == DataFormat.CSV || train.inputs.format() == DataFormat.SONATA;
        if (test != null && events != (test.inputs.format() == DataFormat.CSV || test.inputs.format() == DataFormat.SONATA)) {
            throw new IllegalArgumentException(p + ".test.inputs: '" + test.inputs.file().getFileName() + "', must be "
                    + (events ? "an event file (CSV or SONATA)" : "a dense .npy/.npz") + " like " + p + ".inputs");
        }
        if (!events) {
            for (String[] f : new String[][] {{"sequence_ms", s.sequenceMs() == null ? null : SpikeEvents.fmt(s.sequenceMs())},
                {"input_neurons", String.valueOf(s.inputNeurons())}, {"population", s.population()}}) {
                if (f[1] != null && !"null".equals(f[1])) {
                    throw new IllegalArgumentException(p + "." + f[0] + ": " + f[1] + ", only for event inputs (CSV,"
                            + " SONATA); dense " + train.inputs.where() + " gives it itself");
                }
            }
        }
        final DenseSpikes trainX;
        final DenseSpikes testX;
        if (events) {
            if (s.sequenceMs() == null) {
                throw new IllegalArgumentException(p + ".sequence_ms: missing, must be given for event inputs ("
                        + train.inputs.where() + ")");
            }
            final double steps = s.sequenceMs() / dtMs;
            if (!(steps >= 1) || Math.abs(steps - Math.rint(steps)) > 1e-9 * steps || steps > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(p + ".sequence_ms: " + SpikeEvents.fmt(s.sequenceMs())
                        + ", must be a whole number >= 1 of time steps dt = " + SpikeEvents.fmt(dtMs) + " ms");
            }
            if (s.population() != null && train.inputs.format() != DataFormat.SONATA) {
                throw new IllegalArgumentException(p + ".population: '" + s.population() + "', only for SONATA inputs");
            }
            final SpikeEvents e1 = SpikeEvents.read(train.inputs, s.sequenceMs(), dtMs, s.population(), p + ".population");
            final SpikeEvents e2 = test == null ? null
                    : SpikeEvents.read(test.inputs, s.sequenceMs(), dtMs, s.population(), p + ".population");
            final int inputs;
            final String iField;
            if (s.inputNeurons() != null) {
                inputs = s.inputNeurons();
                iField = p + ".input_neurons";
            } else {
                inputs = Math.max(e1.maxNeuron(), e2 == null ? -1 : e2.maxNeuron()) + 1;
                iField = "the input count (largest neuron id + 1)";
                if (inputs == 0) {
                    throw new IllegalArgumentException(p + ".inputs: " + train.inputs.where() + " has no spikes; give "
                            + p + ".input_neurons");
                }
            }
            requireMemory(p, train.inputs, train.targets.sequences() + (test == null ? 0 : test.targets.sequences()),
                    e1.steps(), inputs, 1);
            trainX = e1.toDense(train.targets.sequences(), inputs, p + ".targets", iField);
            testX = e2 == null ? null : e2.toDense(test.targets.sequences(), inputs, p + ".test.targets", iField);
        } else {
            trainX = dense(train.inputs);
            testX = test == null ? null : dense(test.inputs);
            if (testX != null && testX.inputs() != trainX.inputs()) {
                throw test.inputs.fail(test.inputs.where() + " has " + testX.inputs() + " input neurons, " + p
                        + ".inputs has " + trainX.inputs() + ": must be as many");
            }
            if (testX != null && testX.steps() != trainX.steps()) {
                throw test.inputs.fail(test.inputs.where() + " has " + testX.steps() + " steps, " + p
                        + ".inputs has " + trainX.steps() + ": must be as many");
            }
        }
        train.check(trainX, p);
        if (test != null) {
            test.check(testX, p + ".test");
        }
        // loss and readouts
        final boolean labels = train.targets.isLabels();
        if (test != null && test.targets.isLabels() != labels) {
            throw test.targets.fail(test.targets.where() + " holds " + (labels ? "regression targets" : "class labels")
                    + ", " + p + ".targets holds " + (labels ? "class labels" : "regression targets") + ": must be alike");
        }
        if (!labels && s.classes() != null) {
            throw new IllegalArgumentException(p + ".classes: " + s.classes() + ", only for integer class labels ("
                    + train.targets.where() + " holds regression targets)");
        }
        final int outputs;
        if (labels) {
            long max = -1;
            for (Part q : test == null ? new Part[] {train} : new Part[] {train, test}) {
                for (long l : q.targets.labels()) {
                    max = Math.max(max, l);
                }
            }
            final boolean given = s.classes() != null;
            outputs = given ? s.classes() : labelClasses != null ? labelClasses
                    : (int) Math.max(2, Math.min(max + 1, Integer.MAX_VALUE));
            for (Part q : test == null ? new Part[] {train} : new Part[] {train, test}) {
                final long[] l = q.targets.labels();
                for (int i = 0; i < l.length; i++) {
                    if (l[i] < 0 || l[i] >= outputs) {
                        throw q.targets.fail(q.targets.where() + " has label " + l[i] + " at sequence " + i
                                + ", must be in [0, " + outputs + ")" + (given ? " (" + p + ".classes = " + outputs + ")"
                                : labelClasses != null ? " (one class per readout)"
                                : " (classes are 0..largest label; labels must be >= 0)"));
                    }
                }
            }
            if (outputs > 10_000) {
                throw train.targets.fail(train.targets.where() + " has labels up to " + (outputs - 1)
                        + ": at most 10000 classes (one readout each)");
            }
        } else {
            outputs = train.targets.outputs();
            if (test != null && test.targets.outputs() != outputs) {
                throw test.targets.fail(test.targets.where() + " has " + test.targets.outputs() + " targets per step, "
                        + p + ".targets has " + outputs + ": must be as many");
            }
        }
        final int steps = trainX.steps();
        if (s.recallSteps() != null && s.recallSteps() > steps) {
            throw new IllegalArgumentException(p + ".recall_steps: " + s.recallSteps() + ", must be <= the " + steps
                    + " steps of a sequence");
        }
        final int n1 = trainX.sequences();
        final int n2 = testX == null ? 0 : testX.sequences();
        final int n = n1 + n2;
        final int i = trainX.inputs();
        requireMemory(p, train.inputs, n, steps, i, outputs);
        final float[] x = Arrays.copyOf(trainX.counts(), Math.multiplyExact(Math.multiplyExact(n, steps), i));
        if (testX != null) {
            System.arraycopy(testX.counts(), 0, x, n1 * steps * i, testX.counts().length);
        }
        final double[] y = new double[Math.multiplyExact(Math.multiplyExact(n, steps), outputs)];
        final boolean[] m = new boolean[n * steps];
        fill(train, 0, steps, outputs, s.recallSteps(), y, m, p);
        if (test != null) {
            fill(test, n1, steps, outputs, s.recallSteps(), y, m, p + ".test");
        }
        final LossKind loss = labels ? LossKind.CLASSIFICATION_CE : LossKind.REGRESSION_MSE;
        final int[] trainIdx;
        final int[] testIdx;
        final String description;
        if (allTest) {
            trainIdx = new int[0];
            testIdx = TestSplit.range(0, n);
            description = "all " + n + " sequences of " + train.inputs.where();
        } else if (test != null) {
            trainIdx = TestSplit.range(0, n1);
            testIdx = TestSplit.range(n1, n);
            description = "separate test files: " + n2 + " sequences of " + test.inputs.where() + "; training on all "
                    + n1 + " sequences of " + train.inputs.where();
        } else {
            final long seed = s.shuffleSeed() == null ? 1L : s.shuffleSeed();
            final int mTest = (int) Math.max(1, Math.round(fraction * n));
            if (mTest >= n) {
                throw new IllegalArgumentException(p + ".test_fraction: " + fraction + " of " + n + " sequences leaves "
                        + (n - mTest) + " for training: must leave at least 1");
            }
            final TestSplit split = TestSplit.shuffled(n, mTest, seed);
            trainIdx = split.train();
            testIdx = split.test();
            description = "held out: " + mTest + " of the " + n + " sequences of " + train.inputs.where()
                    + " (test_fraction " + fraction + ", shuffle seed " + seed + "), never trained on";
        }
        return new UserDataSet(steps, i, outputs, loss, x, y, m, trainIdx, testIdx, description);
    }

    /**
     * The data set holds 4-byte inputs, 8-byte targets and the mask of every step, and a batch copies its sequences:
     * it must fit twice in the JVM's memory.
     */
    private static void requireMemory(final String p, final DataFile inputs, final long n, final long steps,
                                      final long i, final long k) {
        final double bytes = (double) n * steps * (4.0 * i + 8.0 * k + 1);
        if (2 * bytes > Runtime.getRuntime().maxMemory() || (double) n * steps * Math.max(i, k) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s.inputs: %s: %d sequences x %d"
                    + " steps x %d inputs need about %.0f MB twice, must fit in the %.0f MB this JVM has (and in a Java"
                    + " array); give more with SPIKERING_JAVA_OPTS=-Xmx...", p, inputs.where(), n, steps, i, bytes / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6));
        }
    }

    private static DenseSpikes dense(final DataFile f) {
        final NpyArray a = f.array();
        if (a.ndim() != 3) {
            throw f.fail(f.where() + " has shape " + a.shapeText() + ", input spikes must be [n, T, i] (sequences,"
                    + " steps, input neurons)");
        }
        if (a.dim(0) == 0 || a.dim(1) == 0 || a.dim(2) == 0) {
            throw f.fail(f.where() + " has shape " + a.shapeText() + ": every extent must be >= 1");
        }
        final float[] x = new float[a.size()];
        for (int k = 0; k < x.length; k++) {
            final double v = a.doubleAt(k);
            if (!(v >= 0) || v != Math.rint(v) || v > 1e6) {
                final int t = a.dim(1);
                final int i = a.dim(2);
                throw f.fail(f.where() + " has " + v + " at [" + k / (t * i) + ", " + k / i % t + ", " + k % i
                        + "]: input spikes must be whole counts >= 0 (0/1)");
            }
            x[k] = (float) v;
        }
        return new DenseSpikes(a.dim(0), a.dim(1), a.dim(2), x);
    }

    /** Writes the one-hot or regression targets and the mask of a part at sequence offset {@code at}. */
    private static void fill(final Part q, final int at, final int steps, final int k, final Integer recall,
                             final double[] y, final boolean[] m, final String p) {
        final Targets t = q.targets;
        for (int s = 0; s < t.sequences(); s++) {
            final int b = at + s;
            for (int st = 0; st < steps; st++) {
                if (t.isLabels()) {
                    y[(b * steps + st) * k + (int) t.labels()[s]] = 1.0;
                }
                m[b * steps + st] = q.mask != null ? q.mask[s * steps + st] : recall == null || st >= steps - recall;
            }
            if (q.mask != null) {
                boolean any = false;
                for (int st = 0; st < steps; st++) {
                    any |= m[b * steps + st];
                }
                if (!any) {
                    throw q.maskFile.fail(q.maskFile.where() + " has no step where the error counts in sequence " + s
                            + ": every sequence needs at least one");
                }
            }
        }
        if (!t.isLabels()) {
            System.arraycopy(t.values(), 0, y, at * steps * k, t.values().length);
        }
    }

    /** The files of the training or the test part. */
    private static final class Part {
        final DataFile inputs;
        final Targets targets;
        final DataFile maskFile;
        boolean[] mask;
        private NpyArray maskArray;

        private Part(final DataFile inputs, final Targets targets, final DataFile maskFile, final NpyArray maskArray) {
            this.inputs = inputs;
            this.targets = targets;
            this.maskFile = maskFile;
            this.maskArray = maskArray;
        }

        static Part read(final String p, final DataArray in, final DataArray tg, final DataArray mk,
                         final Function<String, Path> resolve) {
            final DataFile fi = DataFile.of(p + ".inputs", in, "inputs", resolve);
            final DataFile ft = DataFile.of(p + ".targets", tg, "targets", resolve);
            final DataFile fm = mk == null ? null : DataFile.of(p + ".loss_mask", mk, "loss_mask", resolve);
            if (fm != null && fm.format() != DataFormat.NPY && fm.format() != DataFormat.NPZ) {
                throw fm.fail(fm.where() + ": a loss mask must be a .npy or .npz array [n, T]");
            }
            return new Part(fi, Targets.read(ft), fm, fm == null ? null : fm.array());
        }

        /** Checks n and T of inputs, targets and mask against each other; reads the mask. */
        void check(final DenseSpikes x, final String p) {
            if (x.sequences() != targets.sequences()) {
                throw inputs.fail(inputs.where() + " has " + x.sequences() + " sequences, " + p + ".targets ("
                        + targets.file().where() + ") has " + targets.sequences() + ": must be as many");
            }
            if (!targets.isLabels() && targets.steps() != x.steps()) {
                throw targets.file().fail(targets.file().where() + " has " + targets.steps() + " steps per sequence, "
                        + p + ".inputs has " + x.steps() + ": must be as many");
            }
            if (maskArray != null) {
                final NpyArray a = maskArray;
                if (a.ndim() != 2 || a.dim(0) != x.sequences() || a.dim(1) != x.steps()) {
                    throw maskFile.fail(maskFile.where() + " has shape " + a.shapeText() + ", must be [n, T] = ("
                            + x.sequences() + ", " + x.steps() + ")");
                }
                if (a.dtype().isFloat()) {
                    throw maskFile.fail(maskFile.where() + " is " + a.dtype().numpyName() + ", must be bool or integers 0/1");
                }
                mask = new boolean[a.size()];
                for (int k = 0; k < mask.length; k++) {
                    final long v = a.longAt(k);
                    if (v != 0 && v != 1) {
                        throw maskFile.fail(maskFile.where() + " has " + v + " at [" + k / x.steps() + ", "
                                + k % x.steps() + "], must be 0 or 1");
                    }
                    mask[k] = v == 1;
                }
                maskArray = null;
            }
        }
    }
}
