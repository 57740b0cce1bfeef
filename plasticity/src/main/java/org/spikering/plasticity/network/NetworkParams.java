package org.spikering.plasticity.network;

import org.spikering.neuron.SurrogateGradient;
import org.spikering.neuron.alif.AlifNeuron;
import org.spikering.neuron.alif.AlifParameters;
import org.spikering.neuron.readout.LeakyReadout;

/**
 * Constants of an e-prop recurrent network (NEST {@code eprop_iaf(_adapt)_bsshslm_2020} + readout). The
 * neurons' and the readout's equations are neuron-models' {@link AlifNeuron} and {@link LeakyReadout}
 * ({@link #neuron()}, {@link #readout()}).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>meaning</th><th>allowed</th></tr>
 * <tr><td>dtMs</td><td>ms</td><td>step length</td><td>&gt; 0</td></tr>
 * <tr><td>tauMembraneMs</td><td>ms</td><td>recurrent membrane time constant, α = exp(−dt/τ_m)</td><td>&gt; 0</td></tr>
 * <tr><td>thresholdMv</td><td>mV</td><td>v_th above E_L; reset by subtraction of v_th</td><td>&gt; 0</td></tr>
 * <tr><td>refractorySteps</td><td>steps</td><td>t_ref/dt, ψ = 0 and no spike while refractory</td><td>≥ 0</td></tr>
 * <tr><td>regularSpikeArrival</td><td>—</td><td>ζ = 1 if true, else 1 − α (recurrent and readout inputs)</td><td></td></tr>
 * <tr><td>surrogateGamma</td><td>1/mV</td><td>height γ of the piecewise-linear pseudo-derivative</td><td>≥ 0</td></tr>
 * <tr><td>surrogateBeta</td><td>1/mV</td><td>width β: ψ = γ·max(0, 1 − β|v − A|)</td><td>&gt; 0</td></tr>
 * <tr><td>tauAdaptMs</td><td>ms</td><td>ALIF adaptation time constant, ρ = exp(−dt/τ_a)</td><td>&gt; 0</td></tr>
 * <tr><td>betaAdapt</td><td>mV</td><td>ALIF adaptation strength β_a, A = v_th + β_a·a</td><td>≥ 0</td></tr>
 * <tr><td>tauReadoutMs</td><td>ms</td><td>readout time constant, κ = exp(−dt/τ_out)</td><td>&gt; 0</td></tr>
 * <tr><td>cReg</td><td>—</td><td>firing-rate regularisation coefficient</td><td>≥ 0</td></tr>
 * <tr><td>fTargetHz</td><td>Hz</td><td>target rate of the regularisation</td><td>≥ 0</td></tr>
 * <tr><td>surrogate</td><td>—</td><td>form of ψ ({@link SurrogateGradient}) with height γ and width β</td>
 *     <td>default piecewise_linear</td></tr>
 * </table>
 */
public record NetworkParams(double dtMs, double tauMembraneMs, double thresholdMv, int refractorySteps,
        boolean regularSpikeArrival, double surrogateGamma, double surrogateBeta, double tauAdaptMs,
        double betaAdapt, double tauReadoutMs, double cReg, double fTargetHz, SurrogateGradient surrogate) {

    /** The parameters with the piecewise-linear pseudo-derivative ψ = γ·max(0, 1 − β|v − A|). */
    public NetworkParams(double dtMs, double tauMembraneMs, double thresholdMv, int refractorySteps,
            boolean regularSpikeArrival, double surrogateGamma, double surrogateBeta, double tauAdaptMs,
            double betaAdapt, double tauReadoutMs, double cReg, double fTargetHz) {
        this(dtMs, tauMembraneMs, thresholdMv, refractorySteps, regularSpikeArrival, surrogateGamma, surrogateBeta,
                tauAdaptMs, betaAdapt, tauReadoutMs, cReg, fTargetHz, SurrogateGradient.PIECEWISE_LINEAR);
    }

    public NetworkParams {
        if (surrogate == null) {
            throw new IllegalArgumentException("surrogate: must not be null");
        }
        positive("dtMs", dtMs, "ms");
        positive("tauMembraneMs", tauMembraneMs, "ms");
        positive("thresholdMv", thresholdMv, "mV");
        if (refractorySteps < 0) {
            throw new IllegalArgumentException("refractorySteps = " + refractorySteps + ": must be >= 0");
        }
        nonNegative("surrogateGamma", surrogateGamma);
        positive("surrogateBeta", surrogateBeta, "1/mV");
        positive("tauAdaptMs", tauAdaptMs, "ms");
        nonNegative("betaAdapt", betaAdapt);
        positive("tauReadoutMs", tauReadoutMs, "ms");
        nonNegative("cReg", cReg);
        nonNegative("fTargetHz", fTargetHz);
    }

    /** NEST 3.9 sine-wave example: τ_m = τ_out = 30 ms, v_th = 0.03 mV, t_ref = 0, c_reg = 300, 10 Hz, ζ = 1 − α. */
    public static NetworkParams nestSineWave() {
        double vth = 0.03;
        return new NetworkParams(1.0, 30.0, vth, 0, false, 0.3 / vth, 1.0 / vth, 2000.0, 0.0, 30.0, 300.0, 10.0);
    }

    /** Same parameters with ALIF adaptation constants τ_a (ms) and β_a (mV). */
    public NetworkParams withAdaptation(double tauAdapt, double beta) {
        return new NetworkParams(dtMs, tauMembraneMs, thresholdMv, refractorySteps, regularSpikeArrival,
                surrogateGamma, surrogateBeta, tauAdapt, beta, tauReadoutMs, cReg, fTargetHz, surrogate);
    }

    /** Same parameters with another regularisation (c_reg, f_target in Hz). */
    public NetworkParams withRegularisation(double c, double fHz) {
        return new NetworkParams(dtMs, tauMembraneMs, thresholdMv, refractorySteps, regularSpikeArrival,
                surrogateGamma, surrogateBeta, tauAdaptMs, betaAdapt, tauReadoutMs, c, fHz, surrogate);
    }

    /** Same parameters with another refractory period in steps. */
    public NetworkParams withRefractorySteps(int steps) {
        return new NetworkParams(dtMs, tauMembraneMs, thresholdMv, steps, regularSpikeArrival,
                surrogateGamma, surrogateBeta, tauAdaptMs, betaAdapt, tauReadoutMs, cReg, fTargetHz, surrogate);
    }

    /** Same parameters with another form of the pseudo-derivative (same γ, β). */
    public NetworkParams withSurrogate(SurrogateGradient form) {
        return new NetworkParams(dtMs, tauMembraneMs, thresholdMv, refractorySteps, regularSpikeArrival,
                surrogateGamma, surrogateBeta, tauAdaptMs, betaAdapt, tauReadoutMs, cReg, fTargetHz, form);
    }

    /**
     * The recurrent neurons' model in neuron-models (the one implementation of their equations).
     *
     * @param adaptive ALIF (true) or LIF (false).
     * @return e-prop neuron parameters with the surrogate of height γ and width β.
     */
    public AlifParameters neuronModel(boolean adaptive) {
        return new AlifParameters(tauMembraneMs, thresholdMv, refractorySteps, regularSpikeArrival,
                surrogate, surrogateGamma, surrogateBeta, tauAdaptMs, betaAdapt, adaptive);
    }

    /** @return the equations of the recurrent neurons at step dt; {@link AlifNeuron#step} takes the ALIF flag per neuron. */
    public AlifNeuron neuron() {
        return new AlifNeuron(neuronModel(true), dtMs);
    }

    /** @return the readout's equation at step dt. */
    public LeakyReadout readout() {
        return new LeakyReadout(tauReadoutMs, dtMs, regularSpikeArrival);
    }

    /** α = exp(−dt/τ_m). */
    public double alpha() {
        return AlifNeuron.decay(dtMs, tauMembraneMs);
    }

    /** ρ = exp(−dt/τ_a). */
    public double rho() {
        return AlifNeuron.decay(dtMs, tauAdaptMs);
    }

    /** κ = exp(−dt/τ_out). */
    public double kappa() {
        return AlifNeuron.decay(dtMs, tauReadoutMs);
    }

    /** ζ of the recurrent neurons: 1 or 1 − α. */
    public double zeta() {
        return AlifNeuron.inputScale(regularSpikeArrival, alpha());
    }

    /** ζ of the readout: 1 or 1 − κ (also the factor of the κ-filter of eligibility traces). */
    public double zetaOut() {
        return AlifNeuron.inputScale(regularSpikeArrival, kappa());
    }

    /** Target rate in spikes per step: f_target·dt. */
    public double targetSpikesPerStep() {
        return fTargetHz * dtMs / 1000.0;
    }

    private static void positive(String name, double v, String unit) {
        if (!(v > 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " " + unit + ": must be finite and > 0");
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + ": must be finite and >= 0");
        }
    }
}
