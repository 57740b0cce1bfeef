package org.spikering.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;

/**
 * A metric that is null at every point of one combination of the other axes (training.analysis's error_top_cos, NaN for
 * rule bptt, whose error vector is 0) gets no line there instead of failing the sweep at its end: XChart refuses an empty
 * series ("Y-Axis data cannot be empty"), which ended the liu2022-pattern-rate sweep after all 30 points had run.
 */
class SweepPlotsMissingMetricTest {

    @TempDir
    Path dir;

    @Test
    void aCombinationWithoutTheMetricHasNoLine() throws Exception {
        final List<SweepRow> rows = new ArrayList<>();
        int k = 0;
        for (String rule : new String[] {"eprop", "bptt"}) {
            for (String lr : new String[] {"0.01", "0.03"}) {
                final Map<String, JsonNode> params = new LinkedHashMap<>();
                params.put("training.rule", Json.MAPPER.valueToTree(rule));
                params.put("training.optimizer.lr", Json.MAPPER.readTree(lr));
                final Map<String, JsonNode> summary = new LinkedHashMap<>();
                summary.put("error_top_cos", "bptt".equals(rule) ? Json.MAPPER.nullNode()
                        : Json.MAPPER.valueToTree(0.1 + k));
                rows.add(new SweepRow(k, "p" + k, params, 0, "train", summary, 1.0, "h" + k));
                k++;
            }
        }
        final SweepTable table = new SweepTable(List.of("training.rule", "training.optimizer.lr"), List.of("error_top_cos"),
                rows);
        final List<JsonNode> lrs = List.of(Json.MAPPER.readTree("0.01"), Json.MAPPER.readTree("0.03"));
        assertEquals(1, SweepPlots.lines(table, "error_top_cos", "training.optimizer.lr", lrs).size(),
                "the eprop line only");
        final List<Path> files = SweepPlots.write(table, dir);
        assertEquals(2, files.size(), files.toString());
        for (Path f : files) {
            assertTrue(Files.size(f) > 1000, f.toString());
        }
    }
}
