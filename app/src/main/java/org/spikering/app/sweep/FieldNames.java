package org.spikering.app.sweep;

import org.spikering.app.spec.Problems;

/**
 * How a runner's messages name a spec field: a command names the option that sets it ({@code --batch}), a sweep
 * point the field itself ({@link #FIELDS}: {@code training.batch}).
 */
@FunctionalInterface
public interface FieldNames {

    /** Every field by its path. */
    FieldNames FIELDS = field -> field;

    /**
     * @param field a field path, e.g. {@code reservoir.size}.
     * @return what messages call it.
     */
    String name(String field);

    /**
     * @param field a field path.
     * @param value its value.
     * @return {@code NAME = VALUE}, for messages.
     */
    default String label(final String field, final Object value) {
        return name(field) + " = " + Problems.show(value);
    }
}
