package org.spikering.reservoir.analysis;

import java.util.SplittableRandom;
import org.spikering.reservoir.Vectors;
import org.spikering.reservoir.esn.EchoStateNetwork;

/**
 * Maximum Lyapunov exponent of a rate reservoir along its input-driven trajectory (Benettin et al. 1980,
 * the one-vector case of the QR method): a tangent vector is propagated with the step Jacobian
 * J_t = (1 − α) I + α diag(f'(a_t)) W, renormalised each step, and λ_max = (1/T) Σ_t ln ‖J_t v_{t−1}‖, per
 * step. λ_max &lt; 0: contracting (echo state property holds along this input); &gt; 0: chaotic.
 */
public final class Lyapunov {

    private Lyapunov() {
    }

    /**
     * @param esn     reservoir (its state is reset).
     * @param input   input series driving the trajectory.
     * @param washout steps before averaging starts.
     * @return λ_max per step (natural log).
     */
    public static double maximum(final EchoStateNetwork esn, final double[] input, final int washout) {
        if (washout < 0 || washout >= input.length) {
            throw new IllegalArgumentException("washout = " + washout + ": must be in [0, " + input.length + ")");
        }
        final int n = esn.size();
        esn.reset();
        double[] v = new double[n];
        double[] w = new double[n];
        final SplittableRandom r = new SplittableRandom(77);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() - 0.5;
        }
        Vectors.normalise(v);
        final double[] u = new double[1];
        double sum = 0;
        for (int t = 0; t < input.length; t++) {
            u[0] = input[t];
            esn.step(u);
            esn.applyJacobian(v, w);
            final double norm = Vectors.normalise(w);
            if (t >= washout) {
                sum += Math.log(norm);
            }
            final double[] tmp = v;
            v = w;
            w = tmp;
        }
        return sum / (input.length - washout);
    }

    /**
     * Maximum Lyapunov exponent of a fixed linear map x ← A x (for checking: equals ln ρ(A)).
     *
     * @param a     row-major n×n matrix.
     * @param n     size.
     * @param steps iterations.
     * @return λ_max per step.
     */
    public static double ofLinearMap(final double[] a, final int n, final int steps) {
        double[] v = new double[n];
        double[] w = new double[n];
        final SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() - 0.5;
        }
        Vectors.normalise(v);
        double sum = 0;
        final int burn = steps / 10;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * v[j];
                }
                w[i] = s;
            }
            final double norm = Vectors.normalise(w);
            if (t >= burn) {
                sum += Math.log(norm);
            }
            final double[] tmp = v;
            v = w;
            w = tmp;
        }
        return sum / (steps - burn);
    }
}
