package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.hw.limits.ChipDescription;
import org.spikering.hw.limits.ChipMapper;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.hw.limits.NetworkDescription.Population;
import org.spikering.hw.limits.NetworkDescription.Projection;
import picocli.CommandLine;

/**
 * {@code hw map MODEL}: the network of a model trained here mapped onto a chip gives the report of {@link ChipMapper} on
 * the evidence network described by hand (40 inputs, 100 recurrent, 2 readouts; dense W_in 100 x 40, W_rec 100 x 100
 * without its diagonal, W_out 2 x 100; one 1-ms step of delay).
 */
final class HwMapModelTest {

    @TempDir
    Path dir;

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

    @Test
    void aTrainedModelMapsAsItsNetworkBuiltByHand() {
        final Path t = dir.resolve("t");
        final Run train = execute("train", "--task", "evidence", "--iterations", "1", "--batch", "1", "--test-batch", "1",
                "--out", t.toString());
        assertEquals(0, train.exit(), train.err());
        final NetworkDescription byHand = new NetworkDescription(
                List.of(new Population("input", 40), new Population("recurrent", 100), new Population("readout", 2)),
                List.of(new Projection("input", "recurrent", 40L * 100, 1.0),
                        new Projection("recurrent", "recurrent", 100L * 99, 1.0),
                        new Projection("recurrent", "readout", 2L * 100, 1.0)));
        for (String chip : new String[] {"loihi", "spinnaker"}) {
            final Run map = execute("hw", "map", t.resolve("model.json").toString(), "--chip", chip);
            final ChipMapper.Report expected = ChipMapper.map(byHand, "loihi".equals(chip) ? ChipDescription.loihiLike()
                    : ChipDescription.spinnakerLike());
            assertEquals(expected.fits() ? 0 : 1, map.exit(), map.err());
            assertEquals(expected.format(), map.out());
        }
        final Run scaled = execute("hw", "map", t.resolve("model.json").toString(), "--scale", "2");
        assertEquals(2, scaled.exit());
        assertTrue(scaled.err().contains("--scale = '2' with MODEL: must be left out"), scaled.err());
    }

    @Test
    void aFileThatIsNoModelIsRejected() {
        final Run r = execute("hw", "map", dir.resolve("nothing.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("SPEC|MODEL = '" + dir.resolve("nothing.json") + "': must be a spec file, a shipped"
                + " example's name"), r.err());
        assertTrue(r.err().contains("or a model.json written by train; no such file"), r.err());
        assertEquals("", r.out());
    }
}
