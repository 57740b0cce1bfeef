package org.spikering.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikering.sim.record.SpikeRecorder;

/** A run in chunks with a progress callback is the same simulation, bit for bit, as one run. */
final class ChunkedRunTest {

    private static SpikeRecorder run(final SimulationConfig cfg, final long chunk, final List<long[]> calls) {
        try (Simulation sim = Simulation.create(TestNetworks.expRandom(3), cfg)) {
            final SpikeRecorder spikes = sim.recordSpikes();
            if (chunk == 0) {
                sim.run(300);
            } else {
                sim.run(300, chunk, (done, total) -> calls.add(new long[] {done, total}));
            }
            assertEquals(Math.round(300 / sim.network().dtMs()), sim.currentStep());
            return spikes;
        }
    }

    @Test
    void chunksGiveTheSameSpikesAsOneRunOnEveryEngine() {
        for (SimulationConfig cfg : new SimulationConfig[] {SimulationConfig.threads(1), SimulationConfig.threads(2),
            SimulationConfig.reference()}) {
            final SpikeRecorder one = run(cfg, 0, null);
            final List<long[]> calls = new ArrayList<>();
            final SpikeRecorder chunked = run(cfg, 7, calls); // 3000 steps at dt 0.1: 428 chunks of 7 and one of 4
            assertTrue(one.count() > 100, "the test network must spike: " + one.count());
            assertArrayEquals(one.steps(), chunked.steps(), cfg.toString());
            assertArrayEquals(one.globalIds(), chunked.globalIds(), cfg.toString());
            assertEquals(429, calls.size());
            assertArrayEquals(new long[] {7, 3000}, calls.get(0));
            assertArrayEquals(new long[] {3000, 3000}, calls.get(calls.size() - 1));
        }
    }
}
