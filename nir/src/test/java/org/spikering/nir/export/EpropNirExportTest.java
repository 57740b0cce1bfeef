package org.spikering.nir.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirReader;
import org.spikering.nir.NirWriter;
import org.spikering.nir.run.NirRun;
import org.spikering.nir.run.NirRunner;
import org.spikering.nir.run.RunOptions;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * Item 4 of issue 16: a trained e-prop network (LIF + ALIF + readout) exported as NIR, written, read back and run
 * gives the spikes of spikering's own forward pass, and the file follows NIR.md §1's layout rules.
 */
class EpropNirExportTest {

    private static final int IN = 4;
    private static final int REC = 12;
    private static final int OUT = 2;
    private static final int STEPS = 300;

    private static SequenceBatch batch(final long seed) {
        final SplittableRandom rng = new SplittableRandom(seed);
        final float[] x = new float[STEPS * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.08 ? 1f : 0f;
        }
        final double[] target = new double[STEPS * OUT];
        for (int t = 0; t < STEPS; t++) {
            target[t * OUT] = Math.sin(2 * Math.PI * t / 100.0);
            target[t * OUT + 1] = Math.cos(2 * Math.PI * t / 100.0);
        }
        final boolean[] mask = new boolean[STEPS];
        java.util.Arrays.fill(mask, true);
        return new SequenceBatch(1, STEPS, IN, OUT, x, target, mask, LossKind.REGRESSION_MSE);
    }

    private static RecurrentNetwork trained() {
        final NetworkParams p = NetworkParams.nestSineWave().withAdaptation(200.0, 0.01);
        final RecurrentNetwork net = RecurrentNetwork.random(IN, REC, OUT, 5, p, 7);
        final Trainer trainer = new Trainer(net, Rules.eprop(RandomFeedback.gaussian(REC, OUT, 3), false, Computation.DENSE),
                new Adam(5e-3), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        for (int i = 0; i < 5; i++) {
            trainer.step(batch(100 + i));
        }
        return trainer.network();
    }

    @Test
    void roundTripGivesTheForwardPassSpikesAndTraces(@TempDir final Path dir) {
        final RecurrentNetwork net = trained();
        final SequenceBatch b = batch(1);
        final Trajectory tr = new Trajectory(STEPS, REC, OUT);
        ForwardPass.run(net, b, 0, tr);
        final Path file = dir.resolve("eprop.nir");
        NirWriter.write(EpropNirExport.export(net), file);
        final NirFile back = NirReader.read(file);
        final double[][] input = new double[STEPS][IN];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < IN; i++) {
                input[t][i] = b.inputSpikes()[t * IN + i];
            }
        }
        final NirRun run = NirRunner.prepare(back, RunOptions.defaults(net.params().dtMs())).run(input, List.of("v", "a"));
        int spikes = 0;
        double worstV = 0;
        double worstA = 0;
        double worstY = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < REC; j++) {
                worstV = Math.max(worstV, Math.abs(run.voltages().get("v")[t][j] - tr.v[t * REC + j]));
                if (net.isAdaptive(j) && t > 0) {
                    // node a at step t - 1 already holds e-prop's a^t = rho a^(t-1) + z^(t-1) (the loop's delay sits before z)
                    worstA = Math.max(worstA, Math.abs(run.voltages().get("a")[t - 1][j] - tr.a[t * REC + j]));
                }
                spikes += (int) tr.z[t * REC + j];
            }
            for (int k = 0; k < OUT; k++) {
                worstY = Math.max(worstY, Math.abs(run.output()[t][k] - tr.yv[t * OUT + k]));
            }
        }
        assertTrue(spikes > 50, "the test needs spikes: " + spikes);
        final int[] nirSteps = run.spikeStepsOf("z");
        final int[] refSteps = new int[spikes];
        int q = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < REC; j++) {
                if (tr.z[t * REC + j] == 1.0) {
                    refSteps[q++] = t;
                }
            }
        }
        assertArrayEquals(refSteps, nirSteps, "spike steps");
        // the same Euler step written as v + (dt/tau)(r x - v) instead of alpha v + zeta x: rounding only
        assertTrue(worstV < 1e-12, "max |v - v_eprop| = " + worstV);
        assertTrue(worstA < 1e-12, "max |a - a_eprop| = " + worstA);
        assertTrue(worstY < 1e-12, "max |yv - yv_eprop| = " + worstY);
    }

    /** NIR.md §1/§2 transcribed: the datasets each node type may hold (the reference reader passes every one to the constructor). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "Input", Set.of("type", "shape"), "Output", Set.of("type", "shape"), "Linear", Set.of("type", "weight"),
            "Affine", Set.of("type", "weight", "bias"), "LI", Set.of("type", "tau", "r", "v_leak"),
            "Threshold", Set.of("type", "threshold"), "Scale", Set.of("type", "scale"),
            "LIF", Set.of("type", "tau", "r", "v_leak", "v_threshold", "v_reset"));

    @Test
    void exportedFileFollowsTheLayoutRules(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("eprop.nir");
        final RecurrentNetwork net = trained();
        NirWriter.write(EpropNirExport.export(net), file);
        try (HdfFile h = new HdfFile(file)) {
            assertEquals(Set.of("version", "node"), h.getChildren().keySet());
            assertTrue(((String) ((Dataset) h.getChild("version")).getData()).startsWith("1.0."));
            final Group g = (Group) h.getChild("node");
            assertEquals("NIRGraph", ((Dataset) g.getChild("type")).getData(), "type is a dataset, not an attribute");
            assertArrayEquals(new int[] {11, 2}, ((Dataset) g.getChild("edges")).getDimensions());
            final Group meta = (Group) g.getChild("metadata");
            assertEquals(1e-3, ((Dataset) meta.getChild("dt")).getData(), "dt in seconds");
            assertEquals("subtract", ((Dataset) meta.getChild("reset_mode")).getData());
            final Group nodes = (Group) g.getChild("nodes");
            for (Node n : nodes.getChildren().values()) {
                final Group ng = (Group) n;
                final String type = (String) ((Dataset) ng.getChild("type")).getData();
                final Set<String> names = new TreeSet<>(ng.getChildren().keySet());
                assertTrue(ALLOWED.containsKey(type), type);
                assertEquals(ALLOWED.get(type), names, "node " + n.getName() + " (" + type + "): exactly the spec's datasets");
            }
            // weights (out, in), time constants in seconds
            assertArrayEquals(new int[] {REC, IN}, ((Dataset) nodes.getByPath("w_in/weight")).getDimensions());
            assertArrayEquals(new int[] {OUT, REC}, ((Dataset) nodes.getByPath("w_out/weight")).getDimensions());
            final double tau = ((double[]) ((Dataset) nodes.getByPath("v/tau")).getData())[0];
            assertEquals(1e-3 / (1 - Math.exp(-1.0 / 30.0)), tau, 1e-15, "tau = dt/(1 - alpha), seconds");
        }
    }

    @Test
    void refractoryNetworksAreRefused() {
        final RecurrentNetwork net = RecurrentNetwork.random(IN, REC, OUT, 0,
                NetworkParams.nestSineWave().withRefractorySteps(2), 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EpropNirExport.export(net));
        assertEquals("refractory_steps = 2: NIR has no refractory period; only networks with t_ref = 0 can be exported", e.getMessage());
    }
}
