package org.spikering.app.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) of the spec format, composed from one fragment per section
 * ({@code org/spikering/app/spec/schema/<section>.json}, each {@code {"section": {...}, "$defs": {...}}}) into one
 * self-contained document ({@code spikering spec schema} prints it), and what is done with it: defaults filled into
 * a spec ({@link #fillDefaults}) and validation with the networknt validator, whose messages are rewritten into
 * spikering's problem lines ({@link #validate}: path, value, what is allowed).
 */
public final class SpecSchema {

    /** Spec format version this build reads. */
    public static final int VERSION = 1;
    /** The sections, in the order a spec lists them. */
    public static final List<String> SECTIONS = List.of("network", "simulation", "training", "hardware", "study",
            "reservoir", "output", "sweep");
    /** Fragment files besides the sections: shared definitions. */
    private static final List<String> SHARED = List.of("common", "data");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SpecSchema INSTANCE = new SpecSchema();

    private final ObjectNode document;
    private final JsonSchema validator;

    private SpecSchema() {
        document = compose();
        validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(document, SchemaValidatorsConfig.builder().build());
    }

    /** @return the schema of this build. */
    public static SpecSchema get() {
        return INSTANCE;
    }

    /** @return the composed schema document (a copy). */
    public ObjectNode document() {
        return document.deepCopy();
    }

    private static ObjectNode compose() {
        final ObjectNode top = (ObjectNode) read("spec");
        final ObjectNode defs = top.withObject("/$defs");
        final ObjectNode props = top.withObject("/properties");
        for (String name : SHARED) {
            final JsonNode f = read(name);
            mergeDefs(defs, f, name);
        }
        for (String name : SECTIONS) {
            final JsonNode f = read(name);
            mergeDefs(defs, f, name);
            if (!f.has("section")) {
                throw new IllegalStateException("schema fragment " + name + ".json has no \"section\"");
            }
            props.set(name, f.get("section"));
        }
        return top;
    }

    private static void mergeDefs(final ObjectNode defs, final JsonNode fragment, final String file) {
        final JsonNode d = fragment.get("$defs");
        if (d == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> e = it.next();
            if (defs.has(e.getKey())) {
                throw new IllegalStateException("schema fragment " + file + ".json: $defs." + e.getKey() + " defined twice");
            }
            defs.set(e.getKey(), e.getValue());
        }
    }

    private static JsonNode read(final String name) {
        final String res = "schema/" + name + ".json";
        try (InputStream in = SpecSchema.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + res);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("schema fragment " + res, e);
        }
    }

    /**
     * Validates a spec document against the schema.
     *
     * @param spec     the document (defaults filled).
     * @param problems where each violation goes, as path, value and what is allowed.
     */
    public void validate(final JsonNode spec, final Problems problems) {
        final Set<ValidationMessage> messages = validator.validate(spec);
        final List<ValidationMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing((ValidationMessage m) -> path(m.getInstanceLocation()))
                .thenComparing(ValidationMessage::getType));
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (ValidationMessage m : sorted) {
            final String line = line(spec, m);
            if (line != null && seen.add(line)) {
                problems.addLine(line);
            }
        }
    }

    private String line(final JsonNode spec, final ValidationMessage m) {
        final String at = path(m.getInstanceLocation());
        final JsonNode value = m.getInstanceNode();
        final JsonNode schemaHere = schemaAt(spec, at);
        final JsonNode kw = m.getSchemaNode();
        switch (m.getType()) {
            case "additionalProperties": {
                final String field = m.getProperty();
                final String p = at.isEmpty() ? field : at + "." + field;
                final List<String> allowed = propertyNames(schemaHere);
                final String near = nearest(field, allowed);
                return p + ": unknown field" + (near != null ? "; did you mean '" + near + "'?" : "")
                        + (allowed.isEmpty() ? ", must be left out (this section has no fields in this build)"
                        : ", must be one of: " + String.join(", ", allowed));
            }
            case "required": {
                final String field = m.getProperty();
                final String p = at.isEmpty() ? field : at + "." + field;
                final JsonNode d = schemaHere == null ? null : schemaHere.path("properties").path(field).get("description");
                return p + ": missing, required" + (d != null ? " (" + d.asText() + ")" : "");
            }
            case "type": {
                return at + ": " + Problems.show(value) + ", must be " + typeWords(kw) + unitHint(at, value);
            }
            case "enum": {
                final List<String> c = new ArrayList<>();
                kw.forEach(v -> c.add(v.isTextual() ? v.asText() : v.toString()));
                final String near = value != null && value.isTextual() ? nearest(value.asText(), c) : null;
                return at + ": " + Problems.show(value) + ", must be one of " + String.join(", ", c)
                        + (near != null ? " (did you mean '" + near + "'?)" : "");
            }
            case "const":
                return at + ": " + Problems.show(value) + ", must be " + kw;
            case "minimum":
                return at + ": " + Problems.show(value) + ", must be >= " + kw.asText();
            case "exclusiveMinimum":
                return at + ": " + Problems.show(value) + ", must be > " + kw.asText();
            case "maximum":
                return at + ": " + Problems.show(value) + ", must be <= " + kw.asText();
            case "exclusiveMaximum":
                return at + ": " + Problems.show(value) + ", must be < " + kw.asText();
            case "minItems":
                return at + ": " + value.size() + " items, must have at least " + kw.asText();
            case "maxItems":
                return at + ": " + value.size() + " items, must have at most " + kw.asText();
            case "minLength":
                return at + ": " + Problems.show(value) + ", must have at least " + kw.asText() + " characters";
            case "pattern":
                return at + ": " + Problems.show(value) + ", must match " + kw.asText();
            case "uniqueItems":
                return at + ": " + Problems.show(value) + ", items must be distinct";
            case "if": case "then": case "else": case "allOf":
                return null; // the reason is reported by the keyword that failed inside
            default:
                final String msg = m.getMessage();
                final int colon = msg.indexOf(": ");
                return at + ": " + Problems.show(value) + ", " + (colon >= 0 ? msg.substring(colon + 2) : msg);
        }
    }

    private static String typeWords(final JsonNode kw) {
        final List<String> t = new ArrayList<>();
        if (kw.isArray()) {
            kw.forEach(v -> t.add(article(v.asText())));
        } else {
            t.add(article(kw.asText()));
        }
        return String.join(" or ", t);
    }

    private static String article(final String type) {
        switch (type) {
            case "integer": return "an integer";
            case "object": return "a mapping (object)";
            case "array": return "a list";
            default: return "a " + type;
        }
    }

    /** A string such as "20 ms" where a number is expected: the unit is in the field name. */
    private static String unitHint(final String path, final JsonNode value) {
        if (value == null || !value.isTextual()) {
            return "";
        }
        final String field = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        for (String u : new String[] {"_ms", "_mv", "_pa", "_pf", "_ns", "_hz", "_pj"}) {
            if (field.endsWith(u)) {
                return " (the unit, " + u.substring(1).replace("hz", "Hz").replace("pa", "pA").replace("pf", "pF")
                        .replace("mv", "mV").replace("ns", "nS").replace("pj", "pJ")
                        + ", is in the field name: write the number alone)";
            }
        }
        return "";
    }

    /** @return the path of a validator location as spikering writes it: {@code a.b[2].c}. */
    static String path(final JsonNodePath p) {
        final StringBuilder sb = new StringBuilder();
        for (int k = 0; k < p.getNameCount(); k++) {
            final Object e = p.getElement(k);
            if (e instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(e);
            }
        }
        return sb.toString();
    }

    /**
     * The schema that applies at a path of a document: follows properties, items, {@code $ref} and the
     * {@code if/then} branches whose discriminator matches the document.
     *
     * @param spec the document.
     * @param path the path ({@code a.b[2].c}; empty = the top).
     * @return the merged object schema there (its properties from every matching branch), or null.
     */
    public JsonNode schemaAt(final JsonNode spec, final String path) {
        JsonNode node = spec;
        ObjectNode schema = effective(document, node);
        if (path.isEmpty()) {
            return schema;
        }
        for (String token : SpecOverrides.tokens(path)) {
            if (schema == null) {
                return null;
            }
            if (token.startsWith("[")) {
                final int i = Integer.parseInt(token.substring(1, token.length() - 1));
                node = node == null ? null : node.get(i);
                final JsonNode items = schema.get("items");
                schema = items == null ? null : effective(items, node);
            } else {
                node = node == null ? null : node.get(token);
                final JsonNode prop = schema.path("properties").get(token);
                schema = prop == null ? null : effective(prop, node);
            }
        }
        return schema;
    }

    /** The schema after $ref, with the properties of allOf parts and of the matching if/then branches merged in. */
    private ObjectNode effective(final JsonNode schema, final JsonNode node) {
        JsonNode s = deref(schema);
        if (!(s instanceof ObjectNode)) {
            return null;
        }
        final ObjectNode merged = ((ObjectNode) s).deepCopy();
        final JsonNode allOf = s.get("allOf");
        if (allOf != null) {
            for (JsonNode part : allOf) {
                JsonNode add = null;
                if (part.has("if")) {
                    if (matches(part.get("if"), node)) {
                        add = part.get("then");
                    } else if (part.has("else")) {
                        add = part.get("else");
                    }
                } else {
                    add = part;
                }
                final ObjectNode e = add == null ? null : effective(add, node);
                if (e != null && e.has("properties")) {
                    merged.withObject("/properties").setAll((ObjectNode) e.get("properties"));
                }
            }
        }
        return merged;
    }

    private JsonNode deref(JsonNode s) {
        for (int guard = 0; s != null && s.has("$ref") && guard < 20; guard++) {
            final String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return null;
            }
            s = document.at(ref.substring(1));
        }
        return s;
    }

    /**
     * Whether an {@code if} of discriminator form ({@code properties.X.const}, {@code .enum}, or {@code .not.const}:
     * X absent or of another value) matches the node.
     */
    private static boolean matches(final JsonNode cond, final JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = cond.path("properties").fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> e = it.next();
            final JsonNode v = node.get(e.getKey());
            final JsonNode c = e.getValue();
            if (c.has("const") && !c.get("const").equals(v)) {
                return false;
            }
            if (c.path("not").has("const") && c.get("not").get("const").equals(v)) {
                return false;
            }
            if (c.has("enum")) {
                boolean any = false;
                for (JsonNode x : c.get("enum")) {
                    any |= x.equals(v);
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> propertyNames(final JsonNode schema) {
        final List<String> names = new ArrayList<>();
        if (schema != null) {
            schema.path("properties").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /**
     * Fills the schema's defaults into a document, in place: every missing property that has a {@code default},
     * in every object present (recursively, through lists and the matching if/then branches). Required fields
     * have no default and stay missing.
     *
     * @param spec the document.
     */
    public void fillDefaults(final JsonNode spec) {
        fill(document, spec);
    }

    private void fill(final JsonNode schema, final JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            final JsonNode s = deref(schema);
            final JsonNode items = s == null ? null : s.get("items");
            if (items != null) {
                for (JsonNode e : node) {
                    fill(items, e);
                }
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        final ObjectNode eff = effective(schema, node);
        if (eff == null) {
            return;
        }
        final ObjectNode obj = (ObjectNode) node;
        for (Iterator<Map.Entry<String, JsonNode>> it = eff.path("properties").fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> e = it.next();
            // a default next to a $ref (a distribution field's default) counts before the referenced schema's
            final JsonNode ps = e.getValue().has("default") ? e.getValue() : deref(e.getValue());
            if (!obj.has(e.getKey()) && ps != null && ps.has("default")) {
                obj.set(e.getKey(), ps.get("default").deepCopy());
            }
            if (obj.has(e.getKey())) {
                fill(e.getValue(), obj.get(e.getKey()));
            }
        }
    }

    /** @return the allowed name nearest to a typo (edit distance at most 2, or a case difference), or null. */
    static String nearest(final String typo, final List<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            final int d = distance(typo.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return best != null && bestD <= Math.max(2, typo.length() / 4) && bestD < typo.length() ? best : null;
    }

    private static int distance(final String a, final String b) {
        final int[] prev = new int[b.length() + 1];
        final int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            System.arraycopy(cur, 0, prev, 0, cur.length);
        }
        return prev[b.length()];
    }

    /** @return an empty array node (for fragments that build lists). */
    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}
