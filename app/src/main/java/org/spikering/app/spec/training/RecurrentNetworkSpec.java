package org.spikering.app.spec.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.spikering.plasticity.network.NetworkParams;

/**
 * {@code training.network}: the recurrent network (inputs and readouts come from the task). Kind {@code spiking} (the
 * default): LIF/ALIF neurons with leaky readouts, built into {@link NetworkParams} (the equations are neuron-models'
 * {@code AlifNeuron} and {@code LeakyReadout}). Kind {@code rate}: leaky rate units ({@link RateUnitsSpec}) with a
 * linear readout; of the spiking fields only dt_ms and weights are read (the initial gain g of Liu et al. 2024 is
 * {@code weights.recurrent_gain}: W_rec ~ N(0, g²/n)). Either kind may have E/I {@link CellTypesSpec cell types}.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th><th>NetworkParams</th></tr>
 * <tr><td>kind</td><td>—</td><td>spiking or rate</td><td></td></tr>
 * <tr><td>rate</td><td></td><td>{@link RateUnitsSpec}, kind rate only</td><td>(dtMs only)</td></tr>
 * <tr><td>cell_types</td><td></td><td>{@link CellTypesSpec}, optional</td><td></td></tr>
 * <tr><td>recurrent</td><td>neurons</td><td>recurrent neurons</td><td></td></tr>
 * <tr><td>alif_count / alif_fraction</td><td>neurons / —</td><td>the first ones are ALIF (count = round(fraction ·
 *     recurrent)); neither = 0</td><td></td></tr>
 * <tr><td>dt_ms</td><td>ms</td><td>time step</td><td>dtMs</td></tr>
 * <tr><td>tau_m_ms</td><td>ms</td><td>membrane time constant</td><td>tauMembraneMs</td></tr>
 * <tr><td>v_th_mv</td><td>mV</td><td>threshold above rest</td><td>thresholdMv</td></tr>
 * <tr><td>t_ref_ms</td><td>ms</td><td>refractory period, a multiple of dt</td><td>refractorySteps = t_ref/dt</td></tr>
 * <tr><td>regular_spike_arrival</td><td>—</td><td>ζ = 1 (true) or 1 − α</td><td>regularSpikeArrival</td></tr>
 * <tr><td>tau_a_ms</td><td>ms</td><td>ALIF adaptation time constant</td><td>tauAdaptMs</td></tr>
 * <tr><td>beta_a_mv</td><td>mV</td><td>ALIF adaptation strength</td><td>betaAdapt</td></tr>
 * <tr><td>tau_out_ms</td><td>ms</td><td>readout time constant</td><td>tauReadoutMs</td></tr>
 * <tr><td>surrogate</td><td></td><td>{@link SurrogateSpec}</td><td>surrogateGamma, surrogateBeta</td></tr>
 * <tr><td>weights</td><td></td><td>{@link WeightsSpec}</td><td></td></tr>
 * </table>
 *
 * @param recurrent           recurrent neurons.
 * @param alifCount           ALIF neurons, or null.
 * @param alifFraction        ALIF fraction, or null.
 * @param dtMs                step, ms.
 * @param tauMMs              τ_m, ms.
 * @param vThMv               v_th, mV.
 * @param tRefMs              t_ref, ms.
 * @param regularSpikeArrival ζ = 1.
 * @param tauAMs              τ_a, ms.
 * @param betaAMv             β_a, mV.
 * @param tauOutMs            τ_out, ms.
 * @param surrogate           the pseudo-derivative.
 * @param weights             the initial weights.
 * @param kind                spiking or rate.
 * @param rate                the rate units (kind rate; null with kind spiking unless given).
 * @param cellTypes           the E/I cell types, or null.
 */
public record RecurrentNetworkSpec(int recurrent, Integer alifCount, Double alifFraction, double dtMs,
                                   @JsonProperty("tau_m_ms") double tauMMs, @JsonProperty("v_th_mv") double vThMv,
                                   @JsonProperty("t_ref_ms") double tRefMs, boolean regularSpikeArrival,
                                   @JsonProperty("tau_a_ms") double tauAMs, @JsonProperty("beta_a_mv") double betaAMv,
                                   double tauOutMs, SurrogateSpec surrogate, WeightsSpec weights, String kind,
                                   RateUnitsSpec rate, CellTypesSpec cellTypes) {

    /** @return whether the units are rate units ({@code kind: rate}). */
    public boolean isRate() {
        return "rate".equals(kind);
    }

    /** @return the number of ALIF neurons (the first ones). */
    public int alif() {
        return alifCount != null ? alifCount : alifFraction != null ? (int) Math.round(alifFraction * recurrent) : 0;
    }

    /** @return t_ref in steps, rounded (exact when the check passed). */
    public int refractorySteps() {
        return (int) Math.round(tRefMs / dtMs);
    }

    /**
     * @param cReg       rate regularisation coefficient.
     * @param fTargetHz  its target rate, Hz.
     * @return the network constants.
     */
    public NetworkParams params(final double cReg, final double fTargetHz) {
        return new NetworkParams(dtMs, tauMMs, vThMv, refractorySteps(), regularSpikeArrival,
                surrogate.gammaPerMv(vThMv), surrogate.betaPerMv(vThMv), tauAMs, betaAMv, tauOutMs, cReg, fTargetHz,
                surrogate.form());
    }
}
