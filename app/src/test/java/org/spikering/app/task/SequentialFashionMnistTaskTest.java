package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.data.Idx;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * Sequential Fashion-MNIST on the committed subset (200 training, 100 test images): the IDX reader against numbers
 * computed from the same files by Python's gzip module (pixel sums, labels, a row), the sequences against the
 * protocol (row t at step t, pixel/255, label at the last step only), the noisy-input test's noise against its
 * distribution, the spikes encoding's rate against the pixel values, and bad files and fields as one line each.
 */
final class SequentialFashionMnistTaskTest {

    static final Path SUBSET = FashionSubset.DIR;

    @TempDir
    Path dir;

    private static SequentialFashionMnistTask task(final InputEncoding e, final double sd) {
        return new SequentialFashionMnistTask(SUBSET, 200, 100, sd, e);
    }

    private static long sum(final byte[] px, final int from, final int n) {
        long s = 0;
        for (int k = from; k < from + n; k++) {
            s += px[k] & 0xFF;
        }
        return s;
    }

    /** Numbers printed by Python (gzip.open(...).read()) from the same files. */
    @Test
    void idxReaderReadsTheCommittedSubset() {
        final Idx.Images train = Idx.images(SUBSET.resolve("train-images-idx3-ubyte.gz"), Integer.MAX_VALUE);
        assertEquals(200, train.count());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        assertEquals(76247, sum(train.pixels(), 0, 784));
        assertEquals(84598, sum(train.pixels(), 784, 784));
        assertEquals(28662, sum(train.pixels(), 2 * 784, 784));
        assertEquals(11409065, sum(train.pixels(), 0, 200 * 784));
        final byte[] labels = Idx.labels(SUBSET.resolve("t10k-labels-idx1-ubyte.gz"), 10);
        assertArrayEquals(new byte[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, labels);
        assertEquals(3, Idx.images(SUBSET.resolve("t10k-images-idx3-ubyte.gz"), 3).count(), "the first max images");
        assertArrayEquals(new int[] {100}, Idx.header(SUBSET.resolve("t10k-labels-idx1-ubyte.gz"), Idx.LABELS));
    }

    @Test
    void idxReaderReadsPlainFilesAndNamesBadOnesInOneLine() throws Exception {
        final Path plain = dir.resolve("plain-images");
        write(plain, false, Idx.IMAGES, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, (byte) 250, 7, 8, 9, 10, (byte) 255});
        final Idx.Images im = Idx.images(plain, 5);
        assertEquals(2, im.count());
        assertEquals(255, im.pixels()[11] & 0xFF);
        final Path gz = dir.resolve("labels.gz");
        write(gz, true, Idx.LABELS, new int[] {3}, new byte[] {4, 0, 9});
        assertArrayEquals(new byte[] {4, 0, 9}, Idx.labels(gz, 10));
        assertEquals(gz + ": magic number 2049, must be 2051 (an IDX image file of unsigned bytes); it is an IDX label"
                + " file", assertThrows(IllegalArgumentException.class, () -> Idx.images(gz, 1)).getMessage());
        final Path cut = dir.resolve("cut");
        write(cut, false, Idx.LABELS, new int[] {5}, new byte[] {1, 2});
        assertEquals(cut + ": ends before the 5 data bytes its header announces",
                assertThrows(IllegalArgumentException.class, () -> Idx.labels(cut, 10)).getMessage());
        final Path text = dir.resolve("text");
        Files.writeString(text, "hi");
        assertEquals(text + ": empty or shorter than an IDX header",
                assertThrows(IllegalArgumentException.class, () -> Idx.labels(text, 1)).getMessage());
    }

    private static void write(final Path f, final boolean gzip, final int magic, final int[] dims, final byte[] data)
            throws Exception {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(gzip ? new GZIPOutputStream(b) : b)) {
            o.writeInt(magic);
            for (int d : dims) {
                o.writeInt(d);
            }
            o.write(data);
        }
        Files.write(f, b.toByteArray());
    }

    /**
     * Analog: the test set is the test images in file order, step t = row t, value pixel/255; the label one-hot at
     * step 27 only. Training batches: each sequence is one of the 200 training images, with its label.
     */
    @Test
    void sequencesAreImageRowsWithTheLabelAtTheLastStep() {
        final SequentialFashionMnistTask t = task(InputEncoding.ANALOG, 0.2);
        final SequenceBatch test = t.heldOut();
        assertEquals(100, test.batchSize());
        assertEquals(28, test.steps());
        assertEquals(28, test.inputs());
        final int[] row14 = {0, 0, 0, 0, 163, 255, 245, 221, 86, 255, 233, 233, 235, 236, 234, 234, 234, 232, 242, 231,
            125, 255, 236, 255, 55, 0, 0, 0};
        for (int c = 0; c < 28; c++) {
            assertEquals(row14[c] / 255.0, test.inputSpikes()[test.inputIndex(1, 14, c)], 1e-7, "image 1, row 14");
        }
        final int[] firstLabels = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7};
        for (int s = 0; s < 10; s++) {
            for (int n = 0; n < 28; n++) {
                assertEquals(n == 27, test.lossMask()[test.maskIndex(s, n)]);
                for (int k = 0; k < 10; k++) {
                    assertEquals(n == 27 && k == firstLabels[s] ? 1.0 : 0.0, test.targets()[test.targetIndex(s, n, k)]);
                }
            }
        }
        double total = 0;
        for (float v : test.inputSpikes()) {
            total += v;
        }
        assertEquals(5854180 / 255.0, total, 1e-2, "pixel sum of the 100 test images / 255");
        final Idx.Images train = Idx.images(SUBSET.resolve("train-images-idx3-ubyte.gz"), 200);
        final byte[] labels = Idx.labels(SUBSET.resolve("train-labels-idx1-ubyte.gz"), 200);
        final SequenceBatch b = t.batch(16, 3);
        for (int s = 0; s < 16; s++) {
            final float[] seq = Arrays.copyOfRange(b.inputSpikes(), s * 784, (s + 1) * 784);
            int found = -1;
            for (int i = 0; i < 200 && found < 0; i++) {
                boolean same = true;
                for (int k = 0; k < 784 && same; k++) {
                    same = seq[k] == (float) ((train.pixels()[i * 784 + k] & 0xFF) / 255.0);
                }
                found = same ? i : -1;
            }
            assertTrue(found >= 0, "sequence " + s + " is a training image");
            assertEquals(1.0, b.targets()[b.targetIndex(s, 27, labels[found])]);
        }
        assertArrayEquals(b.inputSpikes(), t.batch(16, 3).inputSpikes(), "same seed, same batch");
        assertFalse(Arrays.equals(b.inputSpikes(), t.batch(16, 4).inputSpikes()));
    }

    /**
     * The noisy-input test is the test images with u' = clip(u + ε, 0, 1), ε ~ N(0, 0.2²): at the ~39700 pixels with
     * u = 0, u' = max(0, ε), so half of them stay 0 and their mean is σ/√(2π); elsewhere |u' − u| stays within clipping.
     */
    @Test
    void noisyInputTestAddsClippedGaussianNoise() {
        final SequentialFashionMnistTask t = task(InputEncoding.ANALOG, 0.2);
        final float[] u = t.heldOut().inputSpikes();
        final SequenceBatch noisy = t.outOfDistributionBatch(7, 11);
        assertEquals(100, noisy.batchSize(), "every test image, whatever the batch size");
        assertArrayEquals(t.heldOut().targets(), noisy.targets(), 0.0);
        final float[] v = noisy.inputSpikes();
        int zeros = 0;
        int stayed = 0;
        double mean = 0;
        for (int k = 0; k < u.length; k++) {
            assertTrue(v[k] >= 0f && v[k] <= 1f);
            if (u[k] == 0f) {
                zeros++;
                stayed += v[k] == 0f ? 1 : 0;
                mean += v[k];
            }
        }
        assertEquals(39691, zeros, "zero pixels (Python's count)");
        assertEquals(0.5, stayed / (double) zeros, 4 * 0.5 / Math.sqrt(zeros));
        final double sdMax = Math.sqrt(0.04 / 2 - 0.04 / (2 * Math.PI));
        assertEquals(0.2 / Math.sqrt(2 * Math.PI), mean / zeros, 4 * sdMax / Math.sqrt(zeros));
        assertFalse(Arrays.equals(v, t.outOfDistributionBatch(7, 12).inputSpikes()), "the noise follows the seed");
        assertFalse(task(InputEncoding.ANALOG, 0).hasOutOfDistribution(), "sd 0: no such test");
    }

    /** Spikes: one Bernoulli(u) draw per pixel; over the 78400 test pixels the spike count matches Σu within 4 SD. */
    @Test
    void spikesEncodingFiresWithThePixelProbability() {
        final SequenceBatch s = task(InputEncoding.SPIKES, 0.2).heldOut();
        final float[] u = task(InputEncoding.ANALOG, 0.2).heldOut().inputSpikes();
        double count = 0;
        double mean = 0;
        double var = 0;
        for (int k = 0; k < u.length; k++) {
            assertTrue(s.inputSpikes()[k] == 0f || s.inputSpikes()[k] == 1f);
            assertTrue(u[k] > 0 || s.inputSpikes()[k] == 0f, "no spike where the pixel is 0");
            count += s.inputSpikes()[k];
            mean += u[k];
            var += u[k] * (1 - u[k]);
        }
        assertEquals(mean, count, 4 * Math.sqrt(var));
        assertArrayEquals(s.inputSpikes(), task(InputEncoding.SPIKES, 0.2).heldOut().inputSpikes(), "a fixed test set");
    }

    @Test
    void badFieldsAndMissingFilesAreOneLineEach() throws Exception {
        final String base = Files.readString(Path.of("..", "examples", "seq-fashion-mnist.yaml"))
                .replace("/usr/share/datasets/fashion-mnist", SUBSET.toString());
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        BrokenSpecRuns.assertEveryCaseRejected(dir, base, new String[][] {
            {"train_images: 60000", "train_images: 201",
                "training.task.train_images: 201, must be <= 200 (the images in " + SUBSET
                    + "/train-images-idx3-ubyte.gz)"},
            {"test_images: 10000", "test_images: 0", "training.task.test_images: 0, must be >= 1"},
            {"ood_noise_sd: 0.2", "ood_noise_sd: -0.1", "training.task.ood_noise_sd: -0.1, must be >= 0"},
            {"data_dir: " + SUBSET, "data_dir: " + empty, "training.task.data_dir: '" + empty + "', has no"
                + " train-images-idx3-ubyte.gz (or train-images-idx3-ubyte); install Debian's Fashion-MNIST (apt install"
                + " dataset-fashion-mnist, files in /usr/share/datasets/fashion-mnist) or put the four files of"
                + " github.com/zalandoresearch/fashion-mnist there"},
            {"encoding: analog", "encoding: analog\n    rate_hz: 100",
                "training.task.rate_hz: 100, not a parameter of task seq-fashion-mnist (its parameters: train_images,"
                    + " test_images, ood_noise_sd, data_dir, encoding)"},
        }, "train");
    }
}
