package org.spikering.app.cli;

import java.util.Locale;

/**
 * Checks, before anything is allocated, that a command's estimated peak memory fits the heap the JVM
 * may grow to ({@link Runtime#maxMemory()}). The estimates are upper bounds of the large arrays a command
 * allocates (documented at each call); the message names the options that set the size and how to give
 * the JVM more ({@value #JAVA_OPTS}).
 */
public final class MemoryBudget {

    /** Environment variable the {@code spikering} launcher passes to {@code java} (default -Xmx8g). */
    public static final String JAVA_OPTS = "SPIKERING_JAVA_OPTS";

    /**
     * Estimated peak bytes per synapse while a network is built: the edge lists (source, target: 8 bytes)
     * grown by doubling, then sorted into the compressed rows the engine keeps (4 bytes per synapse,
     * {@code bytes_per_synapse} in the bench output). Measured: {@code bench brunel --scale 1}
     * (1.56e7 synapses) runs with -Xmx400m and fails with -Xmx250m, i.e. 16-26 bytes per synapse.
     */
    public static final double BYTES_PER_SYNAPSE_BUILD = 20;
    /** Neuron state, ring-buffer slots and recorders per neuron, bytes (generous). */
    public static final double BYTES_PER_NEURON = 400;

    private MemoryBudget() {
    }

    /**
     * @param options what sets the size, e.g. {@code "--scale = 10.0 (156 250 000 synapses)"}.
     * @param bytes   estimated peak bytes.
     */
    public static void require(final String options, final double bytes) {
        final long max = Runtime.getRuntime().maxMemory();
        if (!(bytes <= max)) {
            throw new IllegalArgumentException(options + ": needs about " + size(bytes) + " of memory and must fit the "
                    + size(max) + " the JVM may use; make it smaller or give more, e.g. " + JAVA_OPTS + "=-Xmx"
                    + Math.max(1, (long) Math.ceil(bytes * 1.25 / (1L << 30))) + "g ./spikering ...");
        }
    }

    /** @return the one line printed when the JVM runs out of memory anyway. */
    public static String outOfMemory() {
        final long max = Runtime.getRuntime().maxMemory();
        return "out of memory (the JVM may use " + size(max) + "): give it more, e.g. " + JAVA_OPTS + "=-Xmx"
                + Math.max(1, (long) Math.ceil(2.0 * max / (1L << 30))) + "g ./spikering ..., or make the run smaller";
    }

    /**
     * Estimated bytes of a network simulation: building it ({@link #BYTES_PER_SYNAPSE_BUILD},
     * {@link #BYTES_PER_NEURON}) plus recorded spikes (8 bytes each, at most {@code maxRateHz} per neuron).
     */
    public static double network(final double neurons, final double synapses, final double recordedSeconds, final double maxRateHz) {
        return synapses * BYTES_PER_SYNAPSE_BUILD + neurons * BYTES_PER_NEURON + neurons * maxRateHz * recordedSeconds * 8 * 2;
    }

    /**
     * Estimated bytes of an echo state network run over {@code steps} inputs: W in compressed rows (12 bytes
     * per non-zero, twice while it is built; a dense N×N matrix four times over for the orthogonal topology or
     * the exact spectral radius, N &le; 800), every state (8 N bytes per step) and the ridge regression's N×N Gram matrices
     * (three) plus {@code outputs} targets per step.
     */
    public static double esn(final double n, final double connectivity, final boolean dense, final double steps, final double outputs) {
        final double w = 24 * n * n * (dense ? 1 : connectivity) + (dense || n <= 800 ? 32 * n * n : 0);
        return w + 8 * n * steps + 24 * (n + 1) * (n + 1) + 8 * steps * outputs * 3;
    }

    public static String size(final double bytes) {
        if (!Double.isFinite(bytes)) {
            return "more than any machine has";
        }
        final double gb = bytes / (1L << 30);
        return gb >= 1 ? String.format(Locale.ROOT, "%.1f GB", gb)
                : String.format(Locale.ROOT, "%.0f MB", bytes / (1L << 20));
    }
}
