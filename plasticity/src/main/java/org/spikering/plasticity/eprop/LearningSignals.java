package org.spikering.plasticity.eprop;

import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Learning signals from a recorded trajectory.
 * <pre>
 * e-prop:  L_j^t = Σ_k B_jk err_k^t
 * MDGL:    with δ_j^t = ζ_out Σ_{s≥t} κ^{s−t} L_j^s (the direct ∂E/∂z_j^t through the leaky readout) and
 *          m_p^t = Σ_j W^rec_jp · ζ · ψ_j^{t+1} · δ_j^{t+1} (one synapse, one step; Liu et al. 2021/2022 without
 *          cell types), the gradient Σ_t (δ_p^t + m_p^t) e_pq^t is written in e-prop form Σ_t Ltilde_p^t ebar_pq^t with
 *          Ltilde_p^t = L_p^t + (m_p^t − κ m_p^{t+1}) / ζ_out   (telescoping through the κ filter of ebar).
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

    /** Writes the MDGL learning signal for recurrent weights into {@code out} [t][j], from {@code tr.learning}. */
    public static void mdgl(RecurrentSpikingNetwork net, Trajectory tr, double[] out) {
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
