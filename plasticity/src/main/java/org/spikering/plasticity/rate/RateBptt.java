package org.spikering.plasticity.rate;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Exact backpropagation through time for a leaky rate RNN ({@link RateForwardPass}), through the recorded trajectory
 * (ψ = φ'(v), r = z). Reverse recursion, terms beyond T − 1 are 0, err^t = ∂E/∂yv^t:
 * <pre>
 * rate_leak (state r):
 *   δr_j^t = Σ_k W^out_kj err_k^t + (1 − λ) δr_j^{t+1} + Σ_l W^rec_lj δa_l^{t+1}
 *   δa_j^t = λ φ'(a_j^t) δr_j^t
 * current_leak (state u):
 *   δu_j^t = φ'(u_j^t) (Σ_k W^out_kj err_k^t + Σ_l W^rec_lj δa_l^{t+1}) + (1 − λ) δu_j^{t+1}
 *   δa_j^t = λ δu_j^t
 * dE/dW^in_ji = Σ_t δa_j^t x_i^t;   dE/dW^rec_ji = Σ_{t≥1} δa_j^t r_i^{t−1} (i ≠ j);   dE/dW^out_kj = Σ_t err_k^t r_j^t
 * </pre>
 * δ = total derivative of the loss E, δa_j^t that with respect to the summed input a_j^t. Exact for every activation
 * (for relu and rectified_tanh φ' is taken as 0 at the kink).
 */
public final class RateBptt extends RateGradientComputer implements RuleStateSize {
    private double[] daNext = new double[0];
    private double[] da = new double[0];
    private double[] stateNext = new double[0];
    private double[] fromRec = new double[0];

    @Override
    public String name() {
        return "BPTT (rate)";
    }

    @Override
    void beginBatch(RecurrentNetwork net, int steps) {
        final int n = net.recurrent();
        if (da.length != n) {
            daNext = new double[n];
            da = new double[n];
            stateNext = new double[n];
            fromRec = new double[n];
        }
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out) {
        final int steps = tr.steps;
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        final double lambda = net.rateUnits().unit(net.params().dtMs()).lambda();
        final boolean rateLeak = net.rateUnits().form() == LeakyRateUnit.Form.RATE_LEAK;
        final double[] wRec = net.wRec();
        final double[] wOut = net.wOut();
        final float[] x = batch.inputSpikes();
        java.util.Arrays.fill(daNext, 0.0);
        java.util.Arrays.fill(stateNext, 0.0);
        for (int t = steps - 1; t >= 0; t--) {
            // Σ_l W^rec_lj δa_l^{t+1}
            java.util.Arrays.fill(fromRec, 0.0);
            for (int l = 0; l < nRec; l++) {
                final double d = daNext[l];
                if (d != 0.0) {
                    final int row = l * nRec;
                    for (int j = 0; j < nRec; j++) {
                        fromRec[j] += wRec[row + j] * d;
                    }
                }
            }
            final int base = t * nRec;
            final int ob = t * nOut;
            for (int j = 0; j < nRec; j++) {
                double direct = fromRec[j];
                for (int k = 0; k < nOut; k++) {
                    direct += wOut[k * nRec + j] * tr.err[ob + k];
                }
                final double psi = tr.psi[base + j];
                if (rateLeak) {
                    final double dr = direct + (1.0 - lambda) * stateNext[j];
                    stateNext[j] = dr;
                    da[j] = lambda * psi * dr;
                } else {
                    final double du = psi * direct + (1.0 - lambda) * stateNext[j];
                    stateNext[j] = du;
                    da[j] = lambda * du;
                }
            }
            final int xb = (seq * steps + t) * nIn;
            for (int j = 0; j < nRec; j++) {
                final double d = da[j];
                if (d == 0.0) {
                    continue;
                }
                final int rowIn = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    out.wIn[rowIn + i] += d * x[xb + i];
                }
                if (t > 0) {
                    final int rowRec = j * nRec;
                    final int prev = base - nRec;
                    for (int i = 0; i < nRec; i++) { // the diagonal too: zeroed after the loop over t
                        out.wRec[rowRec + i] += d * tr.z[prev + i];
                    }
                }
            }
            final double[] tmp = daNext;
            daNext = da;
            da = tmp;
        }
        for (int j = 0; j < nRec; j++) {
            out.wRec[j * nRec + j] = 0.0; // no autapses
        }
    }

    /** The ψ and r of every step that the backward pass reads (the rest of the trajectory is the forward pass's). */
    @Override
    public long stateBytes(RecurrentNetwork net, int steps) {
        return 8L * 2 * steps * net.recurrent();
    }
}
