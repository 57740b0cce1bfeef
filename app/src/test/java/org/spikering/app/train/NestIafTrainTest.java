package org.spikering.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.report.Json;
import org.spikering.plasticity.reference.NestIafSineWaveReference;

/**
 * {@code spikering train sine-nest-iaf} (rule nest-eprop-iaf): the shipped spec trains NEST's iaf sine-wave network
 * with NEST's learner, so its learning curve is NEST's recorded losses; {@code eval} of its model gives the run's test
 * loss; the specs that do not fit the rule stop with one line and exit 2 before any file is written.
 */
final class NestIafTrainTest {

    @TempDir
    Path dir;

    @Test
    void shouldTrainTheShippedSpecOnNestsLossCurveAndEvalItsModelAlike() throws Exception {
        final Path out = dir.resolve("out");
        assertEquals(0, SpikeringCli.commandLine().execute("train", "sine-nest-iaf", "--iterations", "3", "--test-batch", "2", "--out",
                out.toString()));
        final List<String> curve = Files.readAllLines(out.resolve("learning_curve.csv"));
        final double[] nest = NestIafSineWaveReference.lossesFirstFive();
        for (int it = 0; it < 3; it++) {
            final double loss = Double.parseDouble(curve.get(it + 1).split(",")[1]);
            assertEquals(nest[it], loss, 5e-10 * 1.01, "iteration " + (it + 1)); // the file's 9 decimals
        }
        final JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("nest-eprop-iaf", summary.path("rule").asText());
        assertTrue(summary.path("hardware").path("spikes").asLong() > 1000, "spikes are counted");
        final java.io.ByteArrayOutputStream eo = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(eo, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, SpikeringCli.commandLine().execute("eval", out.resolve("model.json").toString()));
        } finally {
            System.setOut(stdout);
        }
        final String printed = eo.toString(java.nio.charset.StandardCharsets.UTF_8);
        final JsonNode e = Json.MAPPER.readTree(printed.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("eval printed " + printed)));
        assertEquals(summary.path("test_loss_fresh_input").asDouble(), e.path("test_loss").asDouble(), 0.0, printed);
    }

    @Test
    void shouldStopBeforeAnyWorkOnSpecsThatDoNotFitTheRule() {
        final String[][] cases = {
            {"training.rule=nest-eprop-iaf", "sine-nest", "training.rule: 'nest-eprop-iaf', only with training.task.name sine-nest-iaf"},
            {"training.rule=eprop", "sine-nest-iaf", "training.task.name: 'sine-nest-iaf', only with training.rule nest-eprop-iaf"},
            {"training.checkpoint_every=5", "sine-nest-iaf", "training.checkpoint_every: 5, must be 0 with rule nest-eprop-iaf"},
            {"training.network.regular_spike_arrival=false", "sine-nest-iaf", "training.network.regular_spike_arrival: false, must be true"},
        };
        for (String[] c : cases) {
            final Path out = dir.resolve("bad-" + c[0].hashCode());
            final StringWriter err = new StringWriter();
            final picocli.CommandLine cl = SpikeringCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            assertEquals(2, cl.execute("train", c[1], "--set", c[0], "--iterations", "1", "--out", out.toString()),
                    c[0] + ": " + err);
            assertTrue(err.toString().contains(c[2]), c[0] + " gave " + err);
            assertFalse(Files.exists(out), c[0] + ": no output folder");
        }
    }
}
