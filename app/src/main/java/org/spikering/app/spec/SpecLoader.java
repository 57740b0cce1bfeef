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
            "output", OutputSpec.class);

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
            base = null;
            json = false;
        } else {
            throw new IllegalArgumentException("SPEC = '" + fileOrExample + "': "
                    + (Files.isDirectory(file) ? "is a folder" : "no such file") + "; must be a spec file (YAML or JSON) or a"
                    + " shipped example (one of " + String.join(", ", Examples.names())
                    + "; 'spikering spec list' describes them)");
        }
        return parse(text, source, base, json, sets);
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
        final JsonNode root;
        try {
            root = (json ? JSON_READER : YAML_READER).readTree(text);
        } catch (JsonProcessingException e) {
            final JsonLocation l = e.getLocation();
            throw new SpecException(source, List.of((l != null ? "line " + l.getLineNr() + ", column " + l.getColumnNr()
                    + ": " : "") + "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage().lines()
                    .findFirst().orElse("")));
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(source, List.of("the file must be a mapping with 'spikering: " + SpecSchema.VERSION
                    + "' and sections (network, training, ...); it is " + (root == null ? "empty" : "a " + root.getNodeType()
                    .toString().toLowerCase(Locale.ROOT))));
        }
        final ObjectNode doc = (ObjectNode) root;
        final JsonNode v = doc.get("spikering");
        if (v == null) {
            throw new SpecException(source, List.of("spikering: missing, required: the format version; write 'spikering: "
                    + SpecSchema.VERSION + "' as the first line"));
        }
        if (!v.isInt() || v.asInt() != SpecSchema.VERSION) {
            throw new SpecException(source, List.of("spikering: " + Problems.show(v) + ", must be " + SpecSchema.VERSION
                    + " (the format version this build reads)"));
        }
        final Problems problems = new Problems();
        for (String s : sets) {
            SpecOverrides.apply(doc, s, problems);
        }
        problems.throwIfAny(source);
        try {
            return finish(doc, source, base);
        } catch (SpecException e) {
            throw sets.isEmpty() ? e : new SpecException(source, naming(e, source, sets));
        }
    }

    /**
     * The problem lines of a spec with overrides, each line about a field that an override set (or lies inside it)
     * followed by that {@code (--set PATH=VALUE)}, so the user sees which option to fix. Paths are compared without
     * their list selectors ({@code [E]}, {@code [0]}).
     */
    private static List<String> naming(final SpecException e, final String source, final List<String> sets) {
        final List<String> out = new java.util.ArrayList<>();
        for (String line : e.problems()) {
            String l = line.startsWith(source + ": ") ? line.substring(source.length() + 2) : line;
            final String field = bare(l.substring(0, Math.max(0, l.indexOf(": "))));
            for (String set : sets) {
                final int eq = set.indexOf('=');
                final String path = bare(eq > 0 ? set.substring(0, eq).strip() : set);
                if (!path.isEmpty() && (field.equals(path) || field.startsWith(path + "."))) {
                    l = l + " (--set " + set + ")";
                    break;
                }
            }
            out.add(l);
        }
        return out;
    }

    private static String bare(final String path) {
        return path.replaceAll("\\[[^\\]]*\\]", "");
    }

    /** Defaults, schema, binding and section checks of a parsed document. */
    static Spec finish(final ObjectNode raw, final String source, final Path base) {
        final ObjectNode tree = raw.deepCopy();
        final SpecSchema schema = SpecSchema.get();
        schema.fillDefaults(tree);
        final Problems problems = new Problems();
        schema.validate(tree, problems);
        problems.throwIfAny(source);
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
            section.check(problems, name, spec);
        }
        problems.throwIfAny(source);
        return spec;
    }
}
