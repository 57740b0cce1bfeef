package org.spikering.app.cli;

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
 * which field each option sets, so that a problem with a field the command line set names the option
 * ({@code --size = 0: reservoir.size: 0, must be >= 1}) and a message about a field ({@link #label}) shows the
 * option when it was given.
 */
final class SpecOptions {

    /** Field path → how the command line set it ({@code --size = 0}, {@code --set reservoir.size=0}). */
    private final Map<String, String> origins = new LinkedHashMap<>();
    /** Field path → option name, for fields set by an option. */
    private final Map<String, String> optionOf = new LinkedHashMap<>();
    /** Field path → the option of the command that sets it (given or not). */
    private final Map<String, String> optionFor = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * @param parsed the command's parse result.
     * @param fields option name → field path, for every option that sets a field.
     * @param sets   the {@code --set} assignments.
     */
    SpecOptions(final ParseResult parsed, final Map<String, String> fields, final List<String> sets) {
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
                        throw new IllegalArgumentException(Check.given(parsed, o.longestName())
                                + ": each must be a finite number");
                    }
                }
            }
            values.put(field, v instanceof Path p ? p.toString() : v);
            origins.put(field, v instanceof List<?> ? Check.given(parsed, o.longestName()) : o.longestName() + " = " + v);
            optionOf.put(field, o.longestName());
        }
        for (String s : sets) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("--set '" + s + "': must be FIELD=VALUE, e.g. reservoir.size=400");
            }
            final int eq = s.indexOf('=');
            if (eq > 0) {
                origins.put(s.substring(0, eq).strip(), "--set " + s);
            }
        }
    }

    /**
     * Loads a spec, applies the {@code --set} assignments and then the options' fields; a problem with a field that
     * the command line set names its option or assignment.
     *
     * @param file a spec file or a shipped example's name.
     * @param sets the {@code --set} assignments.
     * @return the spec.
     */
    Spec load(final String file, final List<String> sets) {
        try {
            return SpecLoader.load(file, sets).overriding(values);
        } catch (SpecException e) {
            throw named(e);
        }
    }

    /**
     * @param e problems of a spec.
     * @return {@code e} itself if no problem is with a field the command line set or has an option for; otherwise one
     *         message (with the pointer to the command's help) whose problems each name the option or assignment that
     *         set the field in front ({@code --size = 0: reservoir.size: 0, must be >= 1}), or the option that would
     *         set it after the field ({@code example:reservoir-mc: reservoir.test_steps (--test): 5000, must be ...}).
     */
    private IllegalArgumentException named(final SpecException e) {
        final List<String> lines = new ArrayList<>();
        boolean any = false;
        for (String line : e.problems()) {
            final int c = line.indexOf(": ");
            final String rest = c < 0 ? line : line.substring(c + 2);
            final String origin = originOf(rest);
            final String field = rest.indexOf(':') < 0 ? null : rest.substring(0, rest.indexOf(':'));
            if (origin != null) {
                lines.add(origin + ": " + rest);
            } else if (rest.startsWith("--set ")) {
                lines.add(rest); // a malformed assignment names itself
            } else if (field != null && optionFor.containsKey(field)) {
                lines.add(line.substring(0, c + 2) + field + " (" + optionFor.get(field) + ")" + rest.substring(field.length()));
            } else {
                lines.add(line);
                continue;
            }
            any = true;
        }
        return any ? new IllegalArgumentException(String.join("\n", lines), e) : e;
    }

    /** @return the origin of the field a problem ({@code path: ...}, without the source) names, or null. */
    private String originOf(final String rest) {
        for (Map.Entry<String, String> o : origins.entrySet()) {
            final String f = o.getKey();
            if (rest.startsWith(f + ":") || rest.startsWith(f + ".") || rest.startsWith(f + "[") || rest.startsWith(f + " ")) {
                return o.getValue();
            }
        }
        return null;
    }

    /**
     * @param field a field path.
     * @param value its value.
     * @return {@code --size = 200} if an option set it, else {@code reservoir.size = 200}: for messages.
     */
    String label(final String field, final Object value) {
        return name(field) + " = " + Problems.show(value);
    }

    /**
     * @param field a field path.
     * @return the option that set it, or the field path.
     */
    String name(final String field) {
        return optionOf.getOrDefault(field, field);
    }
}
