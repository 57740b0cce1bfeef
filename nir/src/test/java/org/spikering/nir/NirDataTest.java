package org.spikering.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.nir.run.NirRun;
import org.spikering.nir.run.NirRunner;
import org.spikering.nir.run.RunOptions;

/**
 * NIRData (issue 16 item 6): a run of {@code two_lif_neurons.nir} written as NIRGraphData and read back with jHDF
 * against the run itself and against NIRData's layout ({@code nir/serialization.py read_data}: {@code __type__}
 * attributes, EventData idx/time (samples, events) with n_neurons and t_max, TimeGriddedData data (samples, steps,
 * neurons) with dt).
 */
class NirDataTest {

    private static Path resource(final String name) {
        return NirReaderTest.resource(name);
    }

    @Test
    void aRunReadsBackAsNirGraphData(@TempDir final Path dir) throws Exception {
        final NirFile file = NirReader.read(resource("two_lif_neurons.nir"));
        final RunOptions o = RunOptions.defaults(0.1).withScheme(RunOptions.Scheme.EXACT);
        final NirRun run = NirRunner.prepare(file, o).run(new double[1000][NirRunner.prepare(file, o).inputWidth()],
                List.of("lif1", "lif2"));
        assertTrue(run.spikeStepsOf("lif1").length >= 5, "lif1 fires on its own");
        assertEquals(0, run.spikeStepsOf("lif2").length, "lif2 (v_th 20) does not");
        final Path out = dir.resolve("run.nirdata.h5");
        NirData.write(out, file.graph(), run);
        try (HdfFile h = new HdfFile(out)) {
            assertEquals("NIRGraphData", h.getAttribute("__type__").getData());
            final Group nodes = (Group) h.getChild("nodes");
            assertEquals(Set.of("lif1", "lif2", "out"), nodes.getChildren().keySet(), "spiking nodes and the Output");
            final Group lif1 = (Group) nodes.getChild("lif1");
            assertEquals("NIRNodeData", lif1.getAttribute("__type__").getData());
            final Group spikes = (Group) lif1.getByPath("observables/spikes");
            assertEquals("EventData", spikes.getAttribute("__type__").getData());
            assertEquals(1L, ((Number) spikes.getAttribute("n_neurons").getData()).longValue());
            assertEquals(0.1, (double) spikes.getAttribute("t_max").getData(), 1e-15, "1000 steps of 0.1 ms, in s");
            final long[][] idx = (long[][]) ((Dataset) spikes.getChild("idx")).getData();
            final double[][] time = (double[][]) ((Dataset) spikes.getChild("time")).getData();
            final int[] steps = run.spikeStepsOf("lif1");
            assertEquals(steps.length, idx[0].length);
            for (int k = 0; k < steps.length; k++) {
                assertEquals(0, idx[0][k]);
                assertEquals((steps[k] + 1) * 1e-4, time[0][k], 1e-18, "time = (step + 1) dt, seconds");
            }
            // NIRData's padding for a node without events
            final Group none = (Group) nodes.getByPath("lif2/observables/spikes");
            assertArrayEquals(new long[] {-1}, ((long[][]) ((Dataset) none.getChild("idx")).getData())[0]);
            assertEquals(Double.POSITIVE_INFINITY, ((double[][]) ((Dataset) none.getChild("time")).getData())[0][0]);
            final Group v = (Group) lif1.getByPath("observables/v");
            assertEquals("TimeGriddedData", v.getAttribute("__type__").getData());
            assertEquals(1e-4, (double) v.getAttribute("dt").getData(), 1e-18);
            final double[][][] data = (double[][][]) ((Dataset) v.getChild("data")).getData();
            assertArrayEquals(new int[] {1, 1000, 1}, new int[] {data.length, data[0].length, data[0][0].length});
            for (int s = 0; s < 1000; s++) {
                assertEquals(run.voltages().get("lif1")[s][0], data[0][s][0], 0.0);
            }
            final double[][][] y = (double[][][]) ((Dataset) nodes.getByPath("out/observables/output/data")).getData();
            for (int s = 0; s < 1000; s++) {
                assertEquals(run.output()[s][0], y[0][s][0], 0.0);
            }
        }
    }
}
