package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainedModel;
import org.spikering.plasticity.analysis.SymmetricEigen;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code analyze curvature} on a pattern-liu model (100 LIF, trained one update here) and {@code train}'s
 * {@code relative_weight_change}. W.r.t. W_out the spiking network's surrogate Hessian is exactly I_out ⊗ G with the
 * Gram matrix G = (1/B) Σ_t m_t zbar^t zbar^tᵀ of the filtered spikes (the spikes do not depend on W_out, the readout is
 * linear in it), computed here from the forward pass; its largest eigenvalue is what the command must report.
 */
final class AnalyzeCurvatureTest {

    @TempDir
    static Path dir;
    private static Path model;

    private record Run(int exit, String out, String err) {
    }

    private static Run execute(final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        final PrintStream saved = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            final int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @BeforeAll
    static void train() {
        final Run r = execute("train", "pattern-liu", "--iterations", "2", "--lr", "0.01", "--out",
                dir.resolve("t").toString());
        assertEquals(0, r.exit(), r.err());
        model = dir.resolve("t").resolve("model.json");
    }

    @Test
    void outputBlockEigenvalueIsTheLargestEigenvalueOfTheFilteredSpikesGramMatrix() throws Exception {
        final Path out = dir.resolve("c");
        final Run r = execute("analyze", "curvature", model.toString(), "--matrices", "output", "--top", "2",
                "--iterations", "60", "--tolerance", "1e-9", "--batch", "2", "--seed", "5", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().startsWith("curvature  surrogate hessian of output (100 parameters), batch 2:"), r.out());
        final JsonNode j = Json.read(out.resolve("curvature.json"), JsonNode.class);
        assertEquals("surrogate hessian", j.get("kind").asText());
        assertEquals(100, j.get("parameters").asInt());
        final JsonNode pi = j.get("power_iteration");
        assertTrue(pi.get("converged").asBoolean(), j.toString());
        assertEquals(pi.get("iterations").asInt() + 1, Files.readAllLines(out.resolve("curvature.csv")).size());
        assertTrue(Files.size(out.resolve("curvature.png")) > 1000);

        final TrainedModel m = TrainedModel.read("MODEL", model);
        final TaskPreset p = m.preset();
        final RecurrentNetwork net = m.network();
        final SequenceBatch b = p.source().batch(2, 5);
        final int n = net.recurrent();
        final double[][] g = new double[n][n];
        final Trajectory tr = new Trajectory(b.steps(), n, net.outputs());
        for (int s = 0; s < b.batchSize(); s++) {
            ForwardPass.run(net, b, s, tr);
            final double[] zbar = new double[n];
            for (int t = 0; t < b.steps(); t++) {
                for (int i = 0; i < n; i++) {
                    zbar[i] = net.params().kappa() * zbar[i] + net.params().zetaOut() * tr.z[t * n + i];
                }
                if (b.lossMask()[b.maskIndex(s, t)]) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            g[i][k] += zbar[i] * zbar[k] / b.batchSize();
                        }
                    }
                }
            }
        }
        final double[] exact = SymmetricEigen.of(g).values();
        assertTrue(exact[0] > 0.0);
        assertEquals(exact[0], pi.get("eigenvalue").asDouble(), 1e-6 * exact[0]);
        // I_1 ⊗ G (one readout): the top two are G's top two
        assertEquals(exact[0], j.get("eigenvalues").get(0).asDouble(), 1e-6 * exact[0]);
        assertEquals(exact[1], j.get("eigenvalues").get(1).asDouble(), 1e-6 * exact[0]);
        assertTrue(j.get("symmetry").get("relative_asymmetry").asDouble() < 1e-6);

    }

    @Test
    void theSameSeedGivesTheSameNumbers() throws Exception {
        final String[] csv = new String[2];
        for (int k = 0; k < 2; k++) {
            final Path out = dir.resolve("same" + k);
            assertEquals(0, execute("analyze", "curvature", model.toString(), "--matrices", "input,output",
                    "--iterations", "4", "--tolerance", "0", "--batch", "2", "--seed", "9", "--out", out.toString()).exit());
            csv[k] = Files.readString(out.resolve("curvature.csv"));
        }
        assertEquals(5, csv[0].lines().count());
        assertEquals(csv[0], csv[1]);
    }

    @Test
    void recurrentBlockIsReportedAsASurrogateHessianWithItsAsymmetry() {
        final Path out = dir.resolve("rec");
        final Run r = execute("analyze", "curvature", model.toString(), "--iterations", "3", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final JsonNode j = Json.read(out.resolve("curvature.json"), JsonNode.class);
        assertEquals(1, j.get("batch").asInt(), "default batch of a frozen-pattern task");
        assertEquals(100 * 99, j.get("parameters").asInt());
        assertTrue(j.get("note").asText().contains("surrogate"));
        assertTrue(Double.isFinite(j.get("symmetry").get("relative_asymmetry").asDouble()));
    }

    @Test
    void trainWritesTheRelativeWeightChangeOfEachMatrix() throws Exception {
        final JsonNode s = Json.read(dir.resolve("t").resolve("summary.json"), JsonNode.class);
        final TrainedModel m = TrainedModel.read("MODEL", model);
        final RecurrentNetwork w0 = m.preset().network();
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] a = w0.weights(id);
            final double[] b = m.network().weights(id);
            double d = 0.0;
            double n = 0.0;
            for (int i = 0; i < a.length; i++) {
                d += (b[i] - a[i]) * (b[i] - a[i]);
                n += a[i] * a[i];
            }
            final double expected = Math.sqrt(d) / Math.sqrt(n);
            assertTrue(expected > 0.0, id + " did not change");
            assertEquals(expected, s.get("relative_weight_change").get(id.name().toLowerCase()).asDouble(),
                    1e-12 * expected, id.toString());
        }
    }

    @Test
    void helpListsTheCommand() {
        final CommandSpec spec = SpikeringCli.commandLine().getSubcommands().get("analyze").getSubcommands()
                .get("curvature").getCommandSpec();
        for (String o : new String[] {"--matrices", "--top", "--iterations", "--tolerance", "--epsilon", "--batch",
            "--seed", "--out"}) {
            assertTrue(spec.findOption(o) != null, o);
        }
    }
}
