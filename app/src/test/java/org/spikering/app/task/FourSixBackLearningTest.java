package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/** The (4,6)-back network and a short e-prop run that must use the delayed bits. */
final class FourSixBackLearningTest {

    @Test
    void shouldBuildSparseLifNetworkThatForgetsItsMembraneBetweenSymbols() {
        final TaskPreset p = TaskPreset.of("nback", 3);
        final RecurrentNetwork net = p.network();
        final int n = NBackNetwork.NEURONS;
        assertEquals(n, net.recurrent());
        assertEquals(p.source().inputs(), net.inputs());
        assertEquals(2, net.outputs());
        for (int j = 0; j < n; j++) {
            assertFalse(net.isAdaptive(j), "LIF only");
            int k = 0;
            for (int i = 0; i < n; i++) {
                k += net.wRec()[j * n + i] != 0 ? 1 : 0;
            }
            assertEquals(NBackNetwork.IN_DEGREE, k, "recurrent in-degree of neuron " + j);
        }
        final NetworkParams c = net.params();
        assertEquals(Math.exp(-5), c.alpha(), 1e-15, "α = exp(−dt/τ_m), dt = 1 ms, τ_m = 0.2 ms");
        assertEquals(Math.exp(-1), c.kappa(), 1e-15, "κ = exp(−dt/τ_out), τ_out = one symbol");
        assertEquals(0, c.refractorySteps());
        assertEquals(0.0, c.cReg(), 0.0);
        assertArrayEquals(net.wRec(), TaskPreset.of("nback", 3).network().wRec(), "same seed, same network");
        assertFalse(java.util.Arrays.equals(net.wRec(), TaskPreset.of("nback", 4).network().wRec()));
    }

    @Test
    void shouldBeatTheNothingLearnedBoundOnHeldOutSequencesAfterFortyEpropUpdates() {
        // a predictor that ignores x(n − 4) and x(n − 6) cannot beat H(5/8) = 0.6616 nats per symbol in expectation;
        // 128 held-out sequences (6912 symbols) put the sampling sd of the test loss near 0.004
        final TaskPreset p = TaskPreset.of("nback", 1);
        final TrainingRun.Outcome o = new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 1)
                .run(40, 16, p.learningRate(), 40, 128, null);
        assertEquals(40, o.curve().size());
        assertTrue(o.testLossPerStep() < FourSixBackTask.bounds().nothingLearned() - 0.04,
                "held-out cross-entropy " + o.testLossPerStep() + " nats per symbol");
    }
}
