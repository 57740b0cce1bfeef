package org.spikering.app.data;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats of a data set, told apart by the file name's ending. */
enum DataFormat {
    /** {@code .npy}: one array. */
    NPY,
    /** {@code .npz}: named arrays. */
    NPZ,
    /** {@code .csv}: rows with a header line. */
    CSV,
    /** {@code .h5}, {@code .hdf5}, {@code .sonata}: a SONATA spike report. */
    SONATA;

    /** Allowed endings, for messages. */
    static final String ENDINGS = ".npy, .npz, .csv, .h5, .hdf5 or .sonata";

    /**
     * @param file a data file.
     * @return its format, or null if the ending is none of {@link #ENDINGS}.
     */
    static DataFormat of(final Path file) {
        final String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) {
            return NPY;
        }
        if (n.endsWith(".npz")) {
            return NPZ;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".sonata")) {
            return SONATA;
        }
        return null;
    }
}
