package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

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
}
