package org.spikering.app.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.app.report.AtomicFiles;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * A trained network's weights and constants as a NumPy {@code .npz} for Python ({@code weights.npz} of
 * {@code train}, and {@code spikering export}): {@code w = np.load("weights.npz"); w["recurrent__recurrent"]}.
 * Projections are named {@code <pre>__<post>} after the populations {@code input}, {@code recurrent} and
 * {@code readout}; matrices are float64 [post, pre] (row j holds the weights onto neuron j, so the input to the
 * recurrent layer is {@code w["input__recurrent"] @ x}), exactly the doubles of {@code model.json}.
 *
 * <table>
 *   <caption>Arrays</caption>
 *   <tr><th>name</th><th>dtype, shape</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>input__recurrent</td><td>float64 [recurrent, inputs]</td><td>mV per spike</td><td>W_in</td></tr>
 *   <tr><td>recurrent__recurrent</td><td>float64 [recurrent, recurrent]</td><td>mV per spike</td><td>W_rec,
 *       zero diagonal</td></tr>
 *   <tr><td>recurrent__readout</td><td>float64 [outputs, recurrent]</td><td>per spike</td><td>W_out</td></tr>
 *   <tr><td>recurrent_adaptive</td><td>bool [recurrent]</td><td>-</td><td>ALIF (true) or LIF neuron</td></tr>
 *   <tr><td>dt_ms</td><td>float64 ()</td><td>ms</td><td>time step</td></tr>
 *   <tr><td>tau_m_ms</td><td>float64 ()</td><td>ms</td><td>membrane time constant</td></tr>
 *   <tr><td>v_th_mv</td><td>float64 ()</td><td>mV</td><td>threshold above rest</td></tr>
 *   <tr><td>refractory_steps</td><td>int64 ()</td><td>steps</td><td>refractory period / dt</td></tr>
 *   <tr><td>regular_spike_arrival</td><td>bool ()</td><td>-</td><td>ζ = 1 (true) or 1 − α</td></tr>
 *   <tr><td>surrogate_gamma_per_mv</td><td>float64 ()</td><td>1/mV</td><td>surrogate height γ</td></tr>
 *   <tr><td>surrogate_beta_per_mv</td><td>float64 ()</td><td>1/mV</td><td>surrogate width β</td></tr>
 *   <tr><td>tau_a_ms</td><td>float64 ()</td><td>ms</td><td>ALIF adaptation time constant</td></tr>
 *   <tr><td>beta_a_mv</td><td>float64 ()</td><td>mV</td><td>ALIF adaptation strength</td></tr>
 *   <tr><td>tau_out_ms</td><td>float64 ()</td><td>ms</td><td>readout time constant</td></tr>
 *   <tr><td>c_reg</td><td>float64 ()</td><td>-</td><td>rate regularisation coefficient</td></tr>
 *   <tr><td>f_target_hz</td><td>float64 ()</td><td>Hz</td><td>target rate of the regularisation</td></tr>
 *   <tr><td>excitatory_units</td><td>int64 ()</td><td>units</td><td>with cell types only: the first E units are
 *       excitatory, the rest inhibitory (Dale's law on W_rec)</td></tr>
 * </table>
 * A rate network ({@code kind: rate}) has, after the weights and {@code recurrent_adaptive} (all false), only
 * {@code dt_ms} and its units' constants (the LIF/ALIF constants do not apply to it):
 * <table>
 *   <caption>Arrays of a rate network</caption>
 *   <tr><th>name</th><th>dtype [shape]</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>dt_ms</td><td>float64 ()</td><td>ms</td><td>time step</td></tr>
 *   <tr><td>rate_activation</td><td>int64 ()</td><td>-</td><td>φ: 0 relu, 1 tanh, 2 softplus, 3 rectified_tanh</td></tr>
 *   <tr><td>rate_tau_ms</td><td>float64 ()</td><td>ms</td><td>time constant τ, λ = dt/τ</td></tr>
 *   <tr><td>rate_current_leak</td><td>bool ()</td><td>-</td><td>form current_leak (true) or rate_leak</td></tr>
 *   <tr><td>rate_bias</td><td>float64 ()</td><td>as the weights</td><td>constant input b</td></tr>
 * </table>
 */
public final class WeightsNpz {

    /** File name beside {@code model.json}. */
    public static final String FILE = "weights.npz";

    private WeightsNpz() {
    }

    /**
     * @param net a network.
     * @return its arrays by name, in the order of the table above.
     */
    public static Map<String, NpyArray> arrays(final RecurrentNetwork net) {
        final Map<String, NpyArray> a = new LinkedHashMap<>();
        final int in = net.inputs();
        final int rec = net.recurrent();
        final int out = net.outputs();
        a.put("input__recurrent", NpyArray.of(new int[] {rec, in}, net.wIn().clone()));
        a.put("recurrent__recurrent", NpyArray.of(new int[] {rec, rec}, net.wRec().clone()));
        a.put("recurrent__readout", NpyArray.of(new int[] {out, rec}, net.wOut().clone()));
        a.put("recurrent_adaptive", NpyArray.of(new int[] {rec}, net.adaptiveFlags()));
        final NetworkParams p = net.params();
        scalar(a, "dt_ms", p.dtMs());
        if (net.isRate()) {
            final org.spikering.plasticity.network.RateUnits r = net.rateUnits();
            a.put("rate_activation", NpyArray.of(new int[0], new long[] {r.activation().ordinal()}));
            scalar(a, "rate_tau_ms", r.tauMs());
            a.put("rate_current_leak", NpyArray.of(new int[0],
                    new boolean[] {r.form() == org.spikering.neuron.rate.LeakyRateUnit.Form.CURRENT_LEAK}));
            scalar(a, "rate_bias", r.bias());
            cellTypes(a, net);
            return a;
        }
        scalar(a, "tau_m_ms", p.tauMembraneMs());
        scalar(a, "v_th_mv", p.thresholdMv());
        a.put("refractory_steps", NpyArray.of(new int[0], new long[] {p.refractorySteps()}));
        a.put("regular_spike_arrival", NpyArray.of(new int[0], new boolean[] {p.regularSpikeArrival()}));
        scalar(a, "surrogate_gamma_per_mv", p.surrogateGamma());
        scalar(a, "surrogate_beta_per_mv", p.surrogateBeta());
        scalar(a, "tau_a_ms", p.tauAdaptMs());
        scalar(a, "beta_a_mv", p.betaAdapt());
        scalar(a, "tau_out_ms", p.tauReadoutMs());
        scalar(a, "c_reg", p.cReg());
        scalar(a, "f_target_hz", p.fTargetHz());
        cellTypes(a, net);
        return a;
    }

    private static void cellTypes(final Map<String, NpyArray> a, final RecurrentNetwork net) {
        if (net.cellTypes() != null) {
            a.put("excitatory_units", NpyArray.of(new int[0], new long[] {net.cellTypes().excitatory()}));
        }
    }

    private static void scalar(final Map<String, NpyArray> a, final String name, final double v) {
        a.put(name, NpyArray.of(new int[0], new double[] {v}));
    }

    /**
     * Writes the arrays atomically (temporary file and rename), uncompressed ({@code np.savez}).
     *
     * @param file the {@code .npz}.
     * @param net  the network.
     */
    public static void write(final Path file, final RecurrentNetwork net) {
        AtomicFiles.writeBytes(file, Npz.bytes(arrays(net), false));
    }
}
