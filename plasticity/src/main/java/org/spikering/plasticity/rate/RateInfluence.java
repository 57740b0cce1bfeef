package org.spikering.plasticity.rate;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * The per-step factors of the RTRL family ({@link RateRtrl}, {@link RateUoro}, {@link RateKfRtrl},
 * {@link RateKernl}) on a leaky rate RNN ({@link RateForwardPass}), in Marschall et al. 2020's terms. The hidden state
 * is h = r (rate_leak) or h = u (current_leak); the parameters of unit j form one row
 * θ_j = (W^in_j1..W^in_j,nIn, W^rec_j1..W^rec_jn) of m = n_in + n entries (the diagonal W^rec_jj is carried along
 * and its gradient zeroed: no autapses). With λ = dt/τ (Marschall's α for rate_leak, whose update
 * a' = (1 − α) a + α φ(W â) is ours with a ↔ r):
 * <pre>
 * pre^t     = (x^t, r^{t−1})                          Marschall's â (no bias column: the bias is not trained)
 * D_j^t     = ∂h_j^t/∂a_j^t = λ φ'(a_j^t)  (rate_leak),   λ  (current_leak)
 * immediate influence  ∂h_k^t/∂θ_(j,i) = δ_kj D_j^t pre_i^t        (M̄^t, Marschall's "papw")
 * J^t_kl    = ∂h_k^t/∂h_l^{t−1} = (1 − λ) δ_kl + λ φ'(a_k^t) W^rec_kl      (rate_leak)
 *                              = (1 − λ) δ_kl + λ W^rec_kl φ'(u_l^{t−1})     (current_leak)
 * c_j^t     = ∂E/∂h_j^t (direct, this step's readout only) = Σ_k W^out_kj err_k^t · (1 or φ'(u_j^t))
 * influence M^t = J^t M^{t−1} + M̄^t (M^{−1} = 0),   dE/dθ = Σ_t c^t M^t               (RTRL)
 * </pre>
 * Marschall's q^t is c^t; their readout is a softmax or linear layer with a bias, ours is {@code ReadoutLoss} on a
 * linear readout without bias. The state starts at 0 in every sequence, so M starts at 0 (no carried-over
 * influence between sequences).
 */
final class RateInfluence {
    final int nIn;
    final int n;
    /** Entries of one parameter row: n_in + n. */
    final int m;
    final double lambda;
    final boolean rateLeak;
    /** pre^t, m entries. */
    final double[] pre;
    /** D^t, n entries. */
    final double[] d;
    /** c^t, n entries. */
    final double[] c;
    /** J^t [k][l], n² entries (valid for t ≥ 1). */
    final double[] jac;

    RateInfluence(RecurrentNetwork net) {
        this.nIn = net.inputs();
        this.n = net.recurrent();
        this.m = nIn + n;
        this.lambda = net.rateUnits().unit(net.params().dtMs()).lambda();
        this.rateLeak = net.rateUnits().form() == LeakyRateUnit.Form.RATE_LEAK;
        this.pre = new double[m];
        this.d = new double[n];
        this.c = new double[n];
        this.jac = new double[n * n];
    }

    /** Whether this was made for a network of this shape and these units. */
    boolean fits(RecurrentNetwork net) {
        return net.inputs() == nIn && net.recurrent() == n
                && net.rateUnits().unit(net.params().dtMs()).lambda() == lambda
                && (net.rateUnits().form() == LeakyRateUnit.Form.RATE_LEAK) == rateLeak;
    }

    /** Bytes of the per-step arrays. */
    long bytes() {
        return 8L * (m + 2L * n + (long) n * n);
    }

    /**
     * Fills pre^t, D^t, c^t and (t ≥ 1, if {@code withJacobian}) J^t for step t of sequence {@code seq}.
     */
    void step(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, int t, boolean withJacobian) {
        final float[] x = batch.inputSpikes();
        final int xb = (seq * tr.steps + t) * nIn;
        for (int i = 0; i < nIn; i++) {
            pre[i] = x[xb + i];
        }
        final int base = t * n;
        final int prev = base - n;
        for (int i = 0; i < n; i++) {
            pre[nIn + i] = t > 0 ? tr.z[prev + i] : 0.0;
        }
        final double[] wOut = net.wOut();
        final int nOut = net.outputs();
        final int ob = t * nOut;
        for (int j = 0; j < n; j++) {
            final double psi = tr.psi[base + j];
            d[j] = rateLeak ? lambda * psi : lambda;
            double s = 0.0;
            for (int k = 0; k < nOut; k++) {
                s += wOut[k * n + j] * tr.err[ob + k];
            }
            c[j] = rateLeak ? s : s * psi;
        }
        if (withJacobian && t > 0) {
            final double[] w = net.wRec();
            for (int k = 0; k < n; k++) {
                final int row = k * n;
                final double gk = lambda * tr.psi[base + k];
                for (int l = 0; l < n; l++) {
                    jac[row + l] = rateLeak ? gk * w[row + l] : lambda * w[row + l] * tr.psi[prev + l];
                }
                jac[row + k] += 1.0 - lambda;
            }
        }
    }

    /**
     * Adds a gradient over the parameter rows ([j][i], n × m) to out.wIn and out.wRec, the diagonal of W_rec left out.
     */
    void addRows(double[] g, double[] wIn, double[] wRec) {
        for (int j = 0; j < n; j++) {
            final int row = j * m;
            for (int i = 0; i < nIn; i++) {
                wIn[j * nIn + i] += g[row + i];
            }
            for (int i = 0; i < n; i++) {
                if (i != j) {
                    wRec[j * n + i] += g[row + nIn + i];
                }
            }
        }
    }

    /** Σ v_i². */
    static double norm2(double[] v, int from, int len) {
        double s = 0.0;
        for (int i = from; i < from + len; i++) {
            s += v[i] * v[i];
        }
        return s;
    }
}
