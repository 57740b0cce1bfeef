package org.spikering.reservoir.force;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.spikering.reservoir.readout.RlsReadout;
import org.spikering.sim.network.Distribution;

/**
 * FORCE learning (Sussillo &amp; Abbott 2009, their architecture A): a chaotic rate network whose linear readout z is
 * fed back into it, the readout trained online by recursive least squares ({@link RlsReadout}) while the loop runs
 * closed — the network always receives its own output, never the target.
 *
 * <pre>
 *   τ dx/dt = −x + g J r + w_f z,    r = tanh(x),    z = wᵀ r
 *   Euler step:  x ← x + (dt/τ)(−x + g J r + w_f z)
 *   every learn_every steps while training: RLS step of w with features r and target f(t)
 * </pre>
 * J is sparse: each entry non-zero with probability p, then N(0, 1/(pN)); w_f ~ U(−1, 1); w = 0; x(0) ~ N(0, 0.25)
 * per unit and z(0) ~ N(0, 0.25), as in the authors' code. A step's z = wᵀr is computed before that step's RLS update
 * and is what the next step receives (their loop's order); the RLS error is that z minus f(t). As the paper, g = 1.5 makes the network without feedback chaotic (g &gt; 1,
 * Sompolinsky et al. 1988). One step costs O(pN²) for J r and, on a learning step, O(N²) for RLS.
 *
 * <table>
 *   <caption>Parameters (time in ms)</caption>
 *   <tr><th>name</th><th>meaning</th><th>paper's value</th></tr>
 *   <tr><td>size</td><td>N</td><td>1000</td></tr>
 *   <tr><td>gain</td><td>g</td><td>1.5</td></tr>
 *   <tr><td>connectivity</td><td>p</td><td>0.1</td></tr>
 *   <tr><td>feedback</td><td>scale of w_f: U(−feedback, feedback)</td><td>1</td></tr>
 *   <tr><td>tauMs</td><td>τ</td><td>10 ms</td></tr>
 *   <tr><td>dtMs</td><td>integration step</td><td>0.1 τ = 1 ms (their code: dt = 0.1 in units of τ)</td></tr>
 *   <tr><td>learnEvery</td><td>steps between RLS updates</td><td>2</td></tr>
 *   <tr><td>alpha</td><td>P₀ = I/α</td><td>1</td></tr>
 * </table>
 */
public final class ForceNetwork {

    /**
     * @param size         N, &ge; 2.
     * @param gain         g, &ge; 0.
     * @param connectivity p in (0, 1].
     * @param feedback     w_f scale, &ge; 0.
     * @param tauMs        τ in ms, &gt; 0.
     * @param dtMs         step in ms, in (0, τ].
     * @param learnEvery   steps between RLS updates, &ge; 1.
     * @param alpha        P₀ = I/α, &gt; 0.
     * @param seed         seeds J, w_f and x(0).
     */
    public record Parameters(int size, double gain, double connectivity, double feedback, double tauMs, double dtMs,
                             int learnEvery, double alpha, long seed) {

        /** Checks the ranges. */
        public Parameters {
            if (size < 2) {
                throw new IllegalArgumentException("FORCE size = " + size + ": must be >= 2");
            }
            if (!(gain >= 0) || !Double.isFinite(gain)) {
                throw new IllegalArgumentException("FORCE gain = " + gain + ": must be a finite number >= 0");
            }
            if (!(connectivity > 0 && connectivity <= 1)) {
                throw new IllegalArgumentException("FORCE connectivity = " + connectivity + ": must be in (0, 1]");
            }
            if (!(feedback >= 0) || !Double.isFinite(feedback)) {
                throw new IllegalArgumentException("FORCE feedback = " + feedback + ": must be a finite number >= 0");
            }
            if (!(tauMs > 0) || !Double.isFinite(tauMs)) {
                throw new IllegalArgumentException("FORCE tau_ms = " + tauMs + ": must be a finite number > 0");
            }
            if (!(dtMs > 0 && dtMs <= tauMs)) {
                throw new IllegalArgumentException("FORCE dt_ms = " + dtMs + ": must be in (0, tau_ms = " + tauMs + "]");
            }
            if (learnEvery < 1) {
                throw new IllegalArgumentException("FORCE learn_every = " + learnEvery + ": must be >= 1");
            }
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("FORCE alpha = " + alpha + ": must be a finite number > 0");
            }
        }

        /** @return Sussillo &amp; Abbott's network: N = 1000, g = 1.5, p = 0.1, w_f ~ U(−1, 1), τ = 10 ms, dt = 1 ms. */
        public static Parameters paper(final long seed) {
            return new Parameters(1000, 1.5, 0.1, 1.0, 10.0, 1.0, 2, 1.0, seed);
        }
    }

    private final Parameters params;
    private final int n;
    private final int[] rowStart;
    private final int[] col;
    private final double[] val;
    private final double[] wf;
    private final double[] x;
    private final double[] r;
    private final double[] rec;
    private final double[] target = new double[1];
    private final double[] zOut = new double[1];
    private final RlsReadout readout;
    private double z;
    private long step;

    /** @param params the network. */
    public ForceNetwork(final Parameters params) {
        this.params = params;
        this.n = params.size();
        final SplittableRandom rnd = new SplittableRandom(params.seed());
        final Distribution normal = Distribution.normal(0, 1);
        final double scale = params.gain() / Math.sqrt(params.connectivity() * n);
        rowStart = new int[n + 1];
        // p N² non-zeros expected: grow from 1.2 times that (never the dense N² arrays)
        int[] cols = new int[(int) Math.min(Integer.MAX_VALUE - 8, 1.2 * params.connectivity() * n * n + 16)];
        double[] vals = new double[cols.length];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = nnz;
            for (int j = 0; j < n; j++) {
                if (rnd.nextDouble() < params.connectivity()) {
                    if (nnz == cols.length) {
                        cols = java.util.Arrays.copyOf(cols, (int) Math.min(Integer.MAX_VALUE - 8, 2L * cols.length));
                        vals = java.util.Arrays.copyOf(vals, cols.length);
                    }
                    cols[nnz] = j;
                    vals[nnz] = scale * normal.sample(rnd);
                    nnz++;
                }
            }
        }
        rowStart[n] = nnz;
        col = java.util.Arrays.copyOf(cols, nnz);
        val = java.util.Arrays.copyOf(vals, nnz);
        wf = new double[n];
        for (int i = 0; i < n; i++) {
            wf[i] = params.feedback() * (2 * rnd.nextDouble() - 1);
        }
        x = new double[n];
        r = new double[n];
        rec = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 * normal.sample(rnd);
            r[i] = Math.tanh(x[i]);
        }
        readout = new RlsReadout(n, 1, params.alpha(), 1.0);
        z = 0.5 * normal.sample(rnd);
    }

    /**
     * Runs {@code steps} steps with the loop closed, training the readout towards {@code f} if {@code f} is not null.
     *
     * @param steps  steps to run.
     * @param f      target of time in ms (counted from the network's first step), or null to run without learning.
     * @param zTrace receives z after each step (length &ge; steps), or null.
     */
    public void run(final int steps, final DoubleUnaryOperator f, final double[] zTrace) {
        final double a = params.dtMs() / params.tauMs();
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                    sum += val[q] * r[col[q]];
                }
                rec[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                x[i] += a * (-x[i] + rec[i] + wf[i] * z);
                r[i] = Math.tanh(x[i]);
            }
            step++;
            readout.predict(r, zOut);
            z = zOut[0]; // the output of this step, fed back in the next: computed before the update, as in their code
            if (f != null && step % params.learnEvery() == 0) {
                target[0] = f.applyAsDouble(step * params.dtMs());
                readout.learn(r, target);
            }
            if (zTrace != null) {
                zTrace[s] = z;
            }
        }
    }

    /** @return the current readout z. */
    public double output() {
        return z;
    }

    /** @return steps run so far. */
    public long steps() {
        return step;
    }

    /** @return the current state x, live. */
    public double[] state() {
        return x;
    }

    /**
     * Adds {@code delta} to one unit's state (and its rate), e.g. to measure the separation of nearby trajectories.
     *
     * @param unit  the unit.
     * @param delta the change of x.
     */
    public void perturb(final int unit, final double delta) {
        x[unit] += delta;
        r[unit] = Math.tanh(x[unit]);
    }

    /** @return the current rates r = tanh(x), live. */
    public double[] rates() {
        return r;
    }

    /** @return the readout weights w (length N), live. */
    public double[] readoutWeights() {
        return readout.weights()[0];
    }

    /**
     * Sussillo &amp; Abbott's periodic target (their Figure 2 code): four harmonics of period T,
     * f(t) = (A/1.5)[sin(ωt) + sin(2ωt)/2 + sin(3ωt)/6 + sin(4ωt)/3], ω = 2π/T.
     *
     * @param amplitude A (theirs 1.3).
     * @param periodMs  T in ms (theirs 1200 ms: 120 τ).
     * @return f of t in ms.
     */
    public static DoubleUnaryOperator fourSines(final double amplitude, final double periodMs) {
        final double omega = 2 * Math.PI / periodMs;
        return t -> amplitude / 1.5 * (Math.sin(omega * t) + Math.sin(2 * omega * t) / 2 + Math.sin(3 * omega * t) / 6
                + Math.sin(4 * omega * t) / 3);
    }
}
