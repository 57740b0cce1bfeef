package org.spikering.neuron.lif;

import java.util.Arrays;
import org.spikering.neuron.Check;

/**
 * The constant input current of each neuron of a LIF population, I = I_e + I_stim (pA): a bias I_e per neuron
 * and one stimulus current I_stim for the whole population. The update loops read {@link #pa} directly (the
 * array is fixed; only its entries change), so the hot path stays a plain array read.
 *
 * <table>
 *   <caption>Quantities</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>I_e</td><td>pA</td><td>bias current of one neuron</td></tr>
 *   <tr><td>I_stim</td><td>pA</td><td>stimulus current, the same for every neuron (0 until set)</td></tr>
 * </table>
 * Not thread-safe.
 */
final class BiasCurrents {

    /** I_e + I_stim per neuron, pA. */
    final double[] pa;
    /** I_e per neuron, pA, once a stimulus current has been set (null before). */
    private double[] ownPa;
    private double stimulusPa;

    /**
     * @param size number of neurons.
     * @param iE   every neuron's I_e, pA.
     */
    BiasCurrents(final int size, final double iE) {
        this.pa = new double[size];
        Arrays.fill(pa, iE);
    }

    /**
     * @param neuron local index.
     * @param pA     I_e of this neuron, pA, finite.
     */
    void setBias(final int neuron, final double pA) {
        Check.finite("I_e", pA, "pA");
        if (ownPa != null) {
            ownPa[neuron] = pA;
            pa[neuron] = pA + stimulusPa;
        } else {
            pa[neuron] = pA;
        }
    }

    /**
     * Sets I_stim: every neuron's current becomes its own I_e + I_stim.
     *
     * @param pA I_stim, pA, finite.
     */
    void setStimulus(final double pA) {
        Check.finite("I_stim", pA, "pA");
        if (ownPa == null) {
            ownPa = pa.clone();
        }
        stimulusPa = pA;
        for (int i = 0; i < pa.length; i++) {
            pa[i] = ownPa[i] + pA;
        }
    }
}
