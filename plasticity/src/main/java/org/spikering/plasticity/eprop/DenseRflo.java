package org.spikering.plasticity.eprop;

import java.util.Arrays;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * RFLO (random-feedback local online learning, Murray, eLife 8:e43299, 2019) on a LIF/ALIF network, in the spiking
 * form of EPROP.md §5, dense: every trace every step, straight from the formula. Presynaptic arrivals
 * s_i^t = x_i^t (input) or z_i^{t−1} (recurrent); for every synapse i → j:
 * <pre>
 * p_ji^t = α p_ji^{t−1} + ζ ψ_j^t s_i^t,      p_ji^{−1} = 0
 * L_j^t  = Σ_k B_jk err_k^t                   (B fixed random: {@link org.spikering.plasticity.feedback.RandomFeedback})
 * dE/dW_ji ≈ Σ_t L_j^t p_ji^t + R_j Σ_t p_ji^t  (R_j: e-prop's rate regularisation factor, with p in place of e)
 * dE/dW^out_kj = Σ_t err_k^t zbar_j^t         (exact, as e-prop's)
 * </pre>
 * How it differs from e-prop and from Murray's rate rule: it low-pass filters the product of the current
 * pseudo-derivative and the presynaptic arrival, where e-prop multiplies the current ψ_j^t by the filtered
 * presynaptic trace; it has no κ filter on the trace (Murray's readout is not leaky; here the readout is, and RFLO
 * ignores that); for ALIF neurons it ignores the threshold adaptation's eligibility (eps^a), as Murray's rate rule
 * has no adaptation (ψ_j^t itself is taken at the adaptive threshold). Sign: err = y − y*, gradient descent (Murray
 * writes err = y* − y with +η).
 */
public final class DenseRflo extends SequenceGradientComputer {
    private double[] pIn = new double[0];
    private double[] pRec = new double[0];
    private double[] sumIn = new double[0];
    private double[] sumRec = new double[0];

    /** @param feedback the fixed feedback B (for the rule: {@code RandomFeedback.gaussian}). */
    public DenseRflo(Feedback feedback) {
        super(feedback, RecurrentSignal.EPROP);
    }

    @Override
    public String name() {
        return "RFLO (dense)";
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr,
            double[] inSignal, double[] recSignal, double[] reg, Gradients out) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int steps = tr.steps;
        final NetworkParams p = net.params();
        final double alpha = p.alpha();
        final double zeta = p.zeta();
        if (pIn.length != nRec * nIn || pRec.length != nRec * nRec) {
            pIn = new double[nRec * nIn];
            sumIn = new double[nRec * nIn];
            pRec = new double[nRec * nRec];
            sumRec = new double[nRec * nRec];
        }
        Arrays.fill(pIn, 0.0);
        Arrays.fill(sumIn, 0.0);
        Arrays.fill(pRec, 0.0);
        Arrays.fill(sumRec, 0.0);
        final float[] x = batch.inputSpikes();
        for (int t = 0; t < steps; t++) {
            final int xb = (seq * steps + t) * nIn;
            final int zb = (t - 1) * nRec;
            for (int j = 0; j < nRec; j++) {
                final double c = zeta * tr.psi[t * nRec + j];
                final double lIn = inSignal[t * nRec + j];
                final double lRec = recSignal[t * nRec + j];
                int row = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    final int n = row + i;
                    pIn[n] = alpha * pIn[n] + c * x[xb + i];
                    out.wIn[n] += lIn * pIn[n];
                    sumIn[n] += pIn[n];
                }
                row = j * nRec;
                for (int i = 0; i < nRec; i++) {
                    if (i == j) {
                        continue;
                    }
                    final int n = row + i;
                    final double s = t > 0 ? tr.z[zb + i] : 0.0;
                    pRec[n] = alpha * pRec[n] + c * s;
                    out.wRec[n] += lRec * pRec[n];
                    sumRec[n] += pRec[n];
                }
            }
        }
        for (int j = 0; j < nRec; j++) {
            for (int i = 0; i < nIn; i++) {
                out.wIn[j * nIn + i] += reg[j] * sumIn[j * nIn + i];
            }
            for (int i = 0; i < nRec; i++) {
                out.wRec[j * nRec + i] += reg[j] * sumRec[j * nRec + i];
            }
        }
    }
}
