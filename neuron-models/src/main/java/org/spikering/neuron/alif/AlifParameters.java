package org.spikering.neuron.alif;

import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.SurrogateGradient;

/**
 * Parameters of the e-prop LIF and adaptive-threshold LIF ("ALIF") neuron of Bellec et al. 2020, in the
 * form of NEST 3.9's {@code eprop_iaf_bsshslm_2020} and {@code eprop_iaf_adapt_bsshslm_2020} (delta
 * synapses, potentials relative to rest, reset by subtracting v_th one step after the spike). The
 * equations are {@link AlifNeuron}'s; the e-prop forward passes and learning rules of the plasticity
 * module and the engine population {@link AlifPopulation} all run them.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>symbol</th><th>description</th><th>allowed</th></tr>
 *   <tr><td>tauMMs</td><td>ms</td><td>τ_m</td><td>membrane time constant, α = e^{−h/τ_m}</td><td>&gt; 0</td></tr>
 *   <tr><td>vThMv</td><td>mV</td><td>v_th</td><td>threshold above rest; reset subtracts v_th</td><td>&gt; 0</td></tr>
 *   <tr><td>refractorySteps</td><td>steps</td><td>t_ref/h</td><td>no spike and ψ = 0 while refractory</td><td>&ge; 0</td></tr>
 *   <tr><td>regularSpikeArrival</td><td>—</td><td>ζ</td><td>ζ = 1 if true, else 1 − α (input scale)</td><td></td></tr>
 *   <tr><td>surrogate</td><td>—</td><td>ψ</td><td>pseudo-derivative form</td><td>{@link SurrogateGradient}</td></tr>
 *   <tr><td>surrogateGamma</td><td>1/mV</td><td>γ</td><td>height of ψ</td><td>&ge; 0</td></tr>
 *   <tr><td>surrogateBeta</td><td>1/mV</td><td>β</td><td>width of ψ</td><td>&gt; 0</td></tr>
 *   <tr><td>tauAMs</td><td>ms</td><td>τ_a</td><td>adaptation time constant, ρ = e^{−h/τ_a}</td><td>&gt; 0</td></tr>
 *   <tr><td>betaAMv</td><td>mV</td><td>β_a</td><td>adaptation strength, A = v_th + β_a·a</td><td>&ge; 0</td></tr>
 *   <tr><td>adaptive</td><td>—</td><td></td><td>true: ALIF; false: LIF (A = v_th, a stays 0)</td><td></td></tr>
 * </table>
 *
 * @param tauMMs              membrane time constant τ_m, ms.
 * @param vThMv               threshold v_th above rest, mV.
 * @param refractorySteps     refractory period in steps.
 * @param regularSpikeArrival ζ = 1 if true, else 1 − α.
 * @param surrogate           pseudo-derivative form.
 * @param surrogateGamma      height γ of ψ, 1/mV.
 * @param surrogateBeta       width β of ψ, 1/mV.
 * @param tauAMs              adaptation time constant τ_a, ms.
 * @param betaAMv             adaptation strength β_a, mV.
 * @param adaptive            whether the threshold adapts.
 */
public record AlifParameters(double tauMMs, double vThMv, int refractorySteps, boolean regularSpikeArrival,
                             SurrogateGradient surrogate, double surrogateGamma, double surrogateBeta,
                             double tauAMs, double betaAMv, boolean adaptive) implements NeuronModel {

    /** Validates every parameter; messages name it, its value and what is allowed. */
    public AlifParameters {
        Check.positive("tau_m", tauMMs, "ms");
        Check.positive("v_th", vThMv, "mV");
        if (refractorySteps < 0) {
            throw new IllegalArgumentException("refractory_steps = " + refractorySteps + ": must be >= 0");
        }
        if (surrogate == null) {
            throw new IllegalArgumentException("surrogate_gradient = null: must be one of piecewise_linear, "
                    + "fast_sigmoid, exponential, arctan");
        }
        Check.nonNegative("surrogate_gamma", surrogateGamma, "1/mV");
        Check.positive("surrogate_beta", surrogateBeta, "1/mV");
        Check.positive("tau_a", tauAMs, "ms");
        Check.nonNegative("adapt_beta", betaAMv, "mV");
    }

    @Override
    public String modelName() {
        return adaptive ? "eprop_alif" : "eprop_lif";
    }

    @Override
    public AlifPopulation createPopulation(final int size, final double dtMs) {
        return new AlifPopulation(new AlifNeuron(this, dtMs), size);
    }
}
