package org.spikering.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph (the file's top-level node, or a nested sub-graph): named nodes and the directed edges
 * between them. An edge (A, B) sends A's output to B's input; several edges into one node are summed.
 * Edge endpoints may address a node inside a sub-graph as {@code G.X} (NIR.md §3).
 *
 * @param nodes    nodes by name, in file order.
 * @param edges    edges, in file order.
 * @param metadata free-form metadata (String, Double, Long or {@link Tensor} values); empty if none.
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges, Map<String, Object> metadata) implements NirNode {

    /** Copies the collections, keeping their order. */
    public NirGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public String nirType() {
        return "NIRGraph";
    }

    /**
     * @param source name of the sending node.
     * @param target name of the receiving node.
     */
    public record Edge(String source, String target) {
    }
}
