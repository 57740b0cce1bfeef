package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.limits.ChipDescription;
import org.spikering.hw.limits.ChipMapper;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.hw.limits.NetworkDescription.Population;
import org.spikering.hw.limits.NetworkDescription.Projection;
import org.spikering.hw.limits.Violation;

final class ChipAndEnergyTest {

    @Test
    void shouldFitWhenNetworkIsSmall() {
        final NetworkDescription net = new NetworkDescription(
                List.of(new Population("E", 800), new Population("I", 200)),
                List.of(new Projection("E", "I", 16_000, 1.0), new Projection("I", "E", 16_000, 1.0),
                        new Projection("E", "E", 64_000, 1.0)));
        final ChipMapper.Report r = ChipMapper.map(net, ChipDescription.loihiLike());
        assertTrue(r.fits(), r.format());
        // E: (16000 + 64000) / 800 = 100 synapses x 24 bits = 2400 bits -> floor(1048576 / 2400) = 436 per core -> 2 cores
        // I: 16000 / 200 = 80 x 24 = 1920 bits -> 546 per core -> 1 core
        assertTrue(r.placements().get(0).contains("(436 per core)"), r.format());
        assertEquals(3, r.coresUsed());
    }

    @Test
    void shouldReportEachViolatedLimitWhenNetworkDoesNotFit() {
        // 200k neurons: 196 cores at 1024 per core > 128 cores; delay 20 ms > 8 steps;
        // fan-in: 1024 neurons x 10 synapses from a 200k population = 10240 axons > 4096.
        final NetworkDescription net = new NetworkDescription(
                List.of(new Population("big", 200_000)),
                List.of(new Projection("big", "big", 2_000_000, 20.0)));
        final ChipMapper.Report r = ChipMapper.map(net, ChipDescription.loihiLike());
        assertFalse(r.fits());
        final List<String> limits = r.violations().stream().map(Violation::limit).toList();
        assertTrue(limits.contains("cores"), r.format());
        assertTrue(limits.contains("maxDelaySteps"), r.format());
        assertTrue(limits.contains("maxFanIn"), r.format());
        final Violation cores = r.violations().stream().filter(v -> v.limit().equals("cores")).findFirst().orElseThrow();
        assertEquals(196.0, cores.value(), 0.0);
        assertEquals(128.0, cores.allowed(), 0.0);
        assertTrue(r.format().contains("cores = 196 exceeds the limit 128"), r.format());
    }

    @Test
    void shouldLimitNeuronsPerCoreByMemoryAndReportOneNeuronTooLarge() {
        // 1000 synapses per neuron x 24 bits = 24000 bits -> 43 neurons per core on Loihi-like
        final NetworkDescription net = new NetworkDescription(List.of(new Population("A", 2000), new Population("B", 100)),
                List.of(new Projection("A", "B", 100_000, 1.0)));
        final ChipMapper.Report r = ChipMapper.map(net, ChipDescription.loihiLike());
        assertTrue(r.placements().get(1).contains("(43 per core)"), r.placements().toString());
        final ChipDescription tiny = new ChipDescription("tiny", 16, 1000, 24, 4096, 4096, 8, 4, 1.0);
        final ChipMapper.Report t = ChipMapper.map(net, tiny);
        assertTrue(t.violations().stream().anyMatch(v -> v.limit().equals("synapseBitsPerCore")), t.format());
    }

    @Test
    void shouldReadChipFromJsonAndRejectBadLimits(@TempDir Path dir) throws Exception {
        final Path f = dir.resolve("chip.json");
        Files.writeString(f, "{\"name\":\"mine\",\"neuronsPerCore\":64,\"synapseBitsPerCore\":65536,\"bitsPerSynapse\":16,"
                + "\"maxFanIn\":256,\"maxFanOut\":32,\"maxDelaySteps\":4,\"cores\":8,\"dtMs\":0.5}");
        final ChipDescription c = ChipDescription.byName(f.toString());
        assertEquals(64, c.neuronsPerCore());
        assertEquals(3, c.delaySteps(1.4));
        assertEquals(ChipDescription.spinnakerLike(), ChipDescription.byName("spinnaker"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChipDescription("x", 0, 1, 1, 1, 1, 1, 1, 1.0));
        assertTrue(e.getMessage().startsWith("neuronsPerCore = 0"));
    }

    @Test
    void shouldEstimateEnergyFromLoihiTableWhenCountersAreSet() {
        final OperationCounters c = new OperationCounters();
        c.addSynapticOps(1_000_000);
        c.addNeuronUpdates(1000);
        c.addWeightUpdates(10);
        c.addSpikes(100);
        c.addInputSpikes(50);
        c.addWeightMemory(100, 8);
        final double expected = (23.6e6 + 81e3 + 1200 + 150 * 1.7) * 1e-12;
        assertEquals(expected, EnergyModel.loihi().joules(c), 1e-18);
        assertEquals(800L, c.toMap().get("weight_memory_bits"));
        assertEquals(50L, c.toMap().get("input_spikes"));
        assertEquals(150 * 1.7e-12, (Double) EnergyModel.loihi().breakdown(c).get("spike_transport_J"), 1e-24);
        assertThrows(IllegalArgumentException.class, () -> new EnergyModel(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EnergyModel(Double.NaN, 0, 0, 0));
    }
}
