package org.spikering.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON documents through one shared Jackson mapper. Non-finite numbers are refused on writing: a
 * NaN in a result is an error to report, never a value to store. Jackson itself writes NaN and
 * ±Infinity (as the strings {@code "NaN"}, {@code "Infinity"}), so {@link #write} and {@link #oneLine} first
 * turn the value into a tree and walk it: any double or float that is NaN or infinite, at any depth, is an
 * {@link IllegalStateException} naming its path (e.g. {@code hardware.energy_pj} or {@code rows[3].loss}), and
 * nothing is written.
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
            return COMPACT.writeValueAsString(finiteTree("result", value));
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
            AtomicFiles.writeBytes(target, MAPPER.writeValueAsBytes(finiteTree(String.valueOf(target.getFileName()), value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param document what is being written (for the error message).
     * @param value    a Jackson-serialisable value.
     * @return the value as a tree in which every number is finite.
     * @throws IllegalStateException naming the path of the first NaN or infinite number.
     */
    private static JsonNode finiteTree(final String document, final Object value) {
        final JsonNode tree = MAPPER.valueToTree(value);
        final String bad = firstNonFinite(tree, "");
        if (bad != null) {
            throw new IllegalStateException(document + ": " + bad + ": result is not a finite number, refusing to write it");
        }
        return tree;
    }

    /** @return "path = value" of the first non-finite floating-point number under {@code node}, or null. */
    private static String firstNonFinite(final JsonNode node, final String path) {
        if (node == null) {
            return null;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return (path.isEmpty() ? "value" : path) + " = " + node.doubleValue();
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                final String bad = firstNonFinite(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (bad != null) {
                    return bad;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                final String bad = firstNonFinite(node.get(i), path + "[" + i + "]");
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
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
