package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.app.bench.Pd14Network.Drive;
import org.spikering.app.bench.Pd14Network.Options;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

/**
 * PD14 laid out for two threads (rows in two target blocks, staged delivery) gives the spikes of the timing wheel
 * (push delivery, {@code -Dspikering.delivery=push}: the code path before staging) on one thread with the one-block
 * layout, spike for spike, at scale 0.05 with Poisson drive; and the same synapses.
 */
final class Pd14LayoutTest {

    private record Spikes(long[] steps, int[] ids) {
    }

    private static Spikes run(final Network net, final int threads, final String delivery) {
        System.setProperty("spikering.delivery", delivery);
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(threads))) {
            final SpikeRecorder spikes = sim.recordSpikes();
            sim.run(150);
            sim.run(150);
            return new Spikes(spikes.steps(), spikes.globalIds());
        } finally {
            System.clearProperty("spikering.delivery");
        }
    }

    @Test
    void twoBlocksOnTwoThreadsGiveTheWheelsSpikesOnOneThread() {
        final Options o = Options.of(0.05, Drive.POISSON);
        final Network one = Pd14Network.build(o, 3, 1);
        final Network two = Pd14Network.build(o, 3, 2);
        assertEquals(one.synapseCount(), two.synapseCount());
        for (int j = 0; j < one.projections().size(); j++) {
            assertEquals(1, one.projections().get(j).synapses().blocks());
            assertEquals(2, two.projections().get(j).synapses().blocks());
            assertArrayEquals(one.projections().get(j).synapses().rowStart(), two.projections().get(j).synapses().rowStart());
        }
        final Spikes wheel = run(one, 1, "push");
        assertTrue(wheel.ids().length > 1000, "needs activity, got " + wheel.ids().length + " spikes");
        for (int threads : new int[] {2, 1}) {
            final Spikes staged = run(two, threads, "staged");
            assertArrayEquals(wheel.steps(), staged.steps(), threads + " threads: spike steps");
            assertArrayEquals(wheel.ids(), staged.ids(), threads + " threads: spike ids");
        }
    }
}
