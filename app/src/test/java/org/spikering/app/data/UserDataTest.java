package org.spikering.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.data.DataArray;
import org.spikering.app.spec.data.DataSetSpec;
import org.spikering.app.spec.data.DataTestFiles;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * {@link UserData#load} against the NumPy fixtures of {@code make_fixtures.py} (see {@link NumpyFilesTest}): the
 * loaded sequences must equal NumPy's arrays, the event files (CSV, a SONATA file h5py wrote, and one our SONATA
 * writer writes, of the same events) must bin to the dense counts NumPy computed from them ({@code events_dense.npz}), and every bad input must give one
 * line naming the field.
 */
final class UserDataTest {

    private static final Path DIR = NumpyFilesTest.fixture("values.json").getParent();
    private static final Function<String, Path> RESOLVE = DIR::resolve;

    static DataSetSpec spec(final DataArray in, final DataArray tg, final DataArray mask, final Integer recall,
                            final Double seqMs, final Double fraction, final DataTestFiles test, final Long seed) {
        return new DataSetSpec(in, tg, mask, recall, seqMs, null, null, null, fraction, test, seed);
    }

    static DataSetSpec evidence(final double fraction, final long seed) {
        return spec(new DataArray("evidence_small.npz", null), new DataArray("evidence_small.npz", "labels"),
                new DataArray("evidence_small.npz", "mask"), null, null, fraction, null, seed);
    }

    private static String error(final DataSetSpec s, final Function<String, Path> resolve) {
        final String m = assertThrows(IllegalArgumentException.class, () -> UserData.load(s, resolve, 1.0)).getMessage();
        assertTrue(!m.contains("\n"), m);
        return m;
    }

    @Test
    void classificationNpzGivesNumpysInputsOneHotLabelsAndMask() {
        final UserDataSet d = UserData.load(evidence(0.5, 3), RESOLVE, 1.0);
        assertEquals(LossKind.CLASSIFICATION_CE, d.loss());
        assertEquals(2, d.outputs());
        assertEquals(20, d.steps());
        assertEquals(4, d.inputs());
        final NpyArray in = Npz.read(DIR.resolve("evidence_small.npz"), "inputs");
        final NpyArray lab = Npz.read(DIR.resolve("evidence_small.npz"), "labels");
        final NpyArray mask = Npz.read(DIR.resolve("evidence_small.npz"), "mask");
        final SequenceBatch all = d.all();
        for (int k = 0; k < in.size(); k++) {
            assertEquals(in.doubleAt(k), all.inputSpikes()[k]);
        }
        for (int b = 0; b < 6; b++) {
            for (int t = 0; t < 20; t++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(lab.longAt(b) == c ? 1.0 : 0.0, all.targets()[all.targetIndex(b, t, c)]);
                }
                assertEquals(mask.longAt(b * 20 + t) == 1, all.lossMask()[all.maskIndex(b, t)]);
            }
        }
    }

    @Test
    void regressionNpzGivesNumpysTargetsAndEveryStepCounts() {
        final UserDataSet d = UserData.load(spec(new DataArray("regression.npz", null), new DataArray("regression.npz", null),
                null, null, null, 0.2, null, 1L), RESOLVE, 1.0);
        assertEquals(LossKind.REGRESSION_MSE, d.loss());
        assertEquals(2, d.outputs());
        assertEquals(3, d.inputs());
        assertEquals(10, d.steps());
        assertEquals(1, d.testSequences()); // round(0.2 * 5)
        final NpyArray tg = Npz.read(DIR.resolve("regression.npz"), "targets");
        final SequenceBatch all = d.all();
        for (int k = 0; k < tg.size(); k++) {
            assertEquals(tg.doubleAt(k), all.targets()[k]);
        }
        for (boolean m : all.lossMask()) {
            assertTrue(m);
        }
    }

    @Test
    void recallStepsMaskTheLastSteps() {
        final UserDataSet d = UserData.load(spec(new DataArray("evidence_small.npz", null),
                new DataArray("evidence_small.npz", "labels"), null, 5, null, 0.5, null, 1L), RESOLVE, 1.0);
        final SequenceBatch all = d.all();
        for (int b = 0; b < 6; b++) {
            for (int t = 0; t < 20; t++) {
                assertEquals(t >= 15, all.lossMask()[all.maskIndex(b, t)]);
            }
        }
    }

    @Test
    void csvEventsBinToNumpysDenseCountsAndCsvTargetsReadExactly() {
        final NpyArray dense = Npz.read(DIR.resolve("events_dense.npz"), "inputs");
        final UserDataSet labels = UserData.load(spec(DataArray.of("events.csv"), DataArray.of("labels.csv"), null, null,
                10.0, 0.3, null, 1L), RESOLVE, 1.0);
        assertEquals(4, labels.inputs());
        assertEquals(10, labels.steps());
        assertEquals(LossKind.CLASSIFICATION_CE, labels.loss());
        final SequenceBatch a = labels.all();
        for (int k = 0; k < dense.size(); k++) {
            assertEquals(dense.doubleAt(k), a.inputSpikes()[k], "element " + k);
        }
        final NpyArray lab = Npz.read(DIR.resolve("events_dense.npz"), "labels");
        for (int b = 0; b < 3; b++) {
            assertEquals(1.0, a.targets()[a.targetIndex(b, 0, (int) lab.longAt(b))]);
        }
        final UserDataSet reg = UserData.load(spec(DataArray.of("events.csv"), DataArray.of("targets.csv"), null, null,
                10.0, 0.3, null, 1L), RESOLVE, 1.0);
        final NpyArray tg = Npz.read(DIR.resolve("events_dense.npz"), "targets");
        final SequenceBatch r = reg.all();
        assertEquals(LossKind.REGRESSION_MSE, reg.loss());
        for (int k = 0; k < tg.size(); k++) {
            assertEquals(tg.doubleAt(k), r.targets()[k]);
        }
    }

    @Test
    void sonataSpikesCutIntoSequencesBinToNumpysDenseCounts(@TempDir final Path dir) throws Exception {
        // the events of events.csv as one recording: sequence s starts at 10 s ms
        final List<String> rows = java.nio.file.Files.readAllLines(DIR.resolve("events.csv"));
        final double[] t = new double[rows.size() - 1];
        final long[] id = new long[rows.size() - 1];
        for (int k = 1; k < rows.size(); k++) {
            final String[] c = rows.get(k).split(",");
            t[k - 1] = 10 * Integer.parseInt(c[0]) + Double.parseDouble(c[1]);
            id[k - 1] = Long.parseLong(c[2]);
        }
        final Path h5 = dir.resolve("in.h5");
        SonataSpikes.write(h5, List.of(new SpikePopulation("input", t, id)));
        final Function<String, Path> resolve = f -> f.endsWith(".h5") ? dir.resolve(f) : DIR.resolve(f);
        final UserDataSet d = UserData.load(spec(DataArray.of("in.h5"), DataArray.of("labels.csv"), null, null,
                10.0, 0.3, null, 1L), resolve, 1.0);
        final NpyArray dense = Npz.read(DIR.resolve("events_dense.npz"), "inputs");
        final SequenceBatch a = d.all();
        for (int k = 0; k < dense.size(); k++) {
            assertEquals(dense.doubleAt(k), a.inputSpikes()[k], "element " + k);
        }
        // at dt = 0.5 ms a sequence has 20 steps; the spike at 9.99 ms of sequence 0 is in step 19
        final UserDataSet fine = UserData.load(spec(DataArray.of("in.h5"), DataArray.of("labels.csv"), null, null,
                10.0, 0.3, null, 1L), resolve, 0.5);
        assertEquals(20, fine.steps());
        assertEquals(1f, fine.all().inputSpikes()[fine.all().inputIndex(0, 19, 3)]);
        assertEquals("training.data.population: 'other', 'in.h5' has no such population (it has: input)",
                assertThrows(IllegalArgumentException.class, () -> UserData.load(new DataSetSpec(DataArray.of("in.h5"),
                        DataArray.of("labels.csv"), null, null, 10.0, null, "other", null, 0.3, null, 1L), resolve, 1.0))
                        .getMessage());
    }

    @Test
    void sonataFileWrittenByH5pyBinsToNumpysDenseCounts() {
        final UserDataSet d = UserData.load(spec(DataArray.of("events.h5"), DataArray.of("labels.csv"), null, null,
                10.0, 0.3, null, 1L), RESOLVE, 1.0);
        final NpyArray dense = Npz.read(DIR.resolve("events_dense.npz"), "inputs");
        assertEquals(4, d.inputs());
        final SequenceBatch a = d.all();
        for (int k = 0; k < dense.size(); k++) {
            assertEquals(dense.doubleAt(k), a.inputSpikes()[k], "element " + k);
        }
        assertEquals("training.data.population: missing, 'two_populations.h5' has 2 populations (a, b); name one",
                error(spec(DataArray.of("two_populations.h5"), DataArray.of("labels.csv"), null, null, 10.0, 0.3, null,
                        1L), RESOLVE));
        final SequenceBatch b = UserData.load(new DataSetSpec(DataArray.of("two_populations.h5"),
                DataArray.of("labels.csv"), null, null, 10.0, null, "b", null, 0.3, null, 1L), RESOLVE, 1.0).all();
        assertEquals(1f, b.inputSpikes()[b.inputIndex(0, 1, 0)]); // population b: node 0 at 1 ms, node 1 at 2 ms
        assertEquals(1f, b.inputSpikes()[b.inputIndex(0, 2, 1)]);
        assertEquals(2.0, sum(b.inputSpikes()));
    }

    @Test
    void splitIsDisjointCompleteDeterministicAndBatchesComeFromTrainingOnly() {
        final UserDataSet d = UserData.load(evidence(0.5, 3), RESOLVE, 1.0);
        assertEquals(3, d.testSequences());
        assertEquals(3, d.trainingSequences());
        final SequenceBatch all = d.all();
        final List<float[]> seqs = new ArrayList<>();
        final int ti = 20 * 4;
        for (int b = 0; b < 6; b++) {
            seqs.add(Arrays.copyOfRange(all.inputSpikes(), b * ti, (b + 1) * ti));
        }
        final Set<Integer> test = indicesOf(d.heldOut(), seqs);
        assertEquals(3, test.size());
        for (long seed = 0; seed < 50; seed++) {
            final SequenceBatch b = d.batch(3, seed);
            final Set<Integer> train = indicesOf(b, seqs);
            assertEquals(3, train.size()); // without replacement
            for (int s : train) {
                assertTrue(!test.contains(s), "training batch of seed " + seed + " holds test sequence " + s);
            }
            assertArrayEquals(b.inputSpikes(), d.batch(3, seed).inputSpikes());
        }
        assertEquals(test, indicesOf(UserData.load(evidence(0.5, 3), RESOLVE, 1.0).heldOut(), seqs));
        final Set<Set<Integer>> splits = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            splits.add(indicesOf(UserData.load(evidence(0.5, seed), RESOLVE, 1.0).heldOut(), seqs));
        }
        assertTrue(splits.size() > 1, "the shuffle seed changes the split");
        assertEquals("--batch = 4: must be in [1, 3] (the training sequences of training.data)",
                assertThrows(IllegalArgumentException.class, () -> d.batch(4, 1)).getMessage());
    }

    private static Set<Integer> indicesOf(final SequenceBatch b, final List<float[]> seqs) {
        final Set<Integer> idx = new HashSet<>();
        final int ti = b.steps() * b.inputs();
        for (int k = 0; k < b.batchSize(); k++) {
            final float[] x = Arrays.copyOfRange(b.inputSpikes(), k * ti, (k + 1) * ti);
            int found = -1;
            for (int s = 0; s < seqs.size(); s++) {
                if (Arrays.equals(seqs.get(s), x)) {
                    assertEquals(-1, found, "fixture sequences are distinct");
                    found = s;
                }
            }
            assertNotEquals(-1, found);
            idx.add(found);
        }
        return idx;
    }

    @Test
    void separateTestFilesAreTheTestSetAndEveryInputSequenceIsTrained() {
        final DataArray in = DataArray.of("evidence_small.npz");
        final DataArray lab = new DataArray("evidence_small.npz", "labels");
        final UserDataSet d = UserData.load(spec(in, lab, null, 5, null, 0.2, new DataTestFiles(in, lab, null), 1L),
                RESOLVE, 1.0);
        assertEquals(6, d.trainingSequences());
        assertEquals(6, d.testSequences());
        assertArrayEquals(UserData.load(evidence(0.5, 1), RESOLVE, 1.0).all().inputSpikes(), d.heldOut().inputSpikes());
    }

    @Test
    void badInputsGiveOneLineNamingTheField(@TempDir final Path dir) {
        final Function<String, Path> tmp = f -> f.startsWith("tmp_") ? dir.resolve(f) : DIR.resolve(f);
        final DataArray ev = DataArray.of("evidence_small.npz");
        final DataArray lab = new DataArray("evidence_small.npz", "labels");
        assertEquals("training.data.inputs: 'nothing.npz', no such readable file (looked for " + DIR.resolve("nothing.npz")
                + ")", error(spec(DataArray.of("nothing.npz"), lab, null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.inputs: 'data.txt', must end in .npy, .npz, .csv, .h5, .hdf5 or .sonata",
                error(spec(DataArray.of("data.txt"), lab, null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.targets: 'evidence_small.npz' has no array 'targets' (it has: inputs, labels, mask)",
                error(spec(ev, ev, null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.inputs: 'c16_2.npy' has dtype '<c16', which we do not read (we read: float64,"
                + " float32, int64, int32, int16, int8, uint8, bool)",
                error(spec(DataArray.of("c16_2.npy"), lab, null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.inputs: 'not_numpy.npy' is not a NumPy .npy file (it does not start with \\x93NUMPY)",
                error(spec(DataArray.of("not_numpy.npy"), lab, null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.inputs: 'f8_2x3.npy' has shape (2, 3), input spikes must be [n, T, i] (sequences,"
                + " steps, input neurons)", error(spec(DataArray.of("f8_2x3.npy"), lab, null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.targets: 'b1_2x3.npy' is bool: targets must be float [n, T, k] (regression) or"
                + " integer [n] (class labels)", error(spec(ev, DataArray.of("b1_2x3.npy"), null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.targets: 'f8_2x3.npy' is float64 of shape (2, 3): float targets must be [n, T, k]"
                + " (regression); class labels must be integers of shape [n]",
                error(spec(ev, DataArray.of("f8_2x3.npy"), null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.inputs: 'evidence_small.npz' array 'inputs' has 6 sequences, training.data.targets"
                + " ('regression.npz' array 'targets') has 5: must be as many",
                error(spec(ev, DataArray.of("regression.npz"), null, null, null, 0.2, null, 1L), RESOLVE));
        for (double f : new double[] {0.0, 1.5, -0.1}) {
            assertEquals("training.data.test_fraction: " + f + ", must be > 0 and < 1 (or give training.data.test files):"
                    + " training needs a held-out test set", error(evidence(f, 1), RESOLVE));
        }
        assertEquals("training.data.test_fraction: 0.95 of 6 sequences leaves 0 for training: must leave at least 1",
                error(evidence(0.95, 1), RESOLVE));
        assertEquals("training.data.recall_steps: 5, not allowed together with training.data.loss_mask (give one of them)",
                error(spec(ev, lab, new DataArray("evidence_small.npz", "mask"), 5, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.recall_steps: 21, must be <= the 20 steps of a sequence",
                error(spec(ev, lab, null, 21, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.sequence_ms: 10, only for event inputs (CSV, SONATA); dense 'evidence_small.npz'"
                + " array 'inputs' gives it itself", error(spec(ev, lab, null, null, 10.0, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.sequence_ms: missing, must be given for event inputs ('events.csv')",
                error(spec(DataArray.of("events.csv"), DataArray.of("labels.csv"), null, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.sequence_ms: 10.5, must be a whole number >= 1 of time steps dt = 1 ms",
                error(spec(DataArray.of("events.csv"), DataArray.of("labels.csv"), null, null, 10.5, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.inputs: 'events.csv' line 5: '0,9.99,3', must have sequence >= 0, neuron >= 0 and"
                + " 0 <= time_ms < training.data.sequence_ms = 5", error(spec(DataArray.of("events.csv"),
                DataArray.of("labels.csv"), null, null, 5.0, 0.2, null, 1L), RESOLVE));
        final String huge = error(new DataSetSpec(DataArray.of("events.csv"), DataArray.of("labels.csv"), null, null,
                1e6, 10_000_000, null, null, 0.3, null, 1L), RESOLVE);
        assertTrue(huge.startsWith("training.data.inputs: 'events.csv': 3 sequences x 1000000 steps x 10000000 inputs need"
                + " about "), huge);
        assertTrue(huge.endsWith("give more with SPIKERING_JAVA_OPTS=-Xmx..."), huge);
        assertEquals("training.data.inputs.key: 'x', allowed only for .npz files (this is 'events.csv')",
                error(spec(new DataArray("events.csv", "x"), lab, null, null, 10.0, 0.2, null, 1L), RESOLVE));
        // arrays NumPy would write the same way, written here with our writer (tested against NumPy above)
        Npz.write(dir.resolve("tmp_bad.npz"), Map.of(
                "labels3", NpyArray.of(new int[] {6}, new long[] {0, 1, 3, 0, 1, 0}),
                "neg", NpyArray.of(new int[] {6}, new long[] {0, 1, -1, 0, 1, 0}),
                "nan", NpyArray.of(new int[] {6, 20, 1}, nanAt(6 * 20, 45)),
                "half", NpyArray.of(new int[] {6, 20, 4}, halfAt(6 * 20 * 4, 7)),
                "emptymask", NpyArray.of(new int[] {6, 20}, new boolean[6 * 20]),
                "t10", NpyArray.of(new int[] {6, 10, 1}, new double[60])), false);
        assertEquals("training.data.targets: 'tmp_bad.npz' array 't10' has 10 steps per sequence, training.data.inputs"
                + " has 20: must be as many", error(spec(ev, new DataArray("tmp_bad.npz", "t10"), null, null, null, 0.2,
                null, 1L), tmp));
        final DataArray bad3 = new DataArray("tmp_bad.npz", "labels3");
        assertEquals("training.data.targets: 'tmp_bad.npz' array 'labels3' has label 3 at sequence 2, must be in [0, 2)"
                + " (training.data.classes = 2)", error(new DataSetSpec(ev, bad3, null, null, null, null, null, 2, 0.2,
                null, 1L), tmp));
        assertEquals("training.data.targets: 'tmp_bad.npz' array 'neg' has label -1 at sequence 2, must be in [0, 2)"
                + " (classes are 0..largest label; labels must be >= 0)",
                error(spec(ev, new DataArray("tmp_bad.npz", "neg"), null, null, null, 0.2, null, 1L), tmp));
        assertEquals("training.data.targets: 'tmp_bad.npz' array 'nan' has NaN at [2, 5, 0]: targets must be finite",
                error(spec(ev, new DataArray("tmp_bad.npz", "nan"), null, null, null, 0.2, null, 1L), tmp));
        assertEquals("training.data.inputs: 'tmp_bad.npz' array 'half' has 0.5 at [0, 1, 3]: input spikes must be whole"
                + " counts >= 0 (0/1)", error(spec(new DataArray("tmp_bad.npz", "half"), lab, null, null, null, 0.2, null,
                1L), tmp));
        assertEquals("training.data.loss_mask: 'tmp_bad.npz' array 'emptymask' has no step where the error counts in"
                + " sequence 0: every sequence needs at least one", error(spec(ev, lab, new DataArray("tmp_bad.npz",
                "emptymask"), null, null, 0.2, null, 1L), tmp));
        assertEquals("training.data.loss_mask: 'evidence_small.npz' array 'labels' has shape (6,), must be [n, T] = (6, 20)",
                error(spec(ev, lab, lab, null, null, 0.2, null, 1L), RESOLVE));
        assertEquals("training.data.classes: 3, only for integer class labels ('regression.npz' array 'targets' holds"
                + " regression targets)", error(new DataSetSpec(DataArray.of("regression.npz"),
                DataArray.of("regression.npz"), null, null, null, null, null, 3, 0.2, null, 1L), RESOLVE));
    }

    @Test
    void testFilesMustMatchTheTrainingFiles() {
        final DataArray ev = DataArray.of("evidence_small.npz");
        final DataArray lab = new DataArray("evidence_small.npz", "labels");
        final DataArray reg = DataArray.of("regression.npz");
        assertEquals("training.data.test.inputs: 'regression.npz' array 'inputs' has 3 input neurons, training.data.inputs"
                + " has 4: must be as many", error(spec(ev, lab, null, null, null, 0.2, new DataTestFiles(reg, reg, null),
                1L), RESOLVE));
        assertEquals("training.data.test.inputs: 'events.csv', must be a dense .npy/.npz like training.data.inputs",
                error(spec(ev, lab, null, null, null, 0.2, new DataTestFiles(DataArray.of("events.csv"),
                DataArray.of("labels.csv"), null), 1L), RESOLVE));
        assertEquals("training.data.test.loss_mask: missing, must be given when training.data.loss_mask is (the test"
                + " sequences need theirs)", error(spec(ev, lab, new DataArray("evidence_small.npz", "mask"), null, null,
                0.2, new DataTestFiles(ev, lab, null), 1L), RESOLVE));
        // CSV events with regression targets as the test set of CSV events with labels: labels vs regression
        assertEquals("training.data.test.targets: 'targets.csv' holds regression targets, training.data.targets holds"
                + " class labels: must be alike", error(spec(DataArray.of("events.csv"), DataArray.of("labels.csv"), null,
                null, 10.0, 0.2, new DataTestFiles(DataArray.of("events.csv"), DataArray.of("targets.csv"), null), 1L),
                RESOLVE));
    }

    private static double sum(final float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return s;
    }

    private static double[] nanAt(final int n, final int at) {
        final double[] v = new double[n];
        v[at] = Double.NaN;
        return v;
    }

    private static double[] halfAt(final int n, final int at) {
        final double[] v = new double[n];
        v[at] = 0.5;
        return v;
    }
}
