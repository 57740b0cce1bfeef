package org.spikering.neuron.alif;

import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronPopulation;

/**
 * A population of e-prop LIF/ALIF neurons ({@link AlifNeuron}'s equations, one step per engine step) in
 * structure-of-arrays form, for sim-core's engines. Channel 0 carries I_t, the summed weights of the
 * spikes arriving this step. Every neuron starts at rest (v = a = z = 0). Archives ψ each step, as NEST's
 * e-prop neurons archive their history for the synapses.
 *
 * <table>
 *   <caption>State variables</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>V_m</td><td>mV</td><td>membrane potential relative to rest, v</td></tr>
 *   <tr><td>a</td><td>—</td><td>adaptation variable (0 for LIF)</td></tr>
 *   <tr><td>A</td><td>mV</td><td>threshold v_th + β_a·a relative to rest (v_th for LIF)</td></tr>
 *   <tr><td>psi</td><td>1/mV</td><td>pseudo-derivative ψ of the last step</td></tr>
 *   <tr><td>z</td><td>—</td><td>spike of the last step, 0 or 1</td></tr>
 *   <tr><td>refractory_steps</td><td>steps</td><td>remaining refractory steps</td></tr>
 * </table>
 * Not thread-safe; disjoint index ranges may be updated from different threads.
 */
public final class AlifPopulation implements NeuronPopulation {

    private static final String[] NAMES = {"V_m", "a", "A", "psi", "z", "refractory_steps"};

    private final AlifNeuron neuron;
    private final boolean adaptive;
    /** {@link #adaptive} for every neuron, as {@link AlifNeuron#step} takes it. */
    private final boolean[] adaptiveFlags;
    private final double[] v;
    private final double[] a;
    private final double[] psi;
    private final double[] z;
    private final int[] refractory;

    /**
     * @param neuron equations and constants.
     * @param size   number of neurons, &ge; 1.
     */
    public AlifPopulation(final AlifNeuron neuron, final int size) {
        Check.atLeastOne("population size", size);
        this.neuron = neuron;
        this.adaptive = neuron.params().adaptive();
        this.adaptiveFlags = new boolean[size];
        java.util.Arrays.fill(adaptiveFlags, adaptive);
        this.v = new double[size];
        this.a = new double[size];
        this.psi = new double[size];
        this.z = new double[size];
        this.refractory = new int[size];
    }

    @Override
    public int size() {
        return v.length;
    }

    @Override
    public double dtMs() {
        return neuron.dtMs();
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public int update(final long step, final int from, final int to, final double[] input0, final double[] input1,
                      final int[] spikes, final int spikeCount) {
        return neuron.step(adaptiveFlags, from, to, v, a, z, 0, input0, refractory, v, a, psi, z, 0, spikes, spikeCount);
    }

    /**
     * Not supported: the reset of this neuron acts one step after its spike, and engines run it
     * clock-driven only.
     */
    @Override
    public void advanceWithoutInput(final int neuron, final long steps) {
        throw new UnsupportedOperationException("e-prop neurons are updated clock-driven only");
    }

    @Override
    public double membranePotential(final int neuron) {
        return v[neuron];
    }

    @Override
    public void setMembranePotential(final int neuron, final double vMillivolt) {
        v[neuron] = Check.finite("V_m", vMillivolt, "mV");
    }

    /**
     * @param neuron local index.
     * @return the threshold A = v_th + β_a·a relative to rest, mV (v_th for LIF).
     */
    public double threshold(final int neuron) {
        return adaptive ? neuron().params().vThMv() + neuron().params().betaAMv() * a[neuron] : neuron().params().vThMv();
    }

    /** @return the equations and constants. */
    public AlifNeuron neuron() {
        return neuron;
    }

    @Override
    public String[] stateVariableNames() {
        return NAMES.clone();
    }

    /**
     * @return V_m, a (eprop_alif only) and refractory_steps; A follows from a, and ψ and z are outputs of the last
     *         step.
     */
    @Override
    public String[] settableStateVariableNames() {
        return adaptive ? new String[] {"V_m", "a", "refractory_steps"} : new String[] {"V_m", "refractory_steps"};
    }

    /**
     * Sets V_m (mV, relative to rest), a (unit-free, eprop_alif) or refractory_steps (a whole number r in [0, the
     * model's refractory steps R]: the counter as it stands R − r steps after a spike; V_m integrates on, as it
     * does while refractory).
     */
    @Override
    public void setStateVariable(final String name, final int neuron, final double value) {
        switch (name) {
            case "V_m":
                setMembranePotential(neuron, value);
                break;
            case "a":
                if (!adaptive) {
                    throw new IllegalArgumentException("state variable 'a' of " + this.neuron.params().modelName()
                            + ": cannot be set (a LIF neuron has no adaptation; settable: V_m, refractory_steps)");
                }
                a[neuron] = Check.finite("a", value, "");
                break;
            case "refractory_steps":
                refractory[neuron] = Check.count("refractory_steps", value, this.neuron.params().refractorySteps());
                break;
            default:
                throw new IllegalArgumentException("state variable '" + name + "' of " + this.neuron.params().modelName()
                        + ": cannot be set (settable: " + String.join(", ", settableStateVariableNames()) + ")");
        }
    }

    @Override
    public double stateVariable(final String name, final int neuron) {
        switch (name) {
            case "V_m":
                return v[neuron];
            case "a":
                return a[neuron];
            case "A":
                return threshold(neuron);
            case "psi":
                return psi[neuron];
            case "z":
                return z[neuron];
            case "refractory_steps":
                return refractory[neuron];
            default:
                throw new IllegalArgumentException("state variable '" + name + "' of "
                        + this.neuron.params().modelName() + ": must be one of V_m, a, A, psi, z, refractory_steps");
        }
    }
}
