package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.spikering.app.data.Npy;
import org.spikering.app.data.NpyArray;
import org.spikering.app.data.NpyDtype;
import org.spikering.app.data.Npz;

/**
 * The pairs of an explicit connector, inline ({@code pairs}) or from its CSV file ({@code source,target[,weight]}).
 *
 * @param sources source indices.
 * @param targets target indices.
 * @param weights per-pair weights from the file's weight column, or null.
 */
record ExplicitPairs(int[] sources, int[] targets, double[] weights) {

    /**
     * @param c          the connector (rule explicit).
     * @param sourceSize source population size.
     * @param targetSize target population size.
     * @param resolve    file name to path.
     * @return the pairs.
     * @throws IllegalArgumentException an index out of range or a bad file (the message names it).
     */
    static ExplicitPairs of(final ConnectorEntry c, final int sourceSize, final int targetSize,
                            final Function<String, Path> resolve) {
        if (c.pairs() != null) {
            final int n = c.pairs().size();
            final int[] s = new int[n];
            final int[] t = new int[n];
            for (int k = 0; k < n; k++) {
                s[k] = c.pairs().get(k).get(0);
                t[k] = c.pairs().get(k).get(1);
                if (s[k] >= sourceSize) {
                    throw new IllegalArgumentException("pairs[" + k + "][0]: " + s[k] + ", must be < the source size "
                            + sourceSize);
                }
                if (t[k] >= targetSize) {
                    throw new IllegalArgumentException("pairs[" + k + "][1]: " + t[k] + ", must be < the target size "
                            + targetSize);
                }
            }
            return new ExplicitPairs(s, t, null);
        }
        final Path file = resolve.apply(c.file());
        if (isNumpy(c.file())) {
            return ofMatrix(file, c.file().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")
                    ? Npz.read(file, c.array()) : Npy.read(file), sourceSize, targetSize);
        }
        final CsvTable t = CsvTable.read(file, List.of("source", "target"), "weight");
        final int n = t.rows().size();
        final int[] src = new int[n];
        final int[] tgt = new int[n];
        final double[] w = t.header().size() == 3 ? new double[n] : null;
        for (int k = 0; k < n; k++) {
            src[k] = t.index(file, k, 0, sourceSize);
            tgt[k] = t.index(file, k, 1, targetSize);
            if (w != null) {
                w[k] = t.rows().get(k)[2];
            }
        }
        return new ExplicitPairs(src, tgt, w);
    }

    /** @return whether a connector file is a NumPy file (.npy, .npz) rather than CSV. */
    static boolean isNumpy(final String file) {
        final String f = file.toLowerCase(java.util.Locale.ROOT);
        return f.endsWith(".npy") || f.endsWith(".npz");
    }

    /**
     * The pairs of a connection matrix M of shape [source size, target size], in row-major order: for a bool matrix
     * the true entries (weights from the projection's weight field), for a numeric one the non-zero entries with
     * M[i][j] as the weight.
     */
    private static ExplicitPairs ofMatrix(final Path file, final NpyArray m, final int sourceSize, final int targetSize) {
        if (m.ndim() != 2 || m.dim(0) != sourceSize || m.dim(1) != targetSize) {
            throw new IllegalArgumentException("'" + file + "': shape " + m.shapeText() + ", must be (" + sourceSize + ", "
                    + targetSize + ") = (source size, target size)");
        }
        final boolean bool = m.dtype() == NpyDtype.BOOL;
        int n = 0;
        for (int k = 0; k < m.size(); k++) {
            final double v = m.doubleAt(k);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("'" + file + "': entry [" + k / targetSize + ", " + k % targetSize + "] = "
                        + v + ", must be finite");
            }
            n += v != 0 ? 1 : 0;
        }
        final int[] s = new int[n];
        final int[] t = new int[n];
        final double[] w = bool ? null : new double[n];
        int e = 0;
        for (int k = 0; k < m.size(); k++) {
            final double v = m.doubleAt(k);
            if (v != 0) {
                s[e] = k / targetSize;
                t[e] = k % targetSize;
                if (w != null) {
                    w[e] = v;
                }
                e++;
            }
        }
        return new ExplicitPairs(s, t, w);
    }
}
