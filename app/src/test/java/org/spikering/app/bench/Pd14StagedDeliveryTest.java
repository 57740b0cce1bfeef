package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.app.bench.Pd14Network.Drive;
import org.spikering.app.bench.Pd14Network.Options;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

/**
 * PD14 with staged delivery on 1 and 2 threads gives the spikes of the timing wheel (push delivery, {@code
 * -Dspikering.delivery=push}: the code path before staging) on one thread, spike for spike, at scale 0.05 with Poisson
 * drive, across a run boundary.
 */
final class Pd14StagedDeliveryTest {

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
    void stagedDeliveryOnOneAndTwoThreadsGivesTheWheelsSpikes() {
        final Network net = Pd14Network.build(Options.of(0.05, Drive.POISSON), 3);
        final Spikes wheel = run(net, 1, "push");
        assertTrue(wheel.ids().length > 1000, "needs activity, got " + wheel.ids().length + " spikes");
        for (int threads : new int[] {2, 1}) {
            final Spikes staged = run(net, threads, "staged");
            assertArrayEquals(wheel.steps(), staged.steps(), threads + " threads: spike steps");
            assertArrayEquals(wheel.ids(), staged.ids(), threads + " threads: spike ids");
        }
    }
}
