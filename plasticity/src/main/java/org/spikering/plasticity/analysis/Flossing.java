package org.spikering.plasticity.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.spikering.plasticity.network.DaleLaw;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Adam;

/**
 * Gradient flossing (Engelken 2023; TASKS.md §6.3) with local, truncated gradients: the loss
 * <pre>
 * L = (1/k) Σ_{i≤k} λ_i²,   λ_i = (1/T) Σ_{t&gt;warm-up} ln R_t[i,i]     ({@link LyapunovSpectrum}'s QR method)
 * </pre>
 * is minimised over W_rec, driving the top k exponents towards 0. Its gradient is taken one step at a time with the
 * trajectory (the network's state, hence ψ) and the incoming tangent basis Q_{t−1} held fixed: from D_t Q_{t−1} = Q_t R_t
 * and the antisymmetry of Q_tᵀ dQ_t,
 * <pre>
 * d ln R_t[i,i] = q_{t,i}ᵀ (dD_t) y_{t,i},     Y_t = Q_{t−1} R_t^{−1}   (y_i = (q_{t−1,i} − Σ_{j&lt;i} y_j R_ji) / R_ii)
 * ∂L/∂W_rec ≈ Σ_t Σ_i (2 λ_i / (k T)) ∂(q_{t,i}ᵀ D_t y_{t,i})/∂W_rec          ({@link NetworkTangentMap#addRecurrentGradient})
 * </pre>
 * What is left out is how W_rec moves the trajectory and the earlier tangent vectors; {@link Gradient#EXACT}
 * ({@link ExactFlossing}, rate networks) back-propagates through both. For k = n the per-step term is exact whatever
 * Q_{t−1}: Σ_i d ln R_ii = d ln |det D_t|. Two passes: the first computes λ, the second repeats the same QR steps (same
 * bits) and accumulates the gradient.
 */
public final class Flossing {

    private Flossing() {
    }

    /** Which gradient of L the updates follow. */
    public enum Gradient {
        /** Truncated: trajectory and incoming tangent vectors held fixed (this class). */
        LOCAL,
        /** Exact: through the QR chain and the trajectory ({@link ExactFlossing}; rate networks only). */
        EXACT;

        /** @return the spec name: local, exact. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param exponents λ_1 … λ_k per step before the update.
     * @param loss      L.
     * @param gradient  ∂L/∂W_rec (truncated), nRec × nRec row-major, diagonal 0.
     */
    public record Result(double[] exponents, double loss, double[] gradient) {
    }

    /**
     * @param net    the network.
     * @param input  T × inputs input of the trajectory.
     * @param k      exponents.
     * @param warmup maps before counting.
     * @param seed   seed of Q_0.
     * @return L, λ and the truncated gradient.
     */
    public static Result lossAndGradient(final RecurrentNetwork net, final float[] input, final int k, final int warmup,
            final long seed) {
        final Trajectory tr = NetworkLyapunov.run(net, input);
        final NetworkTangentMap map = new NetworkTangentMap(net, tr, false);
        final LyapunovSpectrum.Result s = LyapunovSpectrum.compute(map, k, warmup, seed, map.steps());
        final double[] coef = new double[k];
        double loss = 0.0;
        for (int i = 0; i < k; i++) {
            loss += s.exponents()[i] * s.exponents()[i] / k;
            coef[i] = 2.0 * s.exponents()[i] / (k * (double) s.counted());
        }
        final double[] g = new double[net.recurrent() * net.recurrent()];
        logGrowthGradient(map, k, warmup, seed, coef, g);
        return new Result(s.exponents(), loss, g);
    }

    /**
     * g += Σ_{t&gt;warm-up} Σ_i coef_i ∂ ln R_t[i,i] / ∂W_rec, truncated as in the class comment, along the same QR steps as
     * {@link LyapunovSpectrum#compute} with this seed.
     */
    static void logGrowthGradient(final NetworkTangentMap map, final int k, final int warmup, final long seed,
            final double[] coef, final double[] g) {
        final int n = map.dimension();
        double[] q = LyapunovSpectrum.start(n, k, seed);
        double[] next = new double[n * k];
        final double[] r = new double[k];
        final double[] full = new double[k * k];
        final double[] y = new double[n * k];
        for (int t = 1; t <= map.steps(); t++) {
            map.apply(t, q, k, next);
            LyapunovSpectrum.orthonormalise(next, n, k, r, full);
            if (t > warmup) {
                // Y = Q_{t−1} R^{−1}, column by column
                for (int i = 0; i < k; i++) {
                    final int oi = i * n;
                    System.arraycopy(q, oi, y, oi, n);
                    for (int j = 0; j < i; j++) {
                        final double rji = full[j * k + i];
                        final int oj = j * n;
                        for (int m = 0; m < n; m++) {
                            y[oi + m] -= y[oj + m] * rji;
                        }
                    }
                    final double inv = 1.0 / full[i * k + i];
                    for (int m = 0; m < n; m++) {
                        y[oi + m] *= inv;
                    }
                }
                for (int i = 0; i < k; i++) {
                    if (coef[i] != 0.0) {
                        map.addRecurrentGradient(t, next, i * n, y, i * n, coef[i], g);
                    }
                }
            }
            final double[] tmp = q;
            q = next;
            next = tmp;
        }
    }

    /**
     * Flossing as pre-training: {@code epochs} Adam steps (η = lr, β = 0.9, 0.999, ε = 1e-8) on W_rec of
     * {@link #lossAndGradient}, each on {@code inputOfEpoch.apply(epoch)}; with cell types Dale's law is restored after
     * every step ({@link DaleLaw#project}). The network is changed in place.
     *
     * @param net          the network (W_rec is updated).
     * @param inputOfEpoch the input of each epoch (T × inputs).
     * @param epochs       steps, ≥ 1.
     * @param k            exponents.
     * @param warmup       maps before counting.
     * @param lr           Adam's learning rate, &gt; 0.
     * @param seed         seed of Q_0 (the same every epoch).
     * @return per epoch {L, λ_1 … λ_k} before its step, then one more row after the last step.
     */
    public static List<double[]> pretrain(final RecurrentNetwork net, final IntFunction<float[]> inputOfEpoch,
            final int epochs, final int k, final int warmup, final double lr, final long seed) {
        return pretrain(net, inputOfEpoch, epochs, k, warmup, lr, seed, Gradient.LOCAL);
    }

    /**
     * As {@link #pretrain(RecurrentNetwork, IntFunction, int, int, int, double, long)} with the given gradient
     * ({@link Gradient#LOCAL}: the same bits as that method).
     *
     * @param gradient local or exact ({@link ExactFlossing}: rate networks only).
     * @return per epoch {L, λ_1 … λ_k} before its step, then one more row after the last step.
     * @throws IllegalArgumentException also for EXACT on a LIF/ALIF network ({@link ExactFlossing#SPIKING}).
     */
    public static List<double[]> pretrain(final RecurrentNetwork net, final IntFunction<float[]> inputOfEpoch,
            final int epochs, final int k, final int warmup, final double lr, final long seed, final Gradient gradient) {
        if (gradient == Gradient.EXACT && !net.isRate()) {
            throw new IllegalArgumentException(ExactFlossing.SPIKING);
        }
        final ExactFlossing exact = gradient == Gradient.EXACT ? new ExactFlossing() : null;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ": must be >= 1");
        }
        if (!(lr > 0.0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr = " + lr + ": must be finite and > 0");
        }
        final Adam adam = new Adam(lr, 0.9, 0.999, 1e-8);
        final List<double[]> history = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            final float[] x = inputOfEpoch.apply(Math.min(e, epochs - 1));
            final Result r = exact != null ? exact.lossAndGradient(net, x, k, warmup, seed)
                    : lossAndGradient(net, x, k, warmup, seed);
            final double[] row = new double[k + 1];
            row[0] = r.loss();
            System.arraycopy(r.exponents(), 0, row, 1, k);
            history.add(row);
            if (e == epochs) {
                break;
            }
            adam.apply(WeightMatrixId.RECURRENT, net.wRec(), r.gradient());
            adam.endUpdate();
            for (int j = 0; j < net.recurrent(); j++) {
                net.wRec()[j * net.recurrent() + j] = 0.0;
            }
            if (net.cellTypes() != null) {
                DaleLaw.project(net.wRec(), net.cellTypes());
            }
        }
        return history;
    }
}
