package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spikering nir run}: a run of the reference LIF graph, and every bad value rejected in one line before any file is written. */
class NirCommandTest {

    private static final Path NIR = Path.of("../nir/src/test/resources/nir");

    private static int run(final StringWriter err, final String... args) {
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void exactRunOfLifNorseWritesTheReferenceSpikes(@TempDir final Path dir) throws Exception {
        final Path stim = dir.resolve("stim.csv");
        final StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(NIR.resolve("lif_exact.csv"))) {
            sb.append(line.split(",")[0]).append('\n');
        }
        Files.writeString(stim, sb);
        final Path out = dir.resolve("out");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "nir", "run", NIR.resolve("lif_norse.nir").toString(), "--input", stim.toString(),
                "--dt", "0.1", "--scheme", "exact", "--record-v", "1", "--out", out.toString()), err.toString());
        assertEquals(List.of("step,time_ms,node,neuron", "460,46.1000,1,0", "510,51.1000,1,0", "710,71.1000,1,0",
                "760,76.1000,1,0"), Files.readAllLines(out.resolve("spikes.csv")));
        assertEquals(1001, Files.readAllLines(out.resolve("output.csv")).size());
        assertEquals(1001, Files.readAllLines(out.resolve("v_1.csv")).size());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"scheme\" : \"exact\""));
    }

    @Test
    void badValuesAreRejectedInOneLineAndNothingIsWritten(@TempDir final Path dir) {
        final String g = NIR.resolve("lif_norse.nir").toString();
        final String out = dir.resolve("never").toString();
        assertRejected("spikering nir run: error: --dt = '-1': must be > 0", "nir", "run", g, "--steps", "5", "--dt", "-1", "--out", out);
        assertRejected("--dt = 'x': must be a number > 0", "nir", "run", g, "--steps", "5", "--dt", "x", "--out", out);
        assertRejected("--dt: missing", "nir", "run", g, "--steps", "5", "--out", out);
        assertRejected("--scheme = 'rk4': must be one of [euler, exact]", "nir", "run", g, "--steps", "5", "--dt", "1", "--scheme", "rk4", "--out", out);
        assertRejected("--reset = 'half': must be one of [zero, subtract]", "nir", "run", g, "--steps", "5", "--dt", "1", "--reset", "half", "--out", out);
        assertRejected("--loop-delay = 'x': must be one of [before, after]", "nir", "run", g, "--steps", "5", "--dt", "1", "--loop-delay", "x", "--out", out);
        assertRejected("--precision = 'half': must be one of [float64, float32, float32-coefficients]", "nir", "run", g, "--steps", "5", "--dt", "1", "--precision", "half", "--out", out);
        assertRejected("--integrator-input = 'x': must be one of [charge, current]", "nir", "run", g, "--steps", "5", "--dt", "1", "--integrator-input", "x", "--out", out);
        assertRejected("--synaptic-delay = '-1': must be an integer in [0, 1000000]", "nir", "run", g, "--steps", "5", "--dt", "1", "--synaptic-delay", "-1", "--out", out);
        assertRejected("--steps = '0': must be an integer in [1, 10000000]", "nir", "run", g, "--steps", "0", "--dt", "1", "--out", out);
        assertRejected("--record-v = 'output': must be one of the graph's neuron nodes [1]", "nir", "run", g, "--steps", "5", "--dt", "1", "--record-v", "output", "--out", out);
        assertRejected("GRAPH.nir = 'missing.nir': must be a readable file", "nir", "run", "missing.nir", "--steps", "5", "--dt", "1", "--out", out);
        assertRejected("--input = 'missing.csv': must be a readable file", "nir", "run", g, "--input", "missing.csv", "--dt", "1", "--out", out);
        assertRejected("must have 1 columns (the graph's Input nodes); line 1 has 3", "nir", "run", g, "--input", NIR.resolve("lif_exact.csv").toString(), "--dt", "1", "--out", out);
        assertRejected(": not a readable HDF5/NIR file", "nir", "run", NIR.resolve("lif_exact.csv").toString(), "--steps", "5", "--dt", "1", "--out", out);
        assertRejected("--runner = 'gpu': must be one of [step, engine]", "nir", "run", g, "--steps", "5", "--dt", "1", "--runner", "gpu", "--out", out);
        assertRejected("--synaptic-delay = '1': must be 0 with --runner engine, which has its own one-step delay", "nir", "run", g, "--steps", "5", "--dt", "1",
                "--runner", "engine", "--synaptic-delay", "1", "--out", out);
        assertRejected("GRAPH.nir: missing", "nir", "run", "--steps", "5", "--dt", "1", "--out", out);
        // dt/tau = 4e5: forward Euler with subtraction blows up; the run stops at the first infinite value
        final Path pulse = dir.resolve("pulse.csv");
        try {
            Files.writeString(pulse, "1\n" + "0\n".repeat(199));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertRejected("run diverged: node '1' v[0] = ", "nir", "run", g, "--input", pulse.toString(), "--dt", "1e6",
                "--reset", "subtract", "--record-v", "1", "--out", out);
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void everyUnsupportedNodeIsNamedInTheOneErrorLine(@TempDir final Path dir) {
        final StringWriter err = new StringWriter();
        assertEquals(2, run(err, "nir", "run", NIR.resolve("cnn_sinabs.nir").toString(), "--steps", "3", "--dt", "1",
                "--out", dir.resolve("o").toString()));
        // one line (every error is), the five problems separated by "; "
        final String[] lines = err.toString().trim().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("spikering nir run: error: GRAPH.nir = "), lines[0]);
        assertEquals(5, lines[0].split("cannot run", -1).length - 1, lines[0]);
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void hwMapTakesANirGraph() {
        final StringWriter err = new StringWriter();
        final StringWriter out = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final java.io.PrintStream old = System.out;
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(bytes, true));
        final int code;
        try {
            code = cl.execute("hw", "map", "--nir", NIR.resolve("two_lif_neurons.nir").toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, err + bytes.toString());
        assertTrue(bytes.toString().contains("lif1"), bytes.toString());
        assertRejected("spikering hw map: error: --nir = 'missing.nir': must be a readable file", "hw", "map", "--nir", "missing.nir");
        final StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "hw", "map", "--nir", NIR.resolve("cnn_sinabs.nir").toString()));
        assertEquals(1, err2.toString().trim().split("\n").length, err2.toString()); // one line, five problems
        assertEquals(5, err2.toString().split("cannot run", -1).length - 1, err2.toString());
    }

    @Test
    void exportOfTheNestSineNetworkRunsBack(@TempDir final Path dir) throws Exception {
        final Path g = dir.resolve("sine.nir");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "nir", "export", "--builtin", "nest-sine", "--out", g.toString()), err.toString());
        assertEquals(0, run(err, "nir", "run", g.toString(), "--steps", "50", "--dt", "1", "--out", dir.resolve("o").toString()),
                err.toString());
        assertTrue(Files.readString(dir.resolve("o/summary.json")).contains("\"LI\" : 2"));
        assertRejected("--builtin = 'x': must be one of [nest-sine]", "nir", "export", "--builtin", "x", "--out", g.toString());
        assertRejected("SPEC, --network-json, --builtin: must give exactly one of", "nir", "export", "--out", g.toString());
        assertRejected("--network-json = 'missing.json': must be a readable file", "nir", "export", "--network-json", "missing.json",
                "--out", g.toString());
        assertRejected("--out: missing", "nir", "export", "--builtin", "nest-sine");
        assertRejected("--out = '" + dir + "': must be a file path; it is a folder", "nir", "export", "--builtin", "nest-sine",
                "--out", dir.toString());
    }

    /** A spec with lif_exp, lif_delta, a spike array and a dc current, t_ref 0. */
    private static final String SMALL_SPEC = "spikering: 1" + "\n"
                + "name: small-nir" + "\n"
                + "description: Two lif_exp populations and a lif_delta one, driven by a spike array and a dc current, t_ref 0." + "\n"
                + "seed: 5" + "\n"
                + "network:" + "\n"
                + "  dt_ms: 0.1" + "\n"
                + "  populations:" + "\n"
                + "    - {name: E, size: 20, model: lif_exp, tau_m_ms: 10, c_m_pf: 100, e_l_mv: -65, v_th_mv: -55, v_reset_mv: -70, t_ref_ms: 0," + "\n"
                + "       tau_syn_ex_ms: 2, tau_syn_in_ms: 2, i_e_pa: 80, initial: {v_mv: {kind: uniform, low: -70, high: -56}}}" + "\n"
                + "    - {name: I, size: 5, model: lif_exp, tau_m_ms: 8, c_m_pf: 150, e_l_mv: -60, v_th_mv: -50, v_reset_mv: -60, t_ref_ms: 0," + "\n"
                + "       tau_syn_ex_ms: 3, tau_syn_in_ms: 6, i_e_pa: 0}" + "\n"
                + "    - {name: D, size: 6, model: lif_delta, tau_m_ms: 15, c_m_pf: 250, e_l_mv: 0, v_th_mv: 15, v_reset_mv: 0, t_ref_ms: 0, i_e_pa: 120}" + "\n"
                + "  sources:" + "\n"
                + "    - {kind: spike_array, name: src, spike_times_ms: [[0.5, 40, 120], [1.2, 44.1, 130], [3, 60, 200]]}" + "\n"
                + "    - {kind: dc, target: E, amplitude_pa: 40}" + "\n"
                + "  projections:" + "\n"
                + "    - {source: src, target: E, connector: {rule: all_to_all}, weight_pa: {kind: uniform, low: 100, high: 300}, delay_ms: 0.2}" + "\n"
                + "    - {source: E, target: E, connector: {rule: fixed_probability, p: 0.3, autapses: false}, weight_pa: {kind: normal, mean: 20, std: 30}, delay_ms: {kind: uniform, low: 0.1, high: 0.5}}" + "\n"
                + "    - {source: E, target: I, connector: {rule: all_to_all}, weight_pa: 60, delay_ms: 0.1}" + "\n"
                + "    - {source: I, target: E, connector: {rule: fixed_probability, p: 0.5}, weight_pa: -200, delay_ms: 0.3}" + "\n"
                + "    - {source: E, target: D, connector: {rule: fixed_in_degree, k: 3}, weight_mv: 2, delay_ms: 0.1}" + "\n"
                + "  recorders:" + "\n"
                + "    spikes: {}" + "\n"
                + "    state:" + "\n"
                + "      - {population: E, variable: V_m, neurons: [0, 1, 2], every_steps: 1, file: vm.csv}" + "\n"
                + "simulation:" + "\n"
                + "  seconds: 0.3" + "\n"
                + "  threads: 1" + "\n"
                + "  engine: reference" + "\n"
                + "output:" + "\n"
                + "  folder: spikering-out/small" + "\n";

    /**
     * Issue 16 item 4 from the command line: {@code nir export SPEC} then {@code nir run --runner engine} gives the
     * spikes of {@code run SPEC} (sim-core), step for step; a spec NIR cannot express is refused in one line.
     */
    @Test
    void exportOfASpecNetworkRunsBackWithSimCoresSpikes(@TempDir final Path dir) throws Exception {
        final Path spec = dir.resolve("small.yaml");
        Files.writeString(spec, SMALL_SPEC);
        final Path g = dir.resolve("small.nir");
        final Path input = dir.resolve("input.csv");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "nir", "export", spec.toString(), "--out", g.toString(), "--write-input", input.toString()),
                err.toString());
        assertEquals(0, run(err, "nir", "run", g.toString(), "--runner", "engine", "--scheme", "euler", "--dt", "0.1", "--input",
                input.toString(), "--record-v", "E", "--out", dir.resolve("nir").toString()), err.toString());
        assertEquals(0, run(err, "run", spec.toString(), "--out", dir.resolve("sim").toString()), err.toString());
        final java.util.Set<String> sim = new java.util.TreeSet<>();
        final List<String> simLines = Files.readAllLines(dir.resolve("sim/spikes.csv"));
        for (String line : simLines.subList(1, simLines.size())) { // time_ms,step,population,neuron,global_id
            final String[] f = line.split(",");
            if (!f[2].equals("src")) {
                sim.add(f[1] + " " + f[2] + " " + f[3]);
            }
        }
        final java.util.Set<String> nir = new java.util.TreeSet<>();
        final List<String> nirLines = Files.readAllLines(dir.resolve("nir/spikes.csv"));
        for (String line : nirLines.subList(1, nirLines.size())) { // step,time_ms,node,neuron
            final String[] f = line.split(",");
            nir.add(f[0] + " " + f[2] + " " + f[3]);
        }
        assertTrue(sim.size() > 300 && sim.stream().anyMatch(x -> x.contains(" I ")) && sim.stream().anyMatch(x -> x.contains(" D ")), "spikes: " + sim);
        assertEquals(sim, nir);
        assertEquals(simLines.size() - 1 - 9, nirLines.size() - 1, "each spike once; the 9 of src are the input");
        // V_m of E 0..2 (the spec's state recorder, after every step) = v + the graph's v_offset_mv_E, to rounding
        final double[] off = ((org.spikering.nir.Tensor) org.spikering.nir.NirReader.read(g).graph().metadata()
                .get("v_offset_mv_E")).values();
        final List<String> vm = Files.readAllLines(dir.resolve("sim/vm.csv"));   // time_ms,E_0_V_m,E_1_V_m,E_2_V_m
        final List<String> ve = Files.readAllLines(dir.resolve("nir/v_E.csv"));  // step,time_ms,E[0],...,E[19]
        assertEquals(vm.size(), ve.size());
        double worst = 0;
        for (int k = 1; k < vm.size(); k++) {
            final String[] a = vm.get(k).split(",");
            final String[] b = ve.get(k).split(",");
            for (int i = 0; i < 3; i++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(a[1 + i]) - (Double.parseDouble(b[2 + i]) + off[i])));
            }
        }
        assertTrue(worst < 1e-11, "largest |V_m(run) - V_m(nir run)| = " + worst + " mV (NetworkNirExportTest explains the bound)");
        System.out.println("NirCommandTest: " + nir.size() + " spikes identical; largest |V_m(run) - V_m(nir run)| = " + worst + " mV");

        final Path refused = dir.resolve("cuba.nir");
        assertRejected("SPEC = 'cuba': must be a network NIR can express: population 'E' (lif_exp): t_ref_ms = 5.0: NIR has no"
                + " refractory period", "nir", "export", "cuba", "--out", refused.toString());
        assertFalse(Files.exists(refused));
        assertRejected("--write-input = 'x.csv': must come with SPEC", "nir", "export", "--builtin", "nest-sine", "--out",
                refused.toString(), "--write-input", "x.csv");
        assertRejected("--set = 'seed=2': must come with SPEC", "nir", "export", "--builtin", "nest-sine", "--out",
                refused.toString(), "--set", "seed=2");

        // --set changes the spec before export exactly as it does for run: another seed, other weights and spikes
        final Path g7 = dir.resolve("small7.nir");
        final Path input7 = dir.resolve("input7.csv");
        assertEquals(0, run(err, "nir", "export", spec.toString(), "--set", "seed=7", "--out", g7.toString(), "--write-input",
                input7.toString()), err.toString());
        assertEquals(0, run(err, "nir", "run", g7.toString(), "--runner", "engine", "--scheme", "euler", "--dt", "0.1", "--input",
                input7.toString(), "--out", dir.resolve("nir7").toString()), err.toString());
        assertEquals(0, run(err, "run", spec.toString(), "--set", "seed=7", "--out", dir.resolve("sim7").toString()), err.toString());
        final java.util.Set<String> sim7 = new java.util.TreeSet<>();
        final List<String> sim7Lines = Files.readAllLines(dir.resolve("sim7/spikes.csv"));
        for (String line : sim7Lines.subList(1, sim7Lines.size())) {
            final String[] f = line.split(",");
            if (!f[2].equals("src")) {
                sim7.add(f[1] + " " + f[2] + " " + f[3]);
            }
        }
        final java.util.Set<String> nir7 = new java.util.TreeSet<>();
        final List<String> nir7Lines = Files.readAllLines(dir.resolve("nir7/spikes.csv"));
        for (String line : nir7Lines.subList(1, nir7Lines.size())) {
            final String[] f = line.split(",");
            nir7.add(f[0] + " " + f[2] + " " + f[3]);
        }
        assertEquals(sim7, nir7);
        assertFalse(sim7.equals(sim), "seed 7 gives other spikes than the spec's seed");
    }

    /** {@code --nirdata}: the run as NIRGraphData (NirDataTest checks the content), next to the CSV files. */
    @Test
    void nirdataIsWrittenBesideTheCsvFiles(@TempDir final Path dir) throws Exception {
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "nir", "run", NIR.resolve("two_lif_neurons.nir").toString(), "--steps", "1000", "--dt", "0.1",
                "--scheme", "exact", "--record-v", "lif1", "--nirdata", "--out", dir.resolve("a").toString()), err.toString());
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(dir.resolve("a/run.nirdata.h5"))) {
            assertEquals("NIRGraphData", h.getAttribute("__type__").getData());
            final long[][] idx = (long[][]) ((io.jhdf.api.Dataset) h.getByPath("nodes/lif1/observables/spikes/idx")).getData();
            assertEquals(Files.readAllLines(dir.resolve("a/spikes.csv")).size() - 1, idx[0].length, "every spike of spikes.csv");
        }
    }

    /** A run's spikes.h5 (SONATA) read back as the input of the next run: the same spikes, one step later (event at (k+1) dt -> step k+1). */
    @Test
    void sonataSpikesOutAndIn(@TempDir final Path dir) throws Exception {
        final Path two = NIR.resolve("two_lif_neurons.nir");
        final StringWriter err = new StringWriter();
        assertEquals(0, run(err, "nir", "run", two.toString(), "--steps", "1000", "--dt", "0.1", "--scheme", "exact", "--sonata",
                "--out", dir.resolve("a").toString()), err.toString());
        final java.util.List<org.spikering.nir.sonata.SpikePopulation> pops = org.spikering.nir.sonata.SonataSpikes.read(dir.resolve("a/spikes.h5"));
        assertEquals(List.of("lif1"), pops.stream().map(p -> p.name()).toList());
        final List<String> csv = Files.readAllLines(dir.resolve("a/spikes.csv"));
        assertEquals(csv.size() - 1, pops.get(0).size());
        assertEquals(18.0, pops.get(0).timestampsMs()[0], 1e-9, "crossing at 17.92 ms lies in step 179, reported at its end");
        // lif_norse takes one input: feed lif1's spikes into it
        assertEquals(0, run(err, "nir", "run", NIR.resolve("lif_norse.nir").toString(), "--input-sonata", dir.resolve("a/spikes.h5").toString(),
                "--dt", "0.1", "--out", dir.resolve("b").toString()), err.toString());
        assertRejected("--input-population = 'x': must be one of [lif1]", "nir", "run", NIR.resolve("lif_norse.nir").toString(),
                "--input-sonata", dir.resolve("a/spikes.h5").toString(), "--input-population", "x", "--dt", "0.1", "--out", dir.resolve("c").toString());
        assertFalse(Files.exists(dir.resolve("c")));
        // the same graph on the engine: counters in summary.json
        assertEquals(0, run(err, "nir", "run", two.toString(), "--steps", "1000", "--dt", "0.1", "--scheme", "exact", "--runner", "engine",
                "--out", dir.resolve("e").toString()), err.toString());
        assertEquals(csv, Files.readAllLines(dir.resolve("e/spikes.csv")), "lif1 is driven by nothing but its leak: same spikes");
        assertTrue(Files.readString(dir.resolve("e/summary.json")).contains("\"synaptic_events\" : 5"), Files.readString(dir.resolve("e/summary.json")));
    }

    private static void assertRejected(final String message, final String... args) {
        final StringWriter err = new StringWriter();
        assertEquals(2, run(err, args), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertEquals(1, err.toString().trim().split("\n").length, err.toString());
    }
}
