package org.spikering.neuron.alif;

import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.lif.ResetMode;

/**
 * Parameters of the adaptive-threshold LIF neuron of Bellec et al. 2020 (delta synapses).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>symbol</th><th>description</th></tr>
 *   <tr><td>tauM</td><td>ms</td><td>τ_m</td><td>membrane time constant, &gt; 0</td></tr>
 *   <tr><td>cM</td><td>pF</td><td>C_m</td><td>capacitance, &gt; 0</td></tr>
 *   <tr><td>eL</td><td>mV</td><td>E_L</td><td>resting potential</td></tr>
 *   <tr><td>vTh</td><td>mV</td><td>V_th</td><td>baseline threshold</td></tr>
 *   <tr><td>vReset</td><td>mV</td><td>V_reset</td><td>reset potential (subtraction: V ← V − (V_th − V_reset))</td></tr>
 *   <tr><td>tRef</td><td>ms</td><td>t_ref</td><td>refractory period</td></tr>
 *   <tr><td>iE</td><td>pA</td><td>I_e</td><td>bias current</td></tr>
 *   <tr><td>tauA</td><td>ms</td><td>τ_a</td><td>adaptation time constant, &gt; 0</td></tr>
 *   <tr><td>beta</td><td>mV</td><td>β</td><td>adaptation strength: A = V_th + β·a, &ge; 0</td></tr>
 *   <tr><td>resetMode</td><td>—</td><td></td><td>{@link ResetMode}</td></tr>
 *   <tr><td>vInit</td><td>mV</td><td>V_m(0)</td><td>initial membrane potential</td></tr>
 * </table>
 *
 * @param tauM      membrane time constant, ms.
 * @param cM        capacitance, pF.
 * @param eL        resting potential, mV.
 * @param vTh       baseline threshold, mV.
 * @param vReset    reset potential, mV.
 * @param tRef      refractory period, ms.
 * @param iE        bias current, pA.
 * @param tauA      adaptation time constant, ms.
 * @param beta      adaptation strength, mV per unit of a.
 * @param resetMode reset mode.
 * @param vInit     initial membrane potential, mV.
 */
public record AlifParameters(double tauM, double cM, double eL, double vTh, double vReset, double tRef, double iE,
                             double tauA, double beta, ResetMode resetMode, double vInit) implements NeuronModel {

    /** Validates every parameter. */
    public AlifParameters {
        Check.lifCommon(tauM, cM, eL, vTh, vReset, tRef, iE, vInit, resetMode);
        Check.positive("tau_a", tauA, "ms");
        Check.nonNegative("adapt_beta", beta, "mV");
    }

    @Override
    public String modelName() {
        return "alif";
    }

    @Override
    public AlifPopulation createPopulation(final int size, final double dtMs) {
        return new AlifPopulation(this, size, dtMs);
    }
}
