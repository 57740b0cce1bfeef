package org.spikering.app.spec;

import java.util.List;

/**
 * A spec that cannot run: one line per problem, each {@code SOURCE: field.path: value, what is allowed}. The CLI
 * prints every line and exits with code 2 before any work starts.
 */
public final class SpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The problem lines, each with the source in front. */
    private final List<String> problems;

    /**
     * @param source   the spec's source (file name or {@code example:NAME}).
     * @param problems the problems, each "path: value, allowed".
     */
    public SpecException(final String source, final List<String> problems) {
        super(String.join("\n", problems.stream().map(p -> source + ": " + p).toList()));
        this.problems = problems.stream().map(p -> source + ": " + p).toList();
    }

    /** @return the problem lines, each with the source in front. */
    public List<String> problems() {
        return problems;
    }
}
