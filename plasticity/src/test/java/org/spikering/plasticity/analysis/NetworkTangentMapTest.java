package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * {@link NetworkTangentMap} against independent computations of the step Jacobian: for rate networks central finite
 * differences of one step of the units' equation written here (every activation, both forms); for LIF/ALIF networks
 * the surrogate Jacobian assembled here as a dense block matrix (TASKS.md §6.3's form extended with ALIF's a), with
 * the reset detached and attached.
 */
final class NetworkTangentMapTest {
    private static final int IN = 3;
    private static final int REC = 6;
    private static final int STEPS = 12;

    private static float[] input(final long seed, final boolean spikes) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] x = new float[STEPS * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = spikes ? (r.nextDouble() < 0.4 ? 1f : 0f) : (float) (2.0 * r.nextDouble() - 0.5);
        }
        return x;
    }

    private static double phi(final RateActivation f, final double x) {
        return switch (f) {
            case RELU -> Math.max(0.0, x);
            case TANH -> Math.tanh(x);
            case SOFTPLUS -> Math.log1p(Math.exp(x));
            case RECTIFIED_TANH -> Math.max(0.0, Math.tanh(x));
            case LINEAR -> x;
        };
    }

    /** One step of the rate units from state s (r for rate_leak, u for current_leak) with input x^t. */
    private static double[] step(final RecurrentNetwork net, final double[] s, final float[] x, final int t) {
        final RateUnits u = net.rateUnits();
        final double lambda = net.params().dtMs() / u.tauMs();
        final boolean rateLeak = u.form() == LeakyRateUnit.Form.RATE_LEAK;
        final double[] out = new double[REC];
        for (int j = 0; j < REC; j++) {
            double a = u.bias();
            for (int i = 0; i < IN; i++) {
                a += net.wIn()[j * IN + i] * x[t * IN + i];
            }
            for (int i = 0; i < REC; i++) {
                a += net.wRec()[j * REC + i] * (rateLeak ? s[i] : phi(u.activation(), s[i]));
            }
            out[j] = (1 - lambda) * s[j] + lambda * (rateLeak ? phi(u.activation(), a) : a);
        }
        return out;
    }

    @Test
    void rateJacobiansMatchFiniteDifferencesOfOneStep() {
        for (RateActivation f : RateActivation.values()) {
            for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
                final RecurrentNetwork net = RecurrentNetwork.randomRate(IN, REC, 2, new RateUnits(f, 3.0, form, 0.1),
                        NetworkParams.nestSineWave(), 5, 1.5, 1.5, 1.0);
                final float[] x = input(9, false);
                final Trajectory tr = NetworkLyapunov.run(net, x);
                final NetworkTangentMap map = new NetworkTangentMap(net, tr, false);
                assertEquals(REC, map.dimension());
                assertEquals(STEPS - 1, map.steps());
                final boolean rateLeak = form == LeakyRateUnit.Form.RATE_LEAK;
                final SplittableRandom r = new SplittableRandom(2);
                final double[] q = new double[2 * REC];
                for (int i = 0; i < q.length; i++) {
                    q[i] = r.nextDouble() - 0.5;
                }
                for (int t = 1; t < STEPS; t++) {
                    final double[] out = new double[2 * REC];
                    map.apply(t, q, 2, out);
                    final double[] s = new double[REC];
                    for (int j = 0; j < REC; j++) {
                        s[j] = rateLeak ? tr.z[(t - 1) * REC + j] : tr.v[(t - 1) * REC + j];
                    }
                    final double eps = 1e-6;
                    for (int c = 0; c < 2; c++) {
                        final double[] plus = s.clone();
                        final double[] minus = s.clone();
                        for (int j = 0; j < REC; j++) {
                            plus[j] += eps * q[c * REC + j];
                            minus[j] -= eps * q[c * REC + j];
                        }
                        final double[] sp = step(net, plus, x, t);
                        final double[] sm = step(net, minus, x, t);
                        for (int j = 0; j < REC; j++) {
                            assertEquals((sp[j] - sm[j]) / (2 * eps), out[c * REC + j], 1e-8,
                                    f + " " + form + " t " + t + " unit " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void spikingSurrogateJacobianIsTheBlockMatrix() {
        final NetworkParams p = new NetworkParams(1.0, 20.0, 0.6, 2, false, 0.3, 1.0 / 0.6, 200.0, 0.07, 20.0, 0.0, 10.0);
        final RecurrentNetwork net = RecurrentNetwork.random(IN, REC, 2, 3, p, 17, 25.0, 6.0, 1.0);
        final float[] x = input(4, true);
        final Trajectory tr = NetworkLyapunov.run(net, x);
        int spikes = tr.totalSpikes();
        org.junit.jupiter.api.Assertions.assertTrue(spikes > 5, "the network must spike: " + spikes);
        for (boolean attach : new boolean[] {false, true}) {
            final NetworkTangentMap map = new NetworkTangentMap(net, tr, attach);
            final int[] slot = new int[REC];
            int n = REC;
            for (int j = 0; j < REC; j++) {
                slot[j] = net.isAdaptive(j) ? n++ : -1;
            }
            assertEquals(n, map.dimension());
            final double alpha = Math.exp(-1.0 / 20.0);
            final double zeta = 1.0 - alpha;
            final double rho = Math.exp(-1.0 / 200.0);
            for (int t = 1; t < STEPS; t++) {
                // J = [[αI + (ζW − c I) Ψ, −β_a (ζW − c I) Ψ_A], [Ψ_A', ρI − β_a Ψ_AA]], Ψ = diag(ψ^{t−1}), c = v_th if
                // the reset is attached
                final double[][] jac = new double[n][n];
                for (int i = 0; i < REC; i++) {
                    jac[i][i] += alpha;
                    for (int j = 0; j < REC; j++) {
                        final double m = zeta * net.wRec()[i * REC + j] - (attach && i == j ? 0.6 : 0.0);
                        final double psi = tr.psi[(t - 1) * REC + j];
                        jac[i][j] += m * psi;
                        if (slot[j] >= 0) {
                            jac[i][slot[j]] += -0.07 * m * psi;
                        }
                    }
                }
                for (int j = 0; j < REC; j++) {
                    if (slot[j] >= 0) {
                        final double psi = tr.psi[(t - 1) * REC + j];
                        jac[slot[j]][j] = psi;
                        jac[slot[j]][slot[j]] = rho - 0.07 * psi;
                    }
                }
                final SplittableRandom r = new SplittableRandom(t);
                final double[] q = new double[n];
                for (int i = 0; i < n; i++) {
                    q[i] = r.nextDouble() - 0.5;
                }
                final double[] out = new double[n];
                map.apply(t, q, 1, out);
                for (int i = 0; i < n; i++) {
                    double s = 0.0;
                    for (int j = 0; j < n; j++) {
                        s += jac[i][j] * q[j];
                    }
                    assertEquals(s, out[i], 1e-14, "attach " + attach + " t " + t + " row " + i);
                }
            }
        }
    }
}
