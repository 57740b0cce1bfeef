package org.spikering.neuron.alif;

import org.spikering.neuron.Check;
import org.spikering.neuron.SurrogateGradient;

/**
 * The equations of the e-prop LIF/ALIF neuron (Bellec et al. 2020; NEST 3.9
 * {@code eprop_iaf_bsshslm_2020::update} and {@code eprop_iaf_adapt_bsshslm_2020::update}) for one step
 * h, with its propagators computed once. Every user of this neuron calls {@link #step}: the
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
     * v_t = α v_{t−1} + ζ I_t − v_th z_{t−1} (the expression {@link #step} evaluates; for tests and callers
     * that need one term).
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
     * a_t = ρ a_{t−1} + z_{t−1} (as {@link #step} evaluates it).
     *
     * @param aPrev a_{t−1}.
     * @param zPrev z_{t−1}.
     * @return a_t.
     */
    public double adaptation(final double aPrev, final double zPrev) {
        return rho * aPrev + zPrev;
    }

    /**
     * One step of neurons [from, to). For each j: reads v_{t−1}, a_{t−1}, z_{t−1} at {@code prev + j} of
     * {@code vPrev}, {@code aPrev}, {@code zPrev} and I_t at {@code input[j]}; decrements and sets
     * {@code refractory[j]}; writes v_t, a_t, ψ_t and z_t at {@code out + j} of {@code v}, {@code a},
     * {@code psi}, {@code z}; appends j to {@code spikes} if it spikes. The outputs may be the inputs
     * (in-place update, {@code prev == out}). It is {@link #integrate} then {@link #fire} (two loops over the
     * neurons, with the constants in locals, so that callers' loops stay small).
     *
     * @param adaptive   per neuron j, whether its threshold adapts (ALIF); else a_t = 0, A_t = v_th.
     * @param from       first neuron, inclusive.
     * @param to         last neuron, exclusive.
     * @param vPrev      v_{t−1}, mV, at prev + j.
     * @param aPrev      a_{t−1} at prev + j.
     * @param zPrev      z_{t−1} (0 or 1) at prev + j.
     * @param prev       offset of the previous state.
     * @param input      I_t per neuron j.
     * @param refractory refractory counters per neuron j, steps.
     * @param v          output v_t at out + j.
     * @param a          output a_t at out + j.
     * @param psi        output ψ_t at out + j.
     * @param z          output z_t at out + j.
     * @param out        offset of the new state.
     * @param spikes     output: indices j of the neurons that spike, appended from {@code spikeCount}.
     * @param spikeCount entries already in {@code spikes}.
     * @return the new number of entries in {@code spikes}.
     */
    public int step(final boolean[] adaptive, final int from, final int to,
                    final double[] vPrev, final double[] aPrev, final double[] zPrev, final int prev,
                    final double[] input, final int[] refractory,
                    final double[] v, final double[] a, final double[] psi, final double[] z, final int out,
                    final int[] spikes, final int spikeCount) {
        integrate(adaptive, from, to, vPrev, aPrev, zPrev, prev, input, v, a, out);
        return fire(adaptive, from, to, v, a, out, refractory, psi, z, spikes, spikeCount);
    }

    /**
     * The first half of {@link #step}: the state update of neurons [from, to),
     * <pre>
     *   v_t = α v_{t−1} + ζ I_t − v_th z_{t−1};   a_t = ρ a_{t−1} + z_{t−1}   (LIF: a_t = 0)
     * </pre>
     * written at {@code out + j} of {@code v} and {@code a}. A caller that holds the state at limited precision
     * rounds v_t and a_t between this and {@link #fire} (the e-prop forward pass's state quantiser), so that the
     * threshold, ψ and the spike see the rounded state. In place is allowed ({@code prev == out}, same arrays).
     *
     * @param adaptive per neuron j, whether it is ALIF.
     * @param from     first neuron, inclusive.
     * @param to       last neuron, exclusive.
     * @param vPrev    v_{t−1}, mV, at prev + j.
     * @param aPrev    a_{t−1} at prev + j.
     * @param zPrev    z_{t−1} (0 or 1) at prev + j.
     * @param prev     offset of the previous state.
     * @param input    I_t per neuron j.
     * @param v        output v_t at out + j.
     * @param a        output a_t at out + j.
     * @param out      offset of the new state.
     */
    public void integrate(final boolean[] adaptive, final int from, final int to,
                          final double[] vPrev, final double[] aPrev, final double[] zPrev, final int prev,
                          final double[] input, final double[] v, final double[] a, final int out) {
        final double alpha = this.alpha;
        final double zeta = this.zeta;
        final double rho = this.rho;
        final double vTh = this.vTh;
        for (int j = from; j < to; j++) {
            final double zj = zPrev[prev + j];
            v[out + j] = alpha * vPrev[prev + j] + zeta * input[j] - vTh * zj;
            a[out + j] = adaptive[j] ? rho * aPrev[prev + j] + zj : 0.0;
        }
    }

    /**
     * The second half of {@link #step}: from v_t and a_t at {@code out + j} (as {@link #integrate} wrote them, or
     * rounded since), the refractory counter, threshold, ψ and spike of neurons [from, to):
     * <pre>
     *   r ← max(r − 1, 0);   A_t = v_th + β_a a_t (LIF: v_th)
     *   ψ_t = r &gt; 0 ? 0 : ψ(v_t − A_t);   z_t = [v_t ≥ A_t and r = 0];   on a spike r = t_ref/h
     * </pre>
     *
     * @param adaptive   per neuron j, whether it is ALIF.
     * @param from       first neuron, inclusive.
     * @param to         last neuron, exclusive.
     * @param v          v_t at out + j.
     * @param a          a_t at out + j.
     * @param out        offset of the state.
     * @param refractory refractory counters per neuron j, steps.
     * @param psi        output ψ_t at out + j.
     * @param z          output z_t at out + j.
     * @param spikes     output: indices j of the neurons that spike, appended from {@code spikeCount}.
     * @param spikeCount entries already in {@code spikes}.
     * @return the new number of entries in {@code spikes}.
     */
    public int fire(final boolean[] adaptive, final int from, final int to, final double[] v, final double[] a,
                    final int out, final int[] refractory, final double[] psi, final double[] z,
                    final int[] spikes, final int spikeCount) {
        final double vTh = this.vTh;
        final double betaA = this.betaA;
        final int refractorySteps = this.refractorySteps;
        final SurrogateGradient surrogate = this.surrogate;
        final double gamma = this.gamma;
        final double beta = this.beta;
        int count = spikeCount;
        for (int j = from; j < to; j++) {
            if (refractory[j] > 0) {
                refractory[j]--;
            }
            final double vj = v[out + j];
            final double threshold = adaptive[j] ? vTh + betaA * a[out + j] : vTh;
            final boolean ready = refractory[j] == 0;
            psi[out + j] = ready ? surrogate.value(vj - threshold, gamma, beta) : 0.0;
            if (vj >= threshold && ready) {
                refractory[j] = refractorySteps;
                z[out + j] = 1.0;
                spikes[count++] = j;
            } else {
                z[out + j] = 0.0;
            }
        }
        return count;
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
