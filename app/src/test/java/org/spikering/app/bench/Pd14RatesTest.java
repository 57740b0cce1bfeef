package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.metrics.SpikeTrainStatistics;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

final class Pd14RatesTest {

    @Test
    void explore() {
        final long t0 = System.nanoTime();
        final Network net = Pd14Network.build(Pd14Network.Options.of(0.1, Pd14Network.Drive.POISSON), 1);
        System.out.printf("build %.2f s, %d synapses, %d bytes%n", (System.nanoTime() - t0) / 1e9, net.synapseCount(), net.synapseBytes());
        final double ms = Double.parseDouble(System.getProperty("pd14.ms", "2500"));
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            final SpikeRecorder rec = sim.recordSpikes();
            final long t1 = System.nanoTime();
            sim.run(ms);
            System.out.printf("run %.0f ms in %.2f s%n", ms, (System.nanoTime() - t1) / 1e9);
            final List<SpikeTrainStatistics.Population> st = SpikeTrainStatistics.of(net, rec.steps(), rec.globalIds(), rec.count(), 5000, Math.round(ms / 0.1));
            for (var p : st) {
                System.out.printf("%s %.3f Hz cv %.3f%n", p.name(), p.rateHz(), p.meanCv());
            }
        }
        assertTrue(true);
    }
}
