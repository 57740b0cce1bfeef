package org.spikering.neuron.lif;

import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronModel;

/**
 * Parameters of the leaky integrate-and-fire neuron with exponentially decaying current synapses
 * (NEST {@code iaf_psc_exp}).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>symbol</th><th>description</th></tr>
 *   <tr><td>tauM</td><td>ms</td><td>τ_m</td><td>membrane time constant, &gt; 0</td></tr>
 *   <tr><td>cM</td><td>pF</td><td>C_m</td><td>membrane capacitance, &gt; 0</td></tr>
 *   <tr><td>eL</td><td>mV</td><td>E_L</td><td>resting potential</td></tr>
 *   <tr><td>vTh</td><td>mV</td><td>V_th</td><td>threshold</td></tr>
 *   <tr><td>vReset</td><td>mV</td><td>V_reset</td><td>reset potential, &lt; V_th</td></tr>
 *   <tr><td>tRef</td><td>ms</td><td>t_ref</td><td>refractory period, &ge; 0</td></tr>
 *   <tr><td>tauSynEx</td><td>ms</td><td>τ_ex</td><td>excitatory synaptic time constant, &gt; 0</td></tr>
 *   <tr><td>tauSynIn</td><td>ms</td><td>τ_in</td><td>inhibitory synaptic time constant, &gt; 0</td></tr>
 *   <tr><td>iE</td><td>pA</td><td>I_e</td><td>constant bias current</td></tr>
 *   <tr><td>resetMode</td><td>—</td><td></td><td>{@link ResetMode}</td></tr>
 *   <tr><td>vInit</td><td>mV</td><td>V_m(0)</td><td>initial membrane potential</td></tr>
 * </table>
 *
 * @param tauM      membrane time constant, ms.
 * @param cM        capacitance, pF.
 * @param eL        resting potential, mV.
 * @param vTh       threshold, mV.
 * @param vReset    reset potential, mV.
 * @param tRef      refractory period, ms.
 * @param tauSynEx  excitatory synaptic time constant, ms.
 * @param tauSynIn  inhibitory synaptic time constant, ms.
 * @param iE        bias current, pA.
 * @param resetMode reset mode.
 * @param vInit     initial membrane potential, mV.
 */
public record LifExpParameters(double tauM, double cM, double eL, double vTh, double vReset, double tRef,
                               double tauSynEx, double tauSynIn, double iE, ResetMode resetMode, double vInit)
        implements NeuronModel {

    /** Validates every parameter. */
    public LifExpParameters {
        Check.lifCommon(tauM, cM, eL, vTh, vReset, tRef, iE, vInit, resetMode);
        Check.positive("tau_syn_ex", tauSynEx, "ms");
        Check.positive("tau_syn_in", tauSynIn, "ms");
    }

    /**
     * The CUBA benchmark neuron (Brette et al. 2007, Vogels &amp; Abbott 2005): τ_m 20 ms, C_m 250 pF,
     * E_L −49 mV, V_th −50 mV, V_reset −60 mV, t_ref 5 ms, τ_ex 5 ms, τ_in 10 ms, I_e 0, V_m(0) = −60 mV
     * (the benchmark draws V_m(0) per neuron).
     *
     * @return the CUBA parameters.
     */
    public static LifExpParameters cuba() {
        return new LifExpParameters(20.0, 250.0, -49.0, -50.0, -60.0, 5.0, 5.0, 10.0, 0.0, ResetMode.TO_VALUE, -60.0);
    }

    @Override
    public String modelName() {
        return "lif_exp";
    }

    @Override
    public LifExpPopulation createPopulation(final int size, final double dtMs) {
        return new LifExpPopulation(this, size, dtMs);
    }
}
