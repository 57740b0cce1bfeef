package org.spikering.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.reservoir.bench.BinaryMemoryTasks;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.readout.LmsReadout;

final class ReadoutAndBitsTest {

    @Test
    void shouldConvergeOnlineToAKnownLinearMap() {
        final LmsReadout lms = new LmsReadout(3, 1, 0.5);
        final SplittableRandom r = new SplittableRandom(2);
        final double[] x = new double[3];
        for (int t = 0; t < 20_000; t++) {
            for (int i = 0; i < 3; i++) {
                x[i] = r.nextDouble() - 0.5;
            }
            lms.learn(x, new double[] {1.5 * x[0] - 2 * x[2] + 0.25});
        }
        x[0] = 0.3;
        x[1] = -0.2;
        x[2] = 0.1;
        assertEquals(1.5 * 0.3 - 2 * 0.1 + 0.25, lms.predict(x)[0], 1e-6);
    }

    @Test
    void shouldSolveDelayedXorAndParityAndBeatTheFourBackBoundWithAnEsn() {
        final int n = 3000;
        final int[] s = BinaryMemoryTasks.bits(n, 1);
        final double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = 2 * s[i] - 1;
        }
        final EchoStateNetwork esn = new EchoStateNetwork(new EsnParameters(200, 0.9, 0.1, 0.5, 1.0, 0.2,
                EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1), 1);
        final double[][] f = esn.run(u);
        assertTrue(BinaryMemoryTasks.score(f, s, "xor", 1, 50).score() > 0.95);
        assertTrue(BinaryMemoryTasks.score(f, s, "parity", 1, 50).score() > 0.9);
        final double ce = BinaryMemoryTasks.score(f, s, "nback", 0, 50).score();
        assertTrue(ce < 0.5192, "(4,6)-back cross-entropy " + ce + " must be below the 4-back bound 0.5192");
        // a reservoir without memory (leak-free, no recurrence: spectral radius tiny) cannot do it
        final EchoStateNetwork forgetful = new EchoStateNetwork(new EsnParameters(200, 1e-6, 0.1, 0.5, 1.0, 0.2,
                EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1), 1);
        final double ceNoMemory = BinaryMemoryTasks.score(forgetful.run(u), s, "nback", 0, 50).score();
        assertTrue(ceNoMemory > 0.64, "memoryless reservoir must stay near the 0.6616 bound: " + ceNoMemory);
    }
}
