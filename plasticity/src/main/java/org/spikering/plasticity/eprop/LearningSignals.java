package org.spikering.plasticity.eprop;

import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Learning signals from a recorded trajectory: e-prop's (EPROP.md §1.4), that of
 * {@link org.spikering.plasticity.train.LearningRule#MDGL_EXACT} ({@link #mdglExact}) and that of
 * {@link org.spikering.plasticity.train.LearningRule#MDGL} ({@link #mdglCellType}).
 * <pre>
 * e-prop:  L_j^t = Σ_k B_jk err_k^t
 * </pre>
 */
public final class LearningSignals {
    private LearningSignals() {
    }

    /** Fills {@code tr.learning} with L_j^t = Σ_k B_jk err_k^t. */
    public static void eprop(Trajectory tr, double[] b) {
        int nRec = tr.recurrent;
        int nOut = tr.outputs;
        for (int t = 0; t < tr.steps; t++) {
            for (int j = 0; j < nRec; j++) {
                double s = 0.0;
                for (int k = 0; k < nOut; k++) {
                    s += b[j * nOut + k] * tr.err[t * nOut + k];
                }
                tr.learning[t * nRec + j] = s;
            }
        }
    }

    /**
     * The learning signal Ltilde of the recurrent weights of {@code mdgl-exact}, into {@code out} [t][j], from e-prop's
     * L in {@code tr.learning} (B = W_outᵀ for the rule; any B here). With T steps, ψ_j^T = 0 and e_pq^t e-prop's
     * eligibility trace of synapse q → p ({@link DenseEprop}), the gradient this rule computes is
     * <pre>
     * δ_j^t    = ζ_out Σ_{s=t}^{T−1} κ^{s−t} L_j^s                 (= ∂E/∂z_j^t through the leaky readout when B = W_outᵀ)
     * m_p^t    = Σ_{j≠p} ζ W^rec_jp ψ_j^{t+1} δ_j^{t+1}            (z_p^t → v_j^{t+1} → z_j^{t+1} → E: one synapse, one step)
     * dE/dW^rec_pq ≈ Σ_t (δ_p^t + m_p^t) e_pq^t + R_p Σ_t e_pq^t     (R_p: rate regularisation)
     * </pre>
     * i.e. BPTT truncated after one recurrent synapse and one step, with the exact per-synapse weights W^rec_jp and
     * the exact κ-filtered error. It is written in e-prop's form Σ_t Ltilde_p^t ebar_pq^t (ebar^t = κ ebar^{t−1} +
     * ζ_out e^t) by telescoping through the κ filter:
     * <pre>
     * Ltilde_p^t = L_p^t + (m_p^t − κ m_p^{t+1}) / ζ_out,     m_p^{T−1} = m_p^T = 0
     * </pre>
     * Input and output weights keep e-prop's gradient. The rule needs the whole sequence (δ looks into the future), so
     * it is computed offline, after the forward pass.
     * <p>
     * How it differs from MDGL as EPROP.md §4 writes it and as Liu et al. (PNAS 118, e2111821118, 2021) define it:
     * there the modulatory term added to L_p^t (and then multiplied by ebar_pq^t) is
     * Σ_j w_{c(j)c(p)} ζ ψ_j^{t+1} L_j^{t+1}, with
     * (1) a cell-type-averaged gain w_{c(j)c(p)} instead of the per-synapse W^rec_jp (modulatory signals are diffuse
     * and only type-specific), and (2) the next step's instantaneous learning signal, which makes that rule online
     * and local. Unrolling the κ filter of ebar, the two put on e_pq^s, per neighbour j:
     * <pre>
     * EPROP.md §4 (with W^rec_jp for w):  ζ_out Σ_{u≥s} κ^{u−s} ζ W^rec_jp ψ_j^{u+1} L_j^{u+1}
     * mdgl-exact:                         ζ_out Σ_{u≥s} κ^{u−s} ζ W^rec_jp ψ_j^{s+1} L_j^{u+1}
     * </pre>
     * so §4 takes the neighbour's pseudo-derivative at each later step, where the exact one-step path takes it once,
     * at s + 1. The online, cell-type rule of §4 is {@link #mdglCellType} ({@code mdgl}).
     *
     * @param net the network (W^rec, ζ, κ, ζ_out).
     * @param tr  the recorded sequence with e-prop's learning signal in {@code tr.learning}.
     * @param out Ltilde [t][j], length T · n_rec.
     */
    public static void mdglExact(RecurrentNetwork net, Trajectory tr, double[] out) {
        NetworkParams p = net.params();
        int nRec = tr.recurrent;
        int steps = tr.steps;
        double kappa = p.kappa();
        double zetaOut = p.zetaOut();
        double zeta = p.zeta();
        double[] wRec = net.wRec();
        double[] delta = new double[steps * nRec];
        for (int j = 0; j < nRec; j++) {
            double d = 0.0;
            for (int t = steps - 1; t >= 0; t--) {
                d = kappa * d + tr.learning[t * nRec + j];
                delta[t * nRec + j] = zetaOut * d;
            }
        }
        double[] m = new double[(steps + 1) * nRec];
        double[] hd = new double[nRec];
        for (int t = 0; t + 1 < steps; t++) {
            int nb = (t + 1) * nRec;
            for (int j = 0; j < nRec; j++) {
                hd[j] = zeta * tr.psi[nb + j] * delta[nb + j];
            }
            for (int j = 0; j < nRec; j++) {
                double h = hd[j];
                if (h != 0.0) {
                    int row = j * nRec;
                    for (int q = 0; q < nRec; q++) {
                        m[t * nRec + q] += wRec[row + q] * h;
                    }
                }
            }
        }
        for (int t = 0; t < steps; t++) {
            for (int q = 0; q < nRec; q++) {
                out[t * nRec + q] = tr.learning[t * nRec + q]
                        + (m[t * nRec + q] - kappa * m[(t + 1) * nRec + q]) / zetaOut;
            }
        }
    }

    /**
     * MDGL's cell-type-specific gains (Liu et al. 2021; EPROP.md §4, TASKS.md §6.5), from the current W_rec:
     * <pre>
     * w_ab = mean of W^rec_jp over the existing synapses p → j (W^rec_jp ≠ 0) with c(j) = a, c(p) = b   (0 if none)
     * </pre>
     * with c the types of {@code net.cellTypes()} ({@link CellTypes#EXCITATORY} = 0, {@link CellTypes#INHIBITORY} =
     * 1); without cell types every unit is of type 0 and w_00 is the mean of all existing recurrent weights. As in the
     * MDGL paper's code (TASKS.md §6.5: "the mean weight of existing connections between the two E/I cell types");
     * the ModProp code (Helena-Yuhan-Liu/ModProp, bin/delayedXOR_task.py, "Define Wab") takes
     * {@code tf.reduce_mean} over the whole type block, absent synapses included, which differs only for sparse W_rec.
     *
     * @param net   the network (W_rec, cell types).
     * @param reuse an array of length 4 to fill, or null.
     * @return w_ab at index 2a + b (a: type of the postsynaptic j, b: of the presynaptic p).
     */
    public static double[] cellTypeGains(RecurrentNetwork net, double[] reuse) {
        final double[] w = reuse != null && reuse.length == 4 ? reuse : new double[4];
        final int n = net.recurrent();
        final double[] wRec = net.wRec();
        final int exc = net.cellTypes() == null ? n : net.cellTypes().excitatory();
        double s00 = 0.0;
        double s01 = 0.0;
        double s10 = 0.0;
        double s11 = 0.0;
        long n00 = 0;
        long n01 = 0;
        long n10 = 0;
        long n11 = 0;
        for (int j = 0; j < n; j++) {
            final int row = j * n;
            for (int p = 0; p < n; p++) {
                final double x = wRec[row + p];
                if (x != 0.0) {
                    if (j < exc) {
                        if (p < exc) {
                            s00 += x;
                            n00++;
                        } else {
                            s01 += x;
                            n01++;
                        }
                    } else if (p < exc) {
                        s10 += x;
                        n10++;
                    } else {
                        s11 += x;
                        n11++;
                    }
                }
            }
        }
        w[0] = n00 == 0 ? 0.0 : s00 / n00;
        w[1] = n01 == 0 ? 0.0 : s01 / n01;
        w[2] = n10 == 0 ? 0.0 : s10 / n10;
        w[3] = n11 == 0 ? 0.0 : s11 / n11;
        return w;
    }

    /**
     * The learning signal Ltilde of the recurrent weights of {@code mdgl} (Liu et al., PNAS 118, e2111821118, 2021;
     * EPROP.md §4), into {@code out} [t][p], from e-prop's L in {@code tr.learning} (B = W_outᵀ for the rule):
     * <pre>
     * Ltilde_p^t = L_p^t + Σ_{j: W^rec_jp ≠ 0} w_{c(j)c(p)} · ζ ψ_j^{t+1} L_j^{t+1}      (t &lt; T−1; Ltilde_p^{T−1} = L_p^{T−1})
     * dE/dW^rec_pq ≈ Σ_t Ltilde_p^t ebar_pq^t + R_p Σ_t e_pq^t                       (e-prop's traces, §1.5–1.7)
     * </pre>
     * w_ab: {@link #cellTypeGains}. ζ (1 or 1 − α, {@link NetworkParams#zeta()}) is ∂v_j^{t+1}/∂(W_jp z_p^t): the
     * ModProp code multiplies h_j = ψ_j by (1 − decay_j), its input scale ({@code MDGL_output}: {@code aj =
     * dEdz*hj*(1-decay_)}, shifted by one step and multiplied by Wab; Helena-Yuhan-Liu/ModProp, bin/neuron_models.py),
     * which is this ζ for {@code regularSpikeArrival = false} and 1 for true. The sum runs over the postsynaptic
     * neighbours of p (local modulation reach). The last step has no next-step term (the sequence ends there).
     * <p>
     * How it differs from {@link #mdglExact}: (1) the gain is the type average w_{c(j)c(p)}, not the synapse's
     * W^rec_jp; (2) even with per-synapse gains, this adds ζ ψ_j^{u+1} L_j^{u+1} to Ltilde at each step u, which the κ
     * filter of ebar then spreads, so the non-local term on e_pq^s is ζ_out Σ_{u≥s} κ^{u−s} W ζ ψ_j^{u+1} L_j^{u+1},
     * where the exact one-step path of {@code mdgl-exact} has ψ_j^{s+1} L_j^{u+1}; the two coincide for κ = 0 (a
     * non-leaky readout, as in the MDGL and ModProp code, where {@code psp = z}).
     *
     * @param net   the network (W^rec, cell types, ζ).
     * @param tr    the recorded sequence with e-prop's learning signal in {@code tr.learning}.
     * @param gains w_ab from {@link #cellTypeGains} for the current weights.
     * @param out   Ltilde [t][p], length T · n_rec.
     */
    public static void mdglCellType(RecurrentNetwork net, Trajectory tr, double[] gains, double[] out) {
        final int n = tr.recurrent;
        final int steps = tr.steps;
        final double zeta = net.params().zeta();
        final double[] wRec = net.wRec();
        final int exc = net.cellTypes() == null ? n : net.cellTypes().excitatory();
        System.arraycopy(tr.learning, 0, out, 0, steps * n);
        for (int t = 0; t + 1 < steps; t++) {
            final int nb = (t + 1) * n;
            final int base = t * n;
            for (int j = 0; j < n; j++) {
                final double h = zeta * tr.psi[nb + j] * tr.learning[nb + j];
                if (h == 0.0) {
                    continue;
                }
                final int a = j < exc ? 0 : 1;
                final double toE = gains[2 * a] * h;
                final double toI = gains[2 * a + 1] * h;
                final int row = j * n;
                for (int p = 0; p < exc; p++) {
                    if (wRec[row + p] != 0.0) {
                        out[base + p] += toE;
                    }
                }
                for (int p = exc; p < n; p++) {
                    if (wRec[row + p] != 0.0) {
                        out[base + p] += toI;
                    }
                }
            }
        }
    }
}
