package org.spikering.plasticity.rate;

import java.util.Arrays;

/**
 * The online (backward-view) form of accumulate BP(λ)'s update of the synthetic-gradient weights A (Pemberton &amp;
 * Costa, "BP(λ): Online learning via synthetic gradients"; the eligibility trace of TD(λ), carried through the
 * network's Jacobian because the prediction Ĝ = A ã is a vector whose target is propagated back by D):
 * <pre>
 * E^τ_{ipj} = λ Σ_k D^τ_ik E^{τ−1}_{kpj} + [i = p] ã_j^τ,   E^{−1} = 0      (n × n × m, D^τ = ∂r^τ/∂r^{τ−1})
 * ΔA_pj    += Σ_i δ_i^τ E^τ_{ipj},   δ^τ = (q^{τ+1} + Ĝ^{τ+1}) D^{τ+1} − Ĝ^τ      (once step τ + 1 is seen)
 * </pre>
 * For A fixed over a sequence the sum over τ equals the forward view Σ_t ε^t ã^tᵀ of {@link RateSyntheticGradients}
 * (ε^t = Σ_{τ≥t} λ^{τ−t} δ^τ D^τ⋯D^{t+1}); with λ = 0, E^τ = I ⊗ ã^τ and the update is plain synthetic gradients'
 * Σ_τ δ^τ ã^τᵀ. O(n³ m) per step and n² m numbers of state: the reference for the forward view, not used in training.
 */
public final class AccumulateBpLambdaTrace {
    private final int n;
    private final int m;
    private final double lambda;
    private double[] e;
    private double[] next;

    /**
     * @param units  n, the units.
     * @param inputs m, the length of ã.
     * @param lambda λ in [0, 1].
     */
    public AccumulateBpLambdaTrace(final int units, final int inputs, final double lambda) {
        if (units < 1 || inputs < 1) {
            throw new IllegalArgumentException("units = " + units + ", inputs = " + inputs + ": must be >= 1");
        }
        if (!(lambda >= 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException("lambda = " + lambda + ": must be in [0, 1]");
        }
        this.n = units;
        this.m = inputs;
        this.lambda = lambda;
        this.e = new double[n * n * m];
        this.next = new double[n * n * m];
    }

    /** E := 0 (start of a sequence). */
    public void reset() {
        Arrays.fill(e, 0.0);
    }

    /**
     * Advances the trace to step τ.
     *
     * @param d      D^τ, n × n row-major, D_ik = ∂r_i^τ/∂r_k^{τ−1} (ignored at τ = 0, when E is 0).
     * @param atilde ã^τ, length m.
     */
    public void step(final double[] d, final double[] atilde) {
        final int pm = n * m;
        for (int i = 0; i < n; i++) {
            final int oi = i * pm;
            for (int c = 0; c < pm; c++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += d[i * n + k] * e[k * pm + c];
                }
                next[oi + c] = lambda * s;
            }
            for (int j = 0; j < m; j++) {
                next[oi + i * m + j] += atilde[j];
            }
        }
        final double[] t = e;
        e = next;
        next = t;
    }

    /**
     * Adds δ · E to dA.
     *
     * @param delta δ^τ, length n.
     * @param dA    n × m row-major accumulator.
     */
    public void addUpdate(final double[] delta, final double[] dA) {
        final int pm = n * m;
        for (int i = 0; i < n; i++) {
            final double di = delta[i];
            if (di != 0.0) {
                for (int c = 0; c < pm; c++) {
                    dA[c] += di * e[i * pm + c];
                }
            }
        }
    }
}
