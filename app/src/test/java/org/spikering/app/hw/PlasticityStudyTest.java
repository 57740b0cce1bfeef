package org.spikering.app.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.hw.fixedpoint.Rounding;

final class PlasticityStudyTest {

    @Test
    void shouldWriteTableWithReservoirRowAndScaleWeightUpdatesWithFraction(@TempDir Path dir) throws Exception {
        final List<PlasticityStudy.Row> rows = PlasticityStudy.run("evidence", new double[] {1.0, 0.1}, new int[] {32, 4},
                List.of(Rounding.STOCHASTIC), 1, 2, 4, dir, null);
        // (readout-only + 2 fractions) x (float + 4-bit stochastic)
        assertEquals(6, rows.size());
        assertEquals("readout-only", rows.get(0).plastic());
        final PlasticityStudy.Row full = rows.get(1);
        final PlasticityStudy.Row tenth = rows.get(2);
        assertEquals(0.1, tenth.weightUpdates() / full.weightUpdates(), 1e-3);
        assertTrue(rows.get(0).weightUpdates() < tenth.weightUpdates());
        assertEquals(4.0 / 32.0, rows.get(4).weightMemoryBits() / full.weightMemoryBits(), 1e-12);
        for (PlasticityStudy.Row r : rows) {
            assertTrue(Double.isFinite(r.finalLoss()) && r.energyJ() > 0 && r.synapticOps() > 0, r.toString());
        }
        final List<String> csv = Files.readAllLines(dir.resolve("study.csv"));
        assertEquals(7, csv.size());
        assertTrue(Files.size(dir.resolve("loss.png")) > 0 && Files.exists(dir.resolve("study.json"))
                && Files.exists(dir.resolve("energy.png")));
    }

    @Test
    void shouldRejectBadFractionAndBits(@TempDir Path dir) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlasticityStudy.run(
                "evidence", new double[] {1.2}, new int[] {32}, List.of(Rounding.NEAREST), 1, 1, 1, dir, null));
        assertTrue(e.getMessage().contains("1.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlasticityStudy.run(
                "evidence", new double[] {1}, new int[] {1}, List.of(Rounding.NEAREST), 1, 1, 1, dir, null));
    }
}
