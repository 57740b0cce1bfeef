package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;

/** {@code spikering stdp window|triplet}: complete result folders whose numbers hold the claims of the summary. */
final class StdpCliTest {

    @TempDir
    Path tmp;

    @Test
    void shouldWriteTheFloatWindowEqualToTheAnalyticWindow() throws Exception {
        final Path out = tmp.resolve("w");
        assertEquals(0, InProcessCli.run(List.of("stdp", "window", "--max-dt", "30", "--out", out.toString())));
        for (String f : List.of("window.csv", "window.png", "summary.json", ".spikering-result.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        final JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("max_abs_deviation_from_analytic").asDouble() < 1e-12, s.toString());
        assertEquals(61, Files.readAllLines(out.resolve("window.csv")).size()); // header + 60 rows
    }

    @Test
    void shouldWriteTheTripletCurveWithTheSjostromShapeInLoihiPrecision() throws Exception {
        final Path out = tmp.resolve("t");
        // stochastic rounding (the default): with nearest, the slow o2 trace (tau_y 114 ms, impulse 16) never decays
        // (LoihiLearningArithmeticTest) and post-pre pairs potentiate at every frequency
        assertEquals(0, InProcessCli.run(List.of("stdp", "triplet", "--precision", "loihi", "--out", out.toString())));
        final JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        final JsonNode post = s.get("dw_rel_post_pre_10ms");
        final JsonNode pre = s.get("dw_rel_pre_post_10ms");
        assertTrue(post.get(0).asDouble() < 0 && post.get(post.size() - 1).asDouble() > 0, post.toString());
        assertTrue(pre.get(pre.size() - 1).asDouble() > pre.get(0).asDouble(), pre.toString());
    }
}
