package org.spikering.plasticity.analysis;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Exact gradient of the flossing loss of {@link Flossing} for a rate network, by reverse mode through the whole forward
 * computation (what Engelken 2023 get from autodiff): the QR chain of {@link LyapunovSpectrum} and the trajectory the
 * step Jacobians are taken along. With λ = dt/τ, W = W_rec, s the state (rate_leak: r; current_leak: u), maps t = 1 … M:
 * <pre>
 * forward   A_t = D_t Q_{t−1},  Q_t R_t = qr(A_t),   L = (1/k) Σ_i λ_i²,  λ_i = (1/C) Σ_{t&gt;warm-up} ln R_t[i,i]
 *           rate_leak:    D_t = (1 − λ) I + λ diag(φ'(a^t)) W,          a^t = b + W_in x^t + W r^{t−1}
 *           current_leak: D_t = (1 − λ) I + λ W diag(φ'(u^{t−1})),      u^t = (1 − λ) u^{t−1} + λ (b + W_in x^t + W φ(u^{t−1}))
 * backward  for t = M … 1, Q̄_M = 0, R̄_t = diag(c_i / R_t[i,i]) (t &gt; warm-up, else 0), c_i = 2 λ_i / (k C):
 *   QR (Liao, Liu, Wang &amp; Xiang 2019, Phys. Rev. X 9, 031041; thin QR, n ≥ k):
 *           M = R R̄ᵀ − Q̄ᵀ Q,   Ā_t = [Q̄_t + Q_t copyltu(M)] R_t^{−T}     (copyltu: the lower triangle mirrored)
 *   the step Jacobian, Ā_t = D_t Q_{t−1}:   Q̄_{t−1} = D_tᵀ Ā_t,   D̄_t = Ā_t Q_{t−1}ᵀ, which reaches W directly and
 *   through ψ (ψ̄ = ∂L/∂ψ, with dψ = φ'' ds):
 *     rate_leak:    W̄ += λ (ψ^t ⊙ Ā) Q_{t−1}ᵀ,       ψ̄^t_i = λ Σ_c Ā_ic (W Q_{t−1})_ic     → ā^t
 *     current_leak: W̄ += λ Ā (ψ^{t−1} ⊙ Q_{t−1})ᵀ,   ψ̄^{t−1}_j = λ Σ_c (Wᵀ Ā)_jc Q_{t−1,jc}  → ū^{t−1}
 *   the trajectory (BPTT, r̄^M = ū^M = 0 but for the ψ̄ terms):
 *     rate_leak:    ā^t = λ ψ^t ⊙ r̄^t + φ''(a^t) ⊙ ψ̄^t,   W̄ += ā^t r^{t−1 ᵀ},   r̄^{t−1} = (1 − λ) r̄^t + Wᵀ ā^t
 *     current_leak: ā^t = λ ū^t,   W̄ += ā^t r^{t−1 ᵀ},
 *                   ū^{t−1} = (1 − λ) ū^t + ψ^{t−1} ⊙ (Wᵀ ā^t) + φ''(u^{t−1}) ⊙ ψ̄^{t−1}
 * </pre>
 * The diagonal of W̄ is 0 (no self-connections). The local gradient of {@link Flossing} is the R̄ term alone at each
 * step (Q̄ = 0, ψ̄ dropped): copyltu(R R̄ᵀ) = diag(c), so Ā = Q diag(c) R^{−T} and D̄ = Σ_i c_i q_i y_iᵀ. φ'' is
 * {@link RateActivation#secondDerivative} (0 at the kink of relu and rectified_tanh). LIF/ALIF networks are refused
 * ({@link #SPIKING}). The forward pass is {@link NetworkLyapunov#run} and {@link NetworkTangentMap#apply} with the
 * same QR as {@link LyapunovSpectrum} (so λ and L are the same bits as the local gradient's); Q_0 … Q_M and R_1 … R_M
 * are kept (memory 8 (M + 1)(nk + k²) bytes). Work arrays are kept by the instance and grown only when a larger
 * problem comes: the backward pass allocates nothing per step. Not thread-safe (one instance per thread).
 */
public final class ExactFlossing {

    /** Why LIF/ALIF networks are refused. */
    public static final String SPIKING = "exact flossing is for rate networks only: a LIF/ALIF trajectory depends on"
            + " W_rec through spikes z = H(v - A), whose derivative is 0 almost everywhere, so no exact gradient exists"
            + " (the surrogate would replace it; use gradient local)";

    private final boolean throughTrajectory;
    private double[][] qs = new double[0][];
    private double[][] rs = new double[0][];
    private double[] r = new double[0];
    private double[] qBar = new double[0];
    private double[] aBar = new double[0];
    private double[] bMat = new double[0];
    private double[] sym = new double[0];
    private double[] left = new double[0];
    private double[] right = new double[0];
    private double[] prod = new double[0];
    private double[] wq = new double[0];
    private double[] psiBar = new double[0];
    private double[] sBar = new double[0];
    private double[] coef = new double[0];

    /** The exact gradient: through the QR chain and the trajectory. */
    public ExactFlossing() {
        this(true);
    }

    /**
     * @param throughTrajectory true: the exact gradient; false: through the QR chain only, the trajectory (ψ) held
     *                          fixed (ψ̄ and the BPTT terms dropped; for a linear network, ψ = 1, the same).
     */
    public ExactFlossing(final boolean throughTrajectory) {
        this.throughTrajectory = throughTrajectory;
    }

    /**
     * @param net    a rate network.
     * @param input  T × inputs input of the trajectory.
     * @param k      exponents, in [1, n].
     * @param warmup maps before counting, in [0, T − 1).
     * @param seed   seed of Q_0.
     * @return L, λ and the exact ∂L/∂W_rec (diagonal 0).
     * @throws IllegalArgumentException for a LIF/ALIF network ({@link #SPIKING}) or k, warm-up out of range.
     */
    public Flossing.Result lossAndGradient(final RecurrentNetwork net, final float[] input, final int k,
            final int warmup, final long seed) {
        final RateUnits units = net.rateUnits();
        if (units == null) {
            throw new IllegalArgumentException(SPIKING);
        }
        final Trajectory tr = NetworkLyapunov.run(net, input);
        final NetworkTangentMap map = new NetworkTangentMap(net, tr, false);
        final int n = map.dimension();
        final int steps = map.steps();
        LyapunovSpectrum.checkRange(k, warmup, n, steps);
        ensure(n, k, steps);
        // forward: the QR chain, as LyapunovSpectrum.compute (same operations, same bits)
        System.arraycopy(LyapunovSpectrum.start(n, k, seed), 0, qs[0], 0, n * k);
        final double[] sum = new double[k];
        for (int t = 1; t <= steps; t++) {
            map.apply(t, qs[t - 1], k, qs[t]);
            LyapunovSpectrum.orthonormalise(qs[t], n, k, r, rs[t]);
            if (t > warmup) {
                for (int i = 0; i < k; i++) {
                    sum[i] += Math.log(r[i]);
                }
            }
        }
        final int counted = steps - warmup;
        final double[] lambda = new double[k];
        double loss = 0.0;
        for (int i = 0; i < k; i++) {
            lambda[i] = sum[i] / counted;
            loss += lambda[i] * lambda[i] / k;
            coef[i] = 2.0 * lambda[i] / (k * (double) counted);
        }
        final double[] g = new double[n * n];
        backward(net, units, tr, n, k, steps, warmup, g);
        return new Flossing.Result(lambda, loss, g);
    }

    private void ensure(final int n, final int k, final int steps) {
        if (qs.length < steps + 1 || qs[0].length != n * k || rs[0].length != k * k) {
            qs = new double[steps + 1][n * k];
            rs = new double[steps + 1][k * k];
        }
        if (qBar.length != n * k) {
            qBar = new double[n * k];
            aBar = new double[n * k];
            bMat = new double[n * k];
            wq = new double[n * k];
            left = new double[n * (k + 1)];
            right = new double[n * (k + 1)];
            prod = new double[n * (k + 1)];
        }
        if (r.length != k) {
            r = new double[k];
            sym = new double[k * k];
            coef = new double[k];
        }
        if (sBar.length != n) {
            sBar = new double[n];
            psiBar = new double[n];
        }
    }

    private void backward(final RecurrentNetwork net, final RateUnits units, final Trajectory tr, final int n,
            final int k, final int steps, final int warmup, final double[] g) {
        final double lam = net.params().dtMs() / units.tauMs();
        final double leak = 1.0 - lam;
        final boolean rateLeak = units.form() == LeakyRateUnit.Form.RATE_LEAK;
        final RateActivation phi = units.activation();
        final double[] w = net.wRec();
        final double[] psi = tr.psi;
        final double[] v = tr.v;
        final double[] z = tr.z;
        java.util.Arrays.fill(qBar, 0.0);
        java.util.Arrays.fill(sBar, 0.0);
        for (int t = steps; t >= 1; t--) {
            qrBackward(qs[t], rs[t], n, k, t > warmup);
            final double[] qp = qs[t - 1];
            final int prev = (t - 1) * n;
            final int cur = t * n;
            if (rateLeak) {
                // left_c = λ ψ^t ⊙ Ā_c (c < k), left_k = ā^t; right_c = Q_{t−1,c}, right_k = r^{t−1}
                multiply(w, qp, n, k, wq);
                for (int i = 0; i < n; i++) {
                    double s = 0.0;
                    for (int c = 0; c < k; c++) {
                        s += aBar[c * n + i] * wq[c * n + i];
                    }
                    psiBar[i] = throughTrajectory ? lam * s : 0.0;
                }
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int i = 0; i < n; i++) {
                        left[o + i] = lam * psi[cur + i] * aBar[o + i];
                    }
                    System.arraycopy(qp, o, right, o, n);
                }
                final int ok = k * n;
                for (int i = 0; i < n; i++) {
                    left[ok + i] = lam * psi[cur + i] * sBar[i] + phi.secondDerivative(v[cur + i]) * psiBar[i];
                }
                System.arraycopy(z, prev, right, ok, n);
                multiplyTransposed(w, left, n, k + 1, prod);
                // Q̄_{t−1} = (1 − λ) Ā + Wᵀ left_c;  r̄^{t−1} = (1 − λ) r̄^t + Wᵀ ā^t
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int i = 0; i < n; i++) {
                        qBar[o + i] = leak * aBar[o + i] + prod[o + i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    sBar[i] = leak * sBar[i] + prod[ok + i];
                }
            } else {
                // left_c = λ Ā_c, left_k = ā^t = λ ū^t; right_c = ψ^{t−1} ⊙ Q_{t−1,c}, right_k = r^{t−1}
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int i = 0; i < n; i++) {
                        left[o + i] = lam * aBar[o + i];
                        right[o + i] = psi[prev + i] * qp[o + i];
                    }
                }
                final int ok = k * n;
                for (int i = 0; i < n; i++) {
                    left[ok + i] = lam * sBar[i];
                }
                System.arraycopy(z, prev, right, ok, n);
                multiplyTransposed(w, left, n, k + 1, prod);
                for (int i = 0; i < n; i++) {
                    double s = 0.0;
                    for (int c = 0; c < k; c++) {
                        s += prod[c * n + i] * qp[c * n + i];
                    }
                    psiBar[i] = throughTrajectory ? s : 0.0; // λ is in left
                }
                for (int c = 0; c < k; c++) {
                    final int o = c * n;
                    for (int i = 0; i < n; i++) {
                        qBar[o + i] = leak * aBar[o + i] + psi[prev + i] * prod[o + i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    sBar[i] = leak * sBar[i] + psi[prev + i] * prod[ok + i]
                            + phi.secondDerivative(v[prev + i]) * psiBar[i];
                }
            }
            outer(left, right, n, k + 1, g);
        }
        for (int a = 0; a < n; a++) {
            g[a * n + a] = 0.0;
        }
    }

    /**
     * Ā = [Q̄ + Q copyltu(M)] R^{−T}, M = R R̄ᵀ − Q̄ᵀ Q, R̄ = diag(c_i / R_ii) when counted (else 0); reads qBar, writes
     * aBar. R is stored as {@code rf[j·k + i]} = R_ji.
     */
    private void qrBackward(final double[] q, final double[] rf, final int n, final int k, final boolean counted) {
        // lower triangle of M (i ≥ j): (i == j ? R_ii R̄_ii : 0) − q̄_iᵀ q_j; mirrored into sym
        for (int i = 0; i < k; i++) {
            final int oi = i * n;
            for (int j = 0; j <= i; j++) {
                final int oj = j * n;
                double d = 0.0;
                for (int m = 0; m < n; m++) {
                    d += qBar[oi + m] * q[oj + m];
                }
                double mij = -d;
                if (i == j && counted) {
                    mij += coef[i];
                }
                sym[i * k + j] = mij;
                sym[j * k + i] = mij;
            }
        }
        // B_c = Q̄_c + Σ_j q_j S_jc
        for (int c = 0; c < k; c++) {
            final int oc = c * n;
            System.arraycopy(qBar, oc, bMat, oc, n);
            for (int j = 0; j < k; j++) {
                final double s = sym[j * k + c];
                if (s != 0.0) {
                    final int oj = j * n;
                    for (int m = 0; m < n; m++) {
                        bMat[oc + m] += q[oj + m] * s;
                    }
                }
            }
        }
        // Ā Rᵀ = B: B_c = Σ_{j≥c} Ā_j R_cj, solved from the last column
        for (int c = k - 1; c >= 0; c--) {
            final int oc = c * n;
            System.arraycopy(bMat, oc, aBar, oc, n);
            for (int j = c + 1; j < k; j++) {
                final double rcj = rf[c * k + j];
                if (rcj != 0.0) {
                    final int oj = j * n;
                    for (int m = 0; m < n; m++) {
                        aBar[oc + m] -= aBar[oj + m] * rcj;
                    }
                }
            }
            final double inv = 1.0 / rf[c * k + c];
            for (int m = 0; m < n; m++) {
                aBar[oc + m] *= inv;
            }
        }
    }

    /** y_c = W x_c, c &lt; cols (W n × n row-major, columns contiguous). */
    private static void multiply(final double[] w, final double[] x, final int n, final int cols, final double[] y) {
        for (int i = 0; i < n; i++) {
            final int row = i * n;
            for (int c = 0; c < cols; c++) {
                final int o = c * n;
                double s = 0.0;
                for (int j = 0; j < n; j++) {
                    s += w[row + j] * x[o + j];
                }
                y[o + i] = s;
            }
        }
    }

    /** y_c = Wᵀ x_c, c &lt; cols: each row a of W adds x_c[a] W[a, ·] to y_c. */
    private static void multiplyTransposed(final double[] w, final double[] x, final int n, final int cols,
            final double[] y) {
        java.util.Arrays.fill(y, 0, n * cols, 0.0);
        for (int a = 0; a < n; a++) {
            final int row = a * n;
            for (int c = 0; c < cols; c++) {
                final int o = c * n;
                final double xa = x[o + a];
                if (xa != 0.0) {
                    for (int b = 0; b < n; b++) {
                        y[o + b] += xa * w[row + b];
                    }
                }
            }
        }
    }

    /** g[a, b] += Σ_c left_c[a] right_c[b] (the diagonal is zeroed at the end). */
    private static void outer(final double[] left, final double[] right, final int n, final int cols,
            final double[] g) {
        for (int c = 0; c < cols; c++) {
            final int o = c * n;
            for (int a = 0; a < n; a++) {
                final double l = left[o + a];
                if (l == 0.0) {
                    continue;
                }
                final int row = a * n;
                for (int b = 0; b < n; b++) {
                    g[row + b] += l * right[o + b];
                }
            }
        }
    }
}
