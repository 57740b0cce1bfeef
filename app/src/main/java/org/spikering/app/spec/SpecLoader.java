package org.spikering.app.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an experiment spec: a YAML or JSON file, or a shipped example by name ({@link Examples}); applies
 * {@code --set} overrides ({@link SpecOverrides}); fills the schema's defaults; validates it against the schema
 * ({@link SpecSchema}) and then each section's own checks ({@link SpecSection}). Any problem ends in a
 * {@link SpecException} with one line per problem, before anything runs.
 *
 * <p>Pipeline: parse → format version → overrides → defaults → schema → bind sections → section checks.
 */
public final class SpecLoader {

    private static final ObjectMapper YAML_READER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON_READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** The record each section binds to. */
    private static final Map<String, Class<? extends SpecSection>> SECTION_TYPES = Map.of(
            "network", NetworkSpec.class,
            "simulation", SimulationSpec.class,
            "training", TrainingSpec.class,
            "hardware", HardwareSpec.class,
            "study", StudySpec.class,
            "reservoir", ReservoirSpec.class,
            "output", OutputSpec.class,
            "sweep", SweepSpec.class);

    private SpecLoader() {
    }

    /** @return the record class of a section. */
    public static Class<? extends SpecSection> sectionType(final String section) {
        return SECTION_TYPES.get(section);
    }

    /**
     * @param fileOrExample a spec file, or the name of a shipped example.
     * @param sets          {@code --set FIELD=VALUE} overrides, applied in order.
     * @return the valid spec.
     * @throws SpecException listing every problem.
     */
    public static Spec load(final String fileOrExample, final List<String> sets) {
        return load(fileOrExample, sets, java.util.Map.of(), java.util.Map.of());
    }

    /**
     * As {@link #load(String, List)}, then the fields a command's options set (after the {@code --set} assignments,
     * so an option wins over a {@code --set} of the same field), all validated together once: a check that relates
     * two fields sees both, whichever of the two ways set each.
     *
     * @param values  field paths and values set by options.
     * @param origins for each of those paths, what set it ({@code --rule = bptt}).
     */
    public static Spec load(final String fileOrExample, final List<String> sets, final java.util.Map<String, Object> values,
                            final java.util.Map<String, String> origins) {
        final Path file = Path.of(fileOrExample);
        final String text;
        final String source;
        final Path base;
        final boolean json;
        if (Files.isRegularFile(file)) {
            try {
                text = Files.readString(file);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException("SPEC = '" + fileOrExample + "': cannot be read (" + e.getMessage() + ")");
            }
            source = fileOrExample;
            base = file.toAbsolutePath().getParent();
            json = fileOrExample.toLowerCase(Locale.ROOT).endsWith(".json");
        } else if (Examples.names().contains(fileOrExample)) {
            text = Examples.text(fileOrExample);
            source = "example:" + fileOrExample;
            base = Examples.dataFolder(fileOrExample); // null for an example without data files
            json = false;
        } else {
            throw new IllegalArgumentException("SPEC = '" + fileOrExample + "': must be a spec file or the name of a shipped"
                    + " example (" + String.join(", ", Examples.names()) + "; 'spikering spec list' describes them); "
                    + (fileOrExample.isBlank() ? "it is empty" : Files.isDirectory(file) ? "it is a folder"
                    : Files.exists(file) ? "it is not a regular file" : "no such file"));
        }
        return parse(text, source, base, json, sets, values, origins);
    }

    /**
     * @param text   the spec's text.
     * @param source its name in messages.
     * @param base   folder that relative file names are resolved against (null: the working directory).
     * @param json   JSON (true) or YAML (false; YAML also reads JSON).
     * @param sets   overrides.
     * @return the valid spec.
     */
    public static Spec parse(final String text, final String source, final Path base, final boolean json,
                             final List<String> sets) {
        return parse(text, source, base, json, sets, java.util.Map.of(), java.util.Map.of());
    }

    /**
     * As {@link #parse(String, String, Path, boolean, List)}, then the fields set by a command's options
     * ({@code values}, each named in messages by {@code valueOrigins}), all validated together once.
     */
    public static Spec parse(final String text, final String source, final Path base, final boolean json,
                             final List<String> sets, final java.util.Map<String, Object> values,
                             final java.util.Map<String, String> valueOrigins) {
        final JsonNode root;
        try {
            root = (json ? JSON_READER : YAML_READER).readTree(text);
        } catch (JsonProcessingException e) {
            final JsonLocation l = e.getLocation();
            String why = e.getOriginalMessage().lines().findFirst().orElse("");
            final int at = why.indexOf(" (start marker at");
            why = at > 0 ? why.substring(0, at) : why;
            throw new IllegalArgumentException("SPEC = '" + source + "': must be valid " + (json ? "JSON" : "YAML") + "; "
                    + (l != null ? "line " + l.getLineNr() + ", column " + l.getColumnNr() + ": " : "") + why);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("SPEC = '" + source + "': must be a mapping with 'spikering: "
                    + SpecSchema.VERSION + "' and sections (network, training, ...); it is "
                    + (root == null || root.isMissingNode() ? "empty" : "a " + root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        final ObjectNode doc = (ObjectNode) root;
        final JsonNode v = doc.get("spikering");
        if (v == null || !v.isInt() || v.asInt() != SpecSchema.VERSION) {
            throw new IllegalArgumentException("SPEC = '" + source + "': field spikering (the format version) is "
                    + (v == null ? "missing" : Problems.show(v)) + ", must be " + SpecSchema.VERSION
                    + " (write 'spikering: " + SpecSchema.VERSION + "' as the first line)");
        }
        final Problems problems = new Problems();
        final java.util.Map<String, String> origins = new java.util.LinkedHashMap<>();
        for (String s : sets) {
            final String field = SpecOverrides.apply(doc, s, problems);
            if (field != null) {
                origins.put(field, "--set " + s);
            }
        }
        problems.throwIfAny(source);
        for (java.util.Map.Entry<String, Object> e : values.entrySet()) {
            final String what = valueOrigins.getOrDefault(e.getKey(), e.getKey());
            final String field = SpecOverrides.set(doc, e.getKey(), Spec.BINDER.valueToTree(e.getValue()), problems, what);
            if (field != null) {
                origins.put(field, what);
            }
        }
        problems.throwIfAny(source);
        return finish(doc, source, base, origins);
    }

    /**
     * Defaults, schema, binding and section checks of a parsed document.
     *
     * @param origins field paths set from the command line and the option that set each: a problem at or under
     *                one of them says so ({@code (from --set seed=x)}).
     */
    static Spec finish(final ObjectNode raw, final String source, final Path base, final java.util.Map<String, String> origins) {
        final ObjectNode tree = raw.deepCopy();
        final SpecSchema schema = SpecSchema.get();
        schema.fillDefaults(tree);
        final Problems problems = new Problems();
        schema.validate(tree, problems);
        throwIfAny(problems, source, origins);
        final Spec spec = new Spec(raw, tree, source, base);
        for (String name : SpecSchema.SECTIONS) {
            if (!tree.has(name)) {
                continue;
            }
            final SpecSection section;
            try {
                section = Spec.BINDER.treeToValue(tree.get(name), SECTION_TYPES.get(name));
            } catch (JsonProcessingException e) {
                problems.addLine(Spec.bindingProblem(name, e));
                continue;
            }
            spec.remember(name, section);
            section.check(problems, name, spec);
        }
        throwIfAny(problems, source, origins);
        return spec;
    }

    private static void throwIfAny(final Problems problems, final String source, final java.util.Map<String, String> origins) {
        if (problems.isEmpty()) {
            return;
        }
        final java.util.List<String> lines = new java.util.ArrayList<>();
        for (String line : problems.lines()) {
            String from = null;
            for (java.util.Map.Entry<String, String> o : origins.entrySet()) {
                final String f = o.getKey();
                if (line.startsWith(f + ":") || line.startsWith(f + ".") || line.startsWith(f + "[")) {
                    from = o.getValue();
                }
            }
            lines.add(from == null ? line : line + " (from " + from + ")");
        }
        throw new SpecException(source, lines);
    }
}
