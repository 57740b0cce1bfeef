package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.spikering.app.data.Npy;
import org.spikering.app.data.NpyArray;
import org.spikering.app.data.NpyDtype;
import org.spikering.app.data.Npz;

/**
 * The pairs of an explicit connector, inline ({@code pairs}), from its CSV file ({@code source,target} followed by
 * {@code weight}, {@code delay_ms} or both), or from a NumPy matrix (with, in an .npz, a delay matrix {@code
 * delay_array}).
 *
 * <p>Delays from a file are per synapse, in ms, and must each be at least dt: NEST refuses a delay below the
 * resolution ({@code ConnectorModel::assert_valid_delay_ms}, "Delay must be greater than or equal to resolution");
 * sim-core's builder then rounds each to the nearest step as NEST's {@code Time::delay_ms_to_steps} does,
 * floor(d·(1/dt) + 0.5). At most {@value Short#MAX_VALUE} steps.
 *
 * @param sources  source indices.
 * @param targets  target indices.
 * @param weights  per-pair weights from the file (a CSV weight column, a numeric matrix), or null.
 * @param delaysMs per-pair delays in ms from the file (a CSV delay_ms column, an .npz delay_array), or null.
 */
record ExplicitPairs(int[] sources, int[] targets, double[] weights, double[] delaysMs) {

    /**
     * @param c          the connector (rule explicit).
     * @param sourceSize source population size.
     * @param targetSize target population size.
     * @param dtMs       the network's step, ms (delays from the file must be at least dt).
     * @param resolve    file name to path.
     * @return the pairs.
     * @throws IllegalArgumentException an index out of range or a bad file (the message names it, the row or entry
     *                                  and the field).
     */
    static ExplicitPairs of(final ConnectorEntry c, final int sourceSize, final int targetSize, final double dtMs,
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
            return new ExplicitPairs(s, t, null, null);
        }
        final Path file = resolve.apply(c.file());
        if (isNumpy(c.file())) {
            final boolean npz = c.file().toLowerCase(Locale.ROOT).endsWith(".npz");
            final ExplicitPairs e = ofMatrix("'" + file + "'" + (npz ? " array '" + c.array() + "'" : ""),
                    npz ? Npz.read(file, c.array()) : Npy.read(file), sourceSize, targetSize);
            if (c.delayArray() == null) {
                return e;
            }
            final String name = "'" + file + "' array '" + c.delayArray() + "'";
            final NpyArray d = Npz.read(file, c.delayArray());
            if (d.ndim() != 2 || d.dim(0) != sourceSize || d.dim(1) != targetSize) {
                throw new IllegalArgumentException(name + ": shape " + d.shapeText() + ", must be (" + sourceSize + ", "
                        + targetSize + ") like array '" + c.array() + "'");
            }
            final double[] ms = new double[e.sources().length];
            for (int k = 0; k < ms.length; k++) {
                ms[k] = d.doubleAt(e.sources()[k] * targetSize + e.targets()[k]);
                checkDelay(ms[k], dtMs, name + " entry [" + e.sources()[k] + ", " + e.targets()[k] + "]");
            }
            return new ExplicitPairs(e.sources(), e.targets(), e.weights(), ms);
        }
        final CsvTable t = CsvTable.read(file, List.of("source", "target"), List.of("weight", "delay_ms"));
        final int n = t.rows().size();
        final int[] src = new int[n];
        final int[] tgt = new int[n];
        final int wc = t.column("weight");
        final int dc = t.column("delay_ms");
        final double[] w = wc >= 0 ? new double[n] : null;
        final double[] d = dc >= 0 ? new double[n] : null;
        for (int k = 0; k < n; k++) {
            src[k] = t.index(file, k, 0, sourceSize);
            tgt[k] = t.index(file, k, 1, targetSize);
            if (w != null) {
                w[k] = t.rows().get(k)[wc];
            }
            if (d != null) {
                d[k] = t.rows().get(k)[dc];
                checkDelay(d[k], dtMs, "'" + file + "' data row " + (k + 1) + ": delay_ms");
            }
        }
        return new ExplicitPairs(src, tgt, w, d);
    }

    /** Refuses a delay below dt (as NEST) or beyond the largest delay in steps. */
    private static void checkDelay(final double ms, final double dtMs, final String where) {
        if (!Double.isFinite(ms) || ms < dtMs * (1 - 1e-9)) {
            throw new IllegalArgumentException(where + " = " + ms + ", must be >= dt_ms = " + dtMs
                    + " (NEST refuses a delay below the resolution)");
        }
        if (Math.floor(ms * (1.0 / dtMs) + 0.5) > Short.MAX_VALUE) {
            throw new IllegalArgumentException(where + " = " + ms + ", must be at most " + Short.MAX_VALUE
                    + " steps of dt_ms = " + dtMs);
        }
    }

    /** @return whether a connector file is a NumPy file (.npy, .npz) rather than CSV. */
    static boolean isNumpy(final String file) {
        final String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".npy") || f.endsWith(".npz");
    }

    /**
     * The pairs of a connection matrix M of shape [source size, target size], in row-major order: for a bool matrix
     * the true entries (weights from the projection's weight field), for a numeric one the non-zero entries with
     * M[i][j] as the weight.
     */
    private static ExplicitPairs ofMatrix(final String name, final NpyArray m, final int sourceSize, final int targetSize) {
        if (m.ndim() != 2 || m.dim(0) != sourceSize || m.dim(1) != targetSize) {
            throw new IllegalArgumentException(name + ": shape " + m.shapeText() + ", must be (" + sourceSize + ", "
                    + targetSize + ") = (source size, target size)");
        }
        final boolean bool = m.dtype() == NpyDtype.BOOL;
        int n = 0;
        for (int k = 0; k < m.size(); k++) {
            final double v = m.doubleAt(k);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + ": entry [" + k / targetSize + ", " + k % targetSize + "] = "
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
        return new ExplicitPairs(s, t, w, null);
    }
}
