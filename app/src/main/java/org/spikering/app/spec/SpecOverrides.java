package org.spikering.app.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line overrides of single spec fields: {@code --set training.rule=bptt},
 * {@code --set network.populations[0].size=200}, or a list element by its {@code name}:
 * {@code --set network.populations[E].size=200}. The value is read as YAML ({@code 200} a number, {@code bptt} a
 * string, {@code [0.1, 0.2]} a list). Missing objects on the way are created; list elements are not.
 */
public final class SpecOverrides {

    private SpecOverrides() {
    }

    /**
     * @param doc      the document, changed in place.
     * @param assignment {@code path=value}.
     * @param problems where a bad assignment goes.
     * @return the field's path with list indices ({@code network.populations[0].size}), or null if it was bad.
     */
    public static String apply(final ObjectNode doc, final String assignment, final Problems problems) {
        final int eq = assignment.indexOf('=');
        if (eq <= 0) {
            problems.addLine("--set '" + assignment + "': must be FIELD=VALUE, e.g. training.rule=bptt");
            return null;
        }
        final String path = assignment.substring(0, eq).strip();
        final String text = assignment.substring(eq + 1);
        final JsonNode value;
        try {
            value = text.isBlank() ? JsonNodeFactory.instance.textNode("") : Spec.YAML.readTree(text);
        } catch (Exception e) {
            problems.addLine("--set " + assignment + ": the value must be a number, a word or a [list] in YAML (.nan and .inf are refused: no field takes them)");
            return null;
        }
        return set(doc, path, value == null || value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value, problems,
                "--set " + assignment);
    }

    static String set(final ObjectNode doc, final String path, final JsonNode value, final Problems problems, final String what) {
        final List<String> tokens = tokens(path);
        if (tokens.isEmpty()) {
            problems.addLine(what + ": must be FIELD=VALUE with FIELD a path such as training.rule or"
                    + " network.populations[0].size");
            return null;
        }
        JsonNode cur = doc;
        final StringBuilder at = new StringBuilder();
        for (int k = 0; k < tokens.size(); k++) {
            final String t = tokens.get(k);
            final boolean last = k == tokens.size() - 1;
            if (t.startsWith("[")) {
                final String sel = t.substring(1, t.length() - 1);
                if (!(cur instanceof ArrayNode a)) {
                    problems.addLine(what + ": " + at + " is not a list, must index a list");
                    return null;
                }
                final int idx = index(a, sel);
                if (idx < 0) {
                    final List<String> names = new ArrayList<>();
                    a.forEach(e -> names.add(e.path("name").asText("?")));
                    problems.addLine(what + ": " + at + " has no element " + sel + ", must name one by index or name (it has "
                            + a.size() + (names.isEmpty() ? "" : ": " + String.join(", ", names)) + ")");
                    return null;
                }
                at.append('[').append(idx).append(']');
                if (last) {
                    a.set(idx, value);
                    return at.toString();
                }
                cur = a.get(idx);
            } else {
                if (!(cur instanceof ObjectNode o)) {
                    problems.addLine(what + ": " + at + " is not a mapping, must name a field of a mapping");
                    return null;
                }
                if (at.length() > 0) {
                    at.append('.');
                }
                at.append(t);
                if (last) {
                    o.set(t, value);
                    return at.toString();
                }
                JsonNode next = o.get(t);
                if (next == null || next.isNull()) {
                    next = tokens.get(k + 1).startsWith("[") ? o.putArray(t) : o.putObject(t);
                }
                cur = next;
            }
        }
        return null;
    }

    private static int index(final ArrayNode a, final String sel) {
        if (sel.matches("\\d+")) {
            final int i = Integer.parseInt(sel);
            return i < a.size() ? i : -1;
        }
        for (int i = 0; i < a.size(); i++) {
            if (sel.equals(a.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param path a field path, e.g. {@code network.populations[E].size}.
     * @return its parts: names and bracketed selectors ({@code [E]}, {@code [0]}); empty if a bracket is not closed.
     */
    static List<String> tokens(final String path) {
        final List<String> out = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        for (int k = 0; k < path.length(); k++) {
            final char ch = path.charAt(k);
            if (ch == '.' || ch == '[') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (ch == '[') {
                    final int end = path.indexOf(']', k);
                    if (end < 0) {
                        return List.of();
                    }
                    out.add(path.substring(k, end + 1));
                    k = end;
                }
            } else {
                cur.append(ch);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
