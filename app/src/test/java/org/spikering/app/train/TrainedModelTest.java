package org.spikering.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Adam;

/** model.json keeps every bit of every weight and of Adam's state. */
final class TrainedModelTest {

    @TempDir
    Path dir;

    /** Doubles from every binade, subnormals and the extremes included: random bit patterns, not random values. */
    private static double[] hardDoubles(final SplittableRandom r, final int n) {
        final double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double v;
            do {
                v = Double.longBitsToDouble(r.nextLong());
            } while (!Double.isFinite(v));
            a[i] = v;
        }
        a[0] = Double.MIN_VALUE;
        a[1] = -Double.MAX_VALUE;
        a[2] = 0.1 + 0.2;
        a[3] = -0.0;
        return a;
    }

    @Test
    void shouldReadBackEveryBitOfWeightsAndOptimizerState() throws Exception {
        final SplittableRandom r = new SplittableRandom(5);
        final int in = 7;
        final int rec = 9;
        final int out = 3;
        final double[] wRec = hardDoubles(r, rec * rec);
        for (int j = 0; j < rec; j++) {
            wRec[j * rec + j] = 0.0;
        }
        final RecurrentNetwork net = new RecurrentNetwork(in, rec, out, new boolean[] {true, false, true, false,
            false, false, false, false, true}, NetworkParams.nestSineWave(), hardDoubles(r, rec * in), wRec, hardDoubles(r, out * rec));
        final Adam adam = new Adam(1e-3);
        final Map<String, double[]> state = new LinkedHashMap<>();
        state.put("step", new double[] {17});
        state.put("m.INPUT", hardDoubles(r, rec * in));
        state.put("v.INPUT", hardDoubles(r, rec * in));
        adam.importState(state);
        final TrainedModel m = new TrainedModel(Json.object().put("--task", "x").put("--seed", 3), 16, net, "adam",
                adam.exportState());
        m.write(dir.resolve("model.json"));
        final TrainedModel back = TrainedModel.read("--model", dir.resolve("model.json"));
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[] a = net.weights(id);
            final double[] b = back.network().weights(id);
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), id + "[" + i + "] = " + a[i]);
            }
        }
        assertEquals(net.params(), back.network().params());
        assertTrue(java.util.Arrays.equals(net.adaptiveFlags(), back.network().adaptiveFlags()));
        for (String k : state.keySet()) {
            final double[] a = state.get(k);
            final double[] b = back.state().get(k);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), k + "[" + i + "]");
            }
        }
        final Adam restored = new Adam(1e-3);
        restored.importState(back.state());
        assertEquals(17.0, restored.exportState().get("step")[0]);
        assertEquals(16, back.completed());
        assertEquals("x", back.task());
        assertEquals(3, back.seed());
    }

    @Test
    void shouldRefuseOtherFilesInOneLine() throws Exception {
        Files.writeString(dir.resolve("g.json"), "{\"format\":\"spikering-gradients/1\"}");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainedModel.read("--init-from", dir.resolve("g.json")));
        assertEquals("--init-from = '" + dir.resolve("g.json") + "': must be a model.json written by train: is not a spikering-model version 1 file (format "
                + "'spikering-gradients/1', version )", e.getMessage());
        Files.writeString(dir.resolve("t.json"), "{not json");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainedModel.read("--init-from", dir.resolve("t.json")))
                .getMessage().startsWith("--init-from = '" + dir.resolve("t.json") + "': must be a model.json written by train: not valid JSON"));
    }
}
