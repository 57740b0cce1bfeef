package org.spikering.plasticity.eprop;

import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Learning signals from a recorded trajectory: e-prop's (EPROP.md §1.4) and that of
 * {@link org.spikering.plasticity.train.LearningRule#MDGL_EXACT} ({@link #mdglExact}).
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
     * at s + 1. The online, cell-type rule of §4 is not implemented here.
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
}
