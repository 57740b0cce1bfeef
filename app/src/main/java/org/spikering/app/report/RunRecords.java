package org.spikering.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-run records of a long study, kept in its checkpoint folder ({@link ResultFolder#checkpointDir}) so that a
 * study killed half-way and started again with the same settings and {@code --out} reuses every run it completed.
 * Each record is one JSON file {@code <key>.json}, written atomically once its run is complete; {@code settings.json}
 * holds the study's settings, and records made with other settings are discarded. Runs are deterministic (their
 * seeds come from the settings), so a reused record is bit-identical to running it again: doubles are stored with
 * Java's shortest round-trip form, NaN and infinities as strings.
 */
public final class RunRecords {

    private final Path dir;
    private int reused;

    private RunRecords(final Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir      the checkpoint folder (created if missing).
     * @param settings the study's settings; a folder made with other settings is emptied.
     * @param log      where a line about reused or discarded records goes, or null.
     * @return the records.
     */
    public static RunRecords open(final Path dir, final JsonNode settings, final PrintStream log) {
        return openNoting(dir, settings, log == null ? null : log::println);
    }

    /**
     * @param dir      the checkpoint folder (created if missing).
     * @param settings the study's settings; a folder made with other settings is emptied.
     * @param log      where a line about discarded records goes, or null.
     * @return the records.
     */
    public static RunRecords openNoting(final Path dir, final JsonNode settings, final java.util.function.Consumer<String> log) {
        try {
            final Path sf = dir.resolve("settings.json");
            if (Files.isRegularFile(sf)) {
                JsonNode old;
                try {
                    old = Json.MAPPER.readTree(sf.toFile());
                } catch (IOException e) {
                    old = null;
                }
                if (!settings.equals(old)) {
                    if (log != null) {
                        log.accept("spikering: discarding the records of an interrupted study with other settings in " + dir);
                    }
                    ResultFolder.deleteRecursively(dir);
                }
            }
            Files.createDirectories(dir);
            if (!Files.isRegularFile(sf)) {
                AtomicFiles.writeBytes(sf, Json.MAPPER.writeValueAsBytes(settings));
            }
            return new RunRecords(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep study records in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param key a file-name-safe key of one run.
     * @return its stored values, or null if it has not completed.
     */
    public double[] get(final String key) {
        final Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            final JsonNode a = Json.MAPPER.readTree(f.toFile()).path("values");
            final double[] v = new double[a.size()];
            for (int i = 0; i < v.length; i++) {
                final JsonNode x = a.get(i);
                v[i] = x.isTextual() ? Double.parseDouble(x.asText()) : x.doubleValue();
            }
            reused++;
            return v;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: run it again
        }
    }

    /**
     * @param key    a file-name-safe key of one run.
     * @param values its results (NaN allowed).
     */
    public void put(final String key, final double[] values) {
        final ObjectNode o = Json.object();
        final ArrayNode a = o.putArray("values");
        for (double x : values) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.add(Double.toString(x));
            }
        }
        try {
            AtomicFiles.writeBytes(dir.resolve(key + ".json"), Json.MAPPER.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write study record " + key + ": " + e.getMessage(), e);
        }
    }

    /** @return how many records {@link #get} returned so far. */
    public int reused() {
        return reused;
    }
}
