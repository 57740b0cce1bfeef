package org.spikering.plasticity.rate;

import java.util.Arrays;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Synthetic gradients (DNI, Jaderberg et al. 2017) as a local rule on a leaky rate RNN (rate_leak form only), with
 * the synthetic-gradient weights A trained by one-step bootstrapping ({@code sg}: Marschall, Cho &amp; Savin 2019,
 * "Using local plasticity rules to train recurrent neural networks", and the DNI of Marschall et al. 2020 JMLR,
 * code omarschall/vanilla-rtrl {@code DNI}) or by λ-returns ({@code bp-lambda}: accumulate BP(λ), Pemberton &amp;
 * Costa, "BP(λ): Online learning via synthetic gradients"). With α = dt/τ, ψ_j^t = φ'(a_j^t), r^{−1} = 0:
 * <pre>
 * network       a^t = W_rec r^{t−1} + W_in x^t + b,   r^t = (1 − α) r^{t−1} + α φ(a^t)        (RateForwardPass)
 * Jacobian      D^t = ∂r^t/∂r^{t−1} = (1 − α) I + α diag(ψ^t) W_rec          (exact), or the learned J (below)
 * immediate     q^t = B err^t          (credit of r^t from its own readout error; B = W_outᵀ or a fixed random B)
 * future credit G^t = ∂(Σ_{τ&gt;t} E^τ)/∂r^t = (q^{t+1} + G^{t+1}) D^{t+1},   G^{T−1} = 0      (what A predicts)
 * synthetic     Ĝ^t = A [r^t; 1]  for t &lt; T − 1,   Ĝ^{T−1} = 0       (the sequence end is known: terminal state)
 * W update      dE/dW_ji ≈ Σ_t (q_j^t + Ĝ_j^t) α ψ_j^t pre_i^t,   pre = x^t (W_in), r^{t−1} (W_rec, i ≠ j)
 * W_out         exact, Σ_t err_k^t r_j^t (RateGradientComputer)
 * </pre>
 * <b>Training A</b> (TD(λ) for a vector-valued prediction that is carried back through the Jacobian): the λ-return
 * <pre>
 * G^{λ,t} = (q^{t+1} + (1 − λ) Ĝ^{t+1} + λ G^{λ,t+1}) D̂^{t+1},  G^{λ,T−1} = 0
 * ε^t = G^{λ,t} − Ĝ^t = (q^{t+1} + Ĝ^{t+1} + λ ε^{t+1}) D̂^{t+1} − Ĝ^t,   ε^{T−1} = 0
 * ΔA = η_A Σ ε^t [r^t; 1]ᵀ / Σ |[r^t; 1]|²      (descent on ½|Ĝ^t − G^{λ,t}|², target fixed)
 * </pre>
 * the sums over the steps t &lt; T − 1 of every sequence of the batch: a normalised (NLMS) step, stable for η_A in (0, 2)
 * whatever the number of steps and the size of r (with an unnormalised step of 1e-3 both A and J diverged on
 * (4,6)-back within 80 batches); the normalisation is one positive number per batch and does not move the fixed point.
 * λ = 0 is the one-step DNI target (q^{t+1} + Ĝ^{t+1}) D̂^{t+1} (plain synthetic gradients); λ = 1 with the exact
 * Jacobian is the true future credit (the BPTT backward pass, Monte Carlo). Writing ε^t = Σ_{τ≥t} λ^{τ−t} δ^τ
 * D̂^τ⋯D̂^{t+1} with the one-step error δ^τ = (q^{τ+1} + Ĝ^{τ+1}) D̂^{τ+1} − Ĝ^τ gives the accumulate form:
 * ΔA ∝ Σ_τ δ^τ · E^τ with the eligibility trace E^τ = λ D̂^τ E^{τ−1} + I ⊗ [r^τ; 1] ({@link AccumulateBpLambdaTrace},
 * online, O(n³) per step). Here A changes only between batches (it is the same for every step of every sequence of a
 * batch), so the two sums are equal term for term and this class computes the backward recursion for ε (O(n²) per
 * step); {@code RateSyntheticGradientsTest} holds the two to 1e-12.
 *
 * <p><b>The learned Jacobian</b> (Marschall et al.'s local alternative to the exact D): J is fitted by the delta rule
 * to predict the next state from the current one, with e_j^t = r_j^t − Σ_l J_jl r_l^{t−1} − c_j,
 * ΔJ_jk = η_J Σ e_j^t r_k^{t−1} / Σ |[r^{t−1}; 1]|² and Δc_j = η_J Σ e_j^t / Σ |[r^{t−1}; 1]|² (sums over the
 * steps t ≥ 1 of every sequence of the batch; normalised as A's step): gradient descent on the least-squares fit of
 * r^t on [r^{t−1}; 1]. For a linear network driven by inputs independent of the past it
 * converges to D = (1 − α) I + α W_rec; for a nonlinear one it is the least-squares linearisation over the visited
 * states. The intercept c is this project's addition to the rule of the issue (ΔJ_ij ∝ r_i (r_j^{t+1} − Σ_k J_jk r_k)):
 * without it the fit's J also absorbs the mean input drive (one-hot inputs have mean 1/2); c is not used in the
 * targets.
 *
 * <p><b>How this differs from the papers.</b> (1) Batch, not online: W, A and J are changed after each batch by their sums
 * over the batch (W by the trainer's optimizer, A and J here by the normalised steps η_A, η_J); the papers update
 * online every step with plain steps. (2) A predicts only the future credit G and the immediate q^t is added exactly
 * (Jaderberg's form); Marschall's DNI code predicts the full credit q^t + G^t from [r^t; y*^t; 1]; here A reads
 * [r^t; 1] (the labels of step t carry no information on future errors in the tasks used). (3) A and J start at 0
 * (the code draws A ~ N(0, 1/m) and starts J at W_rec). (4) Marschall's two-phase two-compartment neurons (the apical
 * compartment carrying Ĝ, A and J as apical synapses, learning in a second phase) are not simulated as compartments:
 * this computes the quantities those compartments hold, per step, in one pass. (5) The target uses the A of the
 * current batch (no separate lagged copy A_). A and J are not saved in a model or a checkpoint, and they are updated
 * in {@link #compute} even if the trainer then rolls back a diverged step.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>name</th><th>meaning</th><th>allowed</th></tr>
 * <tr><td>lambda</td><td>λ of the λ-return (0: plain synthetic gradients)</td><td>[0, 1]</td></tr>
 * <tr><td>lrA</td><td>η_A, normalised step of A (stable below 2)</td><td>&gt; 0</td></tr>
 * <tr><td>lrJ</td><td>η_J, normalised step of the learned J (unused with the exact Jacobian)</td><td>&ge; 0</td></tr>
 * <tr><td>jacobian</td><td>learned J or exact D^t in the targets</td><td>learned, exact</td></tr>
 * </table>
 */
public final class RateSyntheticGradients extends RateGradientComputer {

    /** Which Jacobian carries the targets back one step. */
    public enum Jacobian {
        /** The learned J (delta rule). */
        LEARNED,
        /** The exact D^t of each step. */
        EXACT
    }

    /**
     * @param lambda   λ in [0, 1].
     * @param lrA      η_A &gt; 0.
     * @param lrJ      η_J &ge; 0.
     * @param jacobian learned or exact.
     */
    public record Settings(double lambda, double lrA, double lrJ, Jacobian jacobian) {
        /** Validates. */
        public Settings {
            if (!(lambda >= 0.0 && lambda <= 1.0)) {
                throw new IllegalArgumentException("lambda = " + lambda + ": must be in [0, 1]");
            }
            if (!(lrA > 0.0) || Double.isInfinite(lrA)) {
                throw new IllegalArgumentException("lr_a = " + lrA + ": must be finite and > 0");
            }
            if (!(lrJ >= 0.0) || Double.isInfinite(lrJ)) {
                throw new IllegalArgumentException("lr_j = " + lrJ + ": must be finite and >= 0");
            }
            if (jacobian == null) {
                throw new IllegalArgumentException("jacobian: must not be null");
            }
        }
    }

    /** Per-batch measures of how well J and A match what they estimate ({@link #setDiagnostics}). */
    public record Diagnostics(double jacobianError, double creditCosine, double creditError) {
    }

    private final Settings settings;
    private final Feedback feedback;
    private final String name;
    private int n = -1;
    /** A, n × (n + 1), row-major. */
    private double[] a;
    /** J, n × n. */
    private double[] jac;
    /** c, the intercept of J's fit (not used in the targets). */
    private double[] jBias;
    private double[] dC;
    private double[] dA;
    private double[] dJ;
    /** Σ |[r^t; 1]|² over the steps and sequences that entered dA, and the same for dJ. */
    private double normA;
    private double normJ;
    private double[] q = new double[0];
    private double[] gHat = new double[0];
    private double[] eps;
    private double[] eNext;
    private double[] carry;
    private double[] b;
    private boolean diagnose;
    private double[] dBar;
    private double[] gTrue;
    private double[] gNext;
    private long dCount;
    private double dotGG;
    private double normHat;
    private double normTrue;
    private double sqErr;
    private Diagnostics last;

    /**
     * @param settings λ, steps and Jacobian.
     * @param feedback B of the immediate credit q^t = B err^t.
     * @param name     the rule's name, e.g. "synthetic gradients (rate)".
     */
    public RateSyntheticGradients(final Settings settings, final Feedback feedback, final String name) {
        if (settings == null || feedback == null || name == null) {
            throw new IllegalArgumentException("settings, feedback, name: must not be null");
        }
        this.settings = settings;
        this.feedback = feedback;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the settings. */
    public Settings settings() {
        return settings;
    }

    /** Turns on the per-batch {@link Diagnostics} (costs one more O(n²) backward pass per sequence). */
    public void setDiagnostics(final boolean on) {
        this.diagnose = on;
    }

    /** @return the diagnostics of the last batch, or null (off, or no batch yet). */
    public Diagnostics lastDiagnostics() {
        return last;
    }

    /** @return a copy of A, n × (n + 1) row-major (the last column multiplies the constant 1), or null before use. */
    public double[] creditWeights() {
        return a == null ? null : a.clone();
    }

    /** @return a copy of the learned J, n × n row-major, or null before use. */
    public double[] learnedJacobian() {
        return jac == null ? null : jac.clone();
    }

    /** Sets A (tests: a known synthetic gradient); the network size must already be known or is taken from a. */
    void setCreditWeights(final int units, final double[] values) {
        ensure(units);
        System.arraycopy(values, 0, a, 0, a.length);
    }

    /** Sets the learned J (tests). */
    void setLearnedJacobian(final int units, final double[] values) {
        ensure(units);
        System.arraycopy(values, 0, jac, 0, jac.length);
    }

    private void ensure(final int units) {
        if (n == units) {
            return;
        }
        if (n != -1) {
            throw new IllegalArgumentException(name + ": used on a network of " + n + " units, now " + units);
        }
        n = units;
        a = new double[n * (n + 1)];
        jac = new double[n * n];
        jBias = new double[n];
        dC = new double[n];
        dA = new double[a.length];
        dJ = new double[jac.length];
        eps = new double[n];
        eNext = new double[n];
        carry = new double[n];
        dBar = new double[n * n];
        gNext = new double[n];
    }

    @Override
    void beginBatch(final RecurrentNetwork net, final int steps) {
        if (net.rateUnits().form() != LeakyRateUnit.Form.RATE_LEAK) {
            throw new IllegalArgumentException(name + ": needs rate units of form rate_leak (the state is r), not "
                    + net.rateUnits().form().id());
        }
        ensure(net.recurrent());
        if (q.length != steps * n) {
            q = new double[steps * n];
            gHat = new double[steps * n];
            gTrue = new double[steps * n];
        }
        b = feedback.matrix(net).clone();
        Arrays.fill(dA, 0.0);
        Arrays.fill(dJ, 0.0);
        Arrays.fill(dC, 0.0);
        normA = 0.0;
        normJ = 0.0;
        Arrays.fill(dBar, 0.0);
        dCount = 0;
        dotGG = 0.0;
        normHat = 0.0;
        normTrue = 0.0;
        sqErr = 0.0;
    }

    @Override
    void accumulate(final RecurrentNetwork net, final SequenceBatch batch, final int seq, final Trajectory tr,
            final Gradients out) {
        final int steps = tr.steps;
        final int nIn = net.inputs();
        final int nOut = net.outputs();
        final double alpha = net.rateUnits().unit(net.params().dtMs()).lambda();
        final double[] r = tr.z;
        final double[] psi = tr.psi;
        final double[] wRec = net.wRec();
        final float[] x = batch.inputSpikes();
        final int m = n + 1;
        // q^t = B err^t and Ĝ^t = A [r^t; 1] (0 at the last step)
        for (int t = 0; t < steps; t++) {
            final int base = t * n;
            final int ob = t * nOut;
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int k = 0; k < nOut; k++) {
                    s += b[j * nOut + k] * tr.err[ob + k];
                }
                q[base + j] = s;
                if (t == steps - 1) {
                    gHat[base + j] = 0.0;
                } else {
                    final int row = j * m;
                    gHat[base + j] = RateForwardPass.dot(a, row, r, base, n) + a[row + n];
                }
            }
        }
        // W gradients: (q + Ĝ) α ψ pre
        for (int t = 0; t < steps; t++) {
            final int base = t * n;
            final int xb = (seq * steps + t) * nIn;
            for (int j = 0; j < n; j++) {
                final double d = (q[base + j] + gHat[base + j]) * alpha * psi[base + j];
                if (d == 0.0) {
                    continue;
                }
                final int rowIn = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    out.wIn[rowIn + i] += d * x[xb + i];
                }
                if (t > 0) {
                    final int rowRec = j * n;
                    final int prev = base - n;
                    for (int i = 0; i < n; i++) {
                        out.wRec[rowRec + i] += d * r[prev + i];
                    }
                }
            }
        }
        for (int j = 0; j < n; j++) {
            out.wRec[j * n + j] = 0.0;
        }
        // A: ε^t = (q^{t+1} + Ĝ^{t+1} + λ ε^{t+1}) D̂^{t+1} − Ĝ^t, backward in time
        final double lambda = settings.lambda;
        final boolean exact = settings.jacobian == Jacobian.EXACT;
        Arrays.fill(eNext, 0.0);
        for (int t = steps - 2; t >= 0; t--) {
            final int nb = (t + 1) * n;
            for (int j = 0; j < n; j++) {
                carry[j] = q[nb + j] + gHat[nb + j] + lambda * eNext[j];
            }
            timesJacobian(carry, eps, exact, alpha, psi, nb, wRec);
            final int base = t * n;
            for (int p = 0; p < n; p++) {
                final double e = eps[p] - gHat[base + p];
                eps[p] = e;
                if (e != 0.0) {
                    final int row = p * m;
                    for (int i = 0; i < n; i++) {
                        dA[row + i] += e * r[base + i];
                    }
                    dA[row + n] += e;
                }
            }
            normA += 1.0 + RateForwardPass.dot(r, base, r, base, n);
            final double[] tmp = eNext;
            eNext = eps;
            eps = tmp;
        }
        // J: delta rule r^t ≈ J r^{t−1}
        if (!exact && settings.lrJ > 0.0) {
            for (int t = 1; t < steps; t++) {
                final int base = t * n;
                final int prev = base - n;
                normJ += 1.0 + RateForwardPass.dot(r, prev, r, prev, n);
                for (int j = 0; j < n; j++) {
                    final double e = r[base + j] - RateForwardPass.dot(jac, j * n, r, prev, n) - jBias[j];
                    if (e != 0.0) {
                        final int row = j * n;
                        for (int k = 0; k < n; k++) {
                            dJ[row + k] += e * r[prev + k];
                        }
                        dC[j] += e;
                    }
                }
            }
        }
        if (diagnose) {
            diagnose(steps, alpha, psi, wRec);
        }
        if (seq == batch.batchSize() - 1) {
            endBatch();
        }
    }

    /** out_i = Σ_j v_j D̂_ji with D̂ the learned J or the exact D at the step whose ψ starts at psi[pb]. */
    private void timesJacobian(final double[] v, final double[] outVec, final boolean exact, final double alpha,
            final double[] psi, final int pb, final double[] wRec) {
        if (exact) {
            for (int i = 0; i < n; i++) {
                outVec[i] = (1.0 - alpha) * v[i];
            }
            for (int j = 0; j < n; j++) {
                final double c = v[j] * alpha * psi[pb + j];
                if (c != 0.0) {
                    final int row = j * n;
                    for (int i = 0; i < n; i++) {
                        outVec[i] += c * wRec[row + i];
                    }
                }
            }
        } else {
            Arrays.fill(outVec, 0.0);
            for (int j = 0; j < n; j++) {
                final double c = v[j];
                if (c != 0.0) {
                    final int row = j * n;
                    for (int i = 0; i < n; i++) {
                        outVec[i] += c * jac[row + i];
                    }
                }
            }
        }
    }

    private void diagnose(final int steps, final double alpha, final double[] psi, final double[] wRec) {
        // mean exact Jacobian over steps t ≥ 1
        for (int t = 1; t < steps; t++) {
            final int pb = t * n;
            for (int j = 0; j < n; j++) {
                final double c = alpha * psi[pb + j];
                final int row = j * n;
                for (int i = 0; i < n; i++) {
                    dBar[row + i] += c * wRec[row + i];
                }
                dBar[row + j] += 1.0 - alpha;
            }
            dCount++;
        }
        // true future credit G^t with the exact Jacobian
        Arrays.fill(gNext, 0.0);
        final int last = (steps - 1) * n;
        Arrays.fill(gTrue, last, last + n, 0.0);
        for (int t = steps - 2; t >= 0; t--) {
            final int nb = (t + 1) * n;
            for (int j = 0; j < n; j++) {
                carry[j] = q[nb + j] + gTrue[nb + j];
            }
            timesJacobian(carry, gNext, true, alpha, psi, nb, wRec);
            System.arraycopy(gNext, 0, gTrue, t * n, n);
        }
        for (int k = 0; k < last; k++) {
            dotGG += gHat[k] * gTrue[k];
            normHat += gHat[k] * gHat[k];
            normTrue += gTrue[k] * gTrue[k];
            final double d = gHat[k] - gTrue[k];
            sqErr += d * d;
        }
    }

    private void endBatch() {
        final double etaA = normA > 0 ? settings.lrA / normA : 0.0;
        for (int k = 0; k < a.length; k++) {
            a[k] += etaA * dA[k];
        }
        if (settings.jacobian == Jacobian.LEARNED && settings.lrJ > 0.0) {
            final double etaJ = normJ > 0 ? settings.lrJ / normJ : 0.0;
            for (int k = 0; k < jac.length; k++) {
                jac[k] += etaJ * dJ[k];
            }
            for (int k = 0; k < n; k++) {
                jBias[k] += etaJ * dC[k];
            }
        }
        if (diagnose) {
            double num = 0.0;
            double den = 0.0;
            for (int k = 0; k < dBar.length; k++) {
                final double mean = dBar[k] / dCount;
                final double d = jac[k] - mean;
                num += d * d;
                den += mean * mean;
            }
            final double jErr = settings.jacobian == Jacobian.EXACT ? 0.0 : Math.sqrt(num / den);
            final double cos = normHat > 0 && normTrue > 0 ? dotGG / Math.sqrt(normHat * normTrue) : 0.0;
            final double err = normTrue > 0 ? Math.sqrt(sqErr / normTrue) : Double.NaN;
            last = new Diagnostics(jErr, cos, err);
        }
    }

    /** Test access: the A-update sum of the last batch before scaling (n × (n + 1)). */
    double[] lastCreditUpdateSum() {
        return dA.clone();
    }
}
