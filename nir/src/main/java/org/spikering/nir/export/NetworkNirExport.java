package org.spikering.nir.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.spikering.hw.fixedpoint.FloatCubaLifModel;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.lif.ExpPropagator;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.neuron.source.StepCurrentSource;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirWriter;
import org.spikering.nir.Tensor;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PoissonDriveSpec;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.network.Projection;
import org.spikering.sim.network.StepCurrentSpec;
import org.spikering.sim.synapse.Csr;

/**
 * A built spikering network (a spec's {@code network} section, {@code NetworkFactory}) as a NIR 1.0.x graph that
 * reproduces sim-core's run of it under {@code nir run --runner engine --scheme euler --reset zero}: forward Euler,
 * reset to v_reset, one step of delay on every edge between spiking nodes (the engine's), at the exported dt.
 *
 * <p><b>Why forward Euler with folded parameters.</b> sim-core integrates each step exactly (NEST's propagators
 * P22 = e^{−h/τ_m}, P11 = e^{−h/τ_s}, P21, P20), with a spike as a jump of the synaptic current (iaf_psc_exp) or of
 * V (iaf_psc_delta) at the end of its arrival step. A NIR backend feeds a spike as the value 1 held over one step;
 * under the exact zero-order-hold scheme that is a pulse, not a jump, so no parameter choice reproduces the jump
 * (NIR.md §4, "Spike size depends on dt"). Under forward Euler the NIR step is an affine map whose coefficients
 * are set by τ, r and w_in, so choosing them as below makes it the propagator map itself, at this dt only (as
 * snnTorch's exporter folds β and α, NIR.md §4). h = dt in ms, h_s = dt in s, c_x = 1 − e^{−h/τ_x} (expm1).
 *
 * <p><b>The continuous-time reading.</b> Read as ODEs with a spike as a unit-integral Dirac pulse (the proposal of
 * NIR.md §4), iaf_psc_exp is a CubaLIF with tau_syn = τ_s, tau_mem = τ_m, r = τ_m/C_m (GΩ: mV per pA), w_in = τ_s
 * (τ_syn dI/dt = −I + w_in W δ(t) makes I jump by W pA), v_leak = E_L + r I_e; iaf_psc_delta a LIF with tau = τ_m,
 * r = τ_m (a jump of W mV). A discrete backend's spike is a 1 held for one step, of integral dt, so the values
 * written below are these at this dt: tau_x = τ_x + dt/2 + O(dt²/τ_x), w_in = 1/c_s ≈ τ_s/dt, r → τ_m/C_m as dt → 0.
 *
 * <table>
 *   <caption>iaf_psc_exp (spec lif_exp, t_ref_ms = 0, reset to_value) → CubaLIF; per neuron i</caption>
 *   <tr><th>NIR dataset</th><th>value</th><th>unit</th><th>Euler step it gives</th></tr>
 *   <tr><td>tau_syn</td><td>h_s / c_s</td><td>s</td><td>I ← I + c_s (w_in x − I) = P11 I + x</td></tr>
 *   <tr><td>w_in</td><td>1 / c_s</td><td>—</td><td>(x = summed weights of the spikes in pA)</td></tr>
 *   <tr><td>tau_mem</td><td>h_s / c_m</td><td>s</td><td>v ← v + c_m (v_leak − v + r I) = P22 v + (1 − P22) v_leak + P21 I</td></tr>
 *   <tr><td>r</td><td>P21 / c_m (P21 of {@link ExpPropagator}, mV/pA)</td><td>mV/pA</td><td></td></tr>
 *   <tr><td>v_leak</td><td>E_L − V_0,i + τ_m/C_m (I_e + I_dc)</td><td>mV</td><td>(1 − P22) v_leak = (1 − P22)(E_L − V_0,i) + P20 (I_e + I_dc)</td></tr>
 *   <tr><td>v_threshold, v_reset</td><td>V_th − V_0,i, V_reset − V_0,i</td><td>mV</td><td>spike when v &gt; v_threshold, v ← v_reset</td></tr>
 * </table>
 * τ_s is tau_syn_ex_ms if the population receives only non-negative weights, tau_syn_in_ms if only negative ones
 * (sim-core routes a synapse to the inhibitory current by the sign of its weight); a population that receives both
 * signs with τ_ex ≠ τ_in has two synaptic currents, which a CubaLIF cannot hold: refused.
 *
 * <table>
 *   <caption>iaf_psc_delta (spec lif_delta, t_ref_ms = 0, reset to_value) → LIF; per neuron i</caption>
 *   <tr><th>NIR dataset</th><th>value</th><th>unit</th><th>Euler step it gives</th></tr>
 *   <tr><td>tau</td><td>h_s / c_m</td><td>s</td><td>v ← v + c_m (v_leak − v + r x) = P22 v + (1 − P22) v_leak + x</td></tr>
 *   <tr><td>r</td><td>1 / c_m</td><td>—</td><td>(x = summed weights of the spikes in mV: the jump of V)</td></tr>
 *   <tr><td>v_leak, v_threshold, v_reset</td><td>as for lif_exp</td><td>mV</td><td></td></tr>
 * </table>
 *
 * <table>
 *   <caption>loihi_lif_float (Lava's PyLifModelFloat: u ← (1 − du_f) u + a_in, v ← (1 − dv_f) v + u + bias, spike
 *   v &gt; vth, v ← 0; du_f = (du + 1)/4096, dv_f = dv/4096, bias = bias_mant·2^bias_exp) → CubaLIF</caption>
 *   <tr><th>NIR dataset</th><th>value</th><th>Euler step it gives</th></tr>
 *   <tr><td>tau_syn, w_in</td><td>h_s / du_f, 1 / du_f</td><td>I ← (1 − du_f) I + x</td></tr>
 *   <tr><td>tau_mem, r</td><td>h_s / dv_f, 1 / dv_f</td><td>v ← (1 − dv_f) v + dv_f v_leak + I</td></tr>
 *   <tr><td>v_leak, v_threshold, v_reset</td><td>bias / dv_f − V_0,i, vth − V_0,i, −V_0,i</td><td>(unit-free, as the model)</td></tr>
 * </table>
 * It takes its input in the step it arrives, as lif_delta does. Refused: {@code adaptation} (NIR has no
 * adaptive-threshold neuron) and dv = 0 (no leak: tau_mem infinite). loihi_lif (integer arithmetic) is refused.
 *
 * <p><b>Voltages.</b> NIR states start at 0 and NIR stores no initial state, so v is written relative to each
 * neuron's V_m(0) as sim-core draws it (the network's own initial-state streams, read from a sim-core
 * {@link Simulation} of the network before its first step): v_i = V_m,i − V_0,i. The dynamics are affine in v,
 * so the shift is exact; V_0 is in the graph's metadata ({@code v_offset_mv_<population>}), V_m = v + V_0.
 * Initial synaptic currents other than 0 cannot be expressed: refused.
 *
 * <p><b>Projections and delays.</b> Each projection becomes one Linear per distinct synaptic delay d (steps),
 * weight (out, in) = the built network's per-synapse weights (same seed, same weights; multapses summed), then a
 * Delay of D steps (omitted when D = 0) into its target. The engine adds one step to every edge between spiking
 * nodes, and NIR's Euler CubaLIF uses the current it has just received (NIR.md §4) while iaf_psc_exp's arriving
 * spike moves V only from the next step, so D = d (to lif_exp) or d − 1 (to lif_delta, loihi_lif_float); from an
 * Input (no engine step) D = d + 1 or d.
 *
 * <p><b>Sources</b> cannot be part of a NIR graph; they become Input nodes, in this order: each spike_array source
 * (its spike trains, one column per generator, 1 in the step it fires: {@link Result#spikeArrayInput}); each
 * poisson source (one column per target neuron holding its count of input spikes per step, through a Scale of
 * the source's weight and a Delay of 1 step to lif_exp, 0 to lif_delta). A dc current from t = 0 is exact as part
 * of v_leak (above); a dc starting later, or a step_current, is refused (a NIR Input into a CubaLIF goes through
 * its synaptic current, not into the membrane).
 *
 * <p><b>Refused</b>, one line naming the field, its value and why: models other than lif_exp, lif_delta and
 * loihi_lif_float (eprop_*: export the trained model; loihi_lif: fixed-point arithmetic NIR's real-valued nodes do
 * not describe),
 * t_ref_ms &gt; 0 (NIR has no refractory period), reset = by_subtraction (NIR resets to v_reset), the two
 * synaptic time constants above, non-zero initial currents, late dc and step_current sources. Not expressible and
 * so differing: sim-core fires at V ≥ V_th, NIR at v &gt; v_threshold (different only when equal to the last bit).
 */
public final class NetworkNirExport {

    /**
     * The graph and what the export did.
     *
     * @param file  the NIR file.
     * @param notes one line per source turned into an Input or folded into a parameter.
     * @param spikeArrays for each spike_array Input, in order: its generator model (for {@link #spikeArrayInput}).
     * @param inputWidth  columns of the graph's Inputs, in file order (spike arrays, then poisson sources).
     * @param poissonInputs number of poisson Inputs.
     */
    public record Result(NirFile file, List<String> notes, List<SpikeGeneratorModel> spikeArrays, int inputWidth,
                         int poissonInputs) {

        /**
         * The input of {@code nir run} that reproduces the spike_array sources: row k holds, per generator, 1 if
         * it fires in step k (columns of the poisson Inputs, if any, stay 0: their draws are sim-core's).
         *
         * @param steps rows.
         * @return [step][column].
         */
        public double[][] spikeArrayInput(final int steps) {
            final double[][] rows = new double[steps][inputWidth];
            int col = 0;
            for (SpikeGeneratorModel g : spikeArrays) {
                for (int i = 0; i < g.size(); i++) {
                    for (int s : g.steps(i)) {
                        if (s < steps) {
                            rows[s][col + i] = 1.0;
                        }
                    }
                }
                col += g.size();
            }
            return rows;
        }
    }

    private NetworkNirExport() {
    }

    /** What {@link #analyse} finds: per population its kind (input, exp, delta), input signs, dc; and the problems. */
    private record Analysis(List<String> problems, String[] kind, boolean[] posIn, boolean[] negIn, double[] dc) {
    }

    /**
     * @param net a network built by sim-core's builder.
     * @return one line per part of it NIR cannot express (empty: {@link #export} will succeed), before anything large
     *         is allocated.
     */
    public static List<String> refusals(final Network net) {
        return analyse(net).problems();
    }

    private static Analysis analyse(final Network net) {
        final List<String> problems = new ArrayList<>();
        final List<PopulationSpec> pops = net.populations();
        // per population: kind, sign of its inputs, dc
        final boolean[] posIn = new boolean[pops.size()];
        final boolean[] negIn = new boolean[pops.size()];
        final double[] dc = new double[pops.size()];
        for (Projection pr : net.projections()) {
            final Csr c = pr.synapses();
            for (int k = 0; k < c.synapseCount(); k++) {
                if (c.weight(k) < 0) {
                    negIn[pr.targetPopulation()] = true;
                } else {
                    posIn[pr.targetPopulation()] = true;
                }
            }
        }
        for (PoissonDriveSpec d : net.drives()) {
            final int p = net.populationIndex(d.target());
            if (d.weight() < 0) {
                negIn[p] = true;
            } else {
                posIn[p] = true;
            }
        }
        for (StepCurrentSpec s : net.stepCurrents()) {
            final int p = net.populationIndex(s.target());
            final StepCurrentSource src = s.source();
            if (src.changes() == 1 && src.changeStep(0) == 0) {
                dc[p] += src.amplitude(0);
            } else {
                problems.add("current source -> '" + s.target() + "': " + (src.changes() == 1 ? "dc starting at step "
                        + src.changeStep(0) : "step_current with " + src.changes() + " changes")
                        + ": NIR has no time-dependent currents; only a dc from t = 0 is exact (as part of v_leak)");
            }
        }
        final String[] kind = new String[pops.size()];
        for (int p = 0; p < pops.size(); p++) {
            final PopulationSpec s = pops.get(p);
            final NeuronModel m = s.model();
            final String at = "population '" + s.name() + "' (" + m.modelName() + ")";
            if (m instanceof SpikeGeneratorModel) {
                kind[p] = "input";
            } else if (m instanceof LifExpParameters e) {
                kind[p] = "exp";
                common(at, e.tRef(), e.resetMode(), problems);
                if (posIn[p] && negIn[p] && e.tauSynEx() != e.tauSynIn()) {
                    problems.add(at + ": tau_syn_ex_ms = " + e.tauSynEx() + ", tau_syn_in_ms = " + e.tauSynIn()
                            + ": it receives positive and negative weights, so two synaptic currents; NIR's CubaLIF has one"
                            + " (export needs tau_syn_ex_ms = tau_syn_in_ms, or inputs of one sign)");
                }
            } else if (m instanceof LifDeltaParameters d) {
                kind[p] = "delta";
                common(at, d.tRef(), d.resetMode(), problems);
            } else if (m instanceof FloatCubaLifModel f) {
                kind[p] = "float";
                final String fat = "population '" + s.name() + "' (loihi_lif_float)";
                if (f.adaptation() != null) {
                    problems.add(fat + ": adaptation = {da: " + f.adaptation().da() + ", jump_mant: " + f.adaptation().jumpMant()
                            + "}: NIR has no adaptive-threshold neuron");
                }
                if (f.params().dv() == 0) {
                    problems.add(fat + ": dv = 0: no membrane leak, tau_mem would be infinite (NIR's CubaLIF needs a finite tau_mem)");
                }
                if (dc[p] != 0.0) {
                    problems.add(fat + ": a dc source: loihi models take no currents");
                }
            } else {
                final String name = m.modelName();
                final String spec = "lif_fixed_point".equals(name) ? "loihi_lif" : name;
                problems.add("population '" + s.name() + "': model = " + spec + ": NIR export covers lif_exp (CubaLIF), lif_delta"
                        + " (LIF) and loihi_lif_float (CubaLIF); " + (name.startsWith("eprop") ? "an eprop neuron resets by"
                        + " subtraction one step late, which a NIR LIF cannot (export a trained e-prop model with --network-json)"
                        : "lif_fixed_point".equals(name) ? "it computes in Loihi's fixed point (integer decays, shifts, wrap-around),"
                        + " which NIR's real-valued nodes do not describe" : "this model has no NIR node with its dynamics"));
            }
        }
        return new Analysis(problems, kind, posIn, negIn, dc);
    }

    /**
     * @param net a network built by sim-core's builder.
     * @return its NIR graph.
     * @throws IllegalArgumentException one line per part NIR cannot express (joined by newlines).
     */
    public static Result export(final Network net) {
        final Analysis an = analyse(net);
        final List<String> problems = an.problems();
        final String[] kind = an.kind();
        final boolean[] posIn = an.posIn();
        final boolean[] negIn = an.negIn();
        final double[] dc = an.dc();
        final List<PopulationSpec> pops = net.populations();
        final double h = net.dtMs();
        final double hs = h * 1e-3;
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        // V_m(0) and the initial currents, as sim-core draws them
        final double[][] v0 = new double[pops.size()][];
        try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
            for (int p = 0; p < pops.size(); p++) {
                if ("input".equals(kind[p])) {
                    continue;
                }
                final PopulationSpec s = pops.get(p);
                v0[p] = new double[s.size()];
                for (int i = 0; i < s.size(); i++) {
                    v0[p][i] = sim.stateValue(s.name(), "V_m", i);
                    if ("exp".equals(kind[p]) || "float".equals(kind[p])) {
                        for (String var : "exp".equals(kind[p]) ? new String[] {"I_syn_ex", "I_syn_in"} : new String[] {"I_syn"}) {
                            final double v = sim.stateValue(s.name(), var, i);
                            if (v != 0.0) {
                                throw new IllegalArgumentException("population '" + s.name() + "': initial " + var + " = " + v
                                        + " (neuron " + i + "): NIR states start at 0 and a graph stores no initial state");
                            }
                        }
                    }
                }
            }
        }
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        final List<NirGraph.Edge> edges = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<SpikeGeneratorModel> arrays = new ArrayList<>();
        final Map<String, Object> meta = new LinkedHashMap<>();
        int width = 0;
        for (int p = 0; p < pops.size(); p++) {
            if ("input".equals(kind[p])) {
                final PopulationSpec s = pops.get(p);
                nodes.put(s.name(), new NirNode.Input(new int[] {s.size()}));
                arrays.add((SpikeGeneratorModel) s.model());
                notes.add("source spike_array '" + s.name() + "' -> Input '" + s.name() + "' (" + s.size()
                        + " columns from " + width + ": 1 in the step a generator fires)");
                width += s.size();
            }
        }
        final List<String> poissonNames = new ArrayList<>();
        final java.util.Set<String> reserved = new java.util.HashSet<>();
        for (PopulationSpec s : pops) {
            reserved.add(s.name());
        }
        for (PoissonDriveSpec d : net.drives()) {
            final int p = net.populationIndex(d.target());
            final int n = pops.get(p).size();
            final String name = unique("poisson_" + d.target(), nodes, reserved);
            nodes.put(name, new NirNode.Input(new int[] {n}));
            notes.add(String.format(Locale.ROOT, "source poisson %s Hz -> '%s' -> Input '%s' (%d columns from %d: each"
                    + " neuron's count of input spikes per step; weight %s in Scale '%s_w')", fmt(d.rateHz()), d.target(), name,
                    n, width, fmt(d.weight()), name));
            poissonNames.add(name);
            width += n;
        }
        for (int p = 0; p < pops.size(); p++) {
            final PopulationSpec s = pops.get(p);
            if ("exp".equals(kind[p])) {
                nodes.put(s.name(), cubaLif((LifExpParameters) s.model(), s.size(), h, hs, v0[p], dc[p], !posIn[p] && negIn[p]));
            } else if ("delta".equals(kind[p])) {
                nodes.put(s.name(), lif((LifDeltaParameters) s.model(), s.size(), h, hs, v0[p], dc[p]));
            } else if ("float".equals(kind[p])) {
                nodes.put(s.name(), loihiFloat((FloatCubaLifModel) s.model(), s.size(), hs, v0[p]));
            } else {
                continue;
            }
            if (dc[p] != 0.0) {
                notes.add("source dc " + fmt(dc[p]) + " pA -> '" + s.name() + "' -> part of v_leak of '" + s.name() + "'");
            }
            meta.put("v_offset_mv_" + s.name(), Tensor.vector(v0[p]));
        }
        for (int q = 0; q < poissonNames.size(); q++) {
            final PoissonDriveSpec d = net.drives().get(q);
            final String name = poissonNames.get(q);
            final int p = net.populationIndex(d.target());
            nodes.put(name + "_w", new NirNode.Scale(Tensor.filled(new int[] {pops.get(p).size()}, d.weight())));
            edges.add(new NirGraph.Edge(name, name + "_w"));
            chain(nodes, edges, name + "_w", d.target(), pops.get(p).size(), "exp".equals(kind[p]) ? 1 : 0, hs);
        }
        int j = 0;
        for (Projection pr : net.projections()) {
            final PopulationSpec src = pops.get(pr.sourcePopulation());
            final PopulationSpec tgt = pops.get(pr.targetPopulation());
            final boolean fromInput = "input".equals(kind[pr.sourcePopulation()]);
            final boolean toExp = "exp".equals(kind[pr.targetPopulation()]); // lif_exp: +1 step; lif_delta, loihi_lif_float: 0
            final Csr c = pr.synapses();
            final TreeMap<Integer, double[]> byDelay = new TreeMap<>();
            for (int row = 0; row < c.rows(); row++) {
                for (int k = c.rowStart()[row]; k < c.rowStart()[row + 1]; k++) {
                    final double[] w = byDelay.computeIfAbsent(c.delay(k), x -> new double[tgt.size() * src.size()]);
                    w[c.target()[k] * src.size() + row] += c.weight(k);
                }
            }
            for (Map.Entry<Integer, double[]> e : byDelay.entrySet()) {
                final String base = unique("proj" + j + "_" + src.name() + "_" + tgt.name()
                        + (byDelay.size() > 1 ? "_d" + e.getKey() : ""), nodes, reserved);
                nodes.put(base, new NirNode.Linear(new Tensor(new int[] {tgt.size(), src.size()}, e.getValue(), false)));
                edges.add(new NirGraph.Edge(src.name(), base));
                final int d = e.getKey() + (fromInput ? 1 : 0) + (toExp ? 0 : -1);
                chain(nodes, edges, base, tgt.name(), tgt.size(), d, hs);
            }
            j++;
        }
        for (int p = 0; p < pops.size(); p++) {
            if (!"input".equals(kind[p])) {
                final String name = unique("out_" + pops.get(p).name(), nodes, reserved);
                nodes.put(name, new NirNode.Output(new int[] {pops.get(p).size()}));
                edges.add(new NirGraph.Edge(pops.get(p).name(), name));
            }
        }
        meta.put("dt", hs);
        meta.put("scheme", "euler");
        meta.put("reset_mode", "zero");
        meta.put("runner", "engine: one step of delay on every edge between spiking nodes (nir run --runner engine)");
        meta.put("parameters_note", "tau, r, w_in folded for forward Euler at dt so that its step is sim-core's exact"
                + " propagator map; v relative to V_m(0) (v_offset_mv_*); Delay = synaptic delay in steps, +0 to lif_exp,"
                + " -1 to lif_delta, +1 more from Inputs");
        meta.put("source", "spikering network, exported by spikering nir export");
        return new Result(new NirFile(NirWriter.VERSION, new NirGraph(nodes, edges, meta)), notes, arrays, width,
                net.drives().size());
    }

    private static void common(final String at, final double tRef, final ResetMode reset, final List<String> problems) {
        if (tRef > 0) {
            problems.add(at + ": t_ref_ms = " + tRef + ": NIR has no refractory period (only t_ref_ms = 0 can be exported)");
        }
        if (reset == ResetMode.BY_SUBTRACTION) {
            problems.add(at + ": reset = by_subtraction: NIR neurons reset to v_reset; subtraction is an importer option,"
                    + " not part of a graph");
        }
    }

    /** from → [Delay of d steps] → target. */
    private static void chain(final Map<String, NirNode> nodes, final List<NirGraph.Edge> edges, final String from,
                              final String target, final int n, final int d, final double hs) {
        if (d <= 0) {
            edges.add(new NirGraph.Edge(from, target));
            return;
        }
        final String name = from + "_delay";
        nodes.put(name, new NirNode.Delay(Tensor.filled(new int[] {n}, d * hs)));
        edges.add(new NirGraph.Edge(from, name));
        edges.add(new NirGraph.Edge(name, target));
    }

    /** base, or base_2, base_3, ... if a node or population of that name (or its _w, _delay companion) exists. */
    private static String unique(final String base, final Map<String, NirNode> nodes, final java.util.Set<String> reserved) {
        String name = base;
        int k = 1;
        while (nodes.containsKey(name) || nodes.containsKey(name + "_w") || nodes.containsKey(name + "_delay")
                || reserved.contains(name) || reserved.contains(name + "_w") || reserved.contains(name + "_delay")) {
            name = base + "_" + ++k;
        }
        return name;
    }

    private static NirNode.CubaLif cubaLif(final LifExpParameters m, final int n, final double h, final double hs,
                                           final double[] v0, final double dc, final boolean inhibitoryOnly) {
        final double tauS = inhibitoryOnly ? m.tauSynIn() : m.tauSynEx();
        final double cs = -Math.expm1(-h / tauS);
        final double cm = -Math.expm1(-h / m.tauM());
        final double p21 = ExpPropagator.p21(h, m.tauM(), tauS, m.cM());
        final double drive = m.tauM() / m.cM() * (m.iE() + dc);
        return new NirNode.CubaLif(filled(n, hs / cs), filled(n, hs / cm), filled(n, p21 / cm),
                shifted(m.eL() + drive, v0), shifted(m.vTh(), v0), shifted(m.vReset(), v0), filled(n, 1.0 / cs));
    }

    /** Lava's float CUBA-LIF: u ← (1 − du_f) u + x, v ← (1 − dv_f) v + u + bias is CubaLIF's Euler step with c = du_f, dv_f. */
    private static NirNode.CubaLif loihiFloat(final FloatCubaLifModel m, final int n, final double hs, final double[] v0) {
        final double cs = (m.params().du() + 1) / 4096.0;
        final double cm = m.params().dv() / 4096.0;
        final double bias = (double) m.params().biasMant() * (1 << m.params().biasExp());
        return new NirNode.CubaLif(filled(n, hs / cs), filled(n, hs / cm), filled(n, 1.0 / cm), shifted(bias / cm, v0),
                shifted(m.params().vth(), v0), shifted(0.0, v0), filled(n, 1.0 / cs));
    }

    private static NirNode.Lif lif(final LifDeltaParameters m, final int n, final double h, final double hs,
                                   final double[] v0, final double dc) {
        final double cm = -Math.expm1(-h / m.tauM());
        final double drive = m.tauM() / m.cM() * (m.iE() + dc);
        return new NirNode.Lif(filled(n, hs / cm), filled(n, 1.0 / cm), shifted(m.eL() + drive, v0),
                shifted(m.vTh(), v0), shifted(m.vReset(), v0));
    }

    private static Tensor filled(final int n, final double v) {
        return Tensor.filled(new int[] {n}, v);
    }

    private static Tensor shifted(final double value, final double[] v0) {
        final double[] out = new double[v0.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value - v0[i];
        }
        return Tensor.vector(out);
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
