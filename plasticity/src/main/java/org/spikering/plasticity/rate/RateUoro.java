package org.spikering.plasticity.rate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Unbiased online recurrent optimisation (Tallec and Ollivier 2017; Marschall et al. 2020 §4.1) on a leaky rate RNN:
 * the influence matrix of {@link RateRtrl} replaced by a rank-one estimate M^t ≈ ã^t θ̃^tᵀ (ã: n, θ̃: one entry per
 * parameter), notation of {@link RateInfluence}, ν^t ∈ {−1, +1}^n drawn afresh each step:
 * <pre>
 * ρ0 = √(‖θ̃^{t−1}‖ / ‖J^t ã^{t−1}‖),   ρ1 = √(‖ν^tᵀ M̄^t‖ / ‖ν^t‖)
 * ã^t = ρ0 J^t ã^{t−1} + ρ1 ν^t,          θ̃^t = θ̃^{t−1} / ρ0 + ν^tᵀ M̄^t / ρ1,    (ν^tᵀ M̄^t)_(j,i) = ν_j D_j pre_i
 * dE/dθ ≈ Σ_t (c^t · ã^t) θ̃^t
 * </pre>
 * E[ã^t θ̃^tᵀ] = M^t at every step (E[ν] = 0, E[ννᵀ] = I, the ρ's do not depend on ν^t since ν_j² = 1), so the
 * gradient is an unbiased estimate of RTRL's. Differences from Marschall's code: the factors start at 0 in every
 * sequence (the state does; their code starts from random factors), and a term whose norm is 0 (at t = 0, or a
 * zero input) is left out instead of being divided by ε (exact, since its product is 0); the diagonal
 * W^rec_jj is not a parameter (entry 0 in νᵀM̄). ν comes from a {@link SplittableRandom} seeded with the rule's
 * seed, one stream for the whole run (same seed and batches: bit-identical; a resumed run restarts the stream).
 * State n + n(n_in + n) doubles, cost O(n² + n n_in) per step.
 */
public final class RateUoro extends RateGradientComputer implements RuleStateSize {
    private final SplittableRandom random;
    private RateInfluence f;
    private double[] at = new double[0];
    private double[] jat = new double[0];
    private double[] theta = new double[0];
    private double[] nu = new double[0];
    private double[] g = new double[0];

    /** @param seed seed of the ν stream. */
    public RateUoro(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "UORO (rate)";
    }

    @Override
    void beginBatch(RecurrentNetwork net, int steps) {
        if (f == null || !f.fits(net)) {
            f = new RateInfluence(net);
            at = new double[f.n];
            jat = new double[f.n];
            nu = new double[f.n];
            theta = new double[f.n * f.m];
            g = new double[f.n * f.m];
        }
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out) {
        final int n = f.n;
        final int m = f.m;
        final int nIn = f.nIn;
        Arrays.fill(at, 0.0);
        Arrays.fill(theta, 0.0);
        Arrays.fill(g, 0.0);
        for (int t = 0; t < tr.steps; t++) {
            f.step(net, batch, seq, tr, t, true);
            if (t > 0) {
                for (int k = 0; k < n; k++) {
                    double s = 0.0;
                    for (int l = 0; l < n; l++) {
                        s += f.jac[k * n + l] * at[l];
                    }
                    jat[k] = s;
                }
            } else {
                Arrays.fill(jat, 0.0);
            }
            final double normTheta = Math.sqrt(RateInfluence.norm2(theta, 0, theta.length));
            final double normJa = Math.sqrt(RateInfluence.norm2(jat, 0, n));
            final double pre2 = RateInfluence.norm2(f.pre, 0, m);
            double bar2 = 0.0; // ‖νᵀM̄‖² = Σ_j D_j² (‖pre‖² − pre_(nIn+j)²): ν_j² = 1, diagonal left out
            for (int j = 0; j < n; j++) {
                final double pj = f.pre[nIn + j];
                bar2 += f.d[j] * f.d[j] * Math.max(0.0, pre2 - pj * pj);
            }
            for (int j = 0; j < n; j++) {
                nu[j] = random.nextBoolean() ? 1.0 : -1.0;
            }
            final boolean carry = normTheta > 0.0 && normJa > 0.0;
            final boolean fresh = bar2 > 0.0;
            final double rho0 = carry ? Math.sqrt(normTheta / normJa) : 0.0;
            final double rho1 = fresh ? Math.sqrt(Math.sqrt(bar2) / Math.sqrt(n)) : 0.0;
            for (int k = 0; k < n; k++) {
                at[k] = (carry ? rho0 * jat[k] : 0.0) + (fresh ? rho1 * nu[k] : 0.0);
            }
            final double inv0 = carry ? 1.0 / rho0 : 0.0;
            for (int j = 0; j < n; j++) {
                final int row = j * m;
                final double w = fresh ? nu[j] * f.d[j] / rho1 : 0.0;
                for (int i = 0; i < m; i++) {
                    theta[row + i] = theta[row + i] * inv0 + w * f.pre[i];
                }
                theta[row + nIn + j] = 0.0; // no autapse: W^rec_jj is not a parameter
            }
            double ca = 0.0;
            for (int k = 0; k < n; k++) {
                ca += f.c[k] * at[k];
            }
            if (ca != 0.0) {
                for (int q = 0; q < g.length; q++) {
                    g[q] += ca * theta[q];
                }
            }
        }
        f.addRows(g, out.wIn, out.wRec);
    }

    @Override
    public long stateBytes(RecurrentNetwork net, int steps) {
        final long n = net.recurrent();
        return 8L * (n + n * (net.inputs() + n));
    }
}
