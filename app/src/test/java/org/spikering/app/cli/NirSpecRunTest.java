package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.app.report.ResultFolder;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirReader;
import org.spikering.nir.NirWriter;
import org.spikering.nir.Tensor;
import org.spikering.nir.run.EngineRunner;
import org.spikering.nir.run.NirRun;
import org.spikering.nir.run.RunOptions;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;
import picocli.CommandLine;

/**
 * {@code spikering run SPEC} with a {@code network.nir} section: the imported graph is a normal spec network. Its spikes
 * are the conformance data's, it runs bit for bit as {@code nir run --runner engine}, its energy is the counters times the
 * per-operation energies of the spec's hardware section (the formula of SPEC-hardware.md, computed here), the SONATA
 * report of its spike recorder is spikes.csv again, and bad values are one line each, exit 2, no folder.
 */
class NirSpecRunTest {

    private static final Path NIR = Path.of("../nir/src/test/resources/nir").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static int run(final StringWriter err, final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    private Path stimulus() throws Exception {
        final Path stim = dir.resolve("stim.csv");
        final StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(NIR.resolve("lif_exact.csv"))) {
            sb.append(line.split(",")[0]).append('\n');
        }
        Files.writeString(stim, sb);
        return stim;
    }

    private Path spec(final String name, final String text) throws Exception {
        final Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static double[][] csv(final Path file) throws Exception {
        final List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            final String[] f = line.split(",");
            if (!f[0].isEmpty() && Character.isLetter(f[0].charAt(0))) {
                continue; // the header
            }
            final double[] r = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = Double.parseDouble(f[i]);
            }
            rows.add(r);
        }
        return rows.toArray(new double[0][]);
    }

    /** step of each spike in a spec run's spikes.csv (time_ms,step,population,neuron,global_id), as "step,node,neuron". */
    private static List<String> specSpikes(final Path folder) throws Exception {
        final List<String> lines = Files.readAllLines(folder.resolve("spikes.csv"));
        assertEquals("time_ms,step,population,neuron,global_id", lines.get(0));
        final List<String> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            final String[] f = l.split(",");
            out.add(f[1] + "," + f[2] + "," + f[3]);
        }
        return out;
    }

    /** the same from nir run's spikes.csv (step,time_ms,node,neuron). */
    private static List<String> nirRunSpikes(final Path folder) throws Exception {
        final List<String> lines = Files.readAllLines(folder.resolve("spikes.csv"));
        assertEquals("step,time_ms,node,neuron", lines.get(0));
        final List<String> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            final String[] f = l.split(",");
            out.add(f[0] + "," + f[2] + "," + f[3]);
        }
        return out;
    }

    @Test
    void exactSpecRunOfLifNorseGivesTheExactSolversSpikesAndVoltages() throws Exception {
        final Path stim = stimulus();
        final Path s = spec("lif.yaml", "spikering: 1\nnetwork:\n  dt_ms: 0.1\n  nir: {file: '" + NIR.resolve("lif_norse.nir")
                + "', scheme: exact, input: stim.csv}\n  recorders:\n    state: [{population: '1', variable: v, neurons: [0], file: v.csv}]\n"
                + "simulation: {seconds: 0.1}\n");
        final Path out = dir.resolve("out");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", s.toString(), "--out", out.toString()), err.toString());
        assertTrue(ResultFolder.isComplete(out));
        assertEquals(List.of("460,1,0", "510,1,0", "710,1,0", "760,1,0"), specSpikes(out), "lif_exact.csv's spike rows");
        final double[][] exact = csv(NIR.resolve("lif_exact.csv"));
        final double[][] v = csv(out.resolve("v.csv"));
        final double[][] o = csv(out.resolve("output.csv"));
        assertEquals(exact.length, v.length, "1000 steps of 0.1 ms");
        for (int k = 0; k < exact.length; k++) {
            assertEquals(0.1 * (k + 1), v[k][0], 1e-9, "v after step " + k + " is reported at its end");
            assertEquals(exact[k][1], v[k][1], 1e-8, "v after step " + k);
            assertEquals(exact[k][2], o[k][2], "Output = the LIF's spikes, step " + k);
        }
    }

    @Test
    void specRunAndNirRunOnTheEngineAgreeBitForBit() throws Exception {
        // two_lif_neurons: lif1 fires on its own and drives lif2 through one synapse; lif_norse: the Input path
        for (String[] g : new String[][] {{"two_lif_neurons.nir", "exact", "float64", null, "lif1,lif2"},
                                          {"lif_norse.nir", "euler", "float32", "stim", "1"}}) {
            final String input = g[3] == null ? null : stimulus().toString();
            final String[] nodes = g[4].split(",");
            final StringBuilder rec = new StringBuilder();
            for (String n : nodes) {
                rec.append("      - {population: '").append(n).append("', variable: v, neurons: [0], file: v_").append(n).append(".csv}\n");
            }
            final Path s = spec(g[0] + ".yaml", "spikering: 1\nnetwork:\n  dt_ms: 0.1\n  nir: {file: '" + NIR.resolve(g[0])
                    + "', scheme: " + g[1] + ", precision: " + g[2] + (input == null ? "" : ", input: '" + input + "'")
                    + "}\n  recorders:\n    state:\n" + rec + "simulation: {seconds: 0.1, engine: disruptor}\n");
            final Path a = dir.resolve("spec-" + g[0]);
            final Path b = dir.resolve("nir-" + g[0]);
            final StringWriter err = new StringWriter();
            assertEquals(0, run(err, "run", s.toString(), "--out", a.toString()), err.toString());
            final List<String> args = new ArrayList<>(List.of("nir", "run", NIR.resolve(g[0]).toString(), "--dt", "0.1",
                    "--scheme", g[1], "--precision", g[2], "--runner", "engine", "--record-v", g[4], "--out", b.toString()));
            args.addAll(input == null ? List.of("--steps", "1000") : List.of("--input", input));
            assertEquals(0, run(err, args.toArray(String[]::new)), err.toString());
            final List<String> spikes = specSpikes(a);
            assertTrue(spikes.size() >= 4, g[0] + ": " + spikes);
            assertEquals(nirRunSpikes(b), spikes, g[0]);
            for (String n : nodes) {
                final double[][] sv = csv(a.resolve("v_" + n + ".csv"));
                final double[][] nv = csv(b.resolve("v_" + n + ".csv"));
                assertEquals(1000, sv.length, g[0] + " " + n);
                assertEquals(nv.length, sv.length, g[0] + " " + n);
                for (int k = 0; k < nv.length; k++) {
                    assertEquals(Double.doubleToLongBits(nv[k][2]), Double.doubleToLongBits(sv[k][1]), g[0] + " " + n + " row " + k);
                }
            }
            assertEquals(Files.readAllLines(b.resolve("output.csv")), Files.readAllLines(a.resolve("output.csv")), g[0]);
        }
    }

    @Test
    void energyIsTheCountersTimesTheHardwareSectionsEnergies() throws Exception {
        final Path s = spec("e.yaml", "spikering: 1\nnetwork:\n  dt_ms: 0.1\n  nir: {file: '" + NIR.resolve("two_lif_neurons.nir")
                + "', scheme: exact}\nsimulation: {seconds: 0.3}\nhardware:\n  chip: spinnaker\n"
                + "  energy: {synop_pj: 10, neuron_pj: 2, weight_pj: 1000, spike_pj: 7}\n");
        final Path out = dir.resolve("e");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", s.toString(), "--out", out.toString()), err.toString());
        final JsonNode hw = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("hardware");
        // counted independently from the result files: spikes.csv's rows, one synapse lif1 -> lif2, 2 neurons x 3000 steps
        final List<String> spikes = specSpikes(out);
        final long lif1 = spikes.stream().filter(x -> x.contains(",lif1,")).count();
        assertTrue(lif1 >= 10, spikes.toString());
        assertEquals(spikes.size(), hw.get("spikes").asLong());
        // a spike in the last step is delivered after the run ends (one step of delay)
        final boolean lastStep = spikes.contains("2999,lif1,0");
        assertEquals(lif1 - (lastStep ? 1 : 0), hw.get("synaptic_ops").asLong());
        assertEquals(2 * 3000, hw.get("neuron_updates").asLong());
        assertEquals(0, hw.get("input_spikes").asLong());
        final double byHand = (10 * hw.get("synaptic_ops").asDouble() + 2 * hw.get("neuron_updates").asDouble()
                + 1000 * hw.get("weight_updates").asDouble() + 7 * (hw.get("spikes").asDouble() + hw.get("input_spikes").asDouble())) * 1e-12;
        assertEquals(byHand, hw.get("energy_j").asDouble(), 1e-15 * byHand);
        assertEquals("spinnaker-like", hw.get("chip").get("name").asText());
        assertTrue(hw.get("chip").get("fits").asBoolean());
        // --energy replaces the section's table
        final Path out2 = dir.resolve("e2");
        assertEquals(0, run(err, "run", s.toString(), "--energy", "synop=20", "--out", out2.toString()), err.toString());
        final JsonNode hw2 = new ObjectMapper().readTree(out2.resolve("summary.json").toFile()).get("hardware");
        assertEquals((20 * hw2.get("synaptic_ops").asDouble() + 81 * hw2.get("neuron_updates").asDouble()
                + 1.7 * hw2.get("spikes").asDouble()) * 1e-12, hw2.get("energy_j").asDouble(), 1e-12 * hw2.get("energy_j").asDouble());
    }

    @Test
    void sonataInputDrivesTheGraphAsNirRunInputSonataAndIsCounted() throws Exception {
        // 40 input spikes into lif_norse (w = 1): every 0.3 ms from 1 ms, two at 50.05 ms (one step: count 2)
        final List<Double> times = new ArrayList<>();
        for (int k = 0; k < 38; k++) {
            times.add(1.0 + 0.3 * k);
        }
        times.add(50.05);
        times.add(50.05);
        final double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
        SonataSpikes.write(dir.resolve("in.h5"), List.of(new SpikePopulation("stim", t, new long[t.length])));
        final Path s = spec("si.yaml", "spikering: 1\nnetwork:\n  dt_ms: 0.1\n  nir: {file: '" + NIR.resolve("lif_norse.nir")
                + "', input: in.h5, input_population: stim}\nsimulation: {seconds: 0.1}\nhardware: {}\n");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", s.toString(), "--out", dir.resolve("si").toString()), err.toString());
        assertEquals(0, run(err, "nir", "run", NIR.resolve("lif_norse.nir").toString(), "--input-sonata", dir.resolve("in.h5").toString(),
                "--steps", "1000", "--dt", "0.1", "--runner", "engine", "--out", dir.resolve("ni").toString()), err.toString());
        final List<String> spikes = specSpikes(dir.resolve("si"));
        assertTrue(spikes.size() > 2, spikes.toString());
        assertEquals(nirRunSpikes(dir.resolve("ni")), spikes);
        final JsonNode hw = new ObjectMapper().readTree(dir.resolve("si/summary.json").toFile()).get("hardware");
        assertEquals(40, hw.get("input_spikes").asLong(), "every spike of the file");
        assertEquals(40, hw.get("synaptic_ops").asLong(), "one weight from the input to the LIF, no synapse between nodes");
        assertEquals(0, hw.path("dense_macs").asLong(0), "no graded input");
        assertEquals((23.6 * 40 + 81 * 1000 + 1.7 * (40 + spikes.size())) * 1e-12, hw.get("energy_j").asDouble(), 1e-20);
    }

    @Test
    void sonataSpikesOfTheSpecRecorderAreSpikesCsv() throws Exception {
        final Path nirSpec = spec("s.yaml", "spikering: 1\nnetwork:\n  dt_ms: 0.1\n  nir: {file: '" + NIR.resolve("two_lif_neurons.nir")
                + "', scheme: exact}\n  recorders: {spikes: {sonata: true}}\nsimulation: {seconds: 0.5}\n");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", nirSpec.toString(), "--out", dir.resolve("s").toString()), err.toString());
        // a native spec network: the same recorder field
        assertEquals(0, run(err, "run", "cuba", "--set", "network.recorders.spikes.sonata=true", "--set",
                "network.populations[E].size=800", "--set", "network.populations[I].size=200", "--seconds", "0.1",
                "--out", dir.resolve("c").toString()), err.toString());
        for (String f : new String[] {"s", "c"}) {
            final Path out = dir.resolve(f);
            assertTrue(ResultFolder.isComplete(out), f);
            final TreeMap<String, List<double[]>> csv = new TreeMap<>();
            final List<String> lines = Files.readAllLines(out.resolve("spikes.csv"));
            for (String line : lines.subList(1, lines.size())) {
                final String[] x = line.split(",");
                csv.computeIfAbsent(x[2], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(x[0]), Long.parseLong(x[3])});
            }
            assertTrue(csv.size() >= 1 && lines.size() > 20, f + ": " + csv.keySet());
            final List<SpikePopulation> h5 = SonataSpikes.read(out.resolve("spikes.h5"));
            assertEquals(csv.keySet(), new java.util.TreeSet<>(h5.stream().map(SpikePopulation::name).toList()), f);
            for (SpikePopulation p : h5) {
                final List<double[]> rows = csv.get(p.name());
                assertEquals(rows.size(), p.timestampsMs().length, f + " " + p.name());
                for (int k = 0; k < rows.size(); k++) {
                    assertEquals(rows.get(k)[0], p.timestampsMs()[k], 0.0, f + " " + p.name() + " spike " + k);
                    assertEquals((long) rows.get(k)[1], p.nodeIds()[k], f + " " + p.name() + " spike " + k);
                }
            }
        }
    }

    @Test
    void weightPrecisionRoundsTheComposedMatricesAsByHand() throws Exception {
        final int bits = 3;
        // two_lif_neurons with its weights scaled by 0.37 (its own are powers of two, exact in any precision)
        final NirFile f0 = NirReader.read(NIR.resolve("two_lif_neurons.nir"));
        final NirFile f = new NirFile(f0.version(), mapWeights(f0.graph(), t -> scaled(t, 0.37)));
        final Path graph = dir.resolve("two_lif_037.nir");
        NirWriter.write(f, graph);
        final Path s = spec("w.yaml", "spikering: 1\nseed: 5\nnetwork:\n  dt_ms: 0.1\n  nir: {file: two_lif_037.nir, scheme: exact}\n"
                + "  recorders:\n    state: [{population: lif2, variable: v, neurons: [0], file: v2.csv}]\n"
                + "simulation: {seconds: 0.2}\nhardware: {weights: {bits: " + bits + "}}\n");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", s.toString(), "--out", dir.resolve("q").toString()), err.toString());
        final JsonNode w = new ObjectMapper().readTree(dir.resolve("q/summary.json").toFile()).get("nir").get("weights");
        // the matrices into spiking nodes: lif1 -> lif2 and the Input path in -> lif1
        assertEquals(2, w.get("matrices").size(), w.toString());
        assertEquals("lif2", w.get("matrices").get(0).get("target").asText(), w.toString());
        // the same graph with each weight matrix rounded here (each path holds one weight node): w = m 2^e, e the least
        // with max|w| <= (2^(b-1) - 1) 2^e, m = floor(w / 2^e + 1/2) (nearest), run by the nir module's engine runner
        final NirFile rounded = new NirFile(f.version(), mapWeights(NirReader.read(graph).graph(), t -> byHand(t, bits)));
        final NirRun ref = EngineRunner.run(rounded, RunOptions.defaults(0.1).withScheme(RunOptions.Scheme.EXACT),
                new double[2000][1], List.of("lif2"), null);
        final NirRun unrounded = EngineRunner.run(NirReader.read(graph), RunOptions.defaults(0.1).withScheme(RunOptions.Scheme.EXACT),
                new double[2000][1], List.of("lif2"), null);
        final double[][] v = csv(dir.resolve("q/v2.csv"));
        assertEquals(2000, v.length);
        boolean differs = false;
        for (int k = 0; k < v.length; k++) {
            assertEquals(ref.voltages().get("lif2")[k][0], v[k][1], 0.0, "lif2 v, step " + k);
            differs |= unrounded.voltages().get("lif2")[k][0] != v[k][1];
        }
        assertTrue(differs, "3 bits change lif2's trajectory (the weight is not a 3-bit number)");
    }

    private static NirGraph mapWeights(final NirGraph g, final java.util.function.UnaryOperator<Tensor> op) {
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        int changed = 0;
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            NirNode n = e.getValue();
            if (n instanceof NirNode.Affine af) {
                n = new NirNode.Affine(op.apply(af.weight()), af.bias());
                changed++;
            } else if (n instanceof NirNode.Linear li) {
                n = new NirNode.Linear(op.apply(li.weight()));
                changed++;
            }
            nodes.put(e.getKey(), n);
        }
        assertEquals(2, changed, "two_lif_neurons has two weight nodes, in -> lif1 and lif1 -> lif2, each a whole path");
        return new NirGraph(nodes, g.edges(), g.metadata());
    }

    private static Tensor scaled(final Tensor t, final double factor) {
        final double[] out = t.values().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return new Tensor(t.shape(), out, false);
    }

    private static Tensor byHand(final Tensor t, final int bits) {
        double max = 0;
        for (double x : t.values()) {
            max = Math.max(max, Math.abs(x));
        }
        final double top = (1 << (bits - 1)) - 1;
        int e = -60;
        while (max > top * Math.pow(2, e)) {
            e++;
        }
        final double[] out = t.values().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(-(top + 1), Math.min(top, Math.floor(out[i] / Math.pow(2, e) + 0.5))) * Math.pow(2, e);
        }
        return new Tensor(t.shape(), out, t.float32());
    }

    @Test
    void theSynapticCurrentOfACubaLifNodeIsRecordedAsI() throws Exception {
        // Input -> Affine (w = 2) -> CubaLIF (tau_syn 5 ms, tau_mem 10 ms, threshold out of reach) -> Output
        final Tensor one = new Tensor(new int[] {1}, new double[] {1.0}, false);
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {1}));
        nodes.put("w", new NirNode.Affine(new Tensor(new int[] {1, 1}, new double[] {2.0}, false),
                new Tensor(new int[] {1}, new double[] {0.0}, false)));
        nodes.put("cuba", new NirNode.CubaLif(new Tensor(new int[] {1}, new double[] {5e-3}, false),
                new Tensor(new int[] {1}, new double[] {10e-3}, false), one, new Tensor(new int[] {1}, new double[] {0.0}, false),
                new Tensor(new int[] {1}, new double[] {1e9}, false), new Tensor(new int[] {1}, new double[] {0.0}, false), one));
        nodes.put("out", new NirNode.Output(new int[] {1}));
        NirWriter.write(new NirFile("1.0.7", new NirGraph(nodes, List.of(new NirGraph.Edge("in", "w"), new NirGraph.Edge("w", "cuba"),
                new NirGraph.Edge("cuba", "out")), Map.of())), dir.resolve("cuba.nir"));
        Files.writeString(dir.resolve("pulse.csv"), "1\n");
        final Path s = spec("c.yaml", "spikering: 1\nnetwork:\n  dt_ms: 0.1\n  nir: {file: cuba.nir, scheme: exact, input: pulse.csv}\n"
                + "  recorders:\n    state: [{population: cuba, variable: I, neurons: [0], file: i.csv}]\nsimulation: {seconds: 0.01}\n");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "run", s.toString(), "--out", dir.resolve("c").toString()), err.toString());
        final double[][] i = csv(dir.resolve("c/i.csv"));
        assertEquals(100, i.length);
        // zero-order hold: I(dt) = w x (1 - e^(-dt/tau_s)) after the pulse step, then I decays as e^(-dt/tau_s) per step
        final double first = 2.0 * -Math.expm1(-0.1 / 5);
        for (int k = 0; k < i.length; k++) {
            final double expected = first * Math.exp(-k * 0.1 / 5);
            assertEquals(expected, i[k][1], 1e-13 * first, "I after step " + k);
        }
    }

    @Test
    void badSpecValuesAreOneLineEachExitTwoAndNoFolder() throws Exception {
        final String lif = NIR.resolve("lif_norse.nir").toString();
        assertBad("network.nir.file: 'missing.nir', must be a NIR file (no such file", 1,
                "spikering: 1\nnetwork: {nir: {file: missing.nir}}\n");
        assertBad("network.nir.scheme: 'rk4', must be one of euler, exact", 1,
                "spikering: 1\nnetwork: {nir: {file: '" + lif + "', scheme: rk4}}\n");
        assertBad("network.nir.reset: 'half', must be one of zero, subtract", 1,
                "spikering: 1\nnetwork: {nir: {file: '" + lif + "', reset: half}}\n");
        // cnn_sinabs: each convolution and pooling node named on a line of its own
        final String err = assertBad("network.nir.file: '" + NIR.resolve("cnn_sinabs.nir") + "', must be a NIR graph the engine runs: node '0' (Conv2d)", 5,
                "spikering: 1\nnetwork: {nir: {file: '" + NIR.resolve("cnn_sinabs.nir") + "'}}\n");
        assertTrue(err.contains("node '4' (SumPool2d)"), err);
        // graded nodes cannot run on the engine
        assertBad("node 'thr' (Threshold): its output is a graded value", 4,
                "spikering: 1\nnetwork: {nir: {file: '" + NIR.resolve("reference_all_1d_nodes_HEAD.nir") + "'}}\n");
        assertBad("network.nir.input = '", 1, "spikering: 1\nnetwork: {nir: {file: '" + lif + "', input: '"
                + NIR.resolve("lif_exact.csv") + "'}}\n");
        assertBad("network.recorders.state[0].variable: 'V_m', must be v", 1, "spikering: 1\nnetwork: {nir: {file: '" + lif
                + "'}, recorders: {state: [{population: '1', neurons: [0]}]}}\n");
        assertBad("network.populations: missing, required", 1, "spikering: 1\nnetwork: {dt_ms: 0.1}\n");
        assertBad("simulation.threads: 2, must be 1 with network.nir", 1, "spikering: 1\nnetwork: {nir: {file: '" + lif
                + "'}}\nsimulation: {threads: 2}\n");
        assertBad("hardware.mask: {\"kind\":\"readout_only\"}, must be left out with run", 1, "spikering: 1\nnetwork: {nir: {file: '"
                + lif + "'}}\nhardware: {mask: {kind: readout_only}}\n");
        assertBad("hardware.weights.bits: 8, must be 32 with a network of populations", 1, Files.readString(
                Path.of("../examples/cuba.yaml")) + "hardware: {weights: {bits: 8}}\n");
    }

    private String assertBad(final String message, final int lines, final String text) throws Exception {
        final Path s = spec("bad.yaml", text);
        final Path out = dir.resolve("never");
        final StringWriter err = new StringWriter();
        assertEquals(2, run(err, "run", s.toString(), "--out", out.toString()), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertEquals(lines, err.toString().trim().split("\n").length, err.toString());
        assertFalse(Files.exists(out), "no result folder");
        return err.toString();
    }

    @Test
    void hwMapOfANirSpecMapsTheGraphAsHwMapNirDoes() throws Exception {
        final Path s = spec("m.yaml", "spikering: 1\nnetwork:\n  dt_ms: 1.5\n  nir: {file: '" + NIR.resolve("two_lif_neurons.nir") + "'}\n");
        final String a = stdout("hw", "map", s.toString());
        final String b = stdout("hw", "map", "--nir", NIR.resolve("two_lif_neurons.nir").toString(), "--delay-ms", "1.5");
        assertEquals(b, a);
        assertTrue(a.contains("lif2"), a);
    }

    private static String stdout(final String... args) {
        final java.io.PrintStream was = System.out;
        final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, SpikeringCli.commandLine().execute(args));
        } finally {
            System.setOut(was);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
