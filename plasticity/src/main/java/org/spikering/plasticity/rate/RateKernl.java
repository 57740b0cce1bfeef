package org.spikering.plasticity.rate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Kernel RNN learning (KeRNL; Roth, Kanitscheider and Fiete 2019; Marschall et al. 2020 §5.3) on a leaky rate RNN:
 * the influence matrix of {@link RateRtrl} approximated as M^t_k,(j,i) ≈ A_kj B^t_ji, i.e. the sensitivity
 * ∂h_k^{t}/∂h_j^{s} ≈ A_kj (1 − γ_j)^{t−s}, with a matrix A (n × n) and timescales γ (n) that the rule learns itself
 * from a perturbed copy of the network, and an eligibility trace B (n × (n_in + n)); notation of
 * {@link RateInfluence}, ζ^t ~ N(0, σ²) per unit and step:
 * <pre>
 * perturbed copy:   h̃^t = F(h̃^{t−1}, x^t) + ζ^t        (F the network's step, {@link LeakyRateUnit}; h̃^{−1} = 0)
 * Γ^t = (1 − γ) Γ^{t−1} − Ω^{t−1},    Ω^t = (1 − γ) Ω^{t−1} + ζ^t        (Γ = ∂Ω/∂γ; elementwise)
 * e^t = A Ω^t − (h̃^t − h^t)                                            (predicted minus observed effect)
 * B^t_ji = (1 − γ_j) B^{t−1}_ji + D_j^t pre_i^t
 * dE/dθ_(j,i) ≈ Σ_t (c^tᵀ A)_j B^t_ji                                   (A before this step's update)
 * A_kj ← A_kj − η e_k^t Ω_j^t / σ²,   γ_j ← clip_[0,1](γ_j − η (Σ_k e_k^t A_kj) Γ_j^t / σ²)
 * </pre>
 * (SGD on ½‖e‖²/σ², one step per time step of every sequence, in batch order.) A and γ persist across sequences and
 * batches (they are the rule's own learned state); B, Ω, Γ and h̃ start at 0 in every sequence, as the network
 * state does. Differences from Marschall's code (vanilla-rtrl KeRNL): the loss is divided by σ², so η does not scale
 * with σ² (theirs passes the unscaled gradient to its own optimiser); the perturbation of step t enters h̃^t and
 * Ω^t in the same step (theirs adds the previous step's ζ to the copy and the new one to Ω); A starts at I and γ at
 * λ (theirs: γ = 0.8), so at the start KeRNL's gradient is e-prop's with B = W_outᵀ on both forms (a test checks
 * this); no bias column. ζ from a {@link SplittableRandom} seeded with the rule's seed, one stream per run (a resumed
 * run restarts it and starts A, γ afresh). Defaults σ = {@value #DEFAULT_SIGMA} (in units of h), η =
 * {@value #DEFAULT_ETA} (on the sine of RateTrainingTest, η = 1e-3 learned worse than e-prop, 1e-4 and 1e-5
 * better; no tuning beyond that). State n² + n (A, γ) + n(n_in + n) (B) + 3n (Ω, Γ, h̃) doubles, cost
 * O(n² + n n_in) per step.
 */
public final class RateKernl extends RateGradientComputer implements RuleStateSize {
    /** Default perturbation σ, in units of the state h (rate r or current u). */
    public static final double DEFAULT_SIGMA = 1e-4;
    /** Default step size of A and γ per time step. */
    public static final double DEFAULT_ETA = 1e-4;

    private final SplittableRandom random;
    private final double sigma;
    private final double eta;
    private RateInfluence f;
    private double[] kA = new double[0];
    private double[] gamma = new double[0];
    private double[] trace = new double[0];
    private double[] omega = new double[0];
    private double[] dOmega = new double[0];
    private double[] hNoisy = new double[0];
    private double[] rNoisy = new double[0];
    private double[] rNoisyPrev = new double[0];
    private double[] e = new double[0];
    private double[] q = new double[0];
    private double[] g = new double[0];

    /** @param seed seed of the perturbation stream; σ and η the defaults. */
    public RateKernl(long seed) {
        this(seed, DEFAULT_SIGMA, DEFAULT_ETA);
    }

    /**
     * @param seed  seed of the perturbation stream.
     * @param sigma perturbation standard deviation, &gt; 0.
     * @param eta   step size of A and γ, ≥ 0 (0: A = I and γ = λ stay fixed).
     */
    public RateKernl(long seed, double sigma, double eta) {
        if (!(sigma > 0.0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("KeRNL sigma = " + sigma + ": must be a finite number > 0");
        }
        if (!(eta >= 0.0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("KeRNL eta = " + eta + ": must be a finite number >= 0");
        }
        this.random = new SplittableRandom(seed);
        this.sigma = sigma;
        this.eta = eta;
    }

    @Override
    public String name() {
        return "KeRNL (rate)";
    }

    /** @return a copy of the learned sensitivity matrix A ([k][j]). */
    public double[] sensitivity() {
        return kA.clone();
    }

    /** @return a copy of the learned rates γ. */
    public double[] timescales() {
        return gamma.clone();
    }

    @Override
    void beginBatch(RecurrentNetwork net, int steps) {
        if (f == null || !f.fits(net)) {
            f = new RateInfluence(net);
            final int n = f.n;
            kA = new double[n * n];
            for (int k = 0; k < n; k++) {
                kA[k * n + k] = 1.0;
            }
            gamma = new double[n];
            Arrays.fill(gamma, f.lambda);
            trace = new double[n * f.m];
            omega = new double[n];
            dOmega = new double[n];
            hNoisy = new double[n];
            rNoisy = new double[n];
            rNoisyPrev = new double[n];
            e = new double[n];
            q = new double[n];
            g = new double[n * f.m];
        }
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr, Gradients out) {
        final int n = f.n;
        final int m = f.m;
        final int nIn = f.nIn;
        final LeakyRateUnit unit = net.rateUnits().unit(net.params().dtMs());
        final double bias = net.rateUnits().bias();
        final double[] wIn = net.wIn();
        final double[] wRec = net.wRec();
        final float[] x = batch.inputSpikes();
        final double inv2 = 1.0 / (sigma * sigma);
        Arrays.fill(trace, 0.0);
        Arrays.fill(omega, 0.0);
        Arrays.fill(dOmega, 0.0);
        Arrays.fill(hNoisy, 0.0);
        Arrays.fill(rNoisy, 0.0);
        Arrays.fill(g, 0.0);
        for (int t = 0; t < tr.steps; t++) {
            f.step(net, batch, seq, tr, t, false);
            final int base = t * n;
            final int xb = (seq * tr.steps + t) * nIn;
            System.arraycopy(rNoisy, 0, rNoisyPrev, 0, n);
            for (int j = 0; j < n; j++) { // the perturbed copy, h̃^t = F(h̃^{t−1}) + ζ^t
                double in = bias;
                for (int i = 0; i < nIn; i++) {
                    in += wIn[j * nIn + i] * x[xb + i];
                }
                if (t > 0) {
                    in += RateForwardPass.dot(wRec, j * n, rNoisyPrev, 0, n);
                }
                final double zeta = sigma * random.nextGaussian();
                final double h = unit.next(t > 0 ? hNoisy[j] : 0.0, in) + zeta;
                hNoisy[j] = h;
                rNoisy[j] = f.rateLeak ? h : unit.rate(h);
                final double k = 1.0 - gamma[j];
                dOmega[j] = k * dOmega[j] - omega[j];
                omega[j] = k * omega[j] + zeta;
            }
            for (int k = 0; k < n; k++) {
                final double clean = f.rateLeak ? tr.z[base + k] : tr.v[base + k];
                e[k] = RateForwardPass.dot(kA, k * n, omega, 0, n) - (hNoisy[k] - clean);
            }
            Arrays.fill(q, 0.0); // q_j = (cᵀA)_j
            for (int k = 0; k < n; k++) {
                final double ck = f.c[k];
                if (ck != 0.0) {
                    for (int j = 0; j < n; j++) {
                        q[j] += ck * kA[k * n + j];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                final int row = j * m;
                final double decay = 1.0 - gamma[j];
                final double dj = f.d[j];
                final double qj = q[j];
                for (int i = 0; i < m; i++) {
                    final double b = decay * trace[row + i] + dj * f.pre[i];
                    trace[row + i] = b;
                    g[row + i] += qj * b;
                }
            }
            if (eta > 0.0) {
                for (int j = 0; j < n; j++) { // γ first: its gradient uses A before the update
                    double s = 0.0;
                    for (int k = 0; k < n; k++) {
                        s += e[k] * kA[k * n + j];
                    }
                    gamma[j] = Math.min(1.0, Math.max(0.0, gamma[j] - eta * s * dOmega[j] * inv2));
                }
                for (int k = 0; k < n; k++) {
                    final double c = eta * e[k] * inv2;
                    if (c != 0.0) {
                        for (int j = 0; j < n; j++) {
                            kA[k * n + j] -= c * omega[j];
                        }
                    }
                }
            }
        }
        f.addRows(g, out.wIn, out.wRec);
    }

    @Override
    public long stateBytes(RecurrentNetwork net, int steps) {
        final long n = net.recurrent();
        return 8L * (n * n + n + n * (net.inputs() + n) + 3 * n);
    }
}
