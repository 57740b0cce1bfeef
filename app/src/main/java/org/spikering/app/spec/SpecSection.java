package org.spikering.app.spec;

/**
 * A section of a spec bound to a Java record: the checks that its JSON Schema cannot express (a delay below the
 * step, a projection naming a population that does not exist, a data file of the wrong shape).
 */
public interface SpecSection {

    /**
     * Adds every problem found; adds nothing when the section is fine.
     *
     * @param problems where problems go ({@link Problems#add}).
     * @param path     this section's path, e.g. {@code network}.
     * @param spec     the whole spec (other sections, file resolution).
     */
    void check(Problems problems, String path, Spec spec);
}
