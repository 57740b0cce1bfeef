package org.spikering.app.cli;

import java.util.Arrays;
import java.util.Locale;

/** Small helpers shared by the commands. */
final class Cli {

    private Cli() {
    }

    /**
     * @param type   enum class.
     * @param option option name for the message.
     * @param value  the user's text (case-insensitive, '-' = '_').
     * @param <E>    enum type.
     * @return the constant.
     */
    static <E extends Enum<E>> E parseEnum(final Class<E> type, final String option, final String value) {
        final String key = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " = '" + value + "': must be one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }
}
