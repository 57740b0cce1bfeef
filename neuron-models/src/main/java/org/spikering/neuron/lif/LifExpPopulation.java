package org.spikering.neuron.lif;

import java.util.Arrays;
import org.spikering.neuron.Check;
import org.spikering.neuron.NeuronPopulation;

/**
 * Leaky integrate-and-fire neurons with exponential current synapses (NEST {@code iaf_psc_exp}),
 * exactly integrated. State relative to rest, y = V − E_L.
 *
 * <pre>
 *   τ_m dV/dt = −(V − E_L) + (I_ex + I_in + I_e)/C_m · τ_m,    τ_ex dI_ex/dt = −I_ex,   τ_in dI_in/dt = −I_in
 * </pre>
 * One step t → t+1, NEST's order (w_ex, w_in = summed weights in pA of spikes arriving at step t):
 * <pre>
 *   if not refractory: y ← P22·y + P21ex·I_ex + P21in·I_in + P20·I_e   else refractory counter − 1
 *   I_ex ← P11ex·I_ex + w_ex,   I_in ← P11in·I_in + w_in
 *   if y ≥ V_th − E_L: spike, reset, refractory for round(t_ref/h) steps
 * </pre>
 * with P22 = e^{−h/τ_m}, P11 = e^{−h/τ_s}, P20 = τ_m/C_m (1 − P22) and P21 from {@link ExpPropagator}
 * (which handles τ_m = τ_s). Synaptic currents keep decaying during the refractory period.
 *
 * <table>
 *   <caption>State variables</caption>
 *   <tr><th>name</th><th>unit</th><th>description</th></tr>
 *   <tr><td>V_m</td><td>mV</td><td>membrane potential</td></tr>
 *   <tr><td>I_syn_ex</td><td>pA</td><td>excitatory synaptic current</td></tr>
 *   <tr><td>I_syn_in</td><td>pA</td><td>inhibitory synaptic current</td></tr>
 *   <tr><td>refractory_steps</td><td>steps</td><td>remaining refractory steps</td></tr>
 * </table>
 * Not thread-safe; disjoint index ranges may be updated from different threads.
 */
public final class LifExpPopulation implements NeuronPopulation {

    private static final String[] STATE_NAMES = {"V_m", "I_syn_ex", "I_syn_in", "refractory_steps"};

    private final LifExpParameters p;
    private final int n;
    private final double dt;
    private final double p22;
    private final double p11ex;
    private final double p11in;
    private final double p21ex;
    private final double p21in;
    private final double p20;
    private final double theta;
    private final double reset;
    private final double resetJump;
    private final boolean subtract;
    private final int refractorySteps;
    private final double[] y;
    private final double[] iEx;
    private final double[] iIn;
    private final BiasCurrents biasCurrents;
    /** I_e + I_stim per neuron, pA: {@code biasCurrents.pa}. */
    private final double[] biasPa;
    /** The parameters' I_e, pA. */
    private final double parameterBias;
    /** The parameters' I_e + I_stim, pA; while {@link #biasUniform}, every neuron's entry of biasPa. */
    private double uniformBias;
    private boolean biasUniform = true;
    private final int[] refractory;
    /** Potential held during the refractory period (the value after the reset), mV relative to E_L. */
    private final double[] yHeld;
    private final RefractoryList refractoryList;

    /**
     * @param params parameters.
     * @param size   number of neurons, &ge; 1.
     * @param dtMs   step h, ms.
     */
    public LifExpPopulation(final LifExpParameters params, final int size, final double dtMs) {
        this.p = params;
        this.n = Check.atLeastOne("population size", size);
        this.dt = Check.positive("dt", dtMs, "ms");
        this.p22 = Math.exp(-dtMs / params.tauM());
        this.p11ex = Math.exp(-dtMs / params.tauSynEx());
        this.p11in = Math.exp(-dtMs / params.tauSynIn());
        this.p21ex = ExpPropagator.p21(dtMs, params.tauM(), params.tauSynEx(), params.cM());
        this.p21in = ExpPropagator.p21(dtMs, params.tauM(), params.tauSynIn(), params.cM());
        this.p20 = params.tauM() / params.cM() * -Math.expm1(-dtMs / params.tauM());
        this.theta = params.vTh() - params.eL();
        this.reset = params.vReset() - params.eL();
        this.resetJump = params.vTh() - params.vReset();
        this.subtract = params.resetMode() == ResetMode.BY_SUBTRACTION;
        this.refractorySteps = (int) Math.round(params.tRef() / dtMs);
        this.y = new double[size];
        Arrays.fill(y, params.vInit() - params.eL());
        this.iEx = new double[size];
        this.iIn = new double[size];
        this.biasCurrents = new BiasCurrents(size, params.iE());
        this.biasPa = biasCurrents.pa;
        this.parameterBias = params.iE();
        this.uniformBias = params.iE();
        this.refractory = new int[size];
        this.yHeld = new double[size];
        this.refractoryList = new RefractoryList(size, theta, subtract, resetJump, reset, refractorySteps);
    }

    /** @return the parameters. */
    public LifExpParameters parameters() {
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
        return 2;
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
        final double[] ex = this.iEx;
        final double[] in = this.iIn;
        final double[] bias = this.biasPa;
        final int[] refr = this.refractory;
        final double p22 = this.p22;
        final double p21ex = this.p21ex;
        final double p21in = this.p21in;
        final double p20 = this.p20;
        final double p11ex = this.p11ex;
        final double p11in = this.p11in;
        final double theta = this.theta;
        // pass 1, branch-free so the JIT vectorises it: every neuron as if not refractory; with one bias
        // current for all neurons its term is a constant (the same product, so the same bits), one array
        // fewer to stream through the cache
        final boolean uniform = biasUniform;
        final double drive = p20 * uniformBias;
        if (clear && uniform) {
            for (int i = from; i < to; i++) {
                final double e = ex[i];
                final double h = in[i];
                ex[i] = p11ex * e + input0[i];
                in[i] = p11in * h + input1[i];
                input0[i] = 0.0;
                input1[i] = 0.0;
                y[i] = p22 * y[i] + p21ex * e + p21in * h + drive;
            }
        } else {
            for (int i = from; i < to; i++) {
                final double e = ex[i];
                final double h = in[i];
                ex[i] = p11ex * e + input0[i];
                in[i] = p11in * h + input1[i];
                y[i] = p22 * y[i] + p21ex * e + p21in * h + p20 * bias[i];
            }
            if (clear) {
                Arrays.fill(input0, from, to, 0.0);
                Arrays.fill(input1, from, to, 0.0);
            }
        }
        return refractoryList.thresholdAndReset(y, yHeld, refr, from, to, spikes, spikeCount);
    }

    @Override
    public boolean hasSplitUpdate() {
        return true;
    }

    /**
     * Input half of step t − 1, then membrane half of step t, in one pass (the same arithmetic as
     * {@link #update}, regrouped):
     * <pre>
     *   I_ex ← P11ex·I_ex + w_ex(t − 1),   I_in ← P11in·I_in + w_in(t − 1)
     *   y ← P22·y + P21ex·I_ex + P21in·I_in + P20·I_e,   then threshold, reset and refractoriness
     * </pre>
     */
    @Override
    public int updateLagged(final long step, final int from, final int to, final double[] previousInput0,
                            final double[] previousInput1, final int[] spikes, final int spikeCount) {
        final double[] y = this.y;
        final double[] ex = this.iEx;
        final double[] in = this.iIn;
        final double[] bias = this.biasPa;
        final double p22 = this.p22;
        final double p21ex = this.p21ex;
        final double p21in = this.p21in;
        final double p20 = this.p20;
        if (previousInput0 != null) {
            final double p11ex = this.p11ex;
            final double p11in = this.p11in;
            if (biasUniform) {
                final double drive = p20 * uniformBias;
                for (int i = from; i < to; i++) {
                    final double e = p11ex * ex[i] + previousInput0[i];
                    final double h = p11in * in[i] + previousInput1[i];
                    ex[i] = e;
                    in[i] = h;
                    previousInput0[i] = 0.0;
                    previousInput1[i] = 0.0;
                    y[i] = p22 * y[i] + p21ex * e + p21in * h + drive;
                }
            } else {
                for (int i = from; i < to; i++) {
                    final double e = p11ex * ex[i] + previousInput0[i];
                    final double h = p11in * in[i] + previousInput1[i];
                    ex[i] = e;
                    in[i] = h;
                    y[i] = p22 * y[i] + p21ex * e + p21in * h + p20 * bias[i];
                }
                Arrays.fill(previousInput0, from, to, 0.0);
                Arrays.fill(previousInput1, from, to, 0.0);
            }
        } else {
            for (int i = from; i < to; i++) {
                y[i] = p22 * y[i] + p21ex * ex[i] + p21in * in[i] + p20 * bias[i];
            }
        }
        return refractoryList.thresholdAndReset(y, yHeld, refractory, from, to, spikes, spikeCount);
    }

    @Override
    public void integrateInput(final int from, final int to, final double[] input0, final double[] input1) {
        for (int i = from; i < to; i++) {
            iEx[i] = p11ex * iEx[i] + input0[i];
            iIn[i] = p11in * iIn[i] + input1[i];
        }
        Arrays.fill(input0, from, to, 0.0);
        Arrays.fill(input1, from, to, 0.0);
    }

    @Override
    public void advanceWithoutInput(final int neuron, final long steps) {
        long k = steps;
        final int r = refractory[neuron];
        if (r > 0) {
            final long clamped = Math.min(r, k);
            refractory[neuron] = (int) (r - clamped);
            refractoryList.markDirty();
            iEx[neuron] *= Math.pow(p11ex, clamped);
            iIn[neuron] *= Math.pow(p11in, clamped);
            k -= clamped;
        }
        if (k > 0) {
            // exact solution over k·h of the linear system: V relaxes to y_inf, each current contributes
            // its propagator evaluated over k·h
            final double kh = k * dt;
            final double yInf = p20 * biasPa[neuron] / (1.0 - p22);
            final double p22k = Math.pow(p22, k);
            y[neuron] = yInf + (y[neuron] - yInf) * p22k
                    + ExpPropagator.p21(kh, p.tauM(), p.tauSynEx(), p.cM()) * iEx[neuron]
                    + ExpPropagator.p21(kh, p.tauM(), p.tauSynIn(), p.cM()) * iIn[neuron];
            iEx[neuron] *= Math.pow(p11ex, k);
            iIn[neuron] *= Math.pow(p11in, k);
        }
    }

    /**
     * @param neuron local index.
     * @param pA     bias current I_e of this neuron, pA.
     */
    public void setBiasCurrent(final int neuron, final double pA) {
        biasCurrents.setBias(neuron, pA);
        if (Double.doubleToRawLongBits(pA) != Double.doubleToRawLongBits(parameterBias)) {
            biasUniform = false;
        }
    }

    @Override
    public boolean acceptsStimulusCurrent() {
        return true;
    }

    @Override
    public void setStimulusCurrent(final double pA) {
        biasCurrents.setStimulus(pA);
        uniformBias = parameterBias + pA;
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

    /** @return every state variable: V_m, I_syn_ex, I_syn_in, refractory_steps. */
    @Override
    public String[] settableStateVariableNames() {
        return STATE_NAMES.clone();
    }

    /**
     * Sets V_m (mV), I_syn_ex or I_syn_in (pA, any finite value), or refractory_steps (a whole number r in [0,
     * R = round(t_ref/h)]: the counter as it stands R − r steps after a spike; V_m is held at its present value, not
     * reset, while the counter runs down, and the currents decay).
     */
    @Override
    public void setStateVariable(final String name, final int neuron, final double value) {
        switch (name) {
            case "V_m":
                setMembranePotential(neuron, value);
                break;
            case "I_syn_ex":
                iEx[neuron] = Check.finite("I_syn_ex", value, "pA");
                break;
            case "I_syn_in":
                iIn[neuron] = Check.finite("I_syn_in", value, "pA");
                break;
            case "refractory_steps":
                refractory[neuron] = Check.count("refractory_steps", value, refractorySteps);
                yHeld[neuron] = y[neuron];
                refractoryList.markDirty();
                break;
            default:
                throw new IllegalArgumentException("state variable '" + name
                        + "' of lif_exp: cannot be set (settable: V_m, I_syn_ex, I_syn_in, refractory_steps)");
        }
    }

    @Override
    public double stateVariable(final String name, final int neuron) {
        switch (name) {
            case "V_m":
                return membranePotential(neuron);
            case "I_syn_ex":
                return iEx[neuron];
            case "I_syn_in":
                return iIn[neuron];
            case "refractory_steps":
                return refractory[neuron];
            default:
                throw new IllegalArgumentException("state variable '" + name
                        + "' of lif_exp: must be one of V_m, I_syn_ex, I_syn_in, refractory_steps");
        }
    }
}
