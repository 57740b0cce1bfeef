package org.spikering.app.spec;

/** The {@code study} section of a spec (placeholder: no fields yet). */
public record StudySpec() implements SpecSection {

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        // no fields yet
    }
}
