package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;

/**
 * {@code continual}: two pattern-generation tasks (the shipped pattern-liu-rate with seeds 1 and 2: two frozen
 * patterns) trained one after the other. R's diagonal equals each stage's own test (its summary.json); the first task's
 * loss rises after the second is learned (forgetting, F &gt; 0, BWT &lt; 0); the metrics follow from R as
 * {@code ContinualMetricsTest} checks; networks of different shapes are refused before any file is written.
 */
class ContinualCommandTest {

    @TempDir
    Path dir;


    private Path spec(final String name, final long seed) throws Exception {
        final String text = Examples.text("pattern-liu-rate").replaceFirst("(?m)^seed: 1$", "seed: " + seed)
                .replaceFirst("(?m)^  iterations: 300$", "  iterations: 120");
        assertTrue(text.contains("seed: " + seed) && text.contains("iterations: 120"), "the example's fields moved");
        final Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void secondPatternMakesTheFirstForgotten() throws Exception {
        final Path a = spec("a", 1);
        final Path b = spec("b", 2);
        final Path out = dir.resolve("out");
        assertEquals(0, InProcessCli.run(List.of("continual", a.toString(), b.toString(), "--out", out.toString()), new StringWriter()));
        final JsonNode c = Json.MAPPER.readTree(out.resolve("continual.json").toFile());
        for (int i = 0; i < 2; i++) {
            final JsonNode s = Json.MAPPER.readTree(out.resolve("stage-" + (i + 1)).resolve("summary.json").toFile());
            assertEquals(s.get("test_loss").asDouble(), c.get("R").get(i).get(i).asDouble(), 0.0, "stage " + (i + 1));
        }
        final double before = c.get("R").get(0).get(0).asDouble();
        final double after = c.get("R").get(1).get(0).asDouble();
        assertTrue(after > 2 * before, "task 1's loss " + before + " -> " + after + " after task 2");
        assertEquals(after - before, c.get("mean_forgetting").asDouble(), 1e-12);
        assertEquals(before - after, c.get("BWT").asDouble(), 1e-12);
        assertTrue(Files.isRegularFile(out.resolve("continual.csv")));
    }

    @Test
    void networksOfDifferentShapesAreRefusedBeforeAnyFile() throws Exception {
        final Path out = dir.resolve("bad");
        final StringWriter err = new StringWriter();
        assertEquals(2, InProcessCli.run(List.of("continual", spec("a", 1).toString(), "dms-rate", "--out", out.toString()), err));
        assertTrue(err.toString().contains("SPEC 2 = 'dms-rate': its network"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }
}
