package org.spikering.neuron.alif;

import org.spikering.neuron.Check;
import org.spikering.neuron.SurrogateGradient;

/**
 * The equations of the e-prop LIF/ALIF neuron (Bellec et al. 2020; NEST 3.9
 * {@code eprop_iaf_bsshslm_2020::update} and {@code eprop_iaf_adapt_bsshslm_2020::update}) for one step
 * h, with its propagators computed once. Every implementation of this neuron calls {@link #step}: the
 * e-prop forward pass and online trainer of the plasticity module (state in trajectory arrays) and
 * {@link AlifPopulation} (state in its own arrays, run by sim-core's engines). Potentials relative to rest.
 *
 * <p>One step t (I_t = summed weighted input spikes arriving for step t, z_{t−1} = the neuron's own spike
 * of the previous step):
 * <pre>
 *   r ← max(r − 1, 0)
 *   v_t = α v_{t−1} + ζ I_t − v_th z_{t−1}              α = e^{−h/τ_m}; ζ = 1 or 1 − α
 *   a_t = ρ a_{t−1} + z_{t−1}                           ρ = e^{−h/τ_a}   (LIF: a_t = 0)
 *   A_t = v_th + β_a a_t                                               (LIF: A_t = v_th)
 *   ψ_t = r &gt; 0 ? 0 : ψ(v_t − A_t)                     ({@link SurrogateGradient}, height γ, width β)
 *   z_t = [v_t ≥ A_t and r = 0];   on a spike r = t_ref/h
 * </pre>
 * Immutable; {@link #step} allocates nothing.
 *
 * <table>
 *   <caption>Constants</caption>
 *   <tr><th>name</th><th>unit</th><th>value</th></tr>
 *   <tr><td>alpha</td><td>—</td><td>e^{−h/τ_m}</td></tr>
 *   <tr><td>zeta</td><td>—</td><td>1 or 1 − α</td></tr>
 *   <tr><td>rho</td><td>—</td><td>e^{−h/τ_a}</td></tr>
 *   <tr><td>vTh</td><td>mV</td><td>v_th</td></tr>
 *   <tr><td>betaA</td><td>mV</td><td>β_a</td></tr>
 * </table>
 */
public final class AlifNeuron {

    private final AlifParameters params;
    private final double dtMs;
    private final double alpha;
    private final double zeta;
    private final double rho;
    private final double vTh;
    private final double betaA;
    private final int refractorySteps;
    private final SurrogateGradient surrogate;
    private final double gamma;
    private final double beta;

    /**
     * @param params parameters.
     * @param dtMs   step h, ms, &gt; 0.
     */
    public AlifNeuron(final AlifParameters params, final double dtMs) {
        if (params == null) {
            throw new IllegalArgumentException("ALIF neuron: parameters must not be null");
        }
        this.params = params;
        this.dtMs = Check.positive("dt", dtMs, "ms");
        this.alpha = decay(dtMs, params.tauMMs());
        this.zeta = inputScale(params.regularSpikeArrival(), alpha);
        this.rho = decay(dtMs, params.tauAMs());
        this.vTh = params.vThMv();
        this.betaA = params.betaAMv();
        this.refractorySteps = params.refractorySteps();
        this.surrogate = params.surrogate();
        this.gamma = params.surrogateGamma();
        this.beta = params.surrogateBeta();
    }

    /**
     * @param dtMs  step h, ms.
     * @param tauMs time constant τ, ms.
     * @return the per-step decay e^{−h/τ}.
     */
    public static double decay(final double dtMs, final double tauMs) {
        return Math.exp(-dtMs / tauMs);
    }

    /**
     * @param regularSpikeArrival NEST's {@code regular_spike_arrival}.
     * @param decay               the decay α (or κ) of the unit the input enters.
     * @return ζ: 1 if regular spike arrival, else 1 − decay.
     */
    public static double inputScale(final boolean regularSpikeArrival, final double decay) {
        return regularSpikeArrival ? 1.0 : 1.0 - decay;
    }

    /**
     * v_t = α v_{t−1} + ζ I_t − v_th z_{t−1}.
     *
     * @param vPrev v_{t−1}, mV.
     * @param input I_t (summed weights of the spikes arriving for step t).
     * @param zPrev z_{t−1}, 0 or 1.
     * @return v_t, mV.
     */
    public double membrane(final double vPrev, final double input, final double zPrev) {
        return alpha * vPrev + zeta * input - vTh * zPrev;
    }

    /**
     * a_t = ρ a_{t−1} + z_{t−1}.
     *
     * @param aPrev a_{t−1}.
     * @param zPrev z_{t−1}.
     * @return a_t.
     */
    public double adaptation(final double aPrev, final double zPrev) {
        return rho * aPrev + zPrev;
    }

    /**
     * One step of neuron j: reads v_{t−1}, a_{t−1}, z_{t−1} and I_t, decrements and sets
     * {@code refractory[j]}, writes v_t, a_t and ψ_t at {@code out} of {@code v}, {@code a}, {@code psi}.
     *
     * @param adaptive   whether this neuron's threshold adapts (ALIF); else a_t = 0, A_t = v_th.
     * @param vPrev      v_{t−1}, mV.
     * @param aPrev      a_{t−1}.
     * @param zPrev      z_{t−1}, 0 or 1.
     * @param input      I_t.
     * @param refractory refractory counters, steps; entry j is updated.
     * @param j          index into {@code refractory}.
     * @param v          output v_t at {@code out}.
     * @param a          output a_t at {@code out}.
     * @param psi        output ψ_t at {@code out}.
     * @param out        index into the outputs.
     * @return z_t: whether the neuron spikes.
     */
    public boolean step(final boolean adaptive, final double vPrev, final double aPrev, final double zPrev,
                        final double input, final int[] refractory, final int j,
                        final double[] v, final double[] a, final double[] psi, final int out) {
        if (refractory[j] > 0) {
            refractory[j]--;
        }
        final double vj = membrane(vPrev, input, zPrev);
        double threshold = vTh;
        double aj = 0.0;
        if (adaptive) {
            aj = adaptation(aPrev, zPrev);
            threshold = vTh + betaA * aj;
        }
        v[out] = vj;
        a[out] = aj;
        final boolean ready = refractory[j] == 0;
        psi[out] = ready ? surrogate.value(vj - threshold, gamma, beta) : 0.0;
        if (vj >= threshold && ready) {
            refractory[j] = refractorySteps;
            return true;
        }
        return false;
    }

    /** @return the parameters. */
    public AlifParameters params() {
        return params;
    }

    /** @return the step h, ms. */
    public double dtMs() {
        return dtMs;
    }

    /** @return α = e^{−h/τ_m}. */
    public double alpha() {
        return alpha;
    }

    /** @return ζ. */
    public double zeta() {
        return zeta;
    }

    /** @return ρ = e^{−h/τ_a}. */
    public double rho() {
        return rho;
    }
}
