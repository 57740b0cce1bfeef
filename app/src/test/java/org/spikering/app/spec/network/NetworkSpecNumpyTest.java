package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;

/**
 * Explicit connectors from NumPy matrices: the fixtures {@code w_3x4.npy} and {@code conn.npz} were written by
 * NumPy 2.4.6 with {@code make_fixtures.py} (next to them in the test resources); the expected pairs and weights
 * below are that script's matrix, written out by hand, given to sim-core's builder directly.
 */
final class NetworkSpecNumpyTest {

    @TempDir
    Path tmp;

    /** The script's matrix, row-major: the non-zero entries (source, target, weight). */
    private static final int[] PRE = {0, 0, 1, 2, 2};
    private static final int[] POST = {1, 3, 0, 2, 3};
    private static final double[] W = {1.5, -2.25, 0.5, 3.0, 0.125};

    private Spec spec(final String connector, final String weight) throws Exception {
        return SpecLoader.load(write(connector, weight).toString(), List.of());
    }

    private Path write(final String connector, final String weight) throws Exception {
        for (String f : List.of("w_3x4.npy", "conn.npz")) {
            try (var in = getClass().getResourceAsStream(f)) {
                Files.write(tmp.resolve(f), in.readAllBytes());
            }
        }
        final Path f = tmp.resolve("n.yaml");
        Files.writeString(f, String.join("\n",
                "spikering: 1",
                "network:",
                "  populations:",
                "    - {name: A, size: 3, model: lif_delta}",
                "    - {name: B, size: 4, model: lif_delta}",
                "  projections:",
                "    - {source: A, target: B, connector: " + connector + weight + ", delay_ms: 0.5}",
                ""));
        return f;
    }

    private static Network build(final Spec s) {
        return s.section("network", NetworkSpec.class).build(s.seed(), s::resolve);
    }

    private static org.spikering.sim.network.NetworkBuilder base() {
        final LifDeltaParameters m = new LifDeltaParameters(10, 250, -70, -55, -70, 2, 0, ResetMode.TO_VALUE, -70);
        return Network.builder(0.1).seed(1).population("A", 3, m).population("B", 4, m);
    }

    @Test
    void aFloat64MatrixGivesItsNonZeroEntriesWithTheirWeights() throws Exception {
        final Network expected = base().connectExplicit("A", "B", PRE, POST, W, 0.5).build();
        final Network got = build(spec("{rule: explicit, file: w_3x4.npy}", ""));
        NetworkAssert.assertSameNetwork(expected, got);
    }

    @Test
    void aBoolMatrixInAnNpzGivesItsTrueEntriesWithTheWeightField() throws Exception {
        final Network expected = base().connect("A", "B", Connector.explicit(PRE, POST), Distribution.constant(0.7),
                Distribution.constant(0.5)).build();
        final Network got = build(spec("{rule: explicit, file: conn.npz, array: mask}", ", weight_mv: 0.7"));
        NetworkAssert.assertSameNetwork(expected, got);
    }

    @Test
    void aFloat32MatrixKeepsItsFloat32Values() throws Exception {
        final Network got = build(spec("{rule: explicit, file: conn.npz, array: w32}", ""));
        final double[] w = got.projections().get(0).synapses().exactWeights();
        for (int k = 0; k < W.length; k++) {
            assertEquals((double) (float) W[k], w[k]); // every value of the script is exact in float32
        }
    }

    @Test
    void aMatrixOfTheWrongShapeOrAMissingArrayIsAProblemWithTheFieldPath() throws Exception {
        final Spec ok = spec("{rule: explicit, file: w_3x4.npy}", "");
        assertTrue(ok.has("network"));
        final String shape = problem("{rule: explicit, file: w_3x4.npy}", "", "size: 3, model", "size: 2, model");
        assertTrue(shape.contains("network.projections[0].connector.file: '") && shape.contains("w_3x4.npy': shape (3, 4),"
                + " must be (2, 4) = (source size, target size)"), shape);
        assertEquals("network.projections[0].connector.array: missing, required with an .npz file: the name of the"
                + " matrix in it", problem("{rule: explicit, file: conn.npz}", ", weight_mv: 1", "", ""));
        assertEquals("network.projections[0].weight_mv: 1, must be left out: the connector's file gives the weights",
                problem("{rule: explicit, file: w_3x4.npy}", ", weight_mv: 1", "", ""));
    }

    private String problem(final String connector, final String weight, final String from, final String to)
            throws Exception {
        final Path f = write(connector, weight);
        Files.writeString(f, Files.readString(f).replace(from.isEmpty() ? "\u0000" : from, to));
        try {
            SpecLoader.load(f.toString(), List.of());
        } catch (SpecException e) {
            assertEquals(1, e.problems().size(), e.problems().toString());
            return e.problems().get(0).substring(f.toString().length() + 2);
        }
        throw new AssertionError("no problem");
    }
}
