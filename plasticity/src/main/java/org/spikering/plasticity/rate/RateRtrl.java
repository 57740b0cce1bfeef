package org.spikering.plasticity.rate;

import java.util.Arrays;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Exact real-time recurrent learning (Williams and Zipser 1989; Marschall et al. 2020 §3.1) on a leaky rate RNN: the
 * full influence matrix M^t_k,(j,i) = ∂h_k^t/∂θ_(j,i), carried forward in time (notation of {@link RateInfluence}):
 * <pre>
 * M^t = J^t M^{t−1} + M̄^t,     M̄^t_k,(j,i) = δ_kj D_j^t pre_i^t,     M^{−1} = 0
 * dE/dθ_(j,i) = Σ_t Σ_k c_k^t M^t_k,(j,i)
 * </pre>
 * The same gradient as {@link RateBptt} (forward instead of backward accumulation of the same chain rule), equal to
 * rounding. State: M, n · n(n_in + n) doubles; cost per step n² · n(n_in + n) multiply-adds (the product J M), i.e.
 * O(n⁴). Online: the gradient at step t needs nothing after t.
 */
public final class RateRtrl extends RateGradientComputer implements RuleStateSize {
    private RateInfluence f;
    private double[] inf = new double[0];
    private double[] next = new double[0];
    private double[] g = new double[0];

    @Override
    public String name() {
        return "RTRL (rate)";
    }

    @Override
    void beginBatch(RecurrentNetwork net, int steps) {
        if (f == null || !f.fits(net)) {
            f = new RateInfluence(net);
            final int p = f.n * f.m;
            inf = new double[f.n * p];
            next = new double[f.n * p];
            g = new double[p];
        }
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out) {
        final int n = f.n;
        final int m = f.m;
        final int p = n * m;
        Arrays.fill(inf, 0.0);
        Arrays.fill(g, 0.0);
        for (int t = 0; t < tr.steps; t++) {
            f.step(net, batch, seq, tr, t, true);
            if (t > 0) {
                for (int k = 0; k < n; k++) { // next_k = Σ_l J_kl M_l
                    final int dst = k * p;
                    Arrays.fill(next, dst, dst + p, 0.0);
                    for (int l = 0; l < n; l++) {
                        final double jkl = f.jac[k * n + l];
                        if (jkl != 0.0) {
                            final int src = l * p;
                            for (int q = 0; q < p; q++) {
                                next[dst + q] += jkl * inf[src + q];
                            }
                        }
                    }
                }
                final double[] tmp = inf;
                inf = next;
                next = tmp;
            }
            for (int k = 0; k < n; k++) { // + M̄: row k of θ only
                final int off = k * p + k * m;
                final double dk = f.d[k];
                for (int i = 0; i < m; i++) {
                    inf[off + i] += dk * f.pre[i];
                }
            }
            for (int k = 0; k < n; k++) {
                final double ck = f.c[k];
                if (ck != 0.0) {
                    final int src = k * p;
                    for (int q = 0; q < p; q++) {
                        g[q] += ck * inf[src + q];
                    }
                }
            }
        }
        f.addRows(g, out.wIn, out.wRec);
    }

    @Override
    public long stateBytes(RecurrentNetwork net, int steps) {
        final long n = net.recurrent();
        final long m = net.inputs() + n;
        return 8L * n * n * m; // M (the product buffer and the per-step factors are work space)
    }
}
