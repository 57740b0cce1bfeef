package org.spikering.nir.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirReader;
import org.spikering.nir.Tensor;

/** Populations and synapse counts of NIR graphs, for {@code hw map --nir}. */
class NirConnectivityTest {

    private static Path resource(final String name) throws Exception {
        return Path.of(NirConnectivityTest.class.getResource("/nir/" + name).toURI());
    }

    @Test
    void twoLifNeurons() throws Exception {
        final NirConnectivity c = new NirConnectivity(NirReader.read(resource("two_lif_neurons.nir")));
        assertEquals(List.of(new NirConnectivity.Population("in", 1), new NirConnectivity.Population("lif1", 1),
                new NirConnectivity.Population("lif2", 1)), c.populations());
        assertEquals(List.of(new NirConnectivity.Projection("in", "lif1", 1), new NirConnectivity.Projection("lif1", "lif2", 1)),
                c.projections());
    }

    @Test
    void zeroWeightsAreNoSynapsesAndChainsCompose() {
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", new NirNode.Input(new int[] {3}));
        nodes.put("a", new NirNode.Affine(new Tensor(new int[] {2, 3}, new double[] {1, 0, 2, 3, 4, 5}, false), Tensor.vector(0, 0)));
        nodes.put("lif", new NirNode.Lif(Tensor.vector(0.01, 0.01), Tensor.vector(1, 1), Tensor.vector(0, 0),
                Tensor.vector(1, 1), Tensor.vector(0, 0)));
        nodes.put("s", new NirNode.Scale(Tensor.vector(1, 0)));
        nodes.put("li", new NirNode.Li(Tensor.vector(0.01, 0.01), Tensor.vector(1, 1), Tensor.vector(0, 0)));
        nodes.put("out", new NirNode.Output(new int[] {2}));
        final NirFile f = new NirFile("1.0.7", new NirGraph(nodes, List.of(new NirGraph.Edge("in", "a"),
                new NirGraph.Edge("a", "lif"), new NirGraph.Edge("lif", "s"), new NirGraph.Edge("s", "li"),
                new NirGraph.Edge("lif", "lif"), new NirGraph.Edge("li", "out")), Map.of()));
        final NirConnectivity c = new NirConnectivity(f);
        assertEquals(List.of(new NirConnectivity.Projection("in", "lif", 5), new NirConnectivity.Projection("lif", "li", 1),
                new NirConnectivity.Projection("lif", "lif", 2)), c.projections());
    }
}
