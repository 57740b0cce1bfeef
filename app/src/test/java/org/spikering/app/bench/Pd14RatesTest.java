package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.metrics.SpikeTrainStatistics;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

/**
 * PD14 at scale 0.1 with Poisson drive against NEST 3.9's own numbers at that scale (PD14.md §13: the INM-6
 * PyNEST model, seeds 1–3, rates and mean ISI CVs over [500, 10 500] ms): every population's rate within
 * max(10 %, 0.1 Hz) and its mean CV within ±0.05, over the same 10 s window after 500 ms; and the same spikes
 * with 1 and 2 threads. About 10 s of wall time on 2 cores.
 */
final class Pd14RatesTest {

    private static final double[] NEST_RATE_HZ = {0.477, 2.104, 4.000, 5.010, 6.527, 7.798, 0.817, 7.008};
    private static final double[] NEST_CV = {0.703, 0.847, 0.850, 0.848, 0.812, 0.794, 0.764, 0.803};

    @Test
    void ratesAndCvsAtScaleTenthAreNest39sAndThreadCountDoesNotMatter() {
        final Network net = Pd14Network.build(Pd14Network.Options.of(0.1, Pd14Network.Drive.POISSON), 1);
        final SpikeRecorder two;
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            two = sim.recordSpikes();
            sim.run(10_500);
        }
        final List<SpikeTrainStatistics.Population> st =
                SpikeTrainStatistics.of(net, two.steps(), two.globalIds(), two.count(), 5_000, 105_000);
        final StringBuilder table = new StringBuilder();
        for (int p = 0; p < 8; p++) {
            table.append(String.format("%s %.3f Hz (NEST %.3f), CV %.3f (NEST %.3f)%n", st.get(p).name(), st.get(p).rateHz(),
                    NEST_RATE_HZ[p], st.get(p).meanCv(), NEST_CV[p]));
        }
        for (int p = 0; p < 8; p++) {
            final double tol = Math.max(0.1 * NEST_RATE_HZ[p], 0.1);
            assertEquals(NEST_RATE_HZ[p], st.get(p).rateHz(), tol, st.get(p).name() + " rate\n" + table);
            assertEquals(NEST_CV[p], st.get(p).meanCv(), 0.05, st.get(p).name() + " CV\n" + table);
        }
        // 1 thread gives the same spikes (first second)
        final SpikeRecorder one;
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(1))) {
            one = sim.recordSpikes();
            sim.run(1_000);
        }
        final int n = one.count();
        assertTrue(n > 1000, "spikes in the first second: " + n);
        assertTrue(two.count() > n && two.step(n) >= 10_000, "the 2-thread run has exactly as many spikes before 1 s");
        assertArrayEquals(one.steps(), Arrays.copyOf(two.steps(), n));
        assertArrayEquals(one.globalIds(), Arrays.copyOf(two.globalIds(), n));
    }

    @Test
    void dcDriveAtScaleTenthSilencesAllButL6iAsInNest39() {
        // PD14.md §13: with DC drive at scale 0.1 only L6I fires (3.44 Hz over [500, 10 500] ms); the other seven
        // populations get less than the 375 pA rheobase (§7) and stay silent
        final Network net = Pd14Network.build(Pd14Network.Options.of(0.1, Pd14Network.Drive.DC), 1);
        final SpikeRecorder rec;
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            rec = sim.recordSpikes();
            sim.run(10_500);
        }
        final List<SpikeTrainStatistics.Population> st =
                SpikeTrainStatistics.of(net, rec.steps(), rec.globalIds(), rec.count(), 5_000, 105_000);
        for (int p = 0; p < 7; p++) {
            assertEquals(0.0, st.get(p).rateHz(), st.get(p).name() + " must be silent");
        }
        assertEquals(3.44, st.get(7).rateHz(), Math.max(0.344, 0.1), "L6I");
    }
}
