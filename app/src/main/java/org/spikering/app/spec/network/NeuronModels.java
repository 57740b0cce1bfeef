package org.spikering.app.spec.network;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.hw.fixedpoint.FixedAdaptation;
import org.spikering.hw.fixedpoint.FixedLifModel;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FloatCubaLifModel;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.SurrogateGradient;
import org.spikering.neuron.alif.AlifParameters;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;

/**
 * The neuron models a spec names, and the neuron-models records they are ({@link #model}, and back: {@link #entry}).
 *
 * <table>
 *   <caption>Models</caption>
 *   <tr><th>spec model</th><th>record</th><th>synapse</th><th>weight field</th><th>differs from NEST's namesake</th></tr>
 *   <tr><td>lif_exp</td><td>{@link LifExpParameters}</td><td>exponential current</td><td>weight_pa</td>
 *       <td>iaf_psc_exp; exact integration on the grid</td></tr>
 *   <tr><td>lif_delta</td><td>{@link LifDeltaParameters}</td><td>delta</td><td>weight_mv</td>
 *       <td>iaf_psc_delta; input arriving while refractory is discarded (NEST's refractory_input = false)</td></tr>
 *   <tr><td>eprop_lif, eprop_alif</td><td>{@link AlifParameters}</td><td>delta</td><td>weight_mv</td>
 *       <td>eprop_iaf(_adapt)_bsshslm_2020: potentials relative to rest, no C_m and I_e; no learning here</td></tr>
 *   <tr><td>loihi_lif</td><td>{@link FixedLifModel} ({@link FixedLifParams}, {@link FixedAdaptation})</td>
 *       <td>one integer input a_in</td><td>weight (a whole number)</td>
 *       <td>Lava's PyLifModelBitAcc (Loihi CUBA-LIF), generalised in state width and shift; V_m(0) = 0</td></tr>
 *   <tr><td>loihi_lif_float</td><td>{@link FloatCubaLifModel}</td><td>one real input</td><td>weight</td>
 *       <td>the same parameters read as reals (the float twin)</td></tr>
 * </table>
 */
public final class NeuronModels {

    /** The models, in the schema's order. */
    public static final List<String> NAMES = List.of("lif_exp", "lif_delta", "eprop_lif", "eprop_alif", "loihi_lif",
            "loihi_lif_float");

    /** The parameter fields of the loihi models. */
    private static final List<String> LOIHI = List.of("du", "dv", "vth", "bias_mant", "bias_exp", "state_width_bits",
            "shift_bits", "input_width_bits", "adaptation");

    /** The parameter fields of each model (besides name, size, model, initial). */
    static final Map<String, List<String>> PARAMETERS = Map.of(
            "lif_exp", List.of("tau_m_ms", "c_m_pf", "e_l_mv", "v_th_mv", "v_reset_mv", "t_ref_ms", "tau_syn_ex_ms",
                    "tau_syn_in_ms", "i_e_pa", "reset"),
            "lif_delta", List.of("tau_m_ms", "c_m_pf", "e_l_mv", "v_th_mv", "v_reset_mv", "t_ref_ms", "i_e_pa", "reset"),
            "eprop_lif", List.of("tau_m_ms", "v_th_mv", "t_ref_ms", "regular_spike_arrival", "surrogate",
                    "surrogate_gamma_per_mv", "surrogate_beta_per_mv"),
            "eprop_alif", List.of("tau_m_ms", "v_th_mv", "t_ref_ms", "regular_spike_arrival", "surrogate",
                    "surrogate_gamma_per_mv", "surrogate_beta_per_mv", "tau_a_ms", "beta_a_mv"),
            "loihi_lif", LOIHI, "loihi_lif_float", LOIHI);

    private NeuronModels() {
    }

    /**
     * @param model a spec model name.
     * @return the weight field its synapses take: weight_pa (current synapses), weight (loihi models: unit-free) or
     *         weight_mv (delta synapses).
     */
    public static String weightField(final String model) {
        return "lif_exp".equals(model) ? "weight_pa" : loihi(model) ? "weight" : "weight_mv";
    }

    /** @return whether the model is loihi_lif or loihi_lif_float (initial v and u; unit-free weights). */
    static boolean loihi(final String model) {
        return model.startsWith("loihi_");
    }

    /** @return whether the model's synapses take only whole-number weights (loihi_lif: integer mantissas). */
    static boolean integerWeights(final String model) {
        return "loihi_lif".equals(model);
    }

    /** @return whether a population of this model takes a current (dc, step_current sources). */
    static boolean takesCurrent(final String model) {
        return "lif_exp".equals(model) || "lif_delta".equals(model);
    }

    /**
     * The model's record. For lif models a V_m(0) drawn per neuron ({@code initial.v_mv} a distribution) is set by
     * the builder; the record's own V_m(0) is then V_reset (unused).
     *
     * @param p    the entry (complete: the schema filled the model's defaults).
     * @param dtMs the step, ms (eprop refractory periods are counted in steps).
     * @return the record.
     * @throws IllegalArgumentException from the record's own checks.
     */
    public static NeuronModel model(final PopulationEntry p, final double dtMs) {
        final var vMv = p.initial() == null ? null : p.initial().vMv();
        final Double v0 = vMv != null && vMv.isConstant() ? vMv.value() : null;
        switch (p.model()) {
            case "lif_exp":
                return new LifExpParameters(p.tauMMs(), p.cMPf(), p.eLMv(), p.vThMv(), p.vResetMv(), p.tRefMs(),
                        p.tauSynExMs(), p.tauSynInMs(), p.iEPa(), reset(p.reset()), v0 != null ? v0 : p.vResetMv());
            case "lif_delta":
                return new LifDeltaParameters(p.tauMMs(), p.cMPf(), p.eLMv(), p.vThMv(), p.vResetMv(), p.tRefMs(),
                        p.iEPa(), reset(p.reset()), v0 != null ? v0 : p.vResetMv());
            case "eprop_lif":
            case "eprop_alif": {
                final boolean adaptive = "eprop_alif".equals(p.model());
                return new AlifParameters(p.tauMMs(), p.vThMv(), refractorySteps(p.tRefMs(), dtMs),
                        p.regularSpikeArrival(), SurrogateGradient.valueOf(p.surrogate().toUpperCase(Locale.ROOT)),
                        p.surrogateGammaPerMv(), p.surrogateBetaPerMv(), adaptive ? p.tauAMs() : AlifDefaults.TAU_A_MS,
                        adaptive ? p.betaAMv() : AlifDefaults.BETA_A_MV, adaptive);
            }
            case "loihi_lif":
                return new FixedLifModel(loihiParams(p, dtMs), loihiAdaptation(p));
            case "loihi_lif_float":
                return new FloatCubaLifModel(loihiParams(p, dtMs), loihiAdaptation(p));
            default:
                throw new IllegalArgumentException("model '" + p.model() + "': must be one of " + NAMES);
        }
    }

    private static FixedLifParams loihiParams(final PopulationEntry p, final double dtMs) {
        return new FixedLifParams(p.du(), p.dv(), p.vth(), p.biasMant(), p.biasExp(), p.stateWidthBits(), p.shiftBits(),
                p.inputWidthBits(), dtMs);
    }

    private static FixedAdaptation loihiAdaptation(final PopulationEntry p) {
        return p.adaptation() == null ? null : new FixedAdaptation(p.adaptation().da(), p.adaptation().jumpMant());
    }

    /**
     * What the builder must set as V_m(0) per neuron: null when the model's own V_m(0) is the value (lif models with
     * a constant, eprop models with 0, their rest).
     *
     * @param p the entry.
     * @return the distribution to draw from, or null.
     */
    static org.spikering.sim.network.Distribution initialPotential(final PopulationEntry p) {
        if (p.initial() == null || p.initial().vMv() == null) {
            return null; // loihi models: their v is initial.v, set as V_m with the other state variables
        }
        final var v = p.initial().vMv();
        if (v.isConstant() && (takesCurrent(p.model()) || v.value() == 0.0)) {
            return null;
        }
        return v.toDistribution();
    }

    /** @return t_ref in steps: t_ref/dt rounded, or -1 when t_ref is not a multiple of dt. */
    static int refractorySteps(final double tRefMs, final double dtMs) {
        final double s = tRefMs / dtMs;
        final long r = Math.round(s);
        return Math.abs(s - r) <= 1e-9 * Math.max(1, Math.abs(s)) && r <= Integer.MAX_VALUE ? (int) r : -1;
    }

    private static ResetMode reset(final String s) {
        return ResetMode.valueOf(s.toUpperCase(Locale.ROOT));
    }

    /**
     * The entry of a population's model (the inverse of {@link #model}).
     *
     * @param name      population name.
     * @param size      its size.
     * @param model     its model.
     * @param initial   its initial state distributions in the network (state variable to distribution; V_m absent:
     *                  the model's own V_m(0)).
     * @param dtMs      the step, ms.
     * @return the entry, or null if the model is not one a spec can name (a spike generator is a source).
     */
    public static PopulationEntry entry(final String name, final int size, final NeuronModel model,
                                        final Map<String, org.spikering.sim.network.Distribution> initial,
                                        final double dtMs) {
        final org.spikering.sim.network.Distribution initialV0 = initial.get("V_m");
        final Map<String, org.spikering.app.spec.DistributionSpec> others = new java.util.LinkedHashMap<>();
        initial.forEach((k, d) -> {
            if (!"V_m".equals(k)) {
                others.put(k, Distributions.spec(d));
            }
        });
        if (model instanceof LifExpParameters m) {
            return new PopulationEntry(name, size, "lif_exp", m.tauM(), m.cM(), m.eL(), m.vTh(), m.vReset(), m.tRef(),
                    m.tauSynEx(), m.tauSynIn(), m.iE(), lower(m.resetMode()), null, null, null, null, null, null,
                    InitialState.of(initialV0 != null ? Distributions.spec(initialV0)
                            : org.spikering.app.spec.DistributionSpec.of(m.vInit()), others), null, null, null, null, null, null, null, null,
                    null);
        }
        if (model instanceof LifDeltaParameters m) {
            return new PopulationEntry(name, size, "lif_delta", m.tauM(), m.cM(), m.eL(), m.vTh(), m.vReset(), m.tRef(),
                    null, null, m.iE(), lower(m.resetMode()), null, null, null, null, null, null,
                    InitialState.of(initialV0 != null ? Distributions.spec(initialV0)
                            : org.spikering.app.spec.DistributionSpec.of(m.vInit()), others), null, null, null, null, null, null, null, null,
                    null);
        }
        if (model instanceof FixedLifModel m) {
            return loihiEntry(name, size, "loihi_lif", m.params(), m.adaptation(), loihiState(initial));
        }
        if (model instanceof FloatCubaLifModel m) {
            return loihiEntry(name, size, "loihi_lif_float", m.params(), m.adaptation(), loihiState(initial));
        }
        if (model instanceof AlifParameters m) {
            return new PopulationEntry(name, size, m.adaptive() ? "eprop_alif" : "eprop_lif", m.tauMMs(), null, null,
                    m.vThMv(), null, Distributions.gridMs(m.refractorySteps(), dtMs), null, null, null, null,
                    m.regularSpikeArrival(), m.surrogate().name().toLowerCase(Locale.ROOT), m.surrogateGamma(),
                    m.surrogateBeta(), m.adaptive() ? m.tauAMs() : null, m.adaptive() ? m.betaAMv() : null,
                    InitialState.of(initialV0 != null ? Distributions.spec(initialV0)
                            : org.spikering.app.spec.DistributionSpec.of(0.0), others), null, null, null, null, null, null, null, null, null);
        }
        return null;
    }

    private static InitialState loihiState(final Map<String, org.spikering.sim.network.Distribution> initial) {
        final Map<String, org.spikering.app.spec.DistributionSpec> m = new java.util.LinkedHashMap<>();
        initial.forEach((k, d) -> m.put(k, Distributions.spec(d)));
        return InitialState.loihi(m);
    }

    private static PopulationEntry loihiEntry(final String name, final int size, final String model,
                                              final FixedLifParams q, final FixedAdaptation a, final InitialState s) {
        return new PopulationEntry(name, size, model, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, s, q.du(), q.dv(), q.vth(), q.biasMant(), q.biasExp(), q.stateWidth(),
                q.shift(), q.inputWidth(), a == null ? null : new LoihiAdaptation(a.da(), a.jumpMant()));
    }

    private static String lower(final ResetMode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    /** τ_a and β_a of a non-adaptive eprop_lif: unused by its dynamics (a stays 0), the schema's eprop_alif defaults. */
    static final class AlifDefaults {
        static final double TAU_A_MS = 10.0;
        static final double BETA_A_MV = 1.0;

        private AlifDefaults() {
        }
    }
}
