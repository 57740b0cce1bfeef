package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * RFLO on a LIF/ALIF network ({@link DenseRflo}'s rule), event-based: work only at presynaptic arrivals, O(1) per
 * arrival and synapse, from one per-neuron archive per sequence. Unrolling the trace,
 * p_ji^t = Σ_{u≤t} α^{t−u} ζ ψ_j^u s_i^u, so with L'_j^t = L_j^t + R_j (R_j the rate-regularisation factor)
 * <pre>
 * dE/dW_ji = Σ_t L'_j^t p_ji^t = Σ_t Σ_{u≤t} α^{t−u} ζ ψ_j^u s_i^u L'_j^t = Σ_u s_i^u · ζ ψ_j^u · F_j(u)
 * F_j(u)   = Σ_{t≥u} α^{t−u} L'_j^t = L'_j^u + α F_j(u+1),      F_j(T) = 0     (backward recursion, once per sequence)
 * G_j(u)   = ζ ψ_j^u F_j(u)                                                   (the archive)
 * </pre>
 * and a presynaptic arrival at step u (an input spike x_i^u, or a recurrent spike z_i^{u−1}, which arrives at u)
 * adds s_i^u G_j(u) to the gradient of every synapse i → j. Equal to {@link DenseRflo} up to rounding (the sums are
 * taken in another order). Used for {@code Computation.EVENT}, {@code EVENT_STEPWISE} and, on the engine's forward
 * pass, {@code ENGINE} ({@code Rules}).
 */
public final class EventRflo extends SequenceGradientComputer {
    private double[] archive = new double[0];

    /** @param feedback the fixed feedback B (for the rule: {@code RandomFeedback.gaussian}). */
    public EventRflo(Feedback feedback) {
        super(feedback, RecurrentSignal.EPROP);
    }

    @Override
    public String name() {
        return "RFLO (event)";
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr,
            double[] inSignal, double[] recSignal, double[] reg, Gradients out) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int steps = tr.steps;
        final NetworkParams p = net.params();
        if (archive.length != steps * nRec) {
            archive = new double[steps * nRec];
        }
        // input and recurrent synapses share e-prop's learning signal (inSignal == recSignal for this rule)
        fillArchive(tr, inSignal, reg, p.alpha(), p.zeta());
        final float[] x = batch.inputSpikes();
        for (int u = 0; u < steps; u++) {
            final int xb = (seq * steps + u) * nIn;
            final int gb = u * nRec;
            for (int i = 0; i < nIn; i++) {
                final double s = x[xb + i];
                if (s != 0.0) {
                    for (int j = 0; j < nRec; j++) {
                        out.wIn[j * nIn + i] += s * archive[gb + j];
                    }
                }
            }
        }
        if (recSignal != inSignal) {
            fillArchive(tr, recSignal, reg, p.alpha(), p.zeta());
        }
        for (int u = 1; u < steps; u++) {
            final int gb = u * nRec;
            for (int k = tr.spikeStart[u - 1]; k < tr.spikeStart[u]; k++) {
                final int i = tr.spikeIndex[k];
                final double s = tr.z[(u - 1) * nRec + i];
                for (int j = 0; j < nRec; j++) {
                    if (j != i) {
                        out.wRec[j * nRec + i] += s * archive[gb + j];
                    }
                }
            }
        }
    }

    /** G_j(u) = ζ ψ_j^u F_j(u), F_j(u) = L_j^u + R_j + α F_j(u+1). */
    private void fillArchive(Trajectory tr, double[] signal, double[] reg, double alpha, double zeta) {
        final int nRec = tr.recurrent;
        for (int j = 0; j < nRec; j++) {
            double f = 0.0;
            for (int u = tr.steps - 1; u >= 0; u--) {
                final int n = u * nRec + j;
                f = signal[n] + reg[j] + alpha * f;
                archive[n] = zeta * tr.psi[n] * f;
            }
        }
    }
}
