package org.spikering.neuron.alif;

import java.util.Arrays;
import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronPopulation;
import org.spikering.neuron.SurrogateGradient;
import org.spikering.neuron.lif.ResetMode;

/**
 * Adaptive-threshold LIF neurons (Bellec et al. 2020, "ALIF"), delta synapses, exact integration.
 * State relative to rest, y = V − E_L.
 *
 * <pre>
 *   A_t = V_th + β·a_t                      (adaptive threshold)
 *   a_{t+1} = ρ·a_t + z_t,   ρ = e^{−h/τ_a}  (a jumps by 1 on each spike, decays with τ_a)
 * </pre>
 * One step t → t+1 (x_t = summed input in mV): a ← ρ·a; if not refractory y ← P22·y + P20·I_e + x_t
 * (else counter − 1, input discarded); if y ≥ A − E_L = (V_th − E_L) + β·a: spike, a ← a + 1, reset,
 * refractory. Membrane propagators as {@link org.spikering.neuron.lif.LifDeltaPopulation}.
 *
 * <table>
 *   <caption>State variables</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>V_m</td><td>mV</td><td>membrane potential</td></tr>
 *   <tr><td>a</td><td>—</td><td>adaptation variable</td></tr>
 *   <tr><td>A</td><td>mV</td><td>adaptive threshold V_th + β·a</td></tr>
 *   <tr><td>refractory_steps</td><td>steps</td><td>remaining refractory steps</td></tr>
 * </table>
 * Not thread-safe; disjoint index ranges may be updated from different threads.
 */
public final class AlifPopulation implements NeuronPopulation {

    private static final String[] STATE_NAMES = {"V_m", "a", "A", "refractory_steps"};

    private final AlifParameters p;
    private final int n;
    private final double dt;
    private final double p22;
    private final double p20;
    private final double rho;
    private final double theta;
    private final double beta;
    private final double reset;
    private final double resetJump;
    private final boolean subtract;
    private final int refractorySteps;
    private final double[] y;
    private final double[] a;
    private final double[] biasPa;
    private final int[] refractory;

    /**
     * @param params parameters.
     * @param size   number of neurons.
     * @param dtMs   step h, ms.
     */
    public AlifPopulation(final AlifParameters params, final int size, final double dtMs) {
        this.p = params;
        this.n = Check.atLeastOne("population size", size);
        this.dt = Check.positive("dt", dtMs, "ms");
        this.p22 = Math.exp(-dtMs / params.tauM());
        this.p20 = params.tauM() / params.cM() * -Math.expm1(-dtMs / params.tauM());
        this.rho = Math.exp(-dtMs / params.tauA());
        this.theta = params.vTh() - params.eL();
        this.beta = params.beta();
        this.reset = params.vReset() - params.eL();
        this.resetJump = params.vTh() - params.vReset();
        this.subtract = params.resetMode() == ResetMode.BY_SUBTRACTION;
        this.refractorySteps = (int) Math.round(params.tRef() / dtMs);
        this.y = new double[size];
        Arrays.fill(y, params.vInit() - params.eL());
        this.a = new double[size];
        this.biasPa = new double[size];
        Arrays.fill(biasPa, params.iE());
        this.refractory = new int[size];
    }

    /** @return the adaptation decay ρ = e^{−h/τ_a} per step. */
    public double rho() {
        return rho;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double dtMs() {
        return dt;
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public int update(final long step, final int from, final int to, final double[] input0, final double[] input1,
                      final int[] spikes, final int spikeCount) {
        final double[] y = this.y;
        final double[] a = this.a;
        final int[] refr = this.refractory;
        int count = spikeCount;
        for (int i = from; i < to; i++) {
            final double ai = rho * a[i];
            if (refr[i] == 0) {
                final double v = p22 * y[i] + p20 * biasPa[i] + input0[i];
                if (v >= theta + beta * ai) {
                    y[i] = subtract ? v - resetJump : reset;
                    refr[i] = refractorySteps;
                    a[i] = ai + 1.0;
                    spikes[count++] = i;
                    continue;
                }
                y[i] = v;
            } else {
                refr[i]--;
            }
            a[i] = ai;
        }
        return count;
    }

    @Override
    public void advanceWithoutInput(final int neuron, final long steps) {
        a[neuron] *= Math.pow(rho, steps);
        long k = steps;
        final int r = refractory[neuron];
        if (r > 0) {
            final long clamped = Math.min(r, k);
            refractory[neuron] = (int) (r - clamped);
            k -= clamped;
        }
        if (k > 0) {
            final double yInf = p20 * biasPa[neuron] / (1.0 - p22);
            y[neuron] = yInf + (y[neuron] - yInf) * Math.pow(p22, k);
        }
    }

    /**
     * @param neuron local index.
     * @return the adaptive threshold A = V_th + β·a, mV (absolute).
     */
    public double threshold(final int neuron) {
        return p.vTh() + beta * a[neuron];
    }

    /**
     * Sets the adaptation variable (e.g. to start a decay test).
     *
     * @param neuron local index.
     * @param value  a, dimensionless, &ge; 0.
     */
    public void setAdaptation(final int neuron, final double value) {
        a[neuron] = Check.nonNegative("a", value, "");
    }

    @Override
    public double membranePotential(final int neuron) {
        return y[neuron] + p.eL();
    }

    @Override
    public void setMembranePotential(final int neuron, final double vMillivolt) {
        y[neuron] = Check.finite("V_m", vMillivolt, "mV") - p.eL();
    }

    @Override
    public String[] stateVariableNames() {
        return STATE_NAMES.clone();
    }

    @Override
    public double stateVariable(final String name, final int neuron) {
        switch (name) {
            case "V_m":
                return membranePotential(neuron);
            case "a":
                return a[neuron];
            case "A":
                return threshold(neuron);
            case "refractory_steps":
                return refractory[neuron];
            default:
                throw new IllegalArgumentException("state variable '" + name
                        + "' of alif: must be one of V_m, a, A, refractory_steps");
        }
    }

    /**
     * Pseudo-derivatives ψ = g(V − A) of neurons [from, to), scaled by V_th − E_L (0 while refractory).
     *
     * @param g     surrogate.
     * @param gamma dampening factor.
     * @param slope slope β of the surrogate, 1/mV.
     * @param from  first index.
     * @param to    last index, exclusive.
     * @param out   output, indexed by neuron.
     */
    public void pseudoDerivatives(final SurrogateGradient g, final double gamma, final double slope,
                                  final int from, final int to, final double[] out) {
        for (int i = from; i < to; i++) {
            out[i] = refractory[i] > 0 ? 0.0 : g.value(y[i] - theta - beta * a[i], theta, gamma, slope);
        }
    }
}
