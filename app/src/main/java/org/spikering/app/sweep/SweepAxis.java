package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spikering.app.spec.SweepSpec;

/**
 * One axis of a sweep: the fields it sets (one, or several zipped ones that vary together) and its values, one tuple
 * per position (a value for each field). From the spec's {@code sweep.axes} ({@link #of(SweepSpec.Axis, String)}) or
 * from a command-line {@code --grid FIELD=V1,V2,...} ({@link #parseGrid}).
 *
 * @param fields the field paths, e.g. {@code training.rule}.
 * @param values per position of the axis, the value of each field (same order as {@code fields}).
 * @param origin what defined the axis, for messages: {@code --grid training.rule} or {@code sweep.axes[0]}.
 */
public record SweepAxis(List<String> fields, List<List<JsonNode>> values, String origin) {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Copies the lists. */
    public SweepAxis {
        fields = List.copyOf(fields);
        values = values.stream().map(List::copyOf).toList();
    }

    /** @return the number of positions. */
    public int size() {
        return values.size();
    }

    /**
     * @param axis   an axis of a checked {@code sweep} section.
     * @param origin its path, e.g. {@code sweep.axes[0]}.
     * @return the axis, ranges expanded.
     */
    public static SweepAxis of(final SweepSpec.Axis axis, final String origin) {
        final List<String> fields = new ArrayList<>();
        final List<List<JsonNode>> columns = new ArrayList<>();
        for (SweepSpec.Axis m : axis.members()) {
            fields.add(m.field());
            columns.add(m.expanded());
        }
        final List<List<JsonNode>> values = new ArrayList<>();
        for (int k = 0; k < columns.get(0).size(); k++) {
            final List<JsonNode> tuple = new ArrayList<>();
            for (List<JsonNode> c : columns) {
                tuple.add(c.get(k));
            }
            values.add(tuple);
        }
        return new SweepAxis(fields, values, origin);
    }

    /**
     * Reads {@code --grid FIELD=V1,V2,...}: each value is read as YAML ({@code 8} a number, {@code bptt} a word,
     * {@code true} a boolean, {@code [1, 2]} a list: commas inside brackets or braces do not separate values).
     *
     * @param option the option's name, e.g. {@code --grid}.
     * @param text   its value.
     * @return the axis.
     * @throws IllegalArgumentException naming the option and its value if it is not FIELD=V1,V2,... with distinct
     *                                  values.
     */
    public static SweepAxis parseGrid(final String option, final String text) {
        final String shown = option + " '" + text + "'";
        final int eq = text.indexOf('=');
        if (eq <= 0 || text.substring(0, eq).isBlank()) {
            throw new IllegalArgumentException(shown + ": must be FIELD=V1,V2,..., e.g. training.rule=eprop,bptt");
        }
        final String field = text.substring(0, eq).strip();
        if (field.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(shown + ": the field '" + field + "' must be a path without spaces, e.g."
                    + " training.rule or network.populations[E].size");
        }
        final List<String> parts = split(text.substring(eq + 1));
        final List<List<JsonNode>> values = new ArrayList<>();
        final Set<JsonNode> seen = new HashSet<>();
        for (int k = 0; k < parts.size(); k++) {
            final String p = parts.get(k).strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException(shown + ": value " + (k + 1) + " is empty, must be a value (FIELD=V1,V2,...)");
            }
            final JsonNode v;
            try {
                v = YAML.readTree(p);
            } catch (Exception e) {
                throw new IllegalArgumentException(shown + ": value '" + p + "' must be a number, a word, a boolean or a"
                        + " [list] in YAML");
            }
            if (v == null || v.isMissingNode() || v.isNull()) {
                throw new IllegalArgumentException(shown + ": value '" + p + "' must be a value, not null");
            }
            if (v.isDouble() && !Double.isFinite(v.doubleValue())) {
                throw new IllegalArgumentException(shown + ": value '" + p + "' must be a finite number");
            }
            if (!seen.add(v)) {
                throw new IllegalArgumentException(shown + ": value '" + p + "' must be given once (a point would run twice)");
            }
            values.add(List.of(v));
        }
        return new SweepAxis(List.of(field), values, option + " " + field);
    }

    /** Splits at commas outside brackets and braces. */
    private static List<String> split(final String s) {
        final List<String> out = new ArrayList<>();
        int depth = 0;
        final StringBuilder cur = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            final char c = s.charAt(k);
            if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** @return a JSON text node (for tests and callers building axes in code). */
    static JsonNode text(final String s) {
        return JsonNodeFactory.instance.textNode(s);
    }
}
