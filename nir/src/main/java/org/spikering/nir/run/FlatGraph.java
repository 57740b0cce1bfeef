package org.spikering.nir.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;

/**
 * A NIR graph with its sub-graphs inlined into one list of units (a sub-graph G's node X becomes unit
 * {@code G.X}; G's Input and Output become pass-through units), its edges resolved (NIR.md §3: exact name
 * first, then {@code G.X}, then a bare sub-graph name = its Input as a target and its Output as a
 * source), its cycles broken with one step of delay ({@link RunOptions.LoopDelay}) and its units in an
 * evaluation order in which every undelayed edge goes forward. Immutable after construction.
 */
final class FlatGraph {

    /** One inlined node. */
    record Unit(String name, NirNode node, boolean topLevel) {
    }

    /** One resolved edge between unit indices; {@code delayed} edges carry the source's previous-step output. */
    record Link(int source, int target, boolean delayed) {
    }

    final List<Unit> units = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    /** Unit indices in evaluation order. */
    final int[] order;

    private final Map<String, Integer> index = new HashMap<>();

    FlatGraph(final NirGraph graph, final RunOptions.LoopDelay loopDelay) {
        final List<int[]> raw = new ArrayList<>();
        inline(graph, "", true, raw);
        final boolean[] delayed = breakCycles(raw, loopDelay);
        for (int i = 0; i < raw.size(); i++) {
            links.add(new Link(raw.get(i)[0], raw.get(i)[1], delayed[i]));
        }
        order = topologicalOrder(loopDelay);
    }

    int indexOf(final String name) {
        return index.getOrDefault(name, -1);
    }

    private void inline(final NirGraph g, final String prefix, final boolean top, final List<int[]> raw) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            if (e.getValue() instanceof NirGraph sub) {
                inline(sub, prefix + e.getKey() + ".", false, raw);
            } else {
                index.put(prefix + e.getKey(), units.size());
                units.add(new Unit(prefix + e.getKey(), e.getValue(), top));
            }
        }
        for (NirGraph.Edge e : g.edges()) {
            raw.add(new int[] {resolve(g, prefix, e.source(), true), resolve(g, prefix, e.target(), false)});
        }
    }

    private int resolve(final NirGraph g, final String prefix, final String name, final boolean asSource) {
        final NirNode exact = g.nodes().get(name);
        if (exact != null && !(exact instanceof NirGraph)) {
            return index.get(prefix + name);
        }
        if (exact instanceof NirGraph sub) {
            final Class<?> port = asSource ? NirNode.Output.class : NirNode.Input.class;
            final List<String> ports = sub.nodes().entrySet().stream().filter(x -> port.isInstance(x.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (ports.size() != 1) {
                throw new NirFormatException("sub-graph '" + prefix + name + "' has " + ports.size() + " "
                        + port.getSimpleName() + " nodes: an edge to or from the sub-graph itself needs exactly one");
            }
            return index.get(prefix + name + "." + ports.get(0));
        }
        final int dot = name.indexOf('.');
        if (dot > 0 && g.nodes().get(name.substring(0, dot)) instanceof NirGraph sub) {
            return resolve(sub, prefix + name.substring(0, dot) + ".", name.substring(dot + 1), asSource);
        }
        throw new NirFormatException("edge endpoint '" + prefix + name + "': no such node");
    }

    /**
     * Depth-first search from the top-level Input units (then any unit not yet reached), following edges
     * in file order. A back edge u → v closes a cycle entered at v; BEFORE delays that edge, AFTER the
     * edge v → w by which the search left v along the cycle (for a self-edge both are the same edge).
     */
    private boolean[] breakCycles(final List<int[]> raw, final RunOptions.LoopDelay placement) {
        final int n = units.size();
        final List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < raw.size(); e++) {
            out.get(raw.get(e)[0]).add(e);
        }
        final boolean[] delayed = new boolean[raw.size()];
        final int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        final List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (units.get(i).topLevel() && units.get(i).node() instanceof NirNode.Input) {
                roots.add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            roots.add(i);
        }
        for (int root : roots) {
            if (state[root] != 0) {
                continue;
            }
            // iterative DFS: stack of (unit, next edge position, edge that entered it)
            final Deque<int[]> stack = new ArrayDeque<>();
            final List<Integer> path = new ArrayList<>();
            final List<Integer> entered = new ArrayList<>();
            stack.push(new int[] {root, 0});
            path.add(root);
            entered.add(-1);
            state[root] = 1;
            while (!stack.isEmpty()) {
                final int[] top = stack.peek();
                final List<Integer> edges = out.get(top[0]);
                if (top[1] == edges.size()) {
                    stack.pop();
                    state[top[0]] = 2;
                    path.remove(path.size() - 1);
                    entered.remove(entered.size() - 1);
                    continue;
                }
                final int e = edges.get(top[1]++);
                final int v = raw.get(e)[1];
                if (state[v] == 0) {
                    state[v] = 1;
                    stack.push(new int[] {v, 0});
                    path.add(v);
                    entered.add(e);
                } else if (state[v] == 1) {
                    final int at = path.indexOf(v);
                    if (placement == RunOptions.LoopDelay.BEFORE || at == path.size() - 1) {
                        delayed[e] = true;
                    } else {
                        delayed[entered.get(at + 1)] = true;
                    }
                }
            }
        }
        return delayed;
    }

    private int[] topologicalOrder(final RunOptions.LoopDelay placement) {
        final int n = units.size();
        final int[] indegree = new int[n];
        for (Link l : links) {
            if (!l.delayed()) {
                indegree[l.target()]++;
            }
        }
        final int[] result = new int[n];
        int count = 0;
        final boolean[] done = new boolean[n];
        // Kahn's algorithm, lowest unit index first among the ready ones: deterministic
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (!done[i] && indegree[i] == 0) {
                    done[i] = true;
                    result[count++] = i;
                    progress = true;
                    for (Link l : links) {
                        if (!l.delayed() && l.source() == i) {
                            indegree[l.target()]--;
                        }
                    }
                    break;
                }
            }
        }
        if (count < n) {
            final List<String> left = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    left.add(units.get(i).name());
                }
            }
            throw new NirFormatException("cycle through " + left + " cannot be broken with --loop-delay "
                    + placement.name().toLowerCase(java.util.Locale.ROOT) + ": use --loop-delay before");
        }
        return result;
    }

    /** @return unit name → indices of units feeding it (for messages and tests). */
    Map<String, List<String>> inputsByName() {
        final Map<String, List<String>> m = new LinkedHashMap<>();
        for (Unit u : units) {
            m.put(u.name(), new ArrayList<>());
        }
        for (Link l : links) {
            m.get(units.get(l.target()).name()).add(units.get(l.source()).name() + (l.delayed() ? "(t-1)" : ""));
        }
        return m;
    }

    @Override
    public String toString() {
        return Arrays.toString(order) + " " + inputsByName();
    }
}
