package org.spikering.plasticity.rate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Kronecker-factored RTRL (Mujika et al. 2018; Marschall et al. 2020 §4.2) on a leaky rate RNN: the influence
 * matrix of {@link RateRtrl} estimated as a Kronecker product M^t_k,(j,i) ≈ A^t_kj u^t_i (u: n_in + n, A: n × n),
 * notation of {@link RateInfluence}, signs s0, s1 ∈ {−1, +1} drawn afresh each step:
 * <pre>
 * ρ0 = √(‖J^t A^{t−1}‖_F / ‖u^{t−1}‖),   ρ1 = √(‖D^t‖ / ‖pre^t‖)
 * u^t = s0 ρ0 u^{t−1} + s1 ρ1 pre^t,      A^t = s0 J^t A^{t−1} / ρ0 + s1 diag(D^t) / ρ1
 * dE/dθ_(j,i) ≈ Σ_t (c^tᵀ A^t)_j u^t_i
 * </pre>
 * E[u^t ⊗ A^t] = u^{t−1} ⊗ J A^{t−1} + pre^t ⊗ diag(D^t) (E[s0 s1] = 0): unbiased, as UORO, but with the
 * immediate influence kept exactly (rank one in u, full in A), hence a smaller variance. Differences from Marschall's
 * code as for {@link RateUoro}: factors start at 0 in every sequence, a zero-norm term is left out (exact), signs
 * from a {@link SplittableRandom} seeded with the rule's seed (one stream per run). The Kronecker form cannot leave
 * out single entries, so the diagonal W^rec_jj is estimated and its gradient discarded. State n_in + n + n² doubles,
 * cost O(n³) per step (the product J A).
 */
public final class RateKfRtrl extends RateGradientComputer implements RuleStateSize {
    private final SplittableRandom random;
    private RateInfluence f;
    private double[] u = new double[0];
    private double[] a = new double[0];
    private double[] ja = new double[0];
    private double[] ca = new double[0];
    private double[] g = new double[0];

    /** @param seed seed of the sign stream. */
    public RateKfRtrl(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "KF-RTRL (rate)";
    }

    @Override
    void beginBatch(RecurrentNetwork net, int steps) {
        if (f == null || !f.fits(net)) {
            f = new RateInfluence(net);
            u = new double[f.m];
            a = new double[f.n * f.n];
            ja = new double[f.n * f.n];
            ca = new double[f.n];
            g = new double[f.n * f.m];
        }
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out) {
        final int n = f.n;
        final int m = f.m;
        Arrays.fill(u, 0.0);
        Arrays.fill(a, 0.0);
        Arrays.fill(g, 0.0);
        for (int t = 0; t < tr.steps; t++) {
            f.step(net, batch, seq, tr, t, true);
            Arrays.fill(ja, 0.0);
            if (t > 0) {
                for (int k = 0; k < n; k++) {
                    final int dst = k * n;
                    for (int l = 0; l < n; l++) {
                        final double jkl = f.jac[k * n + l];
                        if (jkl != 0.0) {
                            final int src = l * n;
                            for (int j = 0; j < n; j++) {
                                ja[dst + j] += jkl * a[src + j];
                            }
                        }
                    }
                }
            }
            final double normJa = Math.sqrt(RateInfluence.norm2(ja, 0, n * n));
            final double normU = Math.sqrt(RateInfluence.norm2(u, 0, m));
            final double normD = Math.sqrt(RateInfluence.norm2(f.d, 0, n));
            final double normPre = Math.sqrt(RateInfluence.norm2(f.pre, 0, m));
            final double s0 = random.nextBoolean() ? 1.0 : -1.0;
            final double s1 = random.nextBoolean() ? 1.0 : -1.0;
            final boolean carry = normJa > 0.0 && normU > 0.0;
            final boolean fresh = normD > 0.0 && normPre > 0.0;
            final double rho0 = carry ? Math.sqrt(normJa / normU) : 0.0;
            final double rho1 = fresh ? Math.sqrt(normD / normPre) : 0.0;
            for (int i = 0; i < m; i++) {
                u[i] = (carry ? s0 * rho0 * u[i] : 0.0) + (fresh ? s1 * rho1 * f.pre[i] : 0.0);
            }
            final double w0 = carry ? s0 / rho0 : 0.0;
            for (int q = 0; q < n * n; q++) {
                a[q] = w0 * ja[q];
            }
            if (fresh) {
                for (int k = 0; k < n; k++) {
                    a[k * n + k] += s1 * f.d[k] / rho1;
                }
            }
            Arrays.fill(ca, 0.0); // (cᵀA)_j
            for (int k = 0; k < n; k++) {
                final double ck = f.c[k];
                if (ck != 0.0) {
                    for (int j = 0; j < n; j++) {
                        ca[j] += ck * a[k * n + j];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                final double cj = ca[j];
                if (cj != 0.0) {
                    final int row = j * m;
                    for (int i = 0; i < m; i++) {
                        g[row + i] += cj * u[i];
                    }
                }
            }
        }
        f.addRows(g, out.wIn, out.wRec);
    }

    @Override
    public long stateBytes(RecurrentNetwork net, int steps) {
        final long n = net.recurrent();
        return 8L * (net.inputs() + n + n * n);
    }
}
