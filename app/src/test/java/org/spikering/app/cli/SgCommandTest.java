package org.spikering.app.cli;

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
import org.spikering.app.report.Json;
import org.spikering.app.train.SyntheticGradientRun;
import picocli.CommandLine;

/** {@code spikering sg}: its result set, the settle measure, and a (4,6)-back run that passes the 4-back bound. */
class SgCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesCurvesPlotsAndSummaryForEverySeed() throws Exception {
        final Path out = dir.resolve("sg");
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("sg", "nback", "--seeds", "2", "--iterations", "4", "--eval-every", "2", "--units",
                "4", "--batch", "4", "--test-batch", "8", "--out", out.toString()), err.toString());
        for (String f : List.of("curves.csv", "loss.png", "convergence.png", "summary.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        final List<String> lines = Files.readAllLines(out.resolve("curves.csv"));
        assertEquals(1 + 2 * 3, lines.size(), "header + 2 seeds x evaluations at 1, 2, 4");
        final JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(2, s.get("seeds").size());
        assertEquals(0.5191666997072094, s.get("bound_4_back").asDouble(), 1e-15);
        assertEquals("learned", s.get("jacobian").asText());
        assertEquals("random", s.get("feedback").asText());
    }

    @Test
    void trainRefusesSgOnASpikingNetwork() {
        final Path out = dir.resolve("lif");
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("train", "evidence", "--rule", "sg", "--iterations", "1", "--out", out.toString()));
        assertTrue(err.toString().contains("training.rule: 'sg', needs training.network.kind = 'rate' with rate.form ="
                + " 'rate_leak'"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesABadRuleBeforeAnyWork() {
        final Path out = dir.resolve("bad");
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("sg", "nback", "--rule", "eprop", "--out", out.toString()));
        assertTrue(err.toString().contains("--rule"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void settleIsTheFirstEvaluationWithinTenPercentOfTheTotalChangeFromTheEnd() {
        final int[] it = {0, 10, 20, 30, 40, 50};
        // total change 0.9, band 0.09: 0.2 is 0.1 away from 0.1, 0.12 is within
        assertEquals(30, SyntheticGradientRun.settleIteration(it, new double[] {1.0, 0.5, 0.2, 0.12, 0.1, 0.1}));
        assertEquals(0, SyntheticGradientRun.settleIteration(it, new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1}));
        assertEquals(50, SyntheticGradientRun.settleIteration(it, new double[] {0, 0, 0, 0, 0, 1}));
    }
}
