package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.hw.limits.NetworkDescription;

/** {@code hw map SPEC}: the spec's network as the chip mapper sees it, against counts worked out by hand. */
final class HwMapSpecTest {

    @TempDir
    Path tmp;

    @Test
    void describesEveryPopulationSpikeArrayAndProjectionWithExactCountsAndLargestDelays() throws Exception {
        final Path f = tmp.resolve("n.yaml");
        Files.writeString(f, String.join("\n",
                "spikering: 1",
                "network:",
                "  dt_ms: 0.1",
                "  populations:",
                "    - {name: E, size: 3, model: lif_exp}",
                "    - {name: I, size: 4, model: lif_delta}",
                "  projections:",
                "    - {source: E, target: I, connector: {rule: all_to_all}, weight_mv: 1, delay_ms: 0.5}",
                "    - {source: I, target: I, connector: {rule: fixed_in_degree, k: 2}, weight_mv: -1,"
                        + " delay_ms: {kind: uniform, low: 0.1, high: 0.35}}",
                "    - {source: S, target: E, connector: {rule: one_to_one}, weight_pa: 5, delay_ms: 2}",
                "  sources:",
                "    - {kind: spike_array, name: S, spike_times_ms: [[1.0], [], [2.0]]}",
                ""));
        final NetworkDescription d = SpecNetworkDescription.of(f.toString(), List.of());
        assertEquals(List.of(new NetworkDescription.Population("E", 3), new NetworkDescription.Population("I", 4),
                new NetworkDescription.Population("S", 3)), d.populations());
        assertEquals(new NetworkDescription.Projection("E", "I", 12, 0.5), d.projections().get(0));
        assertEquals("I", d.projections().get(1).pre());
        assertEquals(8, d.projections().get(1).synapses());
        // uniform [0.1, 0.35) rounds to 1..4 steps (0.35 excluded); 8 draws: the largest is at most 0.4 ms
        assertTrue(d.projections().get(1).maxDelayMs() <= 0.4 + 1e-12 && d.projections().get(1).maxDelayMs() >= 0.1);
        assertEquals(new NetworkDescription.Projection("S", "E", 3, 2.0), d.projections().get(2));
    }

    @Test
    void mapsTheShippedCubaAndRejectsNetworkOptionsWithASpec() {
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream old = System.out;
        final int ok;
        final int bad;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            ok = SpikeringCli.commandLine().execute("hw", "map", "cuba");
            bad = SpikeringCli.commandLine().setErr(new PrintWriter(err, true)).execute("hw", "map", "cuba", "--scale", "2");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, ok);
        assertTrue(out.toString().contains("E: 3200 neurons") && out.toString().contains("I: 800 neurons"), out.toString());
        assertEquals(2, bad);
        assertEquals("spikering hw map: error: --scale = '2' with SPEC = 'cuba': must be left out; the spec's network"
                + " section gives the populations, synapses and delays (see 'spikering help hw map')", err.toString().strip());
    }
}
