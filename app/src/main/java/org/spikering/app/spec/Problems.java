package org.spikering.app.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in a spec: each one field path, the value found there and what is allowed, printed as one line
 * {@code network.projections[2].delay_ms: -1, must be >= network.dt_ms = 0.1}. Checks add every problem they find
 * and do not stop at the first, so a user fixes a file in one pass.
 */
public final class Problems {

    private final List<String> lines = new ArrayList<>();

    /**
     * @param path    field path, e.g. {@code network.projections[2].delay_ms}.
     * @param value   the value found (a {@link JsonNode}, a number, a string; null when the field is missing).
     * @param allowed what is allowed, e.g. {@code must be >= 0}.
     */
    public void add(final String path, final Object value, final String allowed) {
        lines.add(path + ": " + show(value) + ", " + allowed);
    }

    /** @param line a whole problem line (path first). */
    public void addLine(final String line) {
        lines.add(line);
    }

    /** @return whether none was found. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** @return the problem lines in the order found. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * @param source the spec's source (file name), put in front of every line.
     * @throws SpecException if any problem was found.
     */
    public void throwIfAny(final String source) {
        if (!lines.isEmpty()) {
            throw new SpecException(source, lines);
        }
    }

    /** @return a value as a problem line shows it: numbers and booleans as written, strings quoted, nodes compact. */
    public static String show(final Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof JsonNode n) {
            if (n.isMissingNode()) {
                return "missing";
            }
            if (n.isTextual()) {
                return "'" + n.asText() + "'";
            }
            final String s = n.toString();
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
        if (value instanceof CharSequence s) {
            return "'" + s + "'";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
