package org.spikering.app.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded, valid experiment spec ({@link SpecLoader}): the document with every default filled in, where it came
 * from, and its sections bound to records ({@link #section}).
 */
public final class Spec {

    /** Binds sections: snake_case field names, unknown fields and lossy numbers fail. */
    static final ObjectMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** Writes specs back as YAML (no document marker, plain strings where YAML allows). */
    static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build())
            .build();

    private final ObjectNode raw;
    private final ObjectNode tree;
    private final String source;
    private final Path baseDir;
    private final Map<String, Object> bound = new LinkedHashMap<>();

    Spec(final ObjectNode raw, final ObjectNode tree, final String source, final Path baseDir) {
        this.raw = raw;
        this.tree = tree;
        this.source = source;
        this.baseDir = baseDir;
    }

    /** @return the document with defaults filled (a copy). */
    public JsonNode tree() {
        return tree.deepCopy();
    }

    /** @return the document as the user wrote it, after {@code --set} overrides (a copy). */
    ObjectNode raw() {
        return raw.deepCopy();
    }

    /** @return file name, or {@code example:NAME} for a shipped example. */
    public String source() {
        return source;
    }

    /** @return the top-level seed. */
    public long seed() {
        return tree.path("seed").asLong(1);
    }

    /** @return the experiment's name, or null. */
    public String name() {
        return tree.hasNonNull("name") ? tree.get("name").asText() : null;
    }

    /**
     * @param section a section name ({@link SpecSchema#SECTIONS}).
     * @return whether the spec has it.
     */
    public boolean has(final String section) {
        return tree.has(section);
    }

    /**
     * @param section a section name.
     * @param type    its record.
     * @param <T>     the record type.
     * @return the section bound to the record, or null if the spec has no such section.
     */
    @SuppressWarnings("unchecked")
    public <T> T section(final String section, final Class<T> type) {
        if (!tree.has(section)) {
            return null;
        }
        return (T) bound.computeIfAbsent(section, s -> {
            try {
                return BINDER.treeToValue(tree.get(s), type);
            } catch (JsonProcessingException e) {
                throw new SpecException(source, java.util.List.of(bindingProblem(s, e)));
            }
        });
    }

    /** Keeps a section the loader has already bound, so that {@link #section} does not bind it again. */
    void remember(final String section, final Object record) {
        bound.put(section, record);
    }

    static String bindingProblem(final String section, final JsonProcessingException e) {
        final StringBuilder p = new StringBuilder(section);
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    p.append('.').append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    p.append('[').append(r.getIndex()).append(']');
                }
            }
        }
        return p + ": " + e.getOriginalMessage().lines().findFirst().orElse("cannot be read");
    }

    /**
     * A file named in the spec: relative to the folder of the spec file; for a shipped example, to the working
     * directory.
     *
     * @param fileField the file as written.
     * @return the path.
     */
    public Path resolve(final String fileField) {
        final Path p = Path.of(fileField);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    /** @return the folder relative files are resolved against, or null (the working directory). */
    public Path baseDir() {
        return baseDir;
    }

    /**
     * @param fieldValues field paths ({@code training.iterations}) and their new values (numbers, strings,
     *                    booleans, lists, maps), e.g. from command-line options.
     * @return the spec with those fields replaced, validated again.
     * @throws SpecException naming the field if the result is not valid.
     */
    public Spec overriding(final Map<String, Object> fieldValues) {
        if (fieldValues.isEmpty()) {
            return this;
        }
        final Map<String, String> origins = new LinkedHashMap<>();
        fieldValues.forEach((k, v) -> origins.put(k, k + "=" + v));
        return overriding(fieldValues, origins);
    }

    /**
     * @param fieldValues field paths and their new values.
     * @param origins     for each field path, what set it (e.g. {@code --iterations 0}): problems with it name that.
     * @return the spec with those fields replaced, validated again.
     */
    public Spec overriding(final Map<String, Object> fieldValues, final Map<String, String> origins) {
        final ObjectNode r = raw.deepCopy();
        final Problems problems = new Problems();
        final Map<String, String> at = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fieldValues.entrySet()) {
            final String what = origins.getOrDefault(e.getKey(), e.getKey());
            final String field = SpecOverrides.set(r, e.getKey(), BINDER.valueToTree(e.getValue()), problems, what);
            if (field != null) {
                at.put(field, what);
            }
        }
        problems.throwIfAny(source);
        return SpecLoader.finish(r, source, baseDir, at);
    }

    /**
     * @param fieldPaths fields to leave out, as paths of mapping fields ({@code sweep}, {@code output.folder}); a
     *                   path that is not in the spec is ignored.
     * @return the spec without them, validated again (the {@code --set} overrides stay applied).
     */
    public Spec without(final java.util.List<String> fieldPaths) {
        final ObjectNode r = raw.deepCopy();
        for (String path : fieldPaths) {
            final java.util.List<String> tokens = SpecOverrides.tokens(path);
            JsonNode cur = r;
            for (int k = 0; k < tokens.size() - 1 && cur != null; k++) {
                cur = cur.get(tokens.get(k));
            }
            if (cur instanceof ObjectNode o && !tokens.isEmpty()) {
                o.remove(tokens.get(tokens.size() - 1));
            }
        }
        return SpecLoader.finish(r, source, baseDir, Map.of());
    }

    /**
     * @return the full spec with defaults filled, as compact JSON with the fields of every object in name order (lists
     *         keep theirs): the same text for the same spec, whatever order a file, an override or a Java map put its
     *         fields in. A sweep hashes it to recognise a point's run.
     */
    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(sortedFields(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private static JsonNode sortedFields(final JsonNode node) {
        if (node.isObject()) {
            final java.util.TreeMap<String, JsonNode> fields = new java.util.TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sortedFields(e.getValue())));
            final ObjectNode o = CANONICAL.createObjectNode();
            fields.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            final com.fasterxml.jackson.databind.node.ArrayNode a = CANONICAL.createArrayNode();
            node.forEach(e -> a.add(sortedFields(e)));
            return a;
        }
        return node;
    }

    /** @return the full spec with defaults filled, as YAML: what a result folder stores. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
