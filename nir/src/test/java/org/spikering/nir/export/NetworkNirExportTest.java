package org.spikering.nir.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.hw.fixedpoint.FixedAdaptation;
import org.spikering.hw.fixedpoint.FixedLifModel;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FloatCubaLifModel;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirReader;
import org.spikering.nir.NirWriter;
import org.spikering.nir.Tensor;
import org.spikering.nir.run.EngineRunner;
import org.spikering.nir.run.NirRun;
import org.spikering.nir.run.RunOptions;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;

/**
 * Item 4 of issue 16 for spikering networks: a network of lif_exp and lif_delta populations with a spike_array
 * source, a dc current, recurrent and feedforward projections of one and of several synaptic delays, exported as NIR,
 * written, read back and run on the engine under forward Euler, against sim-core's own run of the same network.
 */
class NetworkNirExportTest {

    private static final double DT = 0.1;
    private static final int STEPS = 3000;

    /** E (lif_exp, both signs in, τ_ex = τ_in), I (lif_exp, excitatory input only, τ_ex ≠ τ_in), D (lif_delta). */
    static NetworkBuilder builder() {
        final double[][] times = new double[6][];
        for (int i = 0; i < times.length; i++) {
            times[i] = new double[] {(5 + 7 * i) * DT, (400 + 31 * i) * DT, (1200 + 3 * i) * DT, (2000 + 50 * i) * DT};
        }
        return Network.builder(DT).seed(11)
                .spikeArraySource("src", times)
                .population("E", 10, new LifExpParameters(10, 100, -65, -55, -70, 0, 2, 2, 80, ResetMode.TO_VALUE, -65))
                .initialPotential("E", Distribution.uniform(-70, -56))
                .population("I", 5, new LifExpParameters(8, 150, -60, -50, -60, 0, 3, 6, 0, ResetMode.TO_VALUE, -60))
                .population("D", 6, new LifDeltaParameters(15, 250, 0, 15, 0, 0, 120, ResetMode.TO_VALUE, 0))
                .initialPotential("D", Distribution.uniform(0, 14))
                .connect("src", "E", Connector.fixedProbability(0.5), Distribution.uniform(100, 300), Distribution.constant(0.2))
                .connect("E", "E", Connector.fixedProbability(0.3).autapses(false), Distribution.normal(20, 30),
                        Distribution.uniform(0.1, 0.5))
                .connect("E", "I", Connector.allToAll(), Distribution.uniform(50, 150), Distribution.constant(0.1))
                .connect("I", "E", Connector.fixedProbability(0.5), Distribution.constant(-200), Distribution.constant(0.3))
                .connect("E", "D", Connector.fixedInDegree(3), Distribution.uniform(1, 4), Distribution.constant(0.1))
                .connect("src", "D", Connector.oneToOne(), Distribution.constant(5), Distribution.constant(0.5))
                .connect("D", "E", Connector.fixedProbability(0.3), Distribution.constant(50), Distribution.constant(0.2))
                .stepCurrent("E", new double[] {0}, new double[] {40});
    }

    /** sim-core's run: spikes "step pop neuron" of the neuron populations, V_m after every step. */
    private record Reference(List<String> spikes, Map<String, double[][]> v) {
    }

    private static Reference simCore(final Network net, final String... pops) {
        return simCore(net, DT, STEPS, pops);
    }

    private static Reference simCore(final Network net, final double dt, final int steps, final String... pops) {
        final List<String> spikes = new ArrayList<>();
        final Map<String, double[][]> v = new java.util.LinkedHashMap<>();
        try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
            sim.addSpikeListener((step, ids, count) -> {
                for (int c = 0; c < count; c++) {
                    for (var p : net.populations()) {
                        if (ids[c] >= p.offset() && ids[c] < p.offset() + p.size() && !p.name().equals("src")) {
                            spikes.add(step + " " + p.name() + " " + (ids[c] - p.offset()));
                        }
                    }
                }
            });
            for (String p : pops) {
                v.put(p, new double[steps][net.population(p).size()]);
            }
            for (int k = 0; k < steps; k++) {
                sim.run(dt);
                for (String p : pops) {
                    for (int i = 0; i < v.get(p)[k].length; i++) {
                        v.get(p)[k][i] = sim.stateValue(p, "V_m", i);
                    }
                }
            }
        }
        return new Reference(spikes, v);
    }

    private static RunOptions euler() {
        return RunOptions.defaults(DT);
    }

    @Test
    void roundTripGivesSimCoresSpikesAndVoltages(@TempDir final Path dir) {
        final Network net = builder().build();
        final Reference ref = simCore(net, "E", "I", "D");
        final NetworkNirExport.Result r = NetworkNirExport.export(net);
        final Path file = dir.resolve("net.nir");
        NirWriter.write(r.file(), file);
        final NirFile back = NirReader.read(file);
        final NirRun run = EngineRunner.run(back, euler(), r.spikeArrayInput(STEPS), List.of("E", "I", "D"), null);
        final List<String> got = new ArrayList<>();
        for (int i = 0; i < run.spikeCount(); i++) {
            got.add(run.spikeSteps()[i] + " " + run.spikeNodes()[i] + " " + run.spikeNeurons()[i]);
        }
        // enough activity in every population for the comparison to mean something
        for (String p : new String[] {"E", "I", "D"}) {
            assertTrue(ref.spikes().stream().filter(s -> s.split(" ")[1].equals(p)).count() >= 20, p + " spikes: " + ref.spikes());
        }
        assertEquals(new TreeSet<>(ref.spikes()), new TreeSet<>(got), "the same spikes, step for step");
        assertEquals(ref.spikes().size(), got.size());
        // V_m = v + V_m(0); the two compute the same affine map per step in a different order (Euler form
        // v + c (v_leak - v + r I) with folded c, r against P22 y + P21 I + P20 I_e; one summed current against
        // I_ex + I_in; v relative to V_0 against y relative to E_L), so they differ by rounding only: a few ulp of
        // |V| ~ 70 mV (1.4e-14 mV) per step, decaying by P22 per step (at most ~1/(1 - P22) = 100 steps of them
        // add up for tau_m = 10 ms) and wiped by each reset: below 4 * 1.4e-14 * 100 ~ 6e-12 mV. Measured: 6.4e-14.
        double worst = 0;
        for (String p : new String[] {"E", "I", "D"}) {
            final double[] off = ((Tensor) back.graph().metadata().get("v_offset_mv_" + p)).values();
            for (int k = 0; k < STEPS; k++) {
                for (int i = 0; i < off.length; i++) {
                    worst = Math.max(worst, Math.abs(run.voltages().get(p)[k][i] + off[i] - ref.v().get(p)[k][i]));
                }
            }
        }
        assertTrue(worst < 1e-11, "largest |V_m(NIR) - V_m(sim-core)| = " + worst + " mV");
        System.out.println("NetworkNirExportTest: " + got.size() + " spikes identical; largest |dV_m| = " + worst + " mV");
    }

    /** loihi_lif_float (Lava's float CUBA-LIF) is CubaLIF's Euler step itself: the same round trip at dt = 1 ms. */
    @Test
    void loihiFloatNetworksRoundTripToo(@TempDir final Path dir) {
        final double[][] times = new double[4][];
        for (int i = 0; i < times.length; i++) {
            times[i] = new double[] {3 + i, 200 + 13 * i, 900 + 7 * i, 1500 + 40 * i};
        }
        final FixedLifParams a = new FixedLifParams(410, 205, 100, 3, 0, 50, 24, 16, 1.0);
        final FixedLifParams b = new FixedLifParams(800, 100, 60, 0, 0, 50, 24, 16, 1.0);
        final Network net = Network.builder(1.0).seed(3)
                .spikeArraySource("src", times)
                .population("A", 12, new FloatCubaLifModel(a))
                .initialState("A", "V_m", Distribution.uniform(0, 90))
                .population("B", 5, new FloatCubaLifModel(b))
                .connect("src", "A", Connector.fixedProbability(0.6), Distribution.uniform(20, 60), Distribution.constant(1))
                .connect("A", "A", Connector.fixedProbability(0.4).autapses(false), Distribution.uniform(-5, 15),
                        Distribution.uniform(1, 3))
                .connect("A", "B", Connector.allToAll(), Distribution.constant(20), Distribution.constant(1))
                .connect("B", "A", Connector.fixedProbability(0.5), Distribution.constant(-30), Distribution.constant(2))
                .build();
        final int steps = 2000;
        final Reference ref = simCore(net, 1.0, steps, "A", "B");
        final NetworkNirExport.Result r = NetworkNirExport.export(net);
        final Path file = dir.resolve("loihi.nir");
        NirWriter.write(r.file(), file);
        final NirFile back = NirReader.read(file);
        final NirRun run = EngineRunner.run(back, RunOptions.defaults(1.0), r.spikeArrayInput(steps), List.of("A", "B"), null);
        final List<String> got = new ArrayList<>();
        for (int i = 0; i < run.spikeCount(); i++) {
            got.add(run.spikeSteps()[i] + " " + run.spikeNodes()[i] + " " + run.spikeNeurons()[i]);
        }
        for (String p : new String[] {"A", "B"}) {
            assertTrue(ref.spikes().stream().filter(x -> x.split(" ")[1].equals(p)).count() >= 20, p + " spikes: " + ref.spikes());
        }
        assertEquals(new TreeSet<>(ref.spikes()), new TreeSet<>(got));
        assertEquals(ref.spikes().size(), got.size());
        double worst = 0;
        for (String p : new String[] {"A", "B"}) {
            final double[] off = ((Tensor) back.graph().metadata().get("v_offset_mv_" + p)).values();
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < off.length; i++) {
                    worst = Math.max(worst, Math.abs(run.voltages().get(p)[k][i] + off[i] - ref.v().get(p)[k][i]));
                }
            }
        }
        // the same map, v (1 - dv_f) + u + bias against v + dv_f (v_leak - v + r u) with r = 1/dv_f = 20: the largest
        // intermediate is r u, |u| <= (inputs per step <= 4 * 60 + 12 * 15) / (1 - 0.9) = 4200, so r u <= 84000 with an ulp
        // of 1.5e-11, times dv_f = 0.05 per step, decaying by 1 - dv_f = 0.95 (at most 20 steps add up): below 2e-11
        assertTrue(worst < 2e-11, "largest |v(NIR) - v(sim-core)| = " + worst);
        System.out.println("NetworkNirExportTest loihi_lif_float: " + got.size() + " spikes identical; largest |dv| = " + worst);
        final FixedLifParams adapt = new FixedLifParams(410, 205, 100, 0, 0, 50, 24, 16, 1.0);
        final Network refused = Network.builder(1.0)
                .population("E", 2, new FloatCubaLifModel(adapt, new FixedAdaptation(287, 10)))
                .population("F", 2, new FixedLifModel(adapt, null)).build();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkNirExport.export(refused));
        assertEquals(List.of("population 'E' (loihi_lif_float): adaptation = {da: 287, jump_mant: 10}: NIR has no adaptive-threshold neuron",
                "population 'F': model = loihi_lif: NIR export covers lif_exp (CubaLIF), lif_delta (LIF) and loihi_lif_float (CubaLIF);"
                        + " it computes in Loihi's fixed point (integer decays, shifts, wrap-around), which NIR's real-valued nodes do not describe"),
                List.of(e.getMessage().split("\n")));
    }

    @Test
    void nodesHoldTheFoldedParametersAndTheBuiltWeights() {
        final Network net = builder().build();
        final NetworkNirExport.Result r = NetworkNirExport.export(net);
        final Map<String, NirNode> nodes = r.file().graph().nodes();
        // CubaLIF E: Euler coefficients are the propagators at dt = 0.1 ms
        final NirNode.CubaLif e = (NirNode.CubaLif) nodes.get("E");
        final double hs = DT * 1e-3;
        assertEquals(1 - Math.exp(-DT / 10), hs / e.tauMem().get(0), 1e-15, "dt/tau_mem = 1 - P22");
        assertEquals(1 - Math.exp(-DT / 2), hs / e.tauSyn().get(0), 1e-15, "dt/tau_syn = 1 - P11");
        assertEquals(1.0, e.wIn().get(0) * hs / e.tauSyn().get(0), 1e-14, "w_in dt/tau_syn = 1: a spike adds its weight to I");
        // v_leak - v_threshold = E_L + R (I_e + I_dc) - V_th: 1.2 mV above threshold, whatever V_0
        assertEquals(-65 + 0.1 * (80 + 40) + 55, e.vLeak().get(3) - e.vThreshold().get(3), 1e-12);
        // I: only excitatory input, so tau_syn_ex
        assertEquals(1 - Math.exp(-DT / 3), hs / ((NirNode.CubaLif) nodes.get("I")).tauSyn().get(0), 1e-15);
        // LIF D: r dt/tau = 1, a weight in mV is the jump of v
        final NirNode.Lif d = (NirNode.Lif) nodes.get("D");
        assertEquals(1.0, d.r().get(0) * hs / d.tau().get(0), 1e-14);
        // E -> E: several delays, one Linear each, whose weights add up to the CSR's
        final var pr = net.projections().get(1);
        double csr = 0;
        for (int k = 0; k < pr.synapses().synapseCount(); k++) {
            csr += pr.synapses().weight(k);
        }
        double linear = 0;
        int linears = 0;
        for (var en : nodes.entrySet()) {
            if (en.getKey().startsWith("proj1_E_E_d") && en.getValue() instanceof NirNode.Linear l) {
                linears++;
                for (double w : l.weight().values()) {
                    linear += w;
                }
                assertArrayEquals(new int[] {10, 10}, l.weight().shape(), "(out, in)");
            }
        }
        assertTrue(linears >= 3, "delays 0.1..0.5 ms give several Linear nodes: " + nodes.keySet());
        assertEquals(csr, linear, 1e-9);
        // src -> D: 0.5 ms = 5 steps to lif_delta from an Input: Delay 5 steps
        assertEquals(5 * hs, ((NirNode.Delay) nodes.get("proj5_src_D_delay")).delay().get(0), 1e-18);
        // E -> D: 1 step to lif_delta between populations: no Delay node (the engine's own step)
        assertTrue(!nodes.containsKey("proj4_E_D_delay") && r.file().graph().edges().contains(
                new org.spikering.nir.NirGraph.Edge("proj4_E_D", "D")));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("source spike_array 'src' -> Input 'src'")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("source dc 40 pA -> 'E' -> part of v_leak")), r.notes().toString());
    }

    @Test
    void poissonSourcesBecomeInputsThroughTheirWeight() {
        final Network net = Network.builder(DT).seed(1)
                .population("E", 4, new LifExpParameters(10, 100, -65, -55, -70, 0, 2, 2, 0, ResetMode.TO_VALUE, -65))
                .poissonInput("E", 1000, 30).build();
        final NetworkNirExport.Result r = NetworkNirExport.export(net);
        final Map<String, NirNode> nodes = r.file().graph().nodes();
        assertEquals(4, ((NirNode.Input) nodes.get("poisson_E")).shape()[0]);
        assertEquals(30.0, ((NirNode.Scale) nodes.get("poisson_E_w")).scale().get(2));
        assertEquals(DT * 1e-3, ((NirNode.Delay) nodes.get("poisson_E_w_delay")).delay().get(0), 1e-18,
                "arrives at step t, moves V from t + 1: one step to lif_exp");
        assertEquals(4, r.inputWidth());
        assertTrue(r.notes().get(0).startsWith("source poisson 1000 Hz -> 'E' -> Input 'poisson_E' (4 columns from 0"), r.notes().get(0));
    }

    @Test
    void whatNirCannotExpressIsRefusedNamingTheField() {
        final LifExpParameters ok = new LifExpParameters(10, 100, -65, -55, -70, 0, 2, 5, 0, ResetMode.TO_VALUE, -65);
        final Network net = Network.builder(DT)
                .population("A", 3, new LifExpParameters(10, 100, -65, -55, -70, 2, 2, 2, 0, ResetMode.TO_VALUE, -65))
                .population("B", 3, new LifDeltaParameters(15, 250, 0, 15, 0, 0, 0, ResetMode.BY_SUBTRACTION, 0))
                .population("C", 3, ok)
                .connect("B", "C", Connector.allToAll(), Distribution.constant(10), Distribution.constant(0.1))
                .connect("A", "C", Connector.allToAll(), Distribution.constant(-10), Distribution.constant(0.1))
                .stepCurrent("C", new double[] {0, 5}, new double[] {10, 0})
                .build();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkNirExport.export(net));
        assertEquals(List.of(
                "current source -> 'C': step_current with 2 changes: NIR has no time-dependent currents; only a dc from t = 0 is exact (as part of v_leak)",
                "population 'A' (lif_exp): t_ref_ms = 2.0: NIR has no refractory period (only t_ref_ms = 0 can be exported)",
                "population 'B' (lif_delta): reset = by_subtraction: NIR neurons reset to v_reset; subtraction is an importer option, not part of a graph",
                "population 'C' (lif_exp): tau_syn_ex_ms = 2.0, tau_syn_in_ms = 5.0: it receives positive and negative weights, so two"
                        + " synaptic currents; NIR's CubaLIF has one (export needs tau_syn_ex_ms = tau_syn_in_ms, or inputs of one sign)"),
                List.of(e.getMessage().split("\n")));
        assertEquals(4, NetworkNirExport.refusals(net).size());
    }

    /** Dataset names of each NIR type (NIR.md §2). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "Input", Set.of("type", "shape"),
            "Output", Set.of("type", "shape"),
            "Linear", Set.of("type", "weight"),
            "Scale", Set.of("type", "scale"),
            "Delay", Set.of("type", "delay"),
            "LIF", Set.of("type", "tau", "r", "v_leak", "v_threshold", "v_reset"),
            "CubaLIF", Set.of("type", "tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"));

    @Test
    void exportedFileFollowsTheLayoutRules(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("net.nir");
        final Network net = builder().poissonInput("I", 500, 20).build();
        NirWriter.write(NetworkNirExport.export(net).file(), file);
        try (HdfFile h = new HdfFile(file)) {
            assertEquals(Set.of("version", "node"), h.getChildren().keySet());
            assertTrue(((String) ((Dataset) h.getChild("version")).getData()).startsWith("1.0."));
            final Group g = (Group) h.getChild("node");
            assertEquals("NIRGraph", ((Dataset) g.getChild("type")).getData(), "type is a dataset, not an attribute");
            assertEquals(Set.of("type", "edges", "nodes", "metadata"), g.getChildren().keySet());
            final Group meta = (Group) g.getChild("metadata");
            assertEquals(1e-4, ((Dataset) meta.getChild("dt")).getData(), "dt in seconds");
            assertEquals("zero", ((Dataset) meta.getChild("reset_mode")).getData());
            final Group nodes = (Group) g.getChild("nodes");
            final Set<String> types = new TreeSet<>();
            for (Node n : nodes.getChildren().values()) {
                final Group ng = (Group) n;
                final String type = (String) ((Dataset) ng.getChild("type")).getData();
                types.add(type);
                assertTrue(ALLOWED.containsKey(type), type);
                assertEquals(ALLOWED.get(type), new TreeSet<>(ng.getChildren().keySet()),
                        "node " + n.getName() + " (" + type + "): exactly the spec's datasets, no metadata group");
            }
            assertEquals(ALLOWED.keySet(), types, "every type this export writes is in the file");
            assertArrayEquals(new int[] {5, 10}, ((Dataset) nodes.getByPath("proj2_E_I/weight")).getDimensions(), "(out, in)");
            final double tauMem = ((double[]) ((Dataset) nodes.getByPath("E/tau_mem")).getData())[0];
            assertEquals(1e-4 / -Math.expm1(-0.1 / 10), tauMem, 1e-18, "seconds: 10.05 ms");
            assertEquals(3e-4, ((double[]) ((Dataset) nodes.getByPath("proj0_src_E_delay/delay")).getData())[0], 1e-18,
                    "0.2 ms from an Input to lif_exp: 2 + 1 steps of 0.1 ms, in seconds");
        }
    }
}
