package org.spikering.app.gradients;

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
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.plasticity.network.WeightMatrixId;
import picocli.CommandLine;

/** {@code gradients --spec}: a training spec's network and first batch; on a rate network every rate rule. */
final class GradientsSpecTest {

    /** dms-rate shrunk to 12 units and 2 sequences, so that RTRL's n⁴ stays cheap. */
    private static Spec smallDmsRate() {
        return SpecLoader.load("dms-rate", List.of("training.network.recurrent=12", "training.batch=2"));
    }

    @Test
    void shouldListEveryRateRuleAndGiveRtrlTheBpttGradient() {
        GradientsRun run = GradientsRun.fromSpec(smallDmsRate());
        List<String> keys = List.copyOf(run.compute().keySet());
        // the first four as before, rules added to LearningRule later after them; the reference last
        assertEquals(List.of("eprop", "random-eprop", "rflo", "mdgl"), keys.subList(0, 4));
        assertEquals(List.of("rtrl", "uoro", "kf-rtrl", "kernl"),
                keys.stream().filter(List.of("rtrl", "uoro", "kf-rtrl", "kernl")::contains).toList());
        assertEquals(GradientsRun.BPTT_RATE, keys.get(keys.size() - 1));
        assertEquals(12, run.network().recurrent());
        assertEquals(2, run.batch().batchSize());
        for (WeightMatrixId id : WeightMatrixId.values()) {
            GradientsRun.Row r = run.comparison().stream()
                    .filter(x -> x.rule().equals("rtrl") && x.reference().equals(GradientsRun.BPTT_RATE) && x.matrix() == id)
                    .findFirst().orElseThrow();
            assertEquals(1.0, r.cosine(), 1e-10, r.toString());
            assertEquals(1.0, r.alpha(), 1e-10, r.toString());
        }
        // the same spec twice: the same batch, weights and random streams, so the same table
        GradientsRun again = GradientsRun.fromSpec(smallDmsRate());
        again.compute();
        assertEquals(run.table(), again.table());
        assertTrue(run.table().contains("random-eprop's B: drawn from the spec's run seed 1"), run.table());
    }

    @Test
    void shouldRefuseTheRateOnlyRulesOnALifNetworkBeforeAnyWork(@TempDir Path dir) {
        for (String rule : List.of("uoro", "kf-rtrl", "kernl")) {
            StringWriter err = new StringWriter();
            CommandLine cl = SpikeringCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            Path out = dir.resolve("out-" + rule);
            assertEquals(2, cl.execute("train", "--task", "dms", "--rule", rule, "--out", out.toString()));
            assertTrue(err.toString().contains("training.rule: '" + rule + "', only with training.network.kind = 'rate'"),
                    err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertFalse(Files.exists(out), "no output folder");
        }
    }
}
