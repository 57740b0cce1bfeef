package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.sim.network.Network;

/**
 * A spike_array source read from a SONATA spike report: {@code two_populations.h5} was written by h5py
 * ({@code app/src/test/resources/org/spikering/app/data/make_fixtures.py}): populations 'a' and 'b', each with node 0
 * at 1.0 ms and node 1 at 2.0 ms. The generators must emit exactly those times (steps of dt 0.1 ms: 10 and 20), as the
 * builder called with the numbers by hand does.
 */
class NetworkSpecSonataTest {

    @TempDir
    Path tmp;

    private Path spec(final String sourceName) throws Exception {
        Files.copy(Path.of("src/test/resources/org/spikering/app/data/two_populations.h5"), tmp.resolve("rec.h5"));
        final Path f = tmp.resolve("replay.yaml");
        Files.writeString(f, String.join("\n",
                "spikering: 1",
                "network:",
                "  populations:",
                "    - {name: A, size: 2, model: lif_delta}",
                "  projections:",
                "    - {source: " + sourceName + ", target: A, connector: {rule: one_to_one}, weight_mv: 1, delay_ms: 0.1}",
                "  sources:",
                "    - {kind: spike_array, name: " + sourceName + ", file: rec.h5, size: 2}",
                ""));
        return f;
    }

    @Test
    void thePopulationNamedLikeTheSourceIsReplayed() throws Exception {
        final Network got = SpecLoader.load(spec("b").toString(), List.of()).section("network", NetworkSpec.class)
                .build(1, p -> tmp.resolve(p));
        final Network byHand = Network.builder(0.1).spikeArraySource("b", new double[][] {{1.0}, {2.0}}).build();
        final var g = (SpikeGeneratorModel) got.population("b").model();
        final var e = (SpikeGeneratorModel) byHand.population("b").model();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(e.steps(i), g.steps(i), "generator " + i);
        }
        assertArrayEquals(new int[] {10}, g.steps(0));
        assertArrayEquals(new int[] {20}, g.steps(1));
    }

    @Test
    void aFileWithoutThatPopulationIsOneLineNamingTheField() throws Exception {
        final SpecException x = assertThrows(SpecException.class, () -> SpecLoader.load(spec("c").toString(), List.of()));
        assertEquals(1, x.problems().size(), x.problems().toString());
        assertTrue(x.problems().get(0).contains("network.sources[0].file: '"), x.problems().get(0));
        assertTrue(x.problems().get(0).contains("has the SONATA populations [a, b]: must hold one named like the source ('c')"),
                x.problems().get(0));
    }
}
