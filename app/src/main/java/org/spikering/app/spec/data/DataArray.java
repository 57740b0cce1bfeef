package org.spikering.app.spec.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One array of a data set: a file and, for {@code .npz}, the name of the array in it. In a spec either a plain
 * string (the file; the key is then the field's name) or {@code {file: ..., key: ...}}.
 *
 * @param file the file, relative to the spec file's folder ({@code .npy}, {@code .npz}, {@code .csv},
 *             {@code .h5}/{@code .hdf5}/{@code .sonata}).
 * @param key  the array's name in a {@code .npz}, or null for the field's name.
 */
public record DataArray(String file, String key) {

    /** Binds {@code {file, key}}. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public DataArray(@JsonProperty("file") final String file, @JsonProperty("key") final String key) {
        this.file = file;
        this.key = key;
    }

    /**
     * Binds the plain-string form.
     *
     * @param file the file.
     * @return the array with the default key.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DataArray of(final String file) {
        return new DataArray(file, null);
    }

    /**
     * @param defaultKey the field's name.
     * @return the key, or {@code defaultKey} if none was given.
     */
    public String keyOr(final String defaultKey) {
        return key != null ? key : defaultKey;
    }
}
