package org.spikering.plasticity.nestiaf;

import org.spikering.neuron.SurrogateGradient;

/**
 * Constants of NEST 3.9's current e-prop family: recurrent {@code eprop_iaf} / {@code eprop_iaf_adapt} neurons, the
 * {@code eprop_readout} and the {@code eprop_synapse}s between them (models/eprop_iaf.cpp, eprop_iaf_adapt.cpp,
 * eprop_readout.cpp, eprop_synapse.h). Voltages are relative to E_L (NEST stores them so); the readout's E_L is 0.
 * Defaults ({@link #nestDefaults()}) are NEST's parameter defaults.
 *
 * <table>
 * <caption>Parameters (NEST name in brackets)</caption>
 * <tr><th>name</th><th>unit</th><th>meaning</th><th>allowed</th><th>NEST default</th></tr>
 * <tr><td>dtMs</td><td>ms</td><td>step (kernel resolution); every connection delay is one step</td><td>&gt; 0</td><td>—</td></tr>
 * <tr><td>tauMMs</td><td>ms</td><td>recurrent membrane time constant ({@code tau_m}), α = exp(−dt/τ_m)</td><td>&gt; 0</td><td>10</td></tr>
 * <tr><td>cMPf</td><td>pF</td><td>capacitance ({@code C_m}); scales only the constant current, P_i = τ_m/C_m·(1 − α)</td><td>&gt; 0</td><td>250</td></tr>
 * <tr><td>iEPa</td><td>pA</td><td>constant current ({@code I_e})</td><td>finite</td><td>0</td></tr>
 * <tr><td>vThMv</td><td>mV</td><td>threshold above E_L ({@code V_th − E_L}); reset by subtracting it in the spike step</td><td>&gt; 0</td><td>15</td></tr>
 * <tr><td>tRefMs</td><td>ms</td><td>refractory period ({@code t_ref}); ψ = 0 and no spike while refractory</td><td>≥ 0</td><td>2</td></tr>
 * <tr><td>surrogate</td><td>—</td><td>pseudo-derivative form ({@code surrogate_gradient_function})</td><td></td><td>piecewise_linear</td></tr>
 * <tr><td>gamma</td><td>1/mV</td><td>height γ of ψ ({@code gamma})</td><td>≥ 0</td><td>0.3</td></tr>
 * <tr><td>beta</td><td>1/mV</td><td>width β of ψ ({@code beta})</td><td>&gt; 0</td><td>1</td></tr>
 * <tr><td>kappa</td><td>—</td><td>low-pass of the eligibility trace, ē ← κ·ē + e ({@code kappa})</td><td>[0, 1]</td><td>0.97</td></tr>
 * <tr><td>kappaReg</td><td>—</td><td>low-pass of the rate estimate and of ē_reg ({@code kappa_reg})</td><td>[0, 1]</td><td>0.97</td></tr>
 * <tr><td>cReg</td><td>—</td><td>firing-rate regularisation coefficient ({@code c_reg})</td><td>≥ 0</td><td>0</td></tr>
 * <tr><td>fTargetHz</td><td>Hz</td><td>target rate of the regularisation ({@code f_target})</td><td>≥ 0</td><td>10</td></tr>
 * <tr><td>adaptBetaMv</td><td>mV</td><td>threshold adaptation strength of adaptive neurons ({@code adapt_beta})</td><td>≥ 0</td><td>1</td></tr>
 * <tr><td>adaptTauMs</td><td>ms</td><td>adaptation time constant ({@code adapt_tau}), ρ = exp(−dt/τ_a)</td><td>&gt; 0</td><td>10</td></tr>
 * <tr><td>tauReadoutMs</td><td>ms</td><td>readout membrane time constant ({@code eprop_readout tau_m}); its decay also filters the presynaptic trace of output synapses</td><td>&gt; 0</td><td>10</td></tr>
 * <tr><td>cutoffMs</td><td>ms</td><td>{@code eprop_isi_trace_cutoff} of recurrent neurons and readout: a synapse integrates at most this long after a presynaptic spike</td><td>dt … 100 000·dt</td><td>1000</td></tr>
 * </table>
 *
 * <p>Units follow NEST: the regularisation compares a rate in spikes/ms with {@code f_target·dt} in spikes/step
 * ({@code EpropArchivingNodeRecurrent::write_firing_rate_reg_to_history}), consistent only for dt = 1 ms, as NEST.
 * The cut-off is capped at 100 000 steps here because this implementation keeps that much history per neuron
 * (NEST's docstring allows "max long").
 */
public record NestIafParams(double dtMs, double tauMMs, double cMPf, double iEPa, double vThMv, double tRefMs,
        SurrogateGradient surrogate, double gamma, double beta, double kappa, double kappaReg, double cReg,
        double fTargetHz, double adaptBetaMv, double adaptTauMs, double tauReadoutMs, double cutoffMs) {

    /** Largest cut-off in steps this implementation keeps history for. */
    public static final long MAX_CUTOFF_STEPS = 100_000;

    public NestIafParams {
        if (surrogate == null) {
            throw new IllegalArgumentException("surrogate: must not be null");
        }
        positive("dt_ms", dtMs);
        positive("tau_m_ms", tauMMs);
        positive("c_m_pf", cMPf);
        finite("i_e_pa", iEPa);
        positive("v_th_mv", vThMv);
        nonNegative("t_ref_ms", tRefMs);
        nonNegative("gamma", gamma);
        positive("beta", beta);
        unit("kappa", kappa);
        unit("kappa_reg", kappaReg);
        nonNegative("c_reg", cReg);
        nonNegative("f_target_hz", fTargetHz);
        nonNegative("adapt_beta_mv", adaptBetaMv);
        positive("adapt_tau_ms", adaptTauMs);
        positive("tau_readout_ms", tauReadoutMs);
        positive("cutoff_ms", cutoffMs);
        long steps = Math.round(cutoffMs / dtMs);
        if (steps < 1 || steps > MAX_CUTOFF_STEPS) {
            throw new IllegalArgumentException("cutoff_ms = " + cutoffMs + ": must be 1 to " + MAX_CUTOFF_STEPS
                    + " steps of dt = " + dtMs + " ms");
        }
    }

    /** NEST 3.9's defaults of eprop_iaf / eprop_iaf_adapt / eprop_readout, dt = 1 ms. */
    public static NestIafParams nestDefaults() {
        return new NestIafParams(1.0, 10.0, 250.0, 0.0, 15.0, 2.0, SurrogateGradient.PIECEWISE_LINEAR, 0.3, 1.0,
                0.97, 0.97, 0.0, 10.0, 1.0, 10.0, 10.0, 1000.0);
    }

    /**
     * NEST 3.9's sine-wave example and regression test with eprop_iaf (pynest/examples/eprop_plasticity/
     * eprop_supervised_regression_sine-waves.py, testsuite/pytests/test_eprop_plasticity.py): τ_m = 30 ms, C_m = 1,
     * V_th = 0.03 mV, t_ref = 0, β = 33.3, γ = 10, κ = κ_reg = 0.97, c_reg = 300/T for sequences of T steps,
     * f_target = 10 Hz, readout τ_m = 30 ms, cut-off 100 ms; adaptation as the test's eprop_iaf_adapt case
     * (adapt_beta 0.0174 mV, adapt_tau 2000 ms; only adaptive neurons use it).
     *
     * @param sequenceSteps T, the steps of one sequence (c_reg = 300/T as the example computes it).
     * @return the parameters.
     */
    public static NestIafParams nestSineWave(int sequenceSteps) {
        if (sequenceSteps < 1) {
            throw new IllegalArgumentException("sequenceSteps = " + sequenceSteps + ": must be >= 1");
        }
        return new NestIafParams(1.0, 30.0, 1.0, 0.0, 0.03, 0.0, SurrogateGradient.PIECEWISE_LINEAR, 10.0, 33.3,
                0.97, 0.97, 300.0 / sequenceSteps, 10.0, 0.0174, 2000.0, 30.0, 100.0);
    }

    /** α = exp(−dt/τ_m) ({@code eprop_iaf::pre_run_hook}, {@code V_.P_v_m_}). */
    public double alpha() {
        return StrictMath.exp(-dtMs / tauMMs);
    }

    /** ρ = exp(−dt/τ_a) ({@code eprop_iaf_adapt::pre_run_hook}, {@code V_.P_adapt_}). */
    public double rho() {
        return StrictMath.exp(-dtMs / adaptTauMs);
    }

    /** Readout decay exp(−dt/τ_out) ({@code eprop_readout::pre_run_hook}, {@code V_.P_v_m_}). */
    public double kappaOut() {
        return StrictMath.exp(-dtMs / tauReadoutMs);
    }

    /** P_i = τ_m/C_m·(1 − α), the propagator of the current input ({@code V_.P_i_in_}). */
    public double currentPropagator() {
        return tauMMs / cMPf * (1.0 - alpha());
    }

    /** Refractory steps, t_ref/dt rounded as NEST's {@code Time::get_steps}. */
    public int refractorySteps() {
        return (int) Math.round(tRefMs / dtMs);
    }

    /** The cut-off in steps. */
    public int cutoffSteps() {
        return (int) Math.round(cutoffMs / dtMs);
    }

    /** f_target in spikes per ms, as NEST stores it ({@code f_target_ /= 1000.0}). */
    public double fTargetPerMs() {
        return fTargetHz / 1000.0;
    }

    /** These parameters with another regularisation. */
    public NestIafParams withRegularisation(double cRegNew, double fTargetHzNew) {
        return new NestIafParams(dtMs, tauMMs, cMPf, iEPa, vThMv, tRefMs, surrogate, gamma, beta, kappa, kappaReg,
                cRegNew, fTargetHzNew, adaptBetaMv, adaptTauMs, tauReadoutMs, cutoffMs);
    }

    /** These parameters with another adaptation (of the adaptive neurons). */
    public NestIafParams withAdaptation(double adaptBetaMvNew, double adaptTauMsNew) {
        return new NestIafParams(dtMs, tauMMs, cMPf, iEPa, vThMv, tRefMs, surrogate, gamma, beta, kappa, kappaReg,
                cReg, fTargetHz, adaptBetaMvNew, adaptTauMsNew, tauReadoutMs, cutoffMs);
    }

    private static void positive(String name, double v) {
        if (!(v > 0.0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + ": must be finite and > 0");
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0.0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + ": must be finite and >= 0");
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + ": must be finite");
        }
    }

    private static void unit(String name, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " = " + v + ": must be in [0, 1]");
        }
    }
}
