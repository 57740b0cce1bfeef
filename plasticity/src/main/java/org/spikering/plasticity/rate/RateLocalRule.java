package org.spikering.plasticity.rate;

import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.eprop.LearningSignals;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * The local (forward-in-time) rules on leaky rate RNNs ({@link RateForwardPass}; λ = dt/τ, ψ_j^t = φ'(v_j^t) with
 * v = a for rate_leak, u for current_leak; pre_i^t = x_i^t for W_in, r_i^{t−1} for W_rec, r^{−1} = 0): a
 * gradient Σ_t L_j^t e_ji^t with a learning signal L and an eligibility trace e, each chosen by the rule. The readout
 * is linear and instantaneous, so there is no κ filter; W_out's gradient is exact (Σ_t err_k^t r_j^t).
 *
 * <p><b>Learning signals.</b> L_j^t = Σ_k B_jk err_k^t, with B = W_outᵀ ({@code eprop}, {@code mdgl}) or a fixed
 * random B ({@code random-eprop}, {@code rflo}: {@link RandomFeedback#gaussian}, the same draw for the same seed and
 * gain). {@code mdgl} replaces it for W_rec (only) by Ltilde, see below.
 *
 * <p><b>e-prop's trace</b> (Bellec et al. 2020's recipe for a unit with one hidden state h: ε_ji^t = ∂h_j^t/∂h_j^{t−1}
 * ε_ji^{t−1} + ∂h_j^t/∂W_ji, e_ji^t = ∂r_j^t/∂h_j^t ε_ji^t, keeping only the diagonal of the Jacobian; W_rec has a
 * zero diagonal, so ∂h_j^t/∂h_j^{t−1} has no recurrent term):
 * <pre>
 * rate_leak   (h = r):  ε_ji^t = (1 − λ) ε_ji^{t−1} + λ φ'(a_j^t) pre_i^t,   e_ji^t = ε_ji^t       (∂r/∂h = 1)
 * current_leak (h = u): ε_ji^t = (1 − λ) ε_ji^{t−1} + λ pre_i^t,              e_ji^t = φ'(u_j^t) ε_ji^t
 * </pre>
 * <b>RFLO's trace</b> (Murray 2019, EPROP.md §5, in this discretisation: the presynaptic value is the one that entered
 * a_j^t, φ' is taken at step t):
 * <pre>
 * p_ji^t = (1 − λ) p_ji^{t−1} + λ φ'(v_j^t) pre_i^t
 * </pre>
 * <b>Where rflo and random-eprop coincide.</b> For rate_leak, v = a and e-prop's ε^t is the same recursion with the
 * same terms as p^t: the two traces are the same quantity, so with the same B (same seed and gain) {@code rflo} and
 * {@code random-eprop} compute the same gradient (this class computes both with the same code: equal bit for bit).
 * For current_leak they differ: e-prop multiplies the current φ'(u_j^t) by the low-passed input
 * (e^t = φ'(u_j^t) Σ_{s≤t} λ(1−λ)^{t−s} pre^s), RFLO low-passes the product (p^t = Σ_{s≤t} λ(1−λ)^{t−s} φ'(u_j^s)
 * pre^s); they agree only where φ' is constant (e.g. relu in its linear region), and e-prop's is the exact
 * ∂r_j^t/∂W_ji when W_rec = 0.
 *
 * <p><b>How {@code rflo} differs from Murray 2019.</b> Murray's discretisation (EPROP.md §5) drives u^t with h^{t−1}
 * and x^{t−1} and forms P^t from φ'(u^{t−1}) h^{t−1}, φ' one step before the current that the presynaptic value
 * enters; here φ' is taken at the step whose argument that value entered (φ'(v_j^t) with r_i^{t−1}, x_i^t), the
 * convention that makes the trace coincide with e-prop's for rate_leak. Murray writes err = y* − y with ΔW = +η…;
 * here err = y − y* is a gradient that the optimizer subtracts (the same update). The readout is linear in both.
 *
 * <p><b>MDGL</b> (Liu et al. 2021, EPROP.md §4, for rate units). e-prop writes dE/dW_pq = Σ_t (dE/dr_p^t) e_pq^t and
 * replaces the total derivative dE/dr_p^t by its direct part L_p^t. MDGL keeps in addition the path through one
 * synapse p → j and one step: r_p^t → a_j^{t+1} (∂a_j^{t+1}/∂r_p^t = W^rec_jp) → r_j^{t+1} → E (direct part
 * L_j^{t+1}). The factor ∂r_j^{t+1}/∂a_j^{t+1} along that path is, for both forms, λ φ'(v_j^{t+1}) = λ ψ_j^{t+1}:
 * <pre>
 * rate_leak:     r_j^{t+1} = (1 − λ) r_j^t + λ φ(a_j^{t+1})               ⇒ ∂r_j^{t+1}/∂a_j^{t+1} = λ φ'(a_j^{t+1})
 * current_leak:  u_j^{t+1} = (1 − λ) u_j^t + λ a_j^{t+1}, r = φ(u)        ⇒ ∂r_j^{t+1}/∂a_j^{t+1} = φ'(u_j^{t+1}) λ
 * </pre>
 * (the rate analogue of ψ_j·(1 − α) in EPROP.md §4). With the per-synapse W^rec_jp replaced by the cell-type gain
 * w_{c(j)c(p)}:
 * <pre>
 * Ltilde_p^t = L_p^t + Σ_{j: W^rec_jp ≠ 0} w_{c(j)c(p)} λ ψ_j^{t+1} L_j^{t+1}       (L^T := 0)
 * w_ab      = mean of W^rec_jp over the existing synapses (W^rec_jp ≠ 0) with c(j) = a, c(p) = b  (0 if none)
 * dE/dW^rec_pq ≈ Σ_t Ltilde_p^t e_pq^t,        W_in: Σ_t L_p^t e_pq^t (plain e-prop)
 * </pre>
 * with e-prop's trace e, B = W_outᵀ, the types of {@link RecurrentNetwork#cellTypes()} (none: one type, w = the mean
 * of all existing recurrent weights), w recomputed from the current weights at every batch. The rule needs L^{t+1},
 * i.e. it is online with a one-step delay; here it is computed after the forward pass. Liu et al. define MDGL for
 * spiking networks (pseudo-derivative ψ, κ-filtered traces); this is its rate-unit analogue, with the factor derived
 * above and no κ filter (the readout is instantaneous).
 */
public final class RateLocalRule extends RateGradientComputer implements RuleStateSize {

    /** The eligibility trace of a rule. */
    enum Trace {
        /** e-prop's ε and e (Bellec et al.'s recipe, depends on the form). */
        EPROP,
        /** RFLO's p (Murray 2019). */
        RFLO
    }

    private final Trace trace;
    private final Feedback feedback;
    private final boolean mdgl;
    private final String name;
    private double[] b;
    private double[] pIn = new double[0];
    private double[] pRec = new double[0];
    private double[] barIn = new double[0];
    private double[] barRec = new double[0];
    private double[] recSignal = new double[0];
    /** MDGL: M_jp = w_{c(j)c(p)} where W^rec_jp ≠ 0, else 0 ([j][p], this batch). */
    private double[] gain = new double[0];
    private double[] h = new double[0];

    private RateLocalRule(Trace trace, Feedback feedback, boolean mdgl, String name) {
        if (feedback == null) {
            throw new IllegalArgumentException("feedback: must not be null");
        }
        this.trace = trace;
        this.feedback = feedback;
        this.mdgl = mdgl;
        this.name = name;
    }

    /**
     * e-prop on a rate network ({@code eprop} with {@link SymmetricFeedback}, {@code random-eprop} with a
     * {@link RandomFeedback}).
     *
     * @param feedback B.
     * @return the rule.
     */
    public static RateLocalRule eprop(Feedback feedback) {
        return new RateLocalRule(Trace.EPROP, feedback,
                false, (feedback instanceof SymmetricFeedback ? "e-prop" : "random e-prop") + " (rate)");
    }

    /**
     * RFLO (Murray 2019): RFLO's trace p with a fixed feedback.
     *
     * @param feedback B (the rule's: a fixed random one).
     * @return the rule.
     */
    public static RateLocalRule rflo(Feedback feedback) {
        return new RateLocalRule(Trace.RFLO, feedback, false, "RFLO (rate)");
    }

    /** @return MDGL with cell-type gains, B = W_outᵀ. */
    public static RateLocalRule mdgl() {
        return new RateLocalRule(Trace.EPROP, new SymmetricFeedback(), true, "MDGL (rate)");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    void beginBatch(RecurrentNetwork net, int steps) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        b = feedback.matrix(net);
        if (pIn.length != nRec * nIn) {
            pIn = new double[nRec * nIn];
            barIn = new double[nIn];
        }
        if (pRec.length != nRec * nRec) {
            pRec = new double[nRec * nRec];
            barRec = new double[nRec];
            gain = new double[nRec * nRec];
            h = new double[nRec];
        }
        if (mdgl) {
            if (recSignal.length != steps * nRec) {
                recSignal = new double[steps * nRec];
            }
            typeGains(net, gain);
        }
    }

    /**
     * MDGL's gains, [j][p]: w_{c(j)c(p)} where the synapse p → j exists (W^rec_jp ≠ 0), else 0; w_ab the mean of the
     * existing W^rec_jp with c(j) = a, c(p) = b (0 if there is none).
     *
     * @param net the network (current W_rec, cell types).
     * @param out [j][p], n_rec².
     */
    static void typeGains(RecurrentNetwork net, double[] out) {
        final int n = net.recurrent();
        final double[] w = net.wRec();
        final CellTypes types = net.cellTypes();
        final double[] sum = new double[4];
        final int[] count = new int[4];
        for (int j = 0; j < n; j++) {
            final int a = types == null ? 0 : types.type(j);
            for (int p = 0; p < n; p++) {
                final double v = w[j * n + p];
                if (v != 0.0) {
                    final int c = 2 * a + (types == null ? 0 : types.type(p));
                    sum[c] += v;
                    count[c]++;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            final int a = types == null ? 0 : types.type(j);
            for (int p = 0; p < n; p++) {
                final int c = 2 * a + (types == null ? 0 : types.type(p));
                out[j * n + p] = w[j * n + p] != 0.0 ? sum[c] / count[c] : 0.0;
            }
        }
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out) {
        final int steps = tr.steps;
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final double lambda = net.rateUnits().unit(net.params().dtMs()).lambda();
        final boolean productTrace = trace == Trace.RFLO || net.rateUnits().form() == LeakyRateUnit.Form.RATE_LEAK;
        LearningSignals.eprop(tr, b);
        double[] signal = tr.learning;
        if (mdgl) {
            mdglSignal(tr, lambda, recSignal);
            signal = recSignal;
        }
        java.util.Arrays.fill(pIn, 0.0);
        java.util.Arrays.fill(pRec, 0.0);
        java.util.Arrays.fill(barIn, 0.0);
        java.util.Arrays.fill(barRec, 0.0);
        final float[] x = batch.inputSpikes();
        for (int t = 0; t < steps; t++) {
            final int xb = (seq * steps + t) * nIn;
            final int base = t * nRec;
            final int prev = base - nRec;
            if (productTrace) {
                inputStep(tr, t, lambda, x, xb, nIn, pIn, tr.learning, out.wIn);
                if (t > 0) { // r^{-1} = 0: at t = 0 the recurrent traces stay 0
                    recurrentStep(tr, t, lambda, pRec, signal, out.wRec);
                }
            } else {
                for (int i = 0; i < nIn; i++) {
                    barIn[i] = (1.0 - lambda) * barIn[i] + lambda * x[xb + i];
                }
                for (int i = 0; i < nRec; i++) {
                    barRec[i] = (1.0 - lambda) * barRec[i] + (t > 0 ? lambda * tr.z[prev + i] : 0.0);
                }
                for (int j = 0; j < nRec; j++) {
                    final double psi = tr.psi[base + j];
                    final double cIn = tr.learning[base + j] * psi;
                    if (cIn != 0.0) {
                        final int row = j * nIn;
                        for (int i = 0; i < nIn; i++) {
                            out.wIn[row + i] += cIn * barIn[i];
                        }
                    }
                    final double cRec = signal[base + j] * psi;
                    if (cRec != 0.0) {
                        final int row = j * nRec;
                        for (int i = 0; i < nRec; i++) { // the diagonal too: zeroed below
                            out.wRec[row + i] += cRec * barRec[i];
                        }
                    }
                }
            }
        }
        for (int j = 0; j < nRec; j++) {
            out.wRec[j * nRec + j] = 0.0; // no autapses: the loops above also accumulated the diagonal
        }
    }

    /** One step of the product trace of the input synapses: p_ji^t = (1 − λ) p_ji^{t−1} + λ ψ_j^t x_i^t, g_ji += L_j^t p_ji^t. */
    private static void inputStep(Trajectory tr, int t, double lambda, float[] x, int xb, int nIn, double[] p,
            double[] signal, double[] g) {
        final int nRec = tr.recurrent;
        final int base = t * nRec;
        final double decay = 1.0 - lambda;
        for (int j = 0; j < nRec; j++) {
            final double c = lambda * tr.psi[base + j];
            final double l = signal[base + j];
            final int row = j * nIn;
            for (int i = 0; i < nIn; i++) {
                final int n = row + i;
                p[n] = decay * p[n] + c * x[xb + i];
                g[n] += l * p[n];
            }
        }
    }

    /**
     * One step (t ≥ 1) of the product trace of the recurrent synapses: p_ji^t = (1 − λ) p_ji^{t−1} + λ ψ_j^t r_i^{t−1},
     * g_ji += L_j^t p_ji^t (computed for i = j too and zeroed by the caller).
     */
    private static void recurrentStep(Trajectory tr, int t, double lambda, double[] p, double[] signal, double[] g) {
        final int nRec = tr.recurrent;
        final int base = t * nRec;
        final int prev = base - nRec;
        final double decay = 1.0 - lambda;
        final double[] r = tr.z;
        for (int j = 0; j < nRec; j++) {
            final double c = lambda * tr.psi[base + j];
            final double l = signal[base + j];
            final int row = j * nRec;
            // every i, the diagonal i = j included (no branch in the inner loop): accumulate() zeroes g_jj afterwards
            for (int i = 0; i < nRec; i++) {
                final int n = row + i;
                p[n] = decay * p[n] + c * r[prev + i];
                g[n] += l * p[n];
            }
        }
    }

    /** Ltilde_p^t = L_p^t + Σ_j M_jp λ ψ_j^{t+1} L_j^{t+1} into {@code out} [t][p], from tr.learning and {@link #gain}. */
    private void mdglSignal(Trajectory tr, double lambda, double[] out) {
        final int nRec = tr.recurrent;
        final int steps = tr.steps;
        final double[] l = tr.learning;
        for (int t = 0; t < steps; t++) {
            final int base = t * nRec;
            System.arraycopy(l, base, out, base, nRec);
            if (t + 1 == steps) {
                continue;
            }
            final int nb = base + nRec;
            for (int j = 0; j < nRec; j++) {
                h[j] = lambda * tr.psi[nb + j] * l[nb + j];
            }
            for (int j = 0; j < nRec; j++) {
                final double hj = h[j];
                if (hj != 0.0) {
                    final int row = j * nRec;
                    for (int p = 0; p < nRec; p++) {
                        out[base + p] += gain[row + p] * hj;
                    }
                }
            }
        }
    }

    /**
     * The traces as this class holds them: one per synapse, n(n_in + n) doubles, for the product trace (rflo, and
     * e-prop on rate_leak); n_in + n low-passed presynaptic values for e-prop on current_leak; mdgl in addition its
     * signal Ltilde of every step (n per step; computed after the forward pass).
     */
    @Override
    public long stateBytes(RecurrentNetwork net, int steps) {
        final long n = net.recurrent();
        final long in = net.inputs();
        final boolean product = trace == Trace.RFLO || net.rateUnits().form() == LeakyRateUnit.Form.RATE_LEAK;
        return 8L * ((product ? n * (in + n) : in + n) + (mdgl ? (long) steps * n : 0));
    }
}
