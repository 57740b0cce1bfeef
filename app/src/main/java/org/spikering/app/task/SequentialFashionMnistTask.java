package org.spikering.app.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.spikering.app.data.Idx;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * Sequential Fashion-MNIST, row by row (the row-wise sequential MNIST protocol of Liu et al. 2022's seq-MNIST code,
 * TASKS.md §6.5, on Zalando's Fashion-MNIST images): an image of 28×28 pixels is a sequence of 28 steps, step t
 * showing row t as 28 inputs with value u = pixel/255 ∈ [0, 1]. Target: the image's class (10 classes, softmax
 * cross-entropy), scored at the last step only (loss mask and accuracy there); chance 0.1.
 *
 * <table>
 * <caption>Input x^t_c of column c at step t (row t)</caption>
 * <tr><th>encoding</th><th>x^t_c</th></tr>
 * <tr><td>analog (default)</td><td>u = pixel/255</td></tr>
 * <tr><td>spikes</td><td>1 with probability u, else 0 (one Bernoulli draw per pixel, the pixel being shown once)</td></tr>
 * </table>
 *
 * <p>Sets: training batches draw {@code trainImages} images of the IDX training file uniformly with replacement (the
 * first {@code trainImages} of its 60000); the test set ({@link #heldOut}) is the first {@code testImages} images of
 * the IDX test file (same distribution, never trained on), in file order; the out-of-distribution test
 * ({@link #outOfDistributionBatch}, name {@code noisy_input}) is the same test images with u' = clip(u + ε, 0, 1),
 * ε ~ N(0, {@code oodNoiseSd}²) drawn anew per pixel (Liu et al. 2022 evaluate their seq-MNIST networks on inputs with
 * added N(0, 0.2²) noise clipped to [0, 1]). With encoding spikes the test set's Bernoulli draws come from a fixed
 * seed, so a run and {@code eval} test on the same spikes.
 *
 * <p>Where it differs from what it is named after: Liu et al. use MNIST digits; this is Fashion-MNIST (same format,
 * harder). They evaluate at the last step as here; their network and training settings are in the shipped
 * {@code examples/seq-fashion-mnist.yaml}, not in this class.
 */
public final class SequentialFashionMnistTask implements HeldOutSource, OutOfDistributionSource {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Training images, training labels, test images, test labels (each also found with a {@code .gz} suffix). */
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte"};
    /** Image side, pixels: steps and inputs per step. */
    public static final int SIDE = 28;
    /** Classes. */
    public static final int CLASSES = 10;
    /** Seed of the test set's Bernoulli draws (encoding spikes). */
    static final long TEST_SPIKES_SEED = 0x7E57F00DL;

    private final Path dir;
    private final int trainImages;
    private final int testImages;
    private final double oodNoiseSd;
    private final InputEncoding encoding;
    private final byte[] trainPixels;
    private final byte[] trainLabels;
    private final byte[] testPixels;
    private final byte[] testLabels;

    /**
     * Reads the first {@code trainImages} training and {@code testImages} test images and labels.
     *
     * @param dir         folder of the four IDX files (plain or .gz).
     * @param trainImages training images to use, &ge; 1, at most the file's.
     * @param testImages  test images, &ge; 1, at most the file's.
     * @param oodNoiseSd  σ of the out-of-distribution test's pixel noise (in units of u), finite, &ge; 0 (0: no such test).
     * @param encoding    analog or spikes.
     * @throws IllegalArgumentException one line, if {@link #problem} finds one or a label is not 0..9.
     */
    public SequentialFashionMnistTask(final Path dir, final int trainImages, final int testImages,
                                      final double oodNoiseSd, final InputEncoding encoding) {
        final Problem p = problem(dir, trainImages, testImages, oodNoiseSd);
        if (p != null) {
            throw new IllegalArgumentException(p.toString());
        }
        this.dir = dir;
        this.trainImages = trainImages;
        this.testImages = testImages;
        this.oodNoiseSd = oodNoiseSd;
        this.encoding = java.util.Objects.requireNonNull(encoding, "encoding");
        trainPixels = Idx.images(file(dir, FILES[0]), trainImages).pixels();
        trainLabels = labels(file(dir, FILES[1]), trainImages);
        testPixels = Idx.images(file(dir, FILES[2]), testImages).pixels();
        testLabels = labels(file(dir, FILES[3]), testImages);
    }

    /**
     * A problem with the parameters or files, as a spec check reports it.
     *
     * @param field the spec field ({@code train_images}, {@code test_images}, {@code ood_noise_sd}, {@code data_dir}).
     * @param value the value given.
     * @param what  what is wrong and what is allowed.
     */
    public record Problem(String field, Object value, String what) {
        @Override
        public String toString() {
            return field + " = " + (value instanceof String ? "'" + value + "'" : value) + ": " + what;
        }
    }

    /**
     * The checks of the constructor that need only the files' headers (cheap: the spec check runs them).
     *
     * @return null, or the first problem found.
     */
    public static Problem problem(final Path dir, final int trainImages, final int testImages, final double oodNoiseSd) {
        if (trainImages < 1) {
            return new Problem("train_images", trainImages, "must be >= 1");
        }
        if (testImages < 1) {
            return new Problem("test_images", testImages, "must be >= 1");
        }
        if (!(oodNoiseSd >= 0) || Double.isInfinite(oodNoiseSd)) {
            return new Problem("ood_noise_sd", oodNoiseSd, "must be finite and >= 0 (0: no noisy-input test)");
        }
        final int[] n = new int[FILES.length];
        for (int k = 0; k < FILES.length; k++) {
            final Path f = file(dir, FILES[k]);
            if (f == null) {
                return new Problem("data_dir", dir.toString(), "has no " + FILES[k] + ".gz (or " + FILES[k] + "); install"
                        + " Debian's Fashion-MNIST (apt install dataset-fashion-mnist, files in " + DEBIAN_DIR + ") or put"
                        + " the four files of github.com/zalandoresearch/fashion-mnist there");
            }
            try {
                final int[] d = Idx.header(f, k % 2 == 0 ? Idx.IMAGES : Idx.LABELS);
                if (k % 2 == 0 && (d[1] != SIDE || d[2] != SIDE)) {
                    return new Problem("data_dir", dir.toString(), f + ": images of " + d[1] + "x" + d[2]
                            + " pixels, must be " + SIDE + "x" + SIDE);
                }
                n[k] = d[0];
            } catch (IllegalArgumentException e) {
                return new Problem("data_dir", dir.toString(), e.getMessage());
            }
        }
        if (n[0] != n[1] || n[2] != n[3]) {
            return new Problem("data_dir", dir.toString(), n[0] + " training images but " + n[1] + " labels, " + n[2]
                    + " test images but " + n[3] + " labels; the counts must match");
        }
        if (trainImages > n[0]) {
            return new Problem("train_images", trainImages, "must be <= " + n[0] + " (the images in "
                    + file(dir, FILES[0]) + ")");
        }
        if (testImages > n[2]) {
            return new Problem("test_images", testImages, "must be <= " + n[2] + " (the images in "
                    + file(dir, FILES[2]) + ")");
        }
        return null;
    }

    /** @return {@code dir/name} if it exists, else {@code dir/name.gz} if that exists, else null. */
    static Path file(final Path dir, final String name) {
        final Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        final Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static byte[] labels(final Path f, final int n) {
        final byte[] l = Idx.labels(f, n);
        for (int k = 0; k < l.length; k++) {
            if ((l[k] & 0xFF) >= CLASSES) {
                throw new IllegalArgumentException(f + ": label " + k + " is " + (l[k] & 0xFF) + ", must be 0.." + (CLASSES - 1));
            }
        }
        return l;
    }

    /** @return training images used. */
    @Override
    public int trainingSequences() {
        return trainImages;
    }

    @Override
    public int testSequences() {
        return testImages;
    }

    /** @return the input encoding. */
    public InputEncoding encoding() {
        return encoding;
    }

    /** @return σ of the out-of-distribution test's noise. */
    public double oodNoiseSd() {
        return oodNoiseSd;
    }

    @Override
    public int inputs() {
        return SIDE;
    }

    @Override
    public int outputs() {
        return CLASSES;
    }

    @Override
    public int steps() {
        return SIDE;
    }

    @Override
    public LossKind loss() {
        return LossKind.CLASSIFICATION_CE;
    }

    /** Training images drawn uniformly with replacement from the first {@code trainImages}, the batch's stream. */
    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int[] pick = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            pick[b] = rnd.nextInt(trainImages);
        }
        return images(trainPixels, trainLabels, pick, 0, rnd);
    }

    /** Every test image in file order, noise-free (spikes: Bernoulli draws from a fixed seed). */
    @Override
    public SequenceBatch heldOut() {
        return images(testPixels, testLabels, all(), 0, new SplittableRandom(TEST_SPIKES_SEED));
    }

    @Override
    public String testDescription() {
        return "the first " + testImages + " images of " + file(dir, FILES[2]) + " (the IDX test set, never trained on),"
                + " " + encoding.id() + " input" + (encoding == InputEncoding.SPIKES ? " (Bernoulli draws from seed "
                + TEST_SPIKES_SEED + ")" : "");
    }

    @Override
    public boolean hasOutOfDistribution() {
        return oodNoiseSd > 0;
    }

    /**
     * @param batchSize ignored: the test is every test image, as {@link #heldOut} (so its accuracy compares with the
     *                  test accuracy image for image).
     * @param seed      seed of the noise (and of the Bernoulli draws with encoding spikes).
     * @return every test image with u' = clip(u + N(0, σ²), 0, 1) per pixel.
     */
    @Override
    public SequenceBatch outOfDistributionBatch(final int batchSize, final long seed) {
        if (!hasOutOfDistribution()) {
            throw new IllegalStateException("ood_noise_sd = 0: this task has no out-of-distribution test");
        }
        return images(testPixels, testLabels, all(), oodNoiseSd, new SplittableRandom(seed));
    }

    @Override
    public String outOfDistributionName() {
        return "noisy_input";
    }

    @Override
    public String outOfDistributionDescription() {
        return "the " + testImages + " test images with N(0, " + oodNoiseSd + "^2) noise added to every pixel/255,"
                + " clipped to [0, 1] (training sees no noise)";
    }

    private int[] all() {
        final int[] k = new int[testImages];
        for (int i = 0; i < k.length; i++) {
            k[i] = i;
        }
        return k;
    }

    /**
     * Sequence b is image pick[b]: x at step t, input c = u (analog) or Bernoulli(u) (spikes), u = pixel/255 (plus
     * N(0, sd²) noise then clipped to [0, 1] when sd &gt; 0); the label one-hot at the last step, the only one scored.
     */
    private SequenceBatch images(final byte[] pixels, final byte[] labels, final int[] pick, final double sd,
                                 final SplittableRandom rnd) {
        final int n = pick.length;
        final int px = SIDE * SIDE;
        final float[] x = new float[n * px];
        final double[] y = new double[n * SIDE * CLASSES];
        final boolean[] mask = new boolean[n * SIDE];
        final boolean spikes = encoding == InputEncoding.SPIKES;
        for (int b = 0; b < n; b++) {
            final int from = pick[b] * px;
            for (int k = 0; k < px; k++) {
                double u = (pixels[from + k] & 0xFF) / 255.0;
                if (sd > 0) {
                    u = Math.min(1.0, Math.max(0.0, u + sd * RateCodedObservation.gaussian(rnd)));
                }
                // [b][t][c] with t = row, c = column: the image's row-major pixel order
                x[b * px + k] = spikes ? (rnd.nextDouble() < u ? 1f : 0f) : (float) u;
            }
            mask[b * SIDE + SIDE - 1] = true;
            y[(b * SIDE + SIDE - 1) * CLASSES + (labels[pick[b]] & 0xFF)] = 1.0;
        }
        return new SequenceBatch(n, SIDE, SIDE, CLASSES, x, y, mask, LossKind.CLASSIFICATION_CE);
    }
}
