package org.spikering.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.spec.Problems;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command that runs a spec and whose options override single fields of it: {@code --size 400} sets
 * {@code reservoir.size}, {@code --out DIR} sets {@code output.folder}, {@code --set FIELD=VALUE} any field. Knows
 * which field each option sets, so that a problem names the option: one that set the field
 * ({@code reservoir.size: 0, must be >= 1 (from --size = 0)}, by {@link Spec#overriding(Map, Map)}) or one that would
 * ({@code reservoir.test_steps (--test): 5000, must be more than ...}), and messages about a field ({@link #label})
 * show the option when it was given.
 */
final class SpecOptions implements org.spikering.app.sweep.FieldNames {

    /** Field path → how the command line set it ({@code --size = 0}). */
    private final Map<String, String> origins = new LinkedHashMap<>();
    /** Field path → option name, for fields set by an option. */
    private final Map<String, String> optionOf = new LinkedHashMap<>();
    /** Field path → the option of the command that sets it (given or not). */
    private final Map<String, String> optionFor = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * @param parsed the command's parse result.
     * @param fields option name → field path, for every option that sets a field.
     */
    SpecOptions(final ParseResult parsed, final Map<String, String> fields) {
        fields.forEach((option, field) -> optionFor.put(field, option));
        for (OptionSpec o : parsed.matchedOptions()) {
            final String field = fields.get(o.longestName());
            if (field == null) {
                continue;
            }
            final Object v = o.getValue();
            if (v instanceof Double d && !Double.isFinite(d)) {
                throw new IllegalArgumentException(o.longestName() + " = " + d + ": must be a finite number");
            }
            if (v instanceof List<?> l) {
                for (Object e : l) {
                    if (e instanceof Double d && !Double.isFinite(d)) {
                        throw new IllegalArgumentException(Check.given(parsed, o.longestName()) + ": each must be a finite number");
                    }
                }
            }
            values.put(field, v instanceof Path p ? p.toString() : v);
            origins.put(field, v instanceof List<?> ? Check.given(parsed, o.longestName()) : o.longestName() + " = " + v);
            optionOf.put(field, o.longestName());
        }
    }

    /**
     * Loads a spec, applies the {@code --set} assignments and then the options' fields, and validates the result once
     * (a check relating a {@code --set} field to an option's field sees both).
     *
     * @param file a spec file or a shipped example's name.
     * @param sets the {@code --set} assignments.
     * @return the spec.
     */
    Spec load(final String file, final List<String> sets) {
        try {
            return SpecLoader.load(file, sets, values, origins);
        } catch (SpecException e) {
            throw withOptions(e, Files.isRegularFile(Path.of(file)) ? file : "example:" + file);
        }
    }

    /**
     * @param e      problems of a spec.
     * @param source its source (each problem line begins {@code SOURCE: }).
     * @return the problems with the option that sets a field after the field, where the command has one and the
     *         problem does not already say where the value came from.
     */
    private SpecException withOptions(final SpecException e, final String source) {
        final List<String> lines = new ArrayList<>();
        boolean changed = false;
        for (String line : e.problems()) {
            String p = line.startsWith(source + ": ") ? line.substring(source.length() + 2) : line;
            final int colon = p.indexOf(':');
            final String field = colon < 0 ? null : p.substring(0, colon);
            if (field != null && optionFor.containsKey(field) && !p.contains("(from ")) {
                p = field + " (" + optionFor.get(field) + ")" + p.substring(colon);
                changed = true;
            }
            lines.add(p);
        }
        return changed ? new SpecException(source, lines) : e;
    }

    /**
     * @param field a field path.
     * @param value its value.
     * @return {@code --size = 200} if an option set it, else {@code reservoir.size = 200}: for messages.
     */
    @Override
    public String label(final String field, final Object value) {
        return name(field) + " = " + Problems.show(value);
    }

    /**
     * @param field a field path.
     * @return the option that set it, or the field path.
     */
    @Override
    public String name(final String field) {
        return optionOf.getOrDefault(field, field);
    }
}
