package org.spikering.plasticity.stdp;

import java.util.SplittableRandom;

/**
 * N Poisson spike trains in steps of dt, the first {@code correlated} of them sharing a common source: each step a
 * shared event occurs with probability ρ·dt; a correlated input spikes if the shared event occurred and a coin with
 * probability c comes up, or independently with probability ρ(1 − c)·dt; the other inputs spike independently with
 * probability ρ·dt. Each input's rate is ρ (to first order in ρ·dt) and two correlated inputs have spike-count
 * correlation about c in small bins (the "mother process" construction, e.g. Kuhn, Aertsen &amp; Rotter 2003).
 * Bernoulli per step: valid for ρ·dt ≪ 1. Not thread-safe; one seeded stream.
 */
final class PoissonInputs {
    private final int n;
    private final int correlated;
    private final double p;
    private final double pOwn;
    private final double c;
    private final SplittableRandom rng;

    PoissonInputs(final int n, final int correlated, final double rateHz, final double c, final double dtMs,
            final long seed) {
        this.n = n;
        this.correlated = correlated;
        this.p = rateHz * dtMs * 1e-3;
        this.pOwn = p * (1 - c);
        this.c = c;
        this.rng = new SplittableRandom(seed);
    }

    /**
     * @param out receives the indices of the inputs that spike this step.
     * @return how many.
     */
    int step(final int[] out) {
        int k = 0;
        final boolean shared = correlated > 0 && rng.nextDouble() < p;
        for (int i = 0; i < correlated; i++) {
            if ((shared && rng.nextDouble() < c) || rng.nextDouble() < pOwn) {
                out[k++] = i;
            }
        }
        for (int i = correlated; i < n; i++) {
            if (rng.nextDouble() < p) {
                out[k++] = i;
            }
        }
        return k;
    }

    /**
     * A Poisson count of mean λ by Knuth's product of uniforms (for the summed background of many inputs; λ small).
     *
     * @param lambda the mean, &gt;= 0.
     * @param rng    the stream.
     * @return the count.
     */
    static int poisson(final double lambda, final SplittableRandom rng) {
        final double limit = Math.exp(-lambda);
        int k = 0;
        double prod = rng.nextDouble();
        while (prod > limit) {
            k++;
            prod *= rng.nextDouble();
        }
        return k;
    }
}
