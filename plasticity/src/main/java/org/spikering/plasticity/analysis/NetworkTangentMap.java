package org.spikering.plasticity.analysis;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * The step Jacobians of a {@link RecurrentNetwork} along a recorded {@link Trajectory} (TASKS.md §6.1, §6.3), the maps
 * t = 1 … T−1 of its T steps (state t−1 → state t). With λ = dt/τ, W = W_rec, ψ^t as the trajectory holds it:
 * <table>
 * <caption>State and Jacobian per network kind</caption>
 * <tr><th>network</th><th>state</th><th>D_t</th></tr>
 * <tr><td>rate, rate_leak</td><td>r (n)</td><td>(1 − λ) I + λ diag(φ'(a^t)) W</td></tr>
 * <tr><td>rate, current_leak</td><td>u (n)</td><td>(1 − λ) I + λ W diag(φ'(u^{t−1}))</td></tr>
 * <tr><td>LIF/ALIF (surrogate)</td><td>v (n), a of the ALIF units</td><td>see below</td></tr>
 * </table>
 * For LIF/ALIF networks the spike is differentiated with the training's pseudo-derivative (dz/dv = ψ, dz/dA = −ψ,
 * A = v_th + β_a a), which makes these the surrogate Jacobians (Engelken's "surrogate Lyapunov exponents"): with
 * dz_j = ψ_j^{t−1} (dv_j − β_a da_j) (the β_a term for ALIF units only),
 * <pre>
 * dv^t = α dv^{t−1} + ζ W dz − [reset attached] v_th dz
 * da^t = ρ da^{t−1} + dz                                 (ALIF units)
 * </pre>
 * the same derivatives as {@code org.spikering.plasticity.bptt.Bptt}'s backward recursion, read forwards. With the
 * reset detached (the default, as in training and in Engelken's spiking flossing) the reset is not differentiated. A
 * refractory neuron has ψ = 0.
 */
public final class NetworkTangentMap implements TangentMap {
    private final int n;
    private final int nRec;
    private final int steps;
    private final double[] w;
    private final double[] psi;
    private final Kind kind;
    private final double leak;
    private final double lambda;
    private final double alpha;
    private final double zeta;
    private final double rho;
    private final double betaA;
    private final double resetTerm;
    /** ALIF unit of state component nRec + m. */
    private final int[] adaptiveUnit;
    /** State component of unit j's a, or −1. */
    private final int[] adaptiveSlot;
    private double[] dz;
    private double[] wq;

    private enum Kind { RATE_LEAK, CURRENT_LEAK, SPIKING }

    /**
     * @param net         the network the trajectory was run with (its weights are read now; later changes are not seen:
     *                    W_rec is copied).
     * @param tr          the recorded trajectory (read when {@link #apply} is called).
     * @param resetAttach true to differentiate the reset term −v_th z^{t−1} (LIF/ALIF only; ignored for rate units).
     * @throws IllegalArgumentException if the trajectory has fewer than 2 steps or does not fit the network.
     */
    public NetworkTangentMap(final RecurrentNetwork net, final Trajectory tr, final boolean resetAttach) {
        if (tr.recurrent != net.recurrent()) {
            throw new IllegalArgumentException("trajectory of " + tr.recurrent + " units: the network has "
                    + net.recurrent());
        }
        if (tr.steps < 2) {
            throw new IllegalArgumentException("trajectory of " + tr.steps + " steps: needs at least 2");
        }
        this.nRec = net.recurrent();
        this.steps = tr.steps - 1;
        this.w = net.wRec().clone();
        this.psi = tr.psi;
        final NetworkParams p = net.params();
        final RateUnits units = net.rateUnits();
        int adaptive = 0;
        this.adaptiveSlot = new int[nRec];
        java.util.Arrays.fill(adaptiveSlot, -1);
        if (units != null) {
            kind = units.form() == LeakyRateUnit.Form.RATE_LEAK ? Kind.RATE_LEAK : Kind.CURRENT_LEAK;
            lambda = p.dtMs() / units.tauMs();
            leak = 1.0 - lambda;
            alpha = zeta = rho = betaA = resetTerm = 0.0;
        } else {
            kind = Kind.SPIKING;
            lambda = leak = 0.0;
            alpha = p.alpha();
            zeta = p.zeta();
            rho = p.rho();
            betaA = p.betaAdapt();
            resetTerm = resetAttach ? p.thresholdMv() : 0.0;
            for (int j = 0; j < nRec; j++) {
                if (net.isAdaptive(j)) {
                    adaptiveSlot[j] = nRec + adaptive++;
                }
            }
        }
        this.adaptiveUnit = new int[adaptive];
        for (int j = 0; j < nRec; j++) {
            if (adaptiveSlot[j] >= 0) {
                adaptiveUnit[adaptiveSlot[j] - nRec] = j;
            }
        }
        this.n = nRec + adaptive;
        this.dz = new double[Math.max(1, nRec)];
        this.wq = new double[Math.max(1, nRec)];
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public void apply(final int t, final double[] q, final int k, final double[] out) {
        if (t < 1 || t > steps) {
            throw new IllegalArgumentException("t = " + t + ": must be in [1, " + steps + "]");
        }
        if (dz.length < k * nRec) {
            dz = new double[k * nRec];
            wq = new double[k * nRec];
        }
        switch (kind) {
            case RATE_LEAK -> {
                // (1 − λ) q + λ ψ^t ⊙ (W q)
                multiply(q, n, k, wq);
                final int pb = t * nRec;
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int i = 0; i < nRec; i++) {
                        out[o + i] = leak * q[o + i] + lambda * psi[pb + i] * wq[c * nRec + i];
                    }
                }
            }
            case CURRENT_LEAK -> {
                // (1 − λ) q + λ W (ψ^{t−1} ⊙ q)
                final int pb = (t - 1) * nRec;
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < nRec; i++) {
                        dz[c * nRec + i] = psi[pb + i] * q[c * n + i];
                    }
                }
                multiply(dz, nRec, k, wq);
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int i = 0; i < nRec; i++) {
                        out[o + i] = leak * q[o + i] + lambda * wq[c * nRec + i];
                    }
                }
            }
            default -> {
                final int pb = (t - 1) * nRec;
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int j = 0; j < nRec; j++) {
                        final int s = adaptiveSlot[j];
                        final double dA = s >= 0 ? betaA * q[o + s] : 0.0;
                        dz[c * nRec + j] = psi[pb + j] * (q[o + j] - dA);
                    }
                }
                multiply(dz, nRec, k, wq);
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    final int d = c * nRec;
                    for (int j = 0; j < nRec; j++) {
                        out[o + j] = alpha * q[o + j] + zeta * wq[d + j] - resetTerm * dz[d + j];
                    }
                    for (int m = 0; m < adaptiveUnit.length; m++) {
                        final int j = adaptiveUnit[m];
                        out[o + nRec + m] = rho * q[o + nRec + m] + dz[d + j];
                    }
                }
            }
        }
    }

    /**
     * Adds c · ∂(uᵀ D_t y)/∂W_rec to g (row-major, nRec × nRec; the diagonal, no parameter, is left alone): the
     * derivative of the bilinear form with the trajectory (ψ) held fixed. D_t depends on W_rec through one product,
     * so this is an outer product ℓ rᵀ:
     * <pre>
     * rate_leak:     ℓ_a = λ ψ_a^t u_a,   r_b = y_b
     * current_leak:  ℓ_a = λ u_a,         r_b = ψ_b^{t−1} y_b
     * LIF/ALIF:      ℓ_a = ζ u_a,         r_b = ψ_b^{t−1} (y_b − β_a y_{a(b)})   (the β_a term for ALIF units)
     * </pre>
     * ({@link Flossing} uses it with u = a new QR column and y = the matching column of Q_{t−1} R_t^{−1}.)
     *
     * @param t    the map, 1 … {@link #steps()}.
     * @param u    n values at {@code uOff}.
     * @param y    n values at {@code yOff}.
     * @param c    the factor.
     * @param g    nRec × nRec accumulator.
     */
    public void addRecurrentGradient(final int t, final double[] u, final int uOff, final double[] y, final int yOff,
            final double c, final double[] g) {
        final double[] left = wq;
        final double[] right = dz;
        switch (kind) {
            case RATE_LEAK -> {
                final int pb = t * nRec;
                for (int a = 0; a < nRec; a++) {
                    left[a] = c * lambda * psi[pb + a] * u[uOff + a];
                    right[a] = y[yOff + a];
                }
            }
            case CURRENT_LEAK -> {
                final int pb = (t - 1) * nRec;
                for (int a = 0; a < nRec; a++) {
                    left[a] = c * lambda * u[uOff + a];
                    right[a] = psi[pb + a] * y[yOff + a];
                }
            }
            default -> {
                final int pb = (t - 1) * nRec;
                for (int a = 0; a < nRec; a++) {
                    left[a] = c * zeta * u[uOff + a];
                    final int slot = adaptiveSlot[a];
                    right[a] = psi[pb + a] * (y[yOff + a] - (slot >= 0 ? betaA * y[yOff + slot] : 0.0));
                }
            }
        }
        for (int a = 0; a < nRec; a++) {
            final double l = left[a];
            if (l == 0.0) {
                continue;
            }
            final int row = a * nRec;
            for (int b = 0; b < nRec; b++) {
                if (b != a) {
                    g[row + b] += l * right[b];
                }
            }
        }
    }

    /**
     * y_c = W x_c for the k vectors x_c = x[c·stride .. c·stride + nRec) (y_c at c·nRec), W = W_rec row-major: each
     * row of W is read once for all k vectors.
     */
    private void multiply(final double[] x, final int stride, final int k, final double[] y) {
        for (int i = 0; i < nRec; i++) {
            final int row = i * nRec;
            for (int c = 0; c < k; c++) {
                final int off = c * stride;
                double s0 = 0.0;
                double s1 = 0.0;
                int j = 0;
                for (; j + 1 < nRec; j += 2) {
                    s0 += w[row + j] * x[off + j];
                    s1 += w[row + j + 1] * x[off + j + 1];
                }
                if (j < nRec) {
                    s0 += w[row + j] * x[off + j];
                }
                y[c * nRec + i] = s0 + s1;
            }
        }
    }
}
