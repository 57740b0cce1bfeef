package org.spikering.plasticity.analysis;

import java.util.SplittableRandom;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * The finite-perturbation (distance) measure of a network's sensitivity (Maass et al. 2002; Bertschinger &amp;
 * Natschläger 2004; TASKS.md §6.2), for spiking networks whose infinitesimal exponents miss "stable chaos": the
 * network is run twice on the same input, the second time with one extra input spike (+1 on one input at one step
 * t₀), and the two runs' recurrent outputs z (spikes; rates for a rate network) are filtered,
 * x_j^t = e^{−dt/τ} x_j^{t−1} + z_j^t, into liquid states. Per trial d(s) = ‖x¹(t₀+s) − x²(t₀+s)‖₂ for lags
 * s = 0 … L; over m trials (t₀ uniform in [0, T − L), the input uniform) the mean d̄(s) and
 * <pre>
 * λ ≈ ln(d̄(s₂) / d̄(s₁)) / ((s₂ − s₁)·dt)      per ms (&gt; 0: perturbations grow, &lt; 0: they fade)
 * </pre>
 * with s₁ = the first lag with d̄ &gt; 0 (the perturbation needs a step or more to make a spike differ) and
 * s₂ = L; NaN if d̄ is 0 at every lag (the extra spike never changed a spike) or only at L.
 */
public final class PerturbationDistance {

    private PerturbationDistance() {
    }

    /**
     * @param meanDistance d̄(s), s = 0 … L.
     * @param died         trials whose distance was 0 at lag L (the perturbation died out or never took).
     * @param trials       m.
     * @param firstLag     s₁ (−1 if d̄ is 0 everywhere).
     * @param lambdaPerMs  λ, 1/ms (NaN, see the class comment).
     */
    public record Result(double[] meanDistance, int died, int trials, int firstLag, double lambdaPerMs) {
    }

    /**
     * @param net    the network.
     * @param input  T × inputs input values, the unperturbed input (more than {@code lags} steps).
     * @param lags   L, ≥ 1.
     * @param trials m, ≥ 1.
     * @param tauMs  τ of the liquid-state filter, ms (&gt; 0; 30 ms in Maass et al.).
     * @param seed   seed of t₀ and of the perturbed input of each trial.
     * @return the mean distance curve and λ.
     */
    public static Result compute(final RecurrentNetwork net, final float[] input, final int lags, final int trials,
            final double tauMs, final long seed) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int steps = input.length / nIn;
        if (lags < 1 || lags >= steps) {
            throw new IllegalArgumentException("lags = " + lags + ": must be in [1, " + (steps - 1) + "] (the input has "
                    + steps + " steps)");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials = " + trials + ": must be >= 1");
        }
        if (!(tauMs > 0.0) || Double.isInfinite(tauMs)) {
            throw new IllegalArgumentException("tauMs = " + tauMs + ": must be finite and > 0");
        }
        final double decay = Math.exp(-net.params().dtMs() / tauMs);
        final Trajectory base = NetworkLyapunov.run(net, input);
        final double[] x1 = filtered(base.z, steps, nRec, decay);
        final SplittableRandom rng = new SplittableRandom(seed);
        final double[] sum = new double[lags + 1];
        final float[] perturbed = input.clone();
        int died = 0;
        for (int trial = 0; trial < trials; trial++) {
            final int t0 = rng.nextInt(steps - lags);
            final int i = rng.nextInt(nIn);
            final int at = t0 * nIn + i;
            perturbed[at] = input[at] + 1f;
            final Trajectory tr = NetworkLyapunov.run(net, perturbed);
            perturbed[at] = input[at];
            final double[] x2 = filtered(tr.z, steps, nRec, decay);
            double last = 0.0;
            for (int s = 0; s <= lags; s++) {
                final int o = (t0 + s) * nRec;
                double d2 = 0.0;
                for (int j = 0; j < nRec; j++) {
                    final double d = x1[o + j] - x2[o + j];
                    d2 += d * d;
                }
                last = Math.sqrt(d2);
                sum[s] += last;
            }
            if (last == 0.0) {
                died++;
            }
        }
        final double[] mean = new double[lags + 1];
        int first = -1;
        for (int s = 0; s <= lags; s++) {
            mean[s] = sum[s] / trials;
            if (first < 0 && mean[s] > 0.0) {
                first = s;
            }
        }
        final double lambda = first < 0 || first == lags || mean[lags] == 0.0 ? Double.NaN
                : Math.log(mean[lags] / mean[first]) / ((lags - first) * net.params().dtMs());
        return new Result(mean, died, trials, first, lambda);
    }

    /** x^t = decay·x^{t−1} + z^t per unit. */
    private static double[] filtered(final double[] z, final int steps, final int n, final double decay) {
        final double[] x = new double[steps * n];
        for (int t = 0; t < steps; t++) {
            final int o = t * n;
            for (int j = 0; j < n; j++) {
                x[o + j] = (t > 0 ? decay * x[o - n + j] : 0.0) + z[o + j];
            }
        }
        return x;
    }
}
