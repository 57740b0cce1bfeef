package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;

/**
 * Axes whose values are long mappings (hw study's masks: {@code {kind: random, fraction: 0.5, matrices: [in, rec,
 * out]}}) are plotted, labelled by position: with such values as tick labels XChart 3.8.8 never returned from laying
 * out the x axis (found when hw study became a sweep; the study hung in {@code AxisTickCalculator_}).
 */
class SweepPlotsLongLabelsTest {

    @TempDir
    Path dir;

    @Test
    void longMappingValuesArePlottedByPosition() throws Exception {
        final List<JsonNode> weights = List.of(Json.MAPPER.readTree("{\"bits\": 32, \"rounding\": \"nearest\"}"),
                Json.MAPPER.readTree("{\"bits\": 4, \"rounding\": \"stochastic\"}"));
        final List<JsonNode> masks = List.of(Json.MAPPER.readTree("{\"kind\": \"readout_only\"}"),
                Json.MAPPER.readTree("{\"kind\": \"random\", \"fraction\": 1.0, \"matrices\": [\"in\", \"rec\", \"out\"]}"),
                Json.MAPPER.readTree("{\"kind\": \"random\", \"fraction\": 0.1, \"matrices\": [\"in\", \"rec\", \"out\"]}"));
        final List<SweepRow> rows = new ArrayList<>();
        int k = 0;
        for (JsonNode w : weights) {
            for (JsonNode m : masks) {
                final Map<String, JsonNode> params = new LinkedHashMap<>();
                params.put("hardware.weights", w);
                params.put("hardware.mask", m);
                rows.add(new SweepRow(k, "p" + k, params, 0, "train", Map.of("test_loss", Json.MAPPER.valueToTree(100.0 + k)),
                        1.0, "h" + k));
                k++;
            }
        }
        final SweepTable table = new SweepTable(List.of("hardware.weights", "hardware.mask"), List.of("test_loss"), rows);
        final List<Path> files = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SweepPlots.write(table, dir));
        assertEquals(2, files.size(), files.toString());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f.toString());
        }
    }
}
