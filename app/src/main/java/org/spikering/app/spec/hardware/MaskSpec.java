package org.spikering.app.spec.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spikering.app.spec.Problems;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.hw.mask.PlasticityMask;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * {@code hardware.mask}: which synapses may learn. Each kind is one strategy of {@link MaskFactory}; the mask
 * decorates the learning rule ({@link PlasticityMask}: frozen synapses never change, bit for bit).
 * <table>
 *   <caption>Kinds and their fields</caption>
 *   <tr><th>kind</th><th>fields</th><th>plastic set</th><th>MaskFactory</th></tr>
 *   <tr><td>all</td><td>-</td><td>every synapse</td><td>{@code all}</td></tr>
 *   <tr><td>random</td><td>fraction, matrices</td><td>exactly round(fraction·N) of the N synapses of the listed
 *       matrices, uniformly</td><td>{@code randomFraction}</td></tr>
 *   <tr><td>per_neuron</td><td>fraction, matrices</td><td>round(fraction·row length) incoming synapses of every
 *       post-synaptic neuron of the listed matrices</td><td>{@code perPostFraction}</td></tr>
 *   <tr><td>matrices</td><td>matrices</td><td>every synapse of the listed matrices ([in, out]: read-in +
 *       read-out)</td><td>{@code onlyMatrices}</td></tr>
 *   <tr><td>readout_only</td><td>-</td><td>W_out only (the reservoir limit)</td><td>{@code onlyMatrices({OUTPUT})}</td></tr>
 *   <tr><td>engram</td><td>neurons, readout_plastic</td><td>input and recurrent synapses onto the listed recurrent
 *       neurons, and W_out if readout_plastic</td><td>{@code engram}</td></tr>
 *   <tr><td>explicit</td><td>indices</td><td>the listed flat row-major entries of each matrix</td><td>{@code explicit}</td></tr>
 * </table>
 * Matrices: {@code in} = W_in [rec × in], {@code rec} = W_rec [rec × rec], {@code out} = W_out [out × rec].
 * The random kinds draw from seed 555 + the run's seed.
 *
 * @param kind           the strategy.
 * @param fraction       plastic fraction in [0, 1] (random, per_neuron), else null.
 * @param matrices       matrices (random, per_neuron, matrices), else null.
 * @param neurons        recurrent neuron indices, 0-based (engram), else null.
 * @param readoutPlastic whether W_out learns (engram), else null.
 * @param indices        plastic entries per matrix (explicit), else null.
 */
public record MaskSpec(Kind kind, Double fraction, List<String> matrices, List<Integer> neurons, Boolean readoutPlastic,
                       Map<String, List<Integer>> indices) {

    /** Offset of the mask seed from the run's seed (the study's seed s draws its mask from 555 + s). */
    public static final long SEED_OFFSET = 555;

    /** The strategies, named as in the spec. */
    public enum Kind {
        @JsonProperty("all") ALL,
        @JsonProperty("random") RANDOM,
        @JsonProperty("per_neuron") PER_NEURON,
        @JsonProperty("matrices") MATRICES,
        @JsonProperty("readout_only") READOUT_ONLY,
        @JsonProperty("engram") ENGRAM,
        @JsonProperty("explicit") EXPLICIT;

        /** @return the name in a spec file. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every synapse plastic. */
    public static MaskSpec all() {
        return new MaskSpec(Kind.ALL, null, null, null, null, null);
    }

    /** @return a random mask of {@code fraction} of all three matrices. */
    public static MaskSpec random(final double fraction) {
        return new MaskSpec(Kind.RANDOM, fraction, List.of("in", "rec", "out"), null, null, null);
    }

    /** @return only W_out plastic. */
    public static MaskSpec readoutOnly() {
        return new MaskSpec(Kind.READOUT_ONLY, null, null, null, null, null);
    }

    /** @return this mask with another fraction (for kinds that take one). */
    public MaskSpec withFraction(final double f) {
        return new MaskSpec(kind, f, matrices, neurons, readoutPlastic, indices);
    }

    /** @return whether the kind takes a fraction. */
    public boolean takesFraction() {
        return kind == Kind.RANDOM || kind == Kind.PER_NEURON;
    }

    /**
     * Fields a kind must not have, lists with a value twice (the schema checks what a kind must have).
     *
     * @param problems     where problems go.
     * @param path         this mask's path, e.g. {@code hardware.mask}.
     * @param fractionSwept whether a study sets the fraction (then it must be left out here).
     */
    public void check(final Problems problems, final String path, final boolean fractionSwept) {
        final boolean frac = takesFraction();
        if (frac && fraction == null && !fractionSwept) {
            problems.add(path + ".fraction", null, "required by kind " + kind.id() + ": a plastic fraction in [0, 1]");
        }
        final boolean mats = frac || kind == Kind.MATRICES;
        only(problems, path, "fraction", fraction, frac, "random, per_neuron");
        only(problems, path, "matrices", matrices, mats, "random, per_neuron, matrices");
        only(problems, path, "neurons", neurons, kind == Kind.ENGRAM, "engram");
        only(problems, path, "readout_plastic", readoutPlastic, kind == Kind.ENGRAM, "engram");
        only(problems, path, "indices", indices, kind == Kind.EXPLICIT, "explicit");
        if (matrices != null && new HashSet<>(matrices).size() != matrices.size()) {
            problems.add(path + ".matrices", String.valueOf(matrices), "must list each of in, rec, out at most once");
        }
        if (neurons != null && new HashSet<>(neurons).size() != neurons.size()) {
            problems.add(path + ".neurons", String.valueOf(neurons), "must list each neuron once");
        }
    }

    private void only(final Problems problems, final String path, final String field, final Object value,
                      final boolean allowed, final String kinds) {
        if (value != null && !allowed) {
            problems.add(path + "." + field, value.toString(), "must be left out with kind " + kind.id()
                    + " (only kind " + kinds + " uses it)");
        }
    }

    /**
     * Checks the indices against the network the mask will be built for (they depend on its sizes).
     *
     * @param problems where problems go.
     * @param path     this mask's path, e.g. {@code hardware.mask}.
     * @param net      the network.
     */
    public void checkAgainst(final Problems problems, final String path, final RecurrentNetwork net) {
        if (neurons != null) {
            for (int k = 0; k < neurons.size(); k++) {
                if (neurons.get(k) >= net.recurrent()) {
                    problems.add(path + ".neurons[" + k + "]", neurons.get(k), "must be < the recurrent size "
                            + net.recurrent());
                }
            }
        }
        if (indices != null) {
            for (Map.Entry<String, List<Integer>> e : indices.entrySet()) {
                final WeightMatrixId id = matrix(e.getKey());
                final int n = net.rows(id) * net.columns(id);
                for (int k = 0; k < e.getValue().size(); k++) {
                    if (e.getValue().get(k) >= n) {
                        problems.add(path + ".indices." + e.getKey() + "[" + k + "]", e.getValue().get(k),
                                "must be < " + n + " (W_" + e.getKey() + " has " + net.rows(id) + " x " + net.columns(id)
                                    + " entries, flat row-major)");
                    }
                }
            }
        }
    }

    /**
     * @param net  the network (its matrix shapes).
     * @param seed the run's seed; the random kinds draw from {@value #SEED_OFFSET} + seed.
     * @return the mask, not yet bound.
     */
    public PlasticityMask build(final RecurrentNetwork net, final long seed) {
        final MaskFactory f = new MaskFactory(net);
        switch (kind) {
            case ALL:
                return f.all();
            case RANDOM:
                return f.randomFraction(fraction, SEED_OFFSET + seed, matrixSet());
            case PER_NEURON:
                return f.perPostFraction(fraction, SEED_OFFSET + seed, matrixSet());
            case MATRICES:
                return f.onlyMatrices(matrixSet());
            case READOUT_ONLY:
                return f.onlyMatrices(Set.of(WeightMatrixId.OUTPUT));
            case ENGRAM:
                return f.engram(new HashSet<>(neurons), readoutPlastic);
            default:
                final Map<WeightMatrixId, int[]> m = new java.util.EnumMap<>(WeightMatrixId.class);
                for (Map.Entry<String, List<Integer>> e : indices.entrySet()) {
                    m.put(matrix(e.getKey()), e.getValue().stream().mapToInt(Integer::intValue).toArray());
                }
                return f.explicit(m);
        }
    }

    private Set<WeightMatrixId> matrixSet() {
        final Set<WeightMatrixId> s = EnumSet.noneOf(WeightMatrixId.class);
        for (String m : matrices) {
            s.add(matrix(m));
        }
        return s;
    }

    /** @return the matrix of a spec name: in, rec, out. */
    static WeightMatrixId matrix(final String name) {
        switch (name) {
            case "in":
                return WeightMatrixId.INPUT;
            case "rec":
                return WeightMatrixId.RECURRENT;
            case "out":
                return WeightMatrixId.OUTPUT;
            default:
                throw new IllegalArgumentException("matrix = '" + name + "': must be in, rec or out");
        }
    }
}
