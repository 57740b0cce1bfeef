package org.spikering.nir.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirReader;
import org.spikering.sim.SimulationSummary;

/** NIR graphs on sim-core's engine: the reference traces again, and the engine = the step runner with one step of synaptic delay. */
class EngineRunnerTest {

    private static NirFile read(final String name) throws Exception {
        return NirReader.read(Path.of(EngineRunnerTest.class.getResource("/nir/" + name).toURI()));
    }

    private static double[][] stimulus(final double[][] ref) {
        final double[][] in = new double[ref.length][];
        for (int k = 0; k < ref.length; k++) {
            in[k] = new double[] {ref[k][0]};
        }
        return in;
    }

    @Test
    void lifNorseOnTheEngineReproducesNorseAndTheExactSolver() throws Exception {
        final double[][] norse = NirConformanceTest.csv("lif_norse.csv");
        final NirRun e = EngineRunner.run(read("lif_norse.nir"), RunOptions.defaults(0.1).withPrecision(RunOptions.Precision.FLOAT32),
                stimulus(norse), List.of("1"), null);
        assertArrayEquals(new int[] {460, 510, 710, 760}, e.spikeStepsOf("1"));
        for (int k = 0; k < norse.length; k++) {
            assertEquals((float) norse[k][1], (float) e.voltages().get("1")[k][0], "row " + k);
            assertEquals(norse[k][2], e.output()[k][0], "output = spikes, row " + k);
        }
        final double[][] exact = NirConformanceTest.csv("lif_exact.csv");
        final NirRun x = EngineRunner.run(read("lif_norse.nir"), RunOptions.defaults(0.1).withScheme(RunOptions.Scheme.EXACT),
                stimulus(exact), List.of("1"), null);
        assertArrayEquals(new int[] {460, 510, 710, 760}, x.spikeStepsOf("1"));
        for (int k = 0; k < exact.length; k++) {
            assertEquals(exact[k][1], x.voltages().get("1")[k][0], 1e-8, "row " + k);
        }
    }

    @Test
    void engineEqualsTheStepRunnerWithOneStepOfSynapticDelay() throws Exception {
        final NirFile f = read("two_lif_neurons.nir");
        final RunOptions o = RunOptions.defaults(0.1).withScheme(RunOptions.Scheme.EXACT);
        final double[][] zero = new double[3000][1];
        final SimulationSummary[] summary = new SimulationSummary[1];
        final NirRun e = EngineRunner.run(f, o, zero, List.of("lif1", "lif2"), summary);
        final NirRun s = NirRunner.prepare(f, o.withSynapticDelay(1)).run(zero, List.of("lif1", "lif2"));
        assertArrayEquals(s.spikeStepsOf("lif1"), e.spikeStepsOf("lif1"));
        for (int k = 0; k < zero.length; k++) {
            assertArrayEquals(s.voltages().get("lif1")[k], e.voltages().get("lif1")[k], 0.0, "lif1 step " + k);
            assertArrayEquals(s.voltages().get("lif2")[k], e.voltages().get("lif2")[k], 0.0, "lif2 step " + k);
        }
        final int lif1Spikes = e.spikeStepsOf("lif1").length;
        assertTrue(lif1Spikes > 10);
        assertEquals(lif1Spikes, summary[0].spikes(), "the engine's counters see the imported network");
        assertEquals(lif1Spikes, summary[0].synapticEvents(), "one synapse lif1 -> lif2");
        // without the delay the step runner's lif2 differs: the engine's delay is real, not a relabelling
        final NirRun direct = NirRunner.prepare(f, o).run(zero, List.of("lif2"));
        assertTrue(direct.voltages().get("lif2")[zero.length - 1][0] != e.voltages().get("lif2")[zero.length - 1][0]);
    }

    @Test
    void gradedNodesAreNamed() throws Exception {
        final NirFormatException ex = assertThrows(NirFormatException.class, () -> EngineRunner.run(read("reference_all_1d_nodes_HEAD.nir"),
                RunOptions.defaults(0.1), new double[1][3], List.of(), null));
        assertEquals(4, ex.getMessage().split("\n").length, ex.getMessage()); // li, culi, integ, thr
        assertTrue(ex.getMessage().contains("node 'thr' (Threshold)"), ex.getMessage());
    }
}
