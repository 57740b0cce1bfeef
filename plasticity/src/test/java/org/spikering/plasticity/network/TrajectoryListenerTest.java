package org.spikering.plasticity.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

final class TrajectoryListenerTest {

    @ParameterizedTest
    @CsvSource({"EPROP,EVENT", "EPROP,EVENT_STEPWISE", "EPROP,DENSE", "MDGL_EXACT,EVENT", "BPTT,EVENT"})
    void shouldSeeEveryForwardPassOfTheBatchWithItsSpikes(LearningRule rule, Computation computation) {
        final RecurrentNetwork net = TestNetworks.network(4, false, 2.0, 7);
        final SequenceBatch batch = TestNetworks.batch(3, LossKind.CLASSIFICATION_CE, 5);
        final GradientComputer g = Rules.create(rule, computation, net, 1);
        final List<Integer> sequences = new ArrayList<>();
        final long[] spikes = new long[1];
        g.setTrajectoryListener((n, b, s, tr) -> {
            assertSame(net, n);
            assertSame(batch, b);
            sequences.add(s);
            spikes[0] += tr.totalSpikes();
            // the trajectory is the one of sequence s with the current weights
            final Trajectory again = new Trajectory(b.steps(), n.recurrent(), n.outputs());
            ForwardPass.run(n, b, s, again);
            assertArrayEquals(again.z, tr.z, "spikes of sequence " + s);
        });
        final Gradients out = Gradients.zerosFor(net);
        g.compute(net, batch, out);
        assertEquals(List.of(0, 1, 2), sequences);
        assertTrue(spikes[0] > 0, "the test network must spike");
        final double seconds = batch.steps() * net.params().dtMs() / 1000.0;
        assertEquals(out.meanRateHz, spikes[0] / 3.0 / net.recurrent() / seconds, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> g.setTrajectoryListener(null));
    }
}
