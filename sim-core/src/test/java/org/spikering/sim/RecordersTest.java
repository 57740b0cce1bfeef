package org.spikering.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.PopulationRateRecorder;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;

final class RecordersTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteSpikesStatesRatesAndSummary() throws IOException {
        final Network net = TestNetworks.expRandom(2);
        final SimulationSummary s;
        final SpikeRecorder spikes;
        final PopulationRateRecorder rates;
        final StateRecorder vm;
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            spikes = sim.recordSpikes("I");
            rates = sim.recordRates();
            vm = sim.recordState("E", "V_m", new int[] {0, 1}, 10);
            sim.run(200);
            s = sim.summary();
        }
        spikes.writeCsv(dir.resolve("spikes.csv"));
        final List<String> lines = Files.readAllLines(dir.resolve("spikes.csv"));
        assertEquals("time_ms,step,population,neuron,global_id", lines.get(0));
        assertEquals(spikes.count() + 1, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[2].equals("I")), "only population I recorded");
        assertEquals(200, vm.samples());
        vm.writeCsv(dir.resolve("vm.csv"));
        assertEquals(201, Files.readAllLines(dir.resolve("vm.csv")).size());
        final double[][] r = rates.rates(10);
        double mean = 0;
        for (double[] row : r) {
            mean += row[1] / r.length;
        }
        assertEquals(s.populationRatesHz().get("I"), mean, 1e-9, "rate recorder agrees with the summary");
        assertEquals(spikes.count(), Math.round(s.populationRatesHz().get("I") * 100 * 0.2));
        s.writeJson(dir.resolve("summary.json"));
        final String json = Files.readString(dir.resolve("summary.json"));
        assertTrue(json.contains("\"p99\"") && json.contains("\"synapticEvents\""), json);
        assertTrue(s.stepTimeMicros().get("p50") > 0);
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void summaryCountsOnlyWhatRanSinceResetMeasurements() {
        final Network net = TestNetworks.expRandom(4);
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            final SpikeRecorder spikes = sim.recordSpikes();
            sim.run(100);
            final long before = spikes.count();
            sim.resetMeasurements();
            sim.run(50);
            final SimulationSummary s = sim.summary();
            assertEquals(50.0, s.simulatedMs(), 1e-9);
            assertEquals(spikes.count() - before, s.spikes());
            assertTrue(s.spikes() > 0 && before > 0, "activity in both parts");
            assertEquals(s.spikes() / (500 * 0.05), s.meanRateHz(), 1e-9);
        }
    }

    @Test
    void summaryCountsThePoissonDriveSpikes() {
        // expRandom drives E (400) and I (100) with 8000 Hz each: over 100 ms, 400 000 spikes expected (sd 632)
        try (Simulation sim = Simulation.create(TestNetworks.expRandom(8), SimulationConfig.threads(2))) {
            sim.run(100);
            final long n = sim.summary().driveSpikes();
            assertTrue(Math.abs(n - 400_000) < 5 * Math.sqrt(400_000), "drive spikes " + n);
        }
    }
}
