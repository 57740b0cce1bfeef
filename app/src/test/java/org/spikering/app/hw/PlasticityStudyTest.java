package org.spikering.app.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.task.TaskPreset;
import org.spikering.hw.fixedpoint.Rounding;

final class PlasticityStudyTest {
    private static final int ITERATIONS = 2;
    private static final int BATCH = 3;

    @Test
    void shouldWriteTableWithExactCountersAndSeedStatistics(@TempDir Path dir) throws Exception {
        final org.spikering.app.spec.Spec study = org.spikering.app.spec.SpecLoader.load("hw-study", List.of(
                "study.fractions=[1.0, 0.1]", "study.bits=[32, 4]", "study.roundings=[stochastic]", "study.seeds=2",
                "study.iterations=" + ITERATIONS, "study.batch=" + BATCH, "study.test_batch=4"));
        final List<PlasticityStudy.Row> rows = StudySweep.run(study, dir, "--out",
                org.spikering.app.sweep.ProgressStarter.showing(org.spikering.app.report.Progress.OFF)).rows();
        // (readout-only + 2 fractions) x (float + 4-bit stochastic)
        assertEquals(6, rows.size());
        assertEquals("readout-only", rows.get(0).plastic());
        final int nIn = 40;
        final int nRec = 100;
        final int nOut = 2;
        final long weights = (long) nIn * nRec + (long) nRec * nRec + (long) nOut * nRec;
        final int steps = TaskPreset.of("evidence", 1).source().steps();
        final double inputSpikes = rows.get(0).metric(StudyMetric.INPUT_SPIKES).mean();
        assertTrue(inputSpikes > 0);
        for (PlasticityStudy.Row r : rows) {
            // every configuration of a seed trains on the same batches
            assertEquals(inputSpikes, r.metric(StudyMetric.INPUT_SPIKES).mean(), 0.0, r.toString());
            assertEquals((double) (nRec + nOut) * steps * BATCH * ITERATIONS, r.metric(StudyMetric.NEURON_UPDATES).mean(), 0.0);
            assertEquals(0.0, r.metric(StudyMetric.NEURON_UPDATES).sd(), 0.0);
            final double plastic = Math.round(r.fraction() * weights);
            final double wu = r.metric(StudyMetric.WEIGHT_UPDATES).mean();
            assertTrue(wu > 0 && wu <= plastic * ITERATIONS, "changed weights " + wu + " <= plastic " + plastic + " x updates");
            assertEquals((double) weights * r.bits(), r.metric(StudyMetric.WEIGHT_MEMORY_BITS).mean(), 0.0);
            final double acc = r.metric(StudyMetric.TEST_ACCURACY).mean();
            assertTrue(acc >= 0 && acc <= 1, "test accuracy " + acc);
            assertTrue(Double.isFinite(r.metric(StudyMetric.TEST_ACCURACY).sd()), "sd over 2 seeds");
            assertTrue(Double.isFinite(r.metric(StudyMetric.TEST_LOSS).mean()) && r.metric(StudyMetric.ENERGY_J).mean() > 0
                    && r.metric(StudyMetric.SYNAPTIC_OPS).mean() > r.metric(StudyMetric.SPIKES).mean(), r.toString());
            assertEquals(0, r.diverged());
        }
        assertEquals(200.0 / weights, rows.get(0).fraction(), 1e-12);
        final List<String> csv = Files.readAllLines(dir.resolve("study.csv"));
        assertEquals(7, csv.size());
        assertTrue(csv.get(0).contains("test_accuracy,test_accuracy_sd") && csv.get(0).contains("energy_J,energy_J_sd"), csv.get(0));
        assertTrue(Files.size(dir.resolve("loss.png")) > 0 && Files.size(dir.resolve("accuracy.png")) > 0
                && Files.exists(dir.resolve("energy.png")) && Files.exists(dir.resolve("synops.png")));
        final String json = Files.readString(dir.resolve("study.json"));
        assertTrue(json.contains("\"test_loss_sd\"") && json.contains("\"test_batch\" : 4"), json);
    }

    @Test
    void shouldRejectBadSettingsNamingTheOption() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlasticityStudy.Settings(
                "evidence", new double[] {1.2}, new int[] {32}, List.of(Rounding.NEAREST), 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("--fractions contains 1.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlasticityStudy.Settings(
                "evidence", new double[] {1}, new int[] {1}, List.of(Rounding.NEAREST), 1, 1, 1, 1));
        final IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> new PlasticityStudy.Settings(
                "evidence", new double[] {1}, new int[] {32}, List.of(Rounding.NEAREST), 1, 1, 1, 0));
        assertTrue(t.getMessage().startsWith("--test-batch = 0"), t.getMessage());
    }

    @Test
    void shouldGiveMeanAndSampleSdIgnoringUndefinedValues() {
        final MeanSd m = MeanSd.of(new double[] {1, Double.NaN, 3});
        assertEquals(2.0, m.mean(), 0.0);
        assertEquals(Math.sqrt(2.0), m.sd(), 1e-15);
        assertEquals(2, m.n());
        assertTrue(Double.isNaN(MeanSd.of(new double[] {5}).sd()));
        assertTrue(Double.isNaN(MeanSd.of(new double[] {Double.NaN}).mean()));
        assertThrows(IllegalArgumentException.class, () -> MeanSd.of(new double[] {Double.POSITIVE_INFINITY}));
    }

    @Test
    void shouldPrintNaForAnUndefinedMetricAndNoSpreadForOneSeed() {
        final java.util.Map<StudyMetric, MeanSd> m = new java.util.EnumMap<>(StudyMetric.class);
        for (StudyMetric k : StudyMetric.values()) {
            m.put(k, MeanSd.of(new double[] {1.0, 3.0}));
        }
        m.put(StudyMetric.TEST_ACCURACY, MeanSd.of(new double[] {Double.NaN, Double.NaN})); // a regression task
        m.put(StudyMetric.TEST_LOSS, MeanSd.of(new double[] {0.25}));
        final String line = PlasticityStudy.format(new PlasticityStudy.Row("mask", 0.5, 8, "nearest", m, 2, 0));
        assertTrue(line.contains("test acc n/a "), line);
        assertTrue(line.contains("test loss 0.2500 "), line);
        assertTrue(!line.contains("NaN"), line);
    }
}
