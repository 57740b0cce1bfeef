package org.spikering.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads every reference file (NIR 0.1.1, 0.2.0, HEAD with gzip, metadata and v_reset); values checked against h5py's dump in NIR.md / README. */
class NirReaderTest {

    static Path resource(final String name) {
        try {
            return Path.of(NirReaderTest.class.getResource("/nir/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> types(final NirGraph g) {
        return g.nodes().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().nirType(),
                (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> map(final String... kv) {
        final Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void lifNorse011() {
        final NirFile f = NirReader.read(resource("lif_norse.nir"));
        assertEquals("0.1.1", f.version());
        assertEquals(Map.of("input", "Input", "0", "Affine", "1", "LIF", "output", "Output"), types(f.graph()));
        final NirNode.Lif lif = (NirNode.Lif) f.graph().nodes().get("1");
        assertTrue(lif.tau().float32());
        assertEquals((double) 0.0025f, lif.tau().get(0));
        assertEquals((double) 0.1f, lif.vThreshold().get(0));
        assertEquals(0.0, lif.vReset().get(0), "v_reset absent before 1.0.6: zeros");
        assertEquals(List.of(new NirGraph.Edge("input", "0"), new NirGraph.Edge("0", "1"), new NirGraph.Edge("1", "output")),
                f.graph().edges());
    }

    @Test
    void twoLif020Float64() {
        final NirFile f = NirReader.read(resource("two_lif_neurons.nir"));
        assertEquals("0.2.0", f.version());
        final NirNode.Lif lif1 = (NirNode.Lif) f.graph().nodes().get("lif1");
        assertEquals(1.2, lif1.vLeak().get(0));
        assertEquals(0.01, lif1.tau().get(0));
        assertEquals(false, lif1.tau().float32());
        assertEquals(5, f.graph().edges().size());
    }

    @Test
    void cnnSinabsNamesUnsupportedNodesAndKeepsNdParameters() {
        final NirFile f = NirReader.read(resource("cnn_sinabs.nir"));
        assertEquals("0.2.0", f.version());
        final Map<String, String> t = types(f.graph());
        assertEquals("Conv2d", t.get("0"));
        assertEquals("SumPool2d", t.get("4"));
        assertEquals("Flatten", t.get("8"));
        assertEquals("IF", t.get("1"));
        assertEquals(List.of("0", "2", "4", "5", "7"), f.graph().nodes().entrySet().stream()
                .filter(e -> e.getValue() instanceof NirNode.Unsupported).map(Map.Entry::getKey).sorted().toList());
        final NirNode.Unsupported conv = (NirNode.Unsupported) f.graph().nodes().get("0");
        assertEquals(List.of("bias", "dilation", "groups", "input_shape", "padding", "stride", "weight"), conv.datasets());
        final NirNode.IntegrateAndFire if1 = (NirNode.IntegrateAndFire) f.graph().nodes().get("1");
        assertArrayEquals(new int[] {16, 16, 16}, if1.r().shape());
        final NirNode.Flatten flat = (NirNode.Flatten) f.graph().nodes().get("8");
        assertArrayEquals(new int[] {8, 4, 4}, flat.inputType());
        assertEquals(0, flat.startDim());
        assertArrayEquals(new int[] {128}, flat.outputShape());
        final NirNode.Affine fc = (NirNode.Affine) f.graph().nodes().get("9");
        assertArrayEquals(new int[] {256, 128}, fc.weight().shape());
        assertEquals((double) -0.017097017f, fc.weight().get(0));
        assertEquals((double) -0.028597973f, fc.weight().get(1), "row-major: second element of row 0");
        assertArrayEquals(new int[] {2, 34, 34}, ((NirNode.Input) f.graph().nodes().get("input")).shape());
    }

    @Test
    void headAll1dCompressedWithMetadataAndVReset() {
        final NirFile f = NirReader.read(resource("reference_all_1d_nodes_HEAD.nir"));
        assertEquals("1.0.7", f.version());
        assertEquals(map("input", "Input", "affine", "Affine", "linear", "Linear", "scale", "Scale", "li", "LI",
                "lif", "LIF", "culi", "CubaLI", "culif", "CubaLIF", "integ", "I", "iaf", "IF", "thr", "Threshold",
                "delay", "Delay", "output", "Output"), types(f.graph()));
        assertEquals(1e-4, f.graph().metadata().get("dt"));
        assertEquals("reference writer", f.graph().metadata().get("source"));
        assertArrayEquals(new double[] {1, 2, 3}, ((NirNode.Scale) f.graph().nodes().get("scale")).scale().values(),
                "gzip-compressed dataset decoded");
        assertArrayEquals(new double[] {0.001, 0.001, 0.001}, ((NirNode.Delay) f.graph().nodes().get("delay")).delay().values());
        assertArrayEquals(new double[] {0.005, 0.005, 0.005}, ((NirNode.CubaLif) f.graph().nodes().get("culif")).tauSyn().values());
        assertEquals(13, f.graph().edges().size());
    }

    @Test
    void head2dNestedSubgraph() {
        final NirFile f = NirReader.read(resource("reference_2d_and_subgraph_HEAD.nir"));
        final NirGraph sub = assertInstanceOf(NirGraph.class, f.graph().nodes().get("sub"));
        assertEquals(Map.of("i", "Input", "l", "Linear", "o", "Output"), types(sub));
        assertArrayEquals(new int[] {16, 16}, ((NirNode.Linear) sub.nodes().get("l")).weight().shape());
        assertEquals("AvgPool2d", f.graph().nodes().get("avg").nirType());
        assertEquals("Conv1d", f.graph().nodes().get("conv1").nirType());
        final NirNode.Flatten flat = (NirNode.Flatten) f.graph().nodes().get("flat");
        assertArrayEquals(new int[] {16}, flat.outputShape());
    }

    @Test
    void missingAndMalformedFilesAreNamedInOneLine(@TempDir final Path dir) throws Exception {
        final NirFormatException missing = assertThrows(NirFormatException.class, () -> NirReader.read(dir.resolve("none.nir")));
        assertEquals(dir.resolve("none.nir") + ": no such file", missing.getMessage());
        final Path junk = Files.writeString(dir.resolve("junk.nir"), "not hdf5");
        final NirFormatException bad = assertThrows(NirFormatException.class, () -> NirReader.read(junk));
        assertTrue(bad.getMessage().startsWith(junk + ": not a readable HDF5/NIR file"), bad.getMessage());
        assertTrue(!bad.getMessage().contains("\n"));
    }
}
