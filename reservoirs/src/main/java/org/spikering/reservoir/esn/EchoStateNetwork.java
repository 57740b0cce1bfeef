package org.spikering.reservoir.esn;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.spikering.sim.network.Distribution;

/**
 * A leaky echo state network (Jaeger 2001; reservoirpy's {@code Reservoir}):
 * <pre>
 *   x(t+1) = (1 − α)·x(t) + α·f(W x(t) + W_in u(t+1) + b)
 * </pre>
 * W is drawn once from the seed and rescaled so that its spectral radius, <em>computed</em> by
 * {@link SpectralRadius}, equals the requested ρ; {@link #spectralRadius()} reports the value computed
 * again after scaling. W is stored in CSR (row-major, double). Not thread-safe (holds the state x).
 */
public final class EchoStateNetwork {

    private static final Distribution STANDARD_NORMAL = Distribution.normal(0, 1);

    private final EsnParameters p;
    private final int n;
    private final int inputs;
    private final int[] rowStart;
    private final int[] col;
    private final double[] val;
    private final double[] win;
    private final double[] x;
    private final double[] pre;
    private final double measuredRadius;

    /**
     * @param params parameters.
     * @param inputs input dimension, &ge; 1.
     */
    public EchoStateNetwork(final EsnParameters params, final int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs = " + inputs + ": must be >= 1");
        }
        this.p = params;
        this.n = params.size();
        this.inputs = inputs;
        final SplittableRandom rnd = new SplittableRandom(params.seed());
        final double[] dense = params.topology() == EsnParameters.Topology.ORTHOGONAL ? orthogonal(n, rnd) : null;
        final int[] rs = new int[n + 1];
        int[] c = new int[Math.max(16, (int) (n * (long) n * params.connectivity() * 1.2) + 16)];
        double[] v = new double[c.length];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            rs[i] = nnz;
            for (int j = 0; j < n; j++) {
                final double w;
                if (dense != null) {
                    w = dense[i * n + j];
                } else {
                    if (rnd.nextDouble() >= params.connectivity()) {
                        continue;
                    }
                    w = gaussian(rnd);
                }
                if (nnz == c.length) {
                    c = java.util.Arrays.copyOf(c, c.length * 2);
                    v = java.util.Arrays.copyOf(v, v.length * 2);
                }
                c[nnz] = j;
                v[nnz] = w;
                nnz++;
            }
        }
        rs[n] = nnz;
        this.rowStart = rs;
        this.col = java.util.Arrays.copyOf(c, nnz);
        this.val = java.util.Arrays.copyOf(v, nnz);
        final double rho0 = radius();
        if (!(rho0 > 0)) {
            throw new IllegalArgumentException("size = " + n + ", connectivity = " + params.connectivity()
                    + ": the drawn W has spectral radius 0 (too sparse); increase size or connectivity");
        }
        final double scale = params.spectralRadius() / rho0;
        for (int q = 0; q < nnz; q++) {
            val[q] *= scale;
        }
        this.measuredRadius = radius();
        if (params.activation() == EsnParameters.Activation.LINEAR && params.leakRate() < 1) {
            final double r = linearUpdateRadius();
            if (r > 1 + STABILITY_TOLERANCE) {
                throw new IllegalArgumentException("spectral_radius = " + params.spectralRadius() + ", leak_rate = "
                        + params.leakRate() + ": a linear reservoir is unstable here: its update (1 - leak) I + leak W has"
                        + " spectral radius " + String.format(java.util.Locale.ROOT, "%.4f", r) + " > 1, so its states"
                        + " grow without bound and every score is NaN; the radius of the update must be <= 1 (lower the spectral"
                        + " radius or use the tanh activation)");
            }
        }
        this.win = new double[n * inputs];
        for (int k = 0; k < win.length; k++) {
            win[k] = params.inputScaling() * (2 * rnd.nextDouble() - 1);
        }
        this.x = new double[n];
        this.pre = new double[n];
    }

    /** Tolerance of the stability check on the computed radius (the scaled W has ρ 1 to about 1e-12). */
    public static final double STABILITY_TOLERANCE = 1e-6;

    /**
     * Spectral radius of the linear update x ← M x + α W_in u, M = (1 − α) I + α W: a linear reservoir is
     * stable (has the echo state property) iff ρ(M) &lt; 1, marginal at 1. Eigenvalues of M are 1 − α + α λ_i(W),
     * so for α = 1 it is ρ(W); otherwise computed like ρ(W) (exact up to {@link SpectralRadius#EXACT_LIMIT}
     * units, power iteration above).
     */
    private double linearUpdateRadius() {
        final double a = p.leakRate();
        if (a == 1.0) {
            return measuredRadius;
        }
        if (n <= SpectralRadius.EXACT_LIMIT) {
            final double[] d = new double[n * n];
            for (int i = 0; i < n; i++) {
                d[i * n + i] = 1 - a;
                for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                    d[i * n + col[q]] += a * val[q];
                }
            }
            return SpectralRadius.exact(d, n);
        }
        final int[] rs = new int[n + 1];
        final int[] c = new int[col.length + n];
        final double[] v = new double[col.length + n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            rs[i] = k;
            c[k] = i;
            v[k++] = 1 - a;
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                c[k] = col[q];
                v[k++] = a * val[q];
            }
        }
        rs[n] = k;
        return SpectralRadius.powerEstimate(rs, c, v, n);
    }

    private double radius() {
        if (n <= SpectralRadius.EXACT_LIMIT) {
            final double[] d = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                    d[i * n + col[q]] = val[q];
                }
            }
            return SpectralRadius.exact(d, n);
        }
        return SpectralRadius.powerEstimate(rowStart, col, val, n);
    }

    private static double gaussian(final SplittableRandom r) {
        return STANDARD_NORMAL.sample(r);
    }

    private static double[] orthogonal(final int n, final SplittableRandom r) {
        final double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = gaussian(r);
            }
        }
        final RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getQ();
        final double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = q.getEntry(i, j);
            }
        }
        return d;
    }

    /** @return the spectral radius of W computed after scaling. */
    public double spectralRadius() {
        return measuredRadius;
    }

    /** @return N. */
    public int size() {
        return n;
    }

    /** @return the parameters. */
    public EsnParameters parameters() {
        return p;
    }

    /** Sets the state to 0. */
    public void reset() {
        java.util.Arrays.fill(x, 0.0);
    }

    /** @return the live state vector (do not modify). */
    public double[] state() {
        return x;
    }

    /**
     * One update with input u (length = inputs).
     *
     * @param u input.
     */
    public void step(final double[] u) {
        final double a = p.leakRate();
        final boolean tanh = p.activation() == EsnParameters.Activation.TANH;
        for (int i = 0; i < n; i++) {
            double s = p.bias();
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                s += val[q] * x[col[q]];
            }
            final int base = i * inputs;
            for (int k = 0; k < inputs; k++) {
                s += win[base + k] * u[k];
            }
            pre[i] = tanh ? Math.tanh(s) : s;
        }
        for (int i = 0; i < n; i++) {
            x[i] = (1 - a) * x[i] + a * pre[i];
        }
    }

    /**
     * Runs from the zero state over a scalar input series and returns all states.
     *
     * @param u input series.
     * @return states[t][i] after input u[t].
     */
    public double[][] run(final double[] u) {
        reset();
        final double[][] states = new double[u.length][];
        final double[] in = new double[1];
        for (int t = 0; t < u.length; t++) {
            in[0] = u[t];
            step(in);
            if (!Double.isFinite(x[0])) {
                throw new IllegalStateException("reservoir state became " + x[0] + " at step " + t
                        + ": spectral radius or input scaling too large for a linear reservoir");
            }
            states[t] = x.clone();
        }
        return states;
    }

    /**
     * @param v   a vector.
     * @param out W v.
     */
    public void applyJacobianLinear(final double[] v, final double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                s += val[q] * v[col[q]];
            }
            out[i] = s;
        }
    }

    /**
     * Tangent map of one step at the current state (for Lyapunov exponents): J = (1 − α) I + α D W with
     * D = diag(f'(pre-activation)); applies J to {@code v} using the pre-activation of the last step.
     *
     * @param v   a tangent vector.
     * @param out J v.
     */
    public void applyJacobian(final double[] v, final double[] out) {
        final double a = p.leakRate();
        final boolean tanh = p.activation() == EsnParameters.Activation.TANH;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                s += val[q] * v[col[q]];
            }
            final double d = tanh ? 1 - pre[i] * pre[i] : 1.0;
            out[i] = (1 - a) * v[i] + a * d * s;
        }
    }
}
