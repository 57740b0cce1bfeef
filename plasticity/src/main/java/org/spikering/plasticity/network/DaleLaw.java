package org.spikering.plasticity.network;

/**
 * Dale's law for the recurrent weights of a {@link RecurrentNetwork} (spiking or rate) with excitatory and
 * inhibitory {@link CellTypes}: every outgoing weight W^rec_ji of a unit i has its type's sign s_i (+1 excitatory,
 * −1 inhibitory); W_in and W_out are not constrained.
 *
 * <p>Initialisation ({@link #apply}), following the sign-constrained initialisation of the LSNN / ModProp code
 * (Bellec et al.'s deep rewiring as used by Liu et al. 2021/2022; Helena-Yuhan-Liu/ModProp,
 * bin/rewiring_tools_NP2.py, {@code random_sparse_signed_matrix}: w = sign · |θ|, then the inhibitory weights scaled
 * by val_E / val_I so that the summed excitatory and inhibitory weights balance):
 * <pre>
 * w_ji ← s_i |w_ji|                                         (the drawn magnitudes keep their sparsity pattern)
 * S_E = Σ_j Σ_{i exc} w_ji,   S_I = −Σ_j Σ_{i inh} w_ji
 * w_ji ← (S_E / S_I) w_ji      for inhibitory i            (only if S_E &gt; 0 and S_I &gt; 0)
 * </pre>
 * Not done here (unlike that code): the per-neuron zero-sum balancing and the rescaling to spectral radius 1, so
 * that the recurrent gain g of the draw still scales the result linearly: apply(g W) = g apply(W) for g &gt; 0.
 *
 * <p>Keeping it through training ({@link #project}): after each update a weight whose sign disagrees with its
 * presynaptic unit's type is set to 0, w_ji ← 0 where s_i w_ji &lt; 0. This is what the deep-rewiring
 * parametrisation of that code does (w = s θ · [θ &gt; 0]: a connection whose θ crosses zero is silent, and may come
 * back if θ grows positive again); its random reconnection of silent synapses (rewiring temperature) is not done.
 */
public final class DaleLaw {
    private DaleLaw() {
    }

    /**
     * A copy of {@code net} whose W_rec obeys Dale's law as described in the class comment, with the cell types set.
     *
     * @param net   a network (rate or spiking; dense or sparse W_rec); not changed.
     * @param types the types of its recurrent units.
     * @return {@code copy.withCellTypes(types)} with the signed, balanced W_rec.
     */
    public static RecurrentNetwork apply(final RecurrentNetwork net, final CellTypes types) {
        if (net == null || types == null) {
            throw new IllegalArgumentException("Dale's law: network and cell types must not be null");
        }
        final int n = net.recurrent();
        if (types.units() != n) {
            throw new IllegalArgumentException("cell types for " + types.units() + " units: must be recurrent = " + n);
        }
        final RecurrentNetwork copy = net.withCellTypes(null);
        final double[] w = copy.wRec();
        final int exc = types.excitatory();
        double sumE = 0.0;
        double sumI = 0.0;
        for (int j = 0; j < n; j++) {
            final int row = j * n;
            for (int i = 0; i < n; i++) {
                final double a = Math.abs(w[row + i]);
                if (i < exc) {
                    w[row + i] = a;
                    sumE += a;
                } else {
                    w[row + i] = -a;
                    sumI += a;
                }
            }
        }
        if (sumE > 0.0 && sumI > 0.0) {
            final double scale = sumE / sumI;
            for (int j = 0; j < n; j++) {
                final int row = j * n;
                for (int i = exc; i < n; i++) {
                    w[row + i] *= scale;
                }
            }
        }
        return copy.withCellTypes(types);
    }

    /**
     * The projection onto Dale's law, in place: w_ji ← 0 where s_i w_ji &lt; 0 (all other weights untouched).
     *
     * @param wRec  W_rec [post][pre], row-major n × n.
     * @param types the cell types of the n units.
     */
    public static void project(final double[] wRec, final CellTypes types) {
        final int n = types.units();
        if (wRec.length != n * n) {
            throw new IllegalArgumentException("W_rec.length = " + wRec.length + ": must be " + n + "x" + n);
        }
        final int exc = types.excitatory();
        for (int row = 0; row < wRec.length; row += n) {
            for (int i = 0; i < exc; i++) {
                if (wRec[row + i] < 0.0) {
                    wRec[row + i] = 0.0;
                }
            }
            for (int i = exc; i < n; i++) {
                if (wRec[row + i] > 0.0) {
                    wRec[row + i] = 0.0;
                }
            }
        }
    }
}
