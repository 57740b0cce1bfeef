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
}
