package org.spikering.sim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.sim.network.Network;

/** Rates, ISI CVs and spike-count correlations against values computed by hand. */
final class SpikeTrainStatisticsTest {

    private static Network twoPopulations(final int a, final int b) {
        return Network.builder(0.1).spikeArraySource("A", new double[a][0]).spikeArraySource("B", new double[b][0]).build();
    }

    @Test
    void ratesIncludeSilentNeuronsAndCvsNeedMoreThanTwoSpikes() {
        final Network net = twoPopulations(3, 2);
        // A0: steps 0, 10, 30 (ISIs 10, 20: mean 15, SD 5 with divisor n, CV 1/3); A1: 2 spikes; A2 silent;
        // B0: one spike in the window and one outside (step 100)
        final long[] steps = {0, 0, 10, 30, 50, 60, 100};
        final int[] ids = {0, 3, 0, 0, 1, 1, 3};
        final List<SpikeTrainStatistics.Population> st = SpikeTrainStatistics.of(net, steps, ids, steps.length, 0, 100);
        // window 100 steps = 10 ms
        assertEquals(5.0 / 3 / 0.01, st.get(0).rateHz(), 1e-9);
        assertEquals(300.0, st.get(0).neuronRates()[0], 1e-9);
        assertEquals(0.0, st.get(0).neuronRates()[2]);
        assertEquals(1, st.get(0).cvs().length);
        assertEquals(1.0 / 3, st.get(0).meanCv(), 1e-12);
        assertTrue(Double.isNaN(st.get(0).neuronCvs()[1]));
        assertEquals(0.5 / 0.01, st.get(1).rateHz(), 1e-9);
        assertTrue(Double.isNaN(st.get(1).meanCv()));
    }

    @Test
    void countCorrelationsAreOneForIdenticalTrainsAndNearZeroForIndependentOnes() {
        final Network net = twoPopulations(2, 40);
        final SplittableRandom rnd = new SplittableRandom(1);
        final int binSteps = 20;
        final int bins = 2000;
        final List<long[]> spikes = new ArrayList<>();
        for (long s = 0; s < (long) bins * binSteps; s++) {
            if (rnd.nextDouble() < 0.01) {
                spikes.add(new long[] {s, 0});
                spikes.add(new long[] {s, 1}); // A1 copies A0
            }
            for (int i = 0; i < 40; i++) {
                if (rnd.nextDouble() < 0.01) {
                    spikes.add(new long[] {s, 2 + i});
                }
            }
        }
        final long[] steps = spikes.stream().mapToLong(x -> x[0]).toArray();
        final int[] ids = spikes.stream().mapToInt(x -> (int) x[1]).toArray();
        final List<double[]> cc = SpikeTrainStatistics.countCorrelations(net, steps, ids, steps.length, 0,
                (long) bins * binSteps, binSteps, 10, 7);
        assertEquals(1, cc.get(0).length);
        assertEquals(1.0, cc.get(0)[0], 1e-12);
        assertEquals(45, cc.get(1).length, "10 of 40 neurons: 45 pairs");
        double mean = 0;
        for (double c : cc.get(1)) {
            assertTrue(Math.abs(c) < 5 / Math.sqrt(bins), "independent trains: |cc| " + c + " beyond 5/sqrt(bins)");
            mean += c / cc.get(1).length;
        }
        assertEquals(0.0, mean, 3 / Math.sqrt(bins * 45.0));
    }
}
