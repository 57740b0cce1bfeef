package org.spikering.nir;

/**
 * A NIR file: its format version and its top-level graph.
 *
 * @param version the {@code version} dataset ("0.1.1", "0.2.0", "1.0.7"), or null in files that have
 *                none (NIR 0.1 writers).
 * @param graph   the top-level graph.
 */
public record NirFile(String version, NirGraph graph) {
}
