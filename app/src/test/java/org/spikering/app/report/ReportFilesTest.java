package org.spikering.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReportFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteCsvColumnsWithHeader() throws IOException {
        final Path f = dir.resolve("sub/t.csv");
        Csv.writeColumns(f, new String[] {"step", "v"}, new double[] {0, 1}, new double[] {-65.5, 2});
        assertEquals(List.of("step,v", "0,-65.5", "1,2"), Files.readAllLines(f));
    }

    @Test
    void shouldLeaveNoFileWhenWritingFails() throws IOException {
        final Path f = dir.resolve("x.csv");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeText(f, w -> {
            w.write("half");
            throw new IllegalStateException("boom");
        }));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "neither the target nor a temporary file may remain");
        }
    }

    @Test
    void shouldRefuseMismatchedColumns() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.writeColumns(dir.resolve("a.csv"), new String[] {"a", "b"}, new double[] {1}, new double[] {}));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void shouldRenderPngWithSignature() throws IOException {
        final Path f = dir.resolve("p.png");
        Plots.savePng(Plots.lineChart("t", "x", "y", new Plots.Series("s", new double[] {0, 1}, new double[] {1, 2})), f);
        final byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
    }

    @Test
    void shouldRoundTripJsonAndRejectNaN() {
        final Path f = dir.resolve("r.json");
        Json.write(f, Map.of("rate_hz", 5.5));
        assertEquals(5.5, ((Number) Json.read(f, Map.class).get("rate_hz")).doubleValue());
        assertThrows(IllegalStateException.class, () -> Json.finite("loss", Double.NaN));
    }

    /** A record with a float field, to check that floats are walked too. */
    record Row(String name, float value) {
    }

    @Test
    void shouldRefuseEveryNonFiniteNumberAnywhereInAWrittenValueAndNameItsPath() throws IOException {
        // Jackson on its own writes these as "NaN" / "Infinity": each must be refused with its path, and no file left
        final Object[][] cases = {
            {Map.of("loss", Double.NaN), "loss = NaN"},
            {Map.of("hardware", Map.of("energy_pj", List.of(1.0, Double.POSITIVE_INFINITY))), "hardware.energy_pj[1] = Infinity"},
            {List.of(Map.of("ok", 1.0), Map.of("rate", Double.NEGATIVE_INFINITY)), "[1].rate = -Infinity"},
            {Map.of("rows", List.of(new Row("a", 2f), new Row("b", Float.NaN))), "rows[1].value = NaN"},
            {new double[] {0.5, Double.NaN}, "[1] = NaN"},
        };
        for (Object[] c : cases) {
            final Path f = dir.resolve("bad.json");
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Json.write(f, c[0]));
            assertTrue(e.getMessage().contains((String) c[1]) && e.getMessage().startsWith("bad.json: "), e.getMessage());
            final IllegalStateException e1 = assertThrows(IllegalStateException.class, () -> Json.oneLine(c[0]));
            assertTrue(e1.getMessage().contains((String) c[1]), e1.getMessage());
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "nothing may be written for " + c[1]);
            }
        }
        // finite values, nulls, strings that spell NaN and integers pass unchanged
        Json.write(dir.resolve("ok.json"), Map.of("a", 1.5, "b", List.of(2, 3), "c", "NaN", "d", new Row("x", 0.25f)));
        assertEquals("{\"v\":[1.0,-2.5E-300]}", Json.oneLine(Map.of("v", new double[] {1.0, -2.5e-300})));
    }
}
