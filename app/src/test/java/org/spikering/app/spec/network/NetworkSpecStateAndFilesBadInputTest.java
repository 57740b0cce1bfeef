package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;

/**
 * The bad-spec table of initial states, integer distributions, NumPy spike arrays and per-synapse delay files: each
 * broken file, run with {@code spikering run FILE --out DIR}, exits 2 with one line per problem naming the field path
 * (and for a file, the file, its row or entry and its field), prints nothing on stdout and leaves DIR uncreated.
 */
final class NetworkSpecStateAndFilesBadInputTest {

    @TempDir
    Path tmp;

    /** A small valid spec using every new field: each case replaces one piece of it. */
    private static final String BASE = String.join("\n",
            "spikering: 1",
            "network:",
            "  dt_ms: 0.1",
            "  populations:",
            "    - {name: E, size: 3, model: lif_exp, initial: {i_syn_ex_pa: 5, refractory_steps: 3}}",
            "    - {name: B, size: 4, model: lif_delta}",
            "    - {name: A, size: 2, model: eprop_alif, initial: {a: 0.5}}",
            "  projections:",
            "    - {source: E, target: B, connector: {rule: explicit, file: delays.npz, array: w, delay_array: d}}",
            "    - {source: E, target: B, connector: {rule: explicit, file: delays.csv}, weight_mv: 0.5}",
            "    - {source: S, target: E, connector: {rule: all_to_all}, weight_pa: {kind: uniform_int, low: 1, high: 9}}",
            "  sources:",
            "    - {kind: spike_array, name: S, file: spikes.npz, size: 3}",
            "simulation: {seconds: 0.01}",
            "");

    /** {replace this, with this, expected problem line(s) after 'FILE: '}. */
    private static final String[][] CASES = {
        {"i_syn_ex_pa: 5", "i_syn_ex_pa: -5", "network.populations[0].initial.i_syn_ex_pa: -5, every value must be >= 0"
            + " (the excitatory current: positive weights feed it; a negative current goes in i_syn_in_pa)"},
        {"i_syn_ex_pa: 5", "i_syn_ex_pa: {kind: normal, mean: 5, std: 1}", "network.populations[0].initial.i_syn_ex_pa:"
            + " 'normal with lowest value -Infinity', every value must be >= 0 (the excitatory current: positive"
            + " weights feed it; a negative current goes in i_syn_in_pa): set redraw_min: 0"},
        {"i_syn_ex_pa: 5", "i_syn_in_pa: 5", "network.populations[0].initial.i_syn_in_pa: 5, every value must be <= 0"
            + " (the inhibitory current: negative weights feed it; a positive current goes in i_syn_ex_pa)"},
        {"initial: {a: 0.5}", "initial: {a: -0.5}", "network.populations[2].initial.a: -0.5, every value must be >= 0"
            + " (a trace of the neuron's spikes)"},
        {"refractory_steps: 3", "refractory_steps: 2.5", "network.populations[0].initial.refractory_steps: 2.5, must be"
            + " a whole number of steps: a whole constant or {kind: uniform_int, low, high}"},
        {"refractory_steps: 3", "refractory_steps: {kind: uniform, low: 0, high: 3}",
            "network.populations[0].initial.refractory_steps: 'uniform', must be a whole number of steps: a whole"
                + " constant or {kind: uniform_int, low, high}"},
        {"refractory_steps: 3", "refractory_steps: 21", "network.populations[0].initial.refractory_steps: 21, every"
            + " value must be in [0, 20] (t_ref_ms / dt_ms = 2 / 0.1 = 20 steps)"},
        {"refractory_steps: 3", "refractory_steps: {kind: uniform_int, low: 0, high: 22}",
            "network.populations[0].initial.refractory_steps: 'uniform_int from 0 to 21', every value must be in [0, 20]"
                + " (t_ref_ms / dt_ms = 2 / 0.1 = 20 steps)"},
        {"low: 1, high: 9", "low: 1.5, high: 9", "network.projections[2].weight_pa.low: 1.5, must be a whole number"
            + " within +-2^53 (kind uniform_int)"},
        {"low: 1, high: 9", "low: 9, high: 9", "network.projections[2].weight_pa.high: 9, must be > low = 9"},
        {"low: 1, high: 9", "low: 1, high: 9, redraw_min: 2.2, redraw_max: 2.8", "network.projections[2].weight_pa:"
            + " 'uniform_int [1, 9)', must hold a whole number within the redraw bounds"},
        {"model: lif_exp, initial: {", "model: lif_exp, initial: {a: 1, ", "network.populations[0].initial.a: unknown"
            + " field, must be one of: v_mv, i_syn_ex_pa, i_syn_in_pa, refractory_steps"},
        {"file: spikes.npz, size: 3", "file: spikes.npz, size: 2", "network.sources[0].file: 'TMP/spikes.npz' array"
            + " 'ids': ids[3] = 2.0, must be a whole number in [0, 1] (size = 2)"},
        {"file: spikes.npz, size: 3", "file: spikes.npz, array: dense, size: 4", "network.sources[0].file:"
            + " 'TMP/spikes.npz' array 'dense': shape (6, 3), must be (steps, 4) = (steps, size): one column per spike"
            + " generator"},
        {"file: spikes.npz, size: 3", "file: spikes.npz, array: nope, size: 3", "network.sources[0].file:"
            + " 'TMP/spikes.npz' has no array 'nope' (it has: times_ms, ids, dense)"},
        {"file: spikes.npz, size: 3", "file: delays.csv, array: dense, size: 3", "network.sources[0].array: 'dense',"
            + " only with an .npz file (the name of its dense (steps, size) matrix)"},
        {"file: spikes.npz, size: 3", "file: twice.npy, size: 3", "network.sources[0].file: 'TMP/twice.npy': entry"
            + " [1, 0] = 2.0, must be 0 or 1 (a spike generator emits at most one spike per step)"},
        {"file: delays.csv}", "file: early.csv}", "network.projections[1].connector.file: 'TMP/early.csv' data row 2:"
            + " delay_ms = 0.05, must be >= dt_ms = 0.1 (NEST refuses a delay below the resolution)"},
        {"file: delays.csv}", "file: badheader.csv}", "network.projections[1].connector.file: 'TMP/badheader.csv'"
            + " line 1: header source,target,delay_ms,weight, must be source,target followed by any of weight, delay_ms"
            + " (in this order)"},
        {"file: delays.csv}, weight_mv: 0.5", "file: delays.csv}, weight_mv: 0.5, delay_ms: 2",
            "network.projections[1].delay_ms: 2, must be left out (or at its default 1): the connector's file gives"
                + " each synapse its delay"},
        {"array: w, delay_array: d", "array: w, delay_array: w2", "network.projections[0].connector.file:"
            + " 'TMP/delays.npz' has no array 'w2' (it has: w, d, mask)"},
        {"array: w, delay_array: d", "array: w, delay_array: w", "network.projections[0].connector.file:"
            + " 'TMP/delays.npz' array 'w' entry [0, 3] = -2.25, must be >= dt_ms = 0.1 (NEST refuses a delay below"
            + " the resolution)"},
        {"file: delays.csv}, weight_mv", "file: delays.csv, delay_array: d}, weight_mv",
            "network.projections[1].connector.delay_array: 'd', only with an .npz file (a CSV file gives delays in its"
                + " delay_ms column)"},
    };

    @BeforeEach
    void files() throws Exception {
        for (String f : new String[] {"delays.npz", "spikes.npz"}) {
            try (var in = getClass().getResourceAsStream(f)) {
                Files.write(tmp.resolve(f), in.readAllBytes());
            }
        }
        Files.writeString(tmp.resolve("delays.csv"), "source,target,delay_ms\n0,1,0.3\n2,3,1.5\n");
        Files.writeString(tmp.resolve("early.csv"), "source,target,delay_ms\n0,1,0.3\n2,3,0.05\n");
        Files.writeString(tmp.resolve("badheader.csv"), "source,target,delay_ms,weight\n0,1,0.3,1\n");
        // a (steps, size) = (2, 3) int64 matrix with a 2 at [1, 0], as np.save("twice.npy", np.array([[1,0,0],[2,0,0]]))
        Files.write(tmp.resolve("twice.npy"), org.spikering.app.data.Npy.bytes(org.spikering.app.data.NpyArray.of(
                new int[] {2, 3}, new long[] {1, 0, 0, 2, 0, 0})));
    }

    @Test
    void everyBrokenSpecEndsWithItsFieldPathBeforeAnythingRuns() throws Exception {
        BrokenSpecRuns.assertEveryCaseRejected(tmp, BASE, CASES);
    }

    @Test
    void theBaseSpecIsValid() throws Exception {
        final Path file = tmp.resolve("base.yaml");
        Files.writeString(file, BASE);
        final StringWriter err = new StringWriter();
        final int code = SpikeringCli.commandLine().setErr(new PrintWriter(err, true)).execute("spec", "check",
                file.toString());
        assertEquals(0, code, err.toString());
        // and it runs: the file delays, the NumPy spike array and the initial states reach the simulation
        final int run = SpikeringCli.commandLine().setErr(new PrintWriter(err, true)).execute("run", file.toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(0, run, err.toString());
        assertTrue(Files.readString(tmp.resolve("out/spec.yaml")).contains("delay_array: d"));
        assertTrue(Files.exists(tmp.resolve("out/spikes.csv")));
    }
}
