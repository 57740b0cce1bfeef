package org.spikering.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * JSON documents through one shared Jackson mapper. Non-finite numbers are refused on writing: a
 * NaN in a result is an error to report, never a value to store.
 */
public final class Json {

    /** The shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    /** @return a new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * @param value a Jackson-serialisable value (records, maps, nodes).
     * @return the value as one line of JSON.
     */
    public static String oneLine(final Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise result: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code value} as indented JSON, atomically.
     *
     * @param target the file.
     * @param value  a Jackson-serialisable value.
     */
    public static void write(final Path target, final Object value) {
        try {
            AtomicFiles.writeBytes(target, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param source a JSON file.
     * @param type   the class to bind to.
     * @param <T>    the bound type.
     * @return the parsed value.
     */
    public static <T> T read(final Path source, final Class<T> type) {
        try {
            return MAPPER.readValue(source.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name  what the number is (for the error message).
     * @param value the number.
     * @return {@code value}, if finite.
     * @throws IllegalStateException if the value is NaN or infinite.
     */
    public static double finite(final String name, final double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(name + " = " + value + ": result is not a finite number");
        }
        return value;
    }
}
