package org.spikering.app.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.spikering.app.spec.data.DataArray;

/**
 * One array field of a data set, resolved: its spec path (e.g. {@code training.data.targets}), the file, its format
 * and the {@code .npz} key. Every problem with it is an {@link IllegalArgumentException} of one line starting with
 * the field path.
 *
 * @param field  the field path, for messages.
 * @param file   the resolved file.
 * @param format its format.
 * @param key    the array's key ({@code .npz} only, else null).
 */
record DataFile(String field, Path file, DataFormat format, String key) {

    /**
     * @param field      the field path, e.g. {@code training.data.inputs}.
     * @param a          the field's value.
     * @param defaultKey the {@code .npz} key when none is given (the field's own name).
     * @param resolve    file field to path.
     * @return the resolved file.
     * @throws IllegalArgumentException if the file is missing, has an unknown ending, or has a key but is no .npz.
     */
    static DataFile of(final String field, final DataArray a, final String defaultKey,
                       final Function<String, Path> resolve) {
        if (a == null || a.file() == null || a.file().isBlank()) {
            throw new IllegalArgumentException(field + ": missing, must name a file (" + DataFormat.ENDINGS + ")");
        }
        final Path p = resolve.apply(a.file());
        final DataFormat f = DataFormat.of(p);
        final String fileField = a.key() == null ? field : field + ".file";
        if (f == null) {
            throw new IllegalArgumentException(fileField + ": '" + a.file() + "', must end in " + DataFormat.ENDINGS);
        }
        if (a.key() != null && f != DataFormat.NPZ) {
            throw new IllegalArgumentException(field + ".key: '" + a.key() + "', allowed only for .npz files (this is '"
                    + a.file() + "')");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException(fileField + ": '" + a.file() + "', no such readable file (looked for " + p + ")");
        }
        return new DataFile(field, p, f, f == DataFormat.NPZ ? a.keyOr(defaultKey) : null);
    }

    /** @return the file and key for messages, e.g. {@code 'x.npz' array 'inputs'}. */
    String where() {
        return "'" + file.getFileName() + "'" + (key != null ? " array '" + key + "'" : "");
    }

    /**
     * @return the array of a .npy or .npz field.
     * @throws IllegalArgumentException one line starting with the field path.
     */
    NpyArray array() {
        try {
            return format == DataFormat.NPZ ? Npz.read(file, key) : Npy.read(file);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage().replace("'" + file + "'", "'" + file.getFileName() + "'"));
        }
    }

    /**
     * @param what what is wrong (without the field path).
     * @return the exception {@code field: what}.
     */
    IllegalArgumentException fail(final String what) {
        return new IllegalArgumentException(field + ": " + what);
    }
}
