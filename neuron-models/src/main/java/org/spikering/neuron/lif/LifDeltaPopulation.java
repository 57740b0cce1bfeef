package org.spikering.neuron.lif;

import java.util.Arrays;
import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronPopulation;

/**
 * Leaky integrate-and-fire neurons with delta synapses (NEST {@code iaf_psc_delta}), exactly
 * integrated on a grid of step h. State is kept relative to rest, y = V − E_L.
 *
 * <p>Equation: τ_m dV/dt = −(V − E_L) + R·I_e, plus jumps of V by the synaptic weights (mV).
 * One step t → t+1 (input x_t = sum of weights of the spikes arriving at step t):
 * <pre>
 *   if not refractory:  y ← P22·y + P20·I_e + x_t          P22 = e^{−h/τ_m},  P20 = τ_m/C_m·(1 − P22)
 *   else:               refractory counter − 1, x_t discarded
 *   if y ≥ V_th − E_L:  spike; y ← V_reset − E_L (or y − (V_th − V_reset)); refractory for round(t_ref/h) steps
 * </pre>
 *
 * <p><b>Event-driven (lazy) use.</b> {@link #receiveLazily} brings one neuron from the grid point it
 * was last advanced to up to the current step in closed form, y_k = y_∞ + (y − y_∞)·P22^k with
 * y_∞ = R·I_e, then applies the step with input exactly as above. Valid only while y_∞ stays below
 * threshold ({@link #canRunEventDriven()}), so that no spike can occur without input.
 *
 * <table>
 *   <caption>State variables</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>V_m</td><td>mV</td><td>membrane potential</td></tr>
 *   <tr><td>refractory_steps</td><td>steps</td><td>remaining refractory steps</td></tr>
 * </table>
 * Not thread-safe; disjoint index ranges may be updated from different threads.
 */
public final class LifDeltaPopulation implements NeuronPopulation {

    private static final String[] STATE_NAMES = {"V_m", "refractory_steps"};

    private final LifDeltaParameters p;
    private final int n;
    private final double dt;
    private final double p22;
    private final double p20;
    private final double theta;
    private final double reset;
    private final double resetJump;
    private final boolean subtract;
    private final int refractorySteps;
    private final double[] y;
    private final BiasCurrents biasCurrents;
    /** I_e + I_stim per neuron, pA: {@code biasCurrents.pa}. */
    private final double[] biasPa;
    private final int[] refractory;
    /** Potential held during the refractory period (the value after the reset), mV relative to E_L. */
    private final double[] yHeld;
    private final RefractoryList refractoryList;
    private final long[] lastUpdate;

    /**
     * @param params parameters.
     * @param size   number of neurons, &ge; 1.
     * @param dtMs   step h in ms, &gt; 0.
     */
    public LifDeltaPopulation(final LifDeltaParameters params, final int size, final double dtMs) {
        this.p = params;
        this.n = Check.atLeastOne("population size", size);
        this.dt = Check.positive("dt", dtMs, "ms");
        this.p22 = Math.exp(-dtMs / params.tauM());
        this.p20 = params.tauM() / params.cM() * -Math.expm1(-dtMs / params.tauM());
        this.theta = params.vTh() - params.eL();
        this.reset = params.vReset() - params.eL();
        this.resetJump = params.vTh() - params.vReset();
        this.subtract = params.resetMode() == ResetMode.BY_SUBTRACTION;
        this.refractorySteps = (int) Math.round(params.tRef() / dtMs);
        this.y = new double[size];
        Arrays.fill(y, params.vInit() - params.eL());
        this.biasCurrents = new BiasCurrents(size, params.iE());
        this.biasPa = biasCurrents.pa;
        this.refractory = new int[size];
        this.yHeld = new double[size];
        this.refractoryList = new RefractoryList(size, theta, subtract, resetJump, reset, refractorySteps);
        this.lastUpdate = new long[size];
    }

    /** @return the parameters. */
    public LifDeltaParameters parameters() {
        return p;
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

    /** @return the number of refractory steps, round(t_ref / h). */
    public int refractorySteps() {
        return refractorySteps;
    }

    @Override
    public int update(final long step, final int from, final int to, final double[] input0, final double[] input1,
                      final int[] spikes, final int spikeCount) {
        return integrate(from, to, input0, input1, spikes, spikeCount, false);
    }

    @Override
    public int updateAndClearInput(final long step, final int from, final int to, final double[] input0,
                                   final double[] input1, final int[] spikes, final int spikeCount) {
        return integrate(from, to, input0, input1, spikes, spikeCount, true);
    }

    private int integrate(final int from, final int to, final double[] input0, final double[] input1,
                          final int[] spikes, final int spikeCount, final boolean clear) {
        final double[] y = this.y;
        final double[] bias = this.biasPa;
        final int[] refr = this.refractory;
        final double p22 = this.p22;
        final double p20 = this.p20;
        final double theta = this.theta;
        // pass 1, branch-free so the JIT vectorises it: every neuron as if not refractory
        for (int i = from; i < to; i++) {
            y[i] = p22 * y[i] + p20 * bias[i] + input0[i];
        }
        if (clear) {
            Arrays.fill(input0, from, to, 0.0);
        }
        return refractoryList.thresholdAndReset(y, yHeld, refr, from, to, spikes, spikeCount);
    }

    /**
     * @return true if no neuron can reach threshold without input (y_∞ = R·I_e &lt; V_th − E_L for all
     *         neurons), the condition for event-driven updating.
     */
    public boolean canRunEventDriven() {
        for (int i = 0; i < n; i++) {
            if (p20 * biasPa[i] / (1.0 - p22) >= theta) {
                return false;
            }
        }
        return true;
    }

    /**
     * Event-driven update of neuron {@code i}: advances it without input from the grid point it was
     * last brought to up to grid point {@code step}, then performs the step {@code step → step + 1}
     * with input {@code inputMv}, exactly as {@link #update} would.
     *
     * @param i       local neuron index.
     * @param step    the step in which the input arrives (&ge; the last update step).
     * @param inputMv summed input arriving in this step, mV.
     * @return true if the neuron spikes in this step (it is then reset).
     */
    public boolean receiveLazily(final int i, final long step, final double inputMv) {
        catchUp(i, step);
        lastUpdate[i] = step + 1;
        if (refractory[i] == 0) {
            final double v = p22 * y[i] + p20 * biasPa[i] + inputMv;
            if (v >= theta) {
                y[i] = subtract ? v - resetJump : reset;
                yHeld[i] = y[i];
                refractory[i] = refractorySteps;
                refractoryList.markDirty();
                return true;
            }
            y[i] = v;
        } else {
            refractory[i]--;
            refractoryList.markDirty();
        }
        return false;
    }

    /**
     * Brings neuron {@code i} to grid point {@code step} without input (event-driven mode), so that
     * its state can be read.
     *
     * @param i    local index.
     * @param step target grid point, &ge; the last update step.
     */
    public void catchUp(final int i, final long step) {
        final long k = step - lastUpdate[i];
        if (k > 0) {
            advanceWithoutInput(i, k);
            lastUpdate[i] = step;
        }
    }

    /**
     * @param i local index.
     * @return the grid point neuron {@code i} was last advanced to (event-driven mode).
     */
    public long lastUpdateStep(final int i) {
        return lastUpdate[i];
    }

    @Override
    public void advanceWithoutInput(final int neuron, final long steps) {
        long k = steps;
        final int r = refractory[neuron];
        if (r > 0) {
            final long clamped = Math.min(r, k);
            refractory[neuron] = (int) (r - clamped);
            refractoryList.markDirty();
            k -= clamped;
        }
        if (k > 0) {
            final double yInf = p20 * biasPa[neuron] / (1.0 - p22);
            y[neuron] = yInf + (y[neuron] - yInf) * Math.pow(p22, k);
        }
    }

    /**
     * @param neuron local index.
     * @param pA     bias current I_e of this neuron, pA.
     */
    public void setBiasCurrent(final int neuron, final double pA) {
        biasCurrents.setBias(neuron, pA);
    }

    @Override
    public boolean acceptsStimulusCurrent() {
        return true;
    }

    @Override
    public void setStimulusCurrent(final double pA) {
        biasCurrents.setStimulus(pA);
    }

    @Override
    public double membranePotential(final int neuron) {
        return y[neuron] + p.eL();
    }

    @Override
    public void setMembranePotential(final int neuron, final double vMillivolt) {
        y[neuron] = Check.finite("V_m", vMillivolt, "mV") - p.eL();
        yHeld[neuron] = y[neuron];
    }

    @Override
    public String[] stateVariableNames() {
        return STATE_NAMES.clone();
    }

    /** @return every state variable: V_m, refractory_steps. */
    @Override
    public String[] settableStateVariableNames() {
        return STATE_NAMES.clone();
    }

    /**
     * Sets V_m (mV) or refractory_steps (a whole number r in [0, R = round(t_ref/h)]: the counter as it stands R − r
     * steps after a spike; V_m is held at its present value, not reset, and input is discarded while it runs down).
     */
    @Override
    public void setStateVariable(final String name, final int neuron, final double value) {
        switch (name) {
            case "V_m":
                setMembranePotential(neuron, value);
                break;
            case "refractory_steps":
                refractory[neuron] = Check.count("refractory_steps", value, refractorySteps);
                yHeld[neuron] = y[neuron];
                refractoryList.markDirty();
                break;
            default:
                throw new IllegalArgumentException("state variable '" + name
                        + "' of lif_delta: cannot be set (settable: V_m, refractory_steps)");
        }
    }

    @Override
    public double stateVariable(final String name, final int neuron) {
        switch (name) {
            case "V_m":
                return membranePotential(neuron);
            case "refractory_steps":
                return refractory[neuron];
            default:
                throw new IllegalArgumentException("state variable '" + name + "' of lif_delta: must be one of V_m, refractory_steps");
        }
    }
}
