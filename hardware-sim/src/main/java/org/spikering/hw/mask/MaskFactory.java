package org.spikering.hw.mask;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Strategies that choose the plastic set. Matrices are row-major [post][pre] with shapes
 * INPUT [nRec][nIn], RECURRENT [nRec][nRec], OUTPUT [nOut][nRec] (plasticity API.md).
 */
public final class MaskFactory {
    private final Map<WeightMatrixId, int[]> shapes = new EnumMap<>(WeightMatrixId.class);

    /** @param net the network whose matrix shapes the masks take. */
    public MaskFactory(RecurrentNetwork net) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            shapes.put(id, new int[] {net.rows(id), net.columns(id)});
        }
    }

    /** Every synapse plastic. */
    public PlasticityMask all() {
        return build((id, r, c) -> true);
    }

    /** A random fraction p of all synapses (exactly round(p·N) of them, chosen uniformly, seeded). */
    public PlasticityMask randomFraction(double p, long seed) {
        return randomFraction(p, seed, EnumSet.allOf(WeightMatrixId.class));
    }

    /**
     * A random fraction p of the synapses of the listed matrices: exactly round(p·N) of their N entries, chosen
     * uniformly (seeded) over the matrices concatenated in {@link WeightMatrixId} order; every synapse of the other
     * matrices frozen. With all three matrices it is {@link #randomFraction(double, long)}.
     *
     * @param p     fraction in [0, 1].
     * @param seed  seed of the choice.
     * @param among the matrices that may be plastic, non-empty.
     * @return the mask.
     */
    public PlasticityMask randomFraction(double p, long seed, Set<WeightMatrixId> among) {
        checkFraction(p);
        checkAmong(among);
        int total = 0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            if (among.contains(id)) {
                total += size(id);
            }
        }
        final int k = (int) Math.round(p * total);
        final BitSet chosen = sample(total, k, new SplittableRandom(seed));
        final Map<WeightMatrixId, BitSet> m = new EnumMap<>(WeightMatrixId.class);
        int off = 0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            if (!among.contains(id)) {
                m.put(id, new BitSet());
                continue;
            }
            final int n = size(id);
            m.put(id, chosen.get(off, off + n));
            off += n;
        }
        return make(m);
    }

    /** For each post-synaptic neuron (row of every matrix), round(p·rowLength) random incoming synapses. */
    public PlasticityMask perPostFraction(double p, long seed) {
        return perPostFraction(p, seed, EnumSet.allOf(WeightMatrixId.class));
    }

    /**
     * For each post-synaptic neuron (row) of each listed matrix, round(p·rowLength) random incoming synapses of that
     * matrix (seeded; rows drawn in {@link WeightMatrixId} order, row by row); the other matrices frozen. With all
     * three matrices it is {@link #perPostFraction(double, long)}.
     *
     * @param p     fraction in [0, 1].
     * @param seed  seed of the choice.
     * @param among the matrices that may be plastic, non-empty.
     * @return the mask.
     */
    public PlasticityMask perPostFraction(double p, long seed, Set<WeightMatrixId> among) {
        checkFraction(p);
        checkAmong(among);
        final SplittableRandom rng = new SplittableRandom(seed);
        final Map<WeightMatrixId, BitSet> m = new EnumMap<>(WeightMatrixId.class);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final int rows = shapes.get(id)[0];
            final int cols = shapes.get(id)[1];
            final BitSet b = new BitSet(rows * cols);
            if (among.contains(id)) {
                for (int r = 0; r < rows; r++) {
                    final BitSet row = sample(cols, (int) Math.round(p * cols), rng);
                    for (int c = row.nextSetBit(0); c >= 0; c = row.nextSetBit(c + 1)) {
                        b.set(r * cols + c);
                    }
                }
            }
            m.put(id, b);
        }
        return make(m);
    }

    /** Only the listed matrices plastic (e.g. {OUTPUT} = reservoir/readout-only limit). */
    public PlasticityMask onlyMatrices(Set<WeightMatrixId> ids) {
        return build((id, r, c) -> ids.contains(id));
    }

    /**
     * Engram: the incoming input and recurrent synapses of the given recurrent neurons are plastic;
     * readout plastic when {@code readoutPlastic}.
     */
    public PlasticityMask engram(Set<Integer> recurrentNeurons, boolean readoutPlastic) {
        for (int j : recurrentNeurons) {
            if (j < 0 || j >= shapes.get(WeightMatrixId.RECURRENT)[0]) {
                throw new IllegalArgumentException("engram neuron = " + j + ": must be in [0, "
                        + shapes.get(WeightMatrixId.RECURRENT)[0] + ")");
            }
        }
        return build((id, r, c) -> id == WeightMatrixId.OUTPUT ? readoutPlastic : recurrentNeurons.contains(r));
    }

    /** Explicit list: {@code entries[id]} holds flat row-major indices of plastic synapses. */
    public PlasticityMask explicit(Map<WeightMatrixId, int[]> entries) {
        final Map<WeightMatrixId, BitSet> m = new EnumMap<>(WeightMatrixId.class);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final BitSet b = new BitSet();
            for (int i : entries.getOrDefault(id, new int[0])) {
                if (i < 0 || i >= size(id)) {
                    throw new IllegalArgumentException("explicit mask index " + id + "[" + i + "]: must be in [0, " + size(id) + ")");
                }
                b.set(i);
            }
            m.put(id, b);
        }
        return make(m);
    }

    private interface Rule {
        boolean plastic(WeightMatrixId id, int row, int col);
    }

    private PlasticityMask build(Rule rule) {
        final Map<WeightMatrixId, BitSet> m = new EnumMap<>(WeightMatrixId.class);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final int rows = shapes.get(id)[0];
            final int cols = shapes.get(id)[1];
            final BitSet b = new BitSet(rows * cols);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (rule.plastic(id, r, c)) {
                        b.set(r * cols + c);
                    }
                }
            }
            m.put(id, b);
        }
        return make(m);
    }

    private PlasticityMask make(Map<WeightMatrixId, BitSet> m) {
        final Map<WeightMatrixId, Integer> sizes = new EnumMap<>(WeightMatrixId.class);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            sizes.put(id, size(id));
        }
        return new PlasticityMask(m, sizes);
    }

    private int size(WeightMatrixId id) {
        return shapes.get(id)[0] * shapes.get(id)[1];
    }

    /**
     * The plastic set of a learning engine's n synapses ({@code SumOfProductsEngine}, index post·nPre + pre): exactly
     * round(p·n) of them, chosen uniformly (seeded), as {@link #randomFraction(double, long)} does for a network.
     *
     * @param n    synapses, &gt;= 0.
     * @param p    fraction in [0, 1].
     * @param seed seed of the choice.
     * @return the bits of the plastic synapses.
     */
    public static BitSet synapses(final int n, final double p, final long seed) {
        checkFraction(p);
        if (n < 0) {
            throw new IllegalArgumentException("synapses = " + n + ": must be >= 0");
        }
        return sample(n, (int) Math.round(p * n), new SplittableRandom(seed));
    }

    /** k distinct indices of [0, n) by a partial Fisher–Yates shuffle. */
    private static BitSet sample(int n, int k, SplittableRandom rng) {
        final int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        final BitSet b = new BitSet(n);
        for (int i = 0; i < k; i++) {
            final int j = i + rng.nextInt(n - i);
            final int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            b.set(idx[i]);
        }
        return b;
    }

    private static void checkAmong(Set<WeightMatrixId> among) {
        if (among == null || among.isEmpty()) {
            throw new IllegalArgumentException("matrices = " + among + ": must name at least one of INPUT, RECURRENT, OUTPUT");
        }
    }

    static void checkFraction(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("plastic fraction p = " + p + ": must be in [0, 1]");
        }
    }
}
