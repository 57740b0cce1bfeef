package org.spikering.app.spec;

/**
 * The {@code output} section: where results go. Every command also writes {@code spec.yaml}, the spec it ran with
 * every default filled in, into its result folder.
 *
 * @param folder result folder, or null for the command's default.
 * @param plots  whether PNG plots are written.
 */
public record OutputSpec(String folder, boolean plots) implements SpecSection {

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        // the folder is checked by the command (ResultFolder rules) before it runs
    }
}
