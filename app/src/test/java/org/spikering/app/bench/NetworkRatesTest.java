package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

/** Rates of the benchmark networks at reduced size: statistics, not timings. */
final class NetworkRatesTest {

    private static SimulationSummary run(final Network net, final double ms, final SpikeRecorder[] keep) {
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            keep[0] = sim.recordSpikes("E");
            sim.run(ms);
            return sim.summary();
        }
    }

    @Test
    void shouldSustainCubaActivityAtFiveToSixHz() {
        final SpikeRecorder[] spikes = new SpikeRecorder[1];
        final SimulationSummary s = run(CubaNetwork.build(2000, 1), 1000, spikes);
        assertTrue(s.meanRateHz() > 3 && s.meanRateHz() < 9, "CUBA rate " + s.meanRateHz() + " Hz outside [3, 9]");
        // self-sustained until the end: spikes in the last 100 ms
        final int n = spikes[0].count();
        assertTrue(spikes[0].step(n - 1) > 9000, "activity must persist to the end");
    }

    @Test
    void shouldRunBrunelAsynchronousIrregularAtAboutThirtyTwoHz() {
        final SpikeRecorder[] spikes = new SpikeRecorder[1];
        final SimulationSummary s = run(BrunelNetwork.build(0.1, 1), 500, spikes);
        assertTrue(s.meanRateHz() > 25 && s.meanRateHz() < 45, "Brunel rate " + s.meanRateHz() + " Hz outside [25, 45]");
        // irregular: coefficient of variation of the ISIs of excitatory neurons near 1 (Poisson-like), not clock-like
        final int ne = 1000;
        final long[] last = new long[ne];
        java.util.Arrays.fill(last, -1);
        double sum = 0;
        double sq = 0;
        int k = 0;
        for (int i = 0; i < spikes[0].count(); i++) {
            final int g = spikes[0].globalId(i);
            final long t = spikes[0].step(i);
            if (last[g] >= 0 && t > 1000) {
                final double isi = t - last[g];
                sum += isi;
                sq += isi * isi;
                k++;
            }
            last[g] = t;
        }
        final double mean = sum / k;
        final double cv = Math.sqrt(sq / k - mean * mean) / mean;
        assertTrue(cv > 0.4, "ISI CV " + cv + " too regular for the AI state");
    }
}
