package org.spikering.neuron.lif;

import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronModel;

/**
 * Parameters of the leaky integrate-and-fire neuron with delta synapses (NEST {@code iaf_psc_delta}).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>symbol</th><th>description</th></tr>
 *   <tr><td>tauM</td><td>ms</td><td>τ_m</td><td>membrane time constant, &gt; 0</td></tr>
 *   <tr><td>cM</td><td>pF</td><td>C_m</td><td>membrane capacitance, &gt; 0</td></tr>
 *   <tr><td>eL</td><td>mV</td><td>E_L</td><td>resting potential</td></tr>
 *   <tr><td>vTh</td><td>mV</td><td>V_th</td><td>spike threshold</td></tr>
 *   <tr><td>vReset</td><td>mV</td><td>V_reset</td><td>reset potential, &lt; V_th</td></tr>
 *   <tr><td>tRef</td><td>ms</td><td>t_ref</td><td>absolute refractory period, &ge; 0</td></tr>
 *   <tr><td>iE</td><td>pA</td><td>I_e</td><td>constant bias current</td></tr>
 *   <tr><td>resetMode</td><td>—</td><td></td><td>{@link ResetMode}</td></tr>
 *   <tr><td>vInit</td><td>mV</td><td>V_m(0)</td><td>initial membrane potential</td></tr>
 * </table>
 *
 * @param tauM      membrane time constant, ms.
 * @param cM        membrane capacitance, pF.
 * @param eL        resting potential, mV.
 * @param vTh       threshold, mV.
 * @param vReset    reset potential, mV.
 * @param tRef      refractory period, ms.
 * @param iE        bias current, pA.
 * @param resetMode reset mode.
 * @param vInit     initial membrane potential, mV.
 */
public record LifDeltaParameters(double tauM, double cM, double eL, double vTh, double vReset, double tRef,
                                 double iE, ResetMode resetMode, double vInit) implements NeuronModel {

    /** Validates every parameter. */
    public LifDeltaParameters {
        Check.lifCommon(tauM, cM, eL, vTh, vReset, tRef, iE, vInit, resetMode);
    }

    /**
     * NEST's {@code iaf_psc_delta} defaults as used by Brunel 2000 / brunel_delta_nest.py: τ_m 20 ms,
     * C_m 250 pF, E_L 0 mV, V_th 20 mV, V_reset 0 mV, t_ref 2 ms, I_e 0, V_m(0) = 0.
     *
     * @return the Brunel parameters.
     */
    public static LifDeltaParameters brunel() {
        return new LifDeltaParameters(20.0, 250.0, 0.0, 20.0, 0.0, 2.0, 0.0, ResetMode.TO_VALUE, 0.0);
    }

    /**
     * @param newTRef refractory period, ms.
     * @return a copy with another refractory period.
     */
    public LifDeltaParameters withTRef(final double newTRef) {
        return new LifDeltaParameters(tauM, cM, eL, vTh, vReset, newTRef, iE, resetMode, vInit);
    }

    /**
     * @param newIE bias current, pA.
     * @return a copy with another bias current.
     */
    public LifDeltaParameters withIE(final double newIE) {
        return new LifDeltaParameters(tauM, cM, eL, vTh, vReset, tRef, newIE, resetMode, vInit);
    }

    @Override
    public String modelName() {
        return "lif_delta";
    }

    @Override
    public LifDeltaPopulation createPopulation(final int size, final double dtMs) {
        return new LifDeltaPopulation(this, size, dtMs);
    }
}
