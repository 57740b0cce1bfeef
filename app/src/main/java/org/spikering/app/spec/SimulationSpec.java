package org.spikering.app.spec;

/** The {@code simulation} section of a spec (placeholder: no fields yet). */
public record SimulationSpec() implements SpecSection {

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        // no fields yet
    }
}
