package org.spikering.app.spec;

/** The {@code hardware} section of a spec (placeholder: no fields yet). */
public record HardwareSpec() implements SpecSection {

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        // no fields yet
    }
}
