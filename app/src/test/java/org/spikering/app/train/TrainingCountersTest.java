package org.spikering.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.task.TaskPreset;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;

final class TrainingCountersTest {

    @Test
    void shouldCountEveryTrainingSequenceAndWriteTheHardwareBlock(@TempDir Path dir) {
        final TaskPreset p = TaskPreset.of("dms", 3);
        final TrainingRun run = new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 3);
        final int iterations = 3;
        final int batch = 2;
        final TrainingRun.Outcome o = run.run(iterations, batch, p.learningRate(), 10, 4, null);
        final OperationCounters c = o.counters();
        final int nRec = 100;
        final int nOut = 2;
        final int steps = p.source().steps();
        assertEquals((long) (nRec + nOut) * steps * batch * iterations, c.neuronUpdates());
        // the recurrent spikes are those behind each iteration's mean rate
        double fromRates = 0;
        for (IterationResult r : o.curve()) {
            fromRates += r.meanRateHz() * nRec * (steps * p.network().params().dtMs() / 1000.0) * batch;
        }
        assertEquals(fromRates, c.spikes(), 1e-6 * fromRates);
        assertTrue(c.spikes() > 0 && c.inputSpikes() > 0);
        // every weight is nonzero at the start (Gaussian draws, zero diagonal): each input spike reaches all 100
        // recurrent neurons, each recurrent spike 99 others and 2 readouts, unless an update zeroed a weight exactly
        assertTrue(c.synapticOps() <= 100L * c.inputSpikes() + 101L * c.spikes());
        assertTrue(c.synapticOps() >= 0.99 * (100.0 * c.inputSpikes() + 101.0 * c.spikes()));
        final long weights = (long) p.network().inputs() * nRec + (long) nRec * nRec + (long) nOut * nRec;
        assertTrue(c.weightUpdates() > 0 && c.weightUpdates() <= weights * iterations, "changed " + c.weightUpdates());
        assertEquals(weights * 64, c.weightMemoryBits());
        assertNotNull(o.heldOut());
        assertEquals(o.testAccuracy(), o.heldOut().accuracy(), 0.0);

        run.write(dir, o);
        final JsonNode hw = Json.read(dir.resolve("summary.json"), JsonNode.class).get("hardware");
        assertNotNull(hw, "summary.json has a hardware block");
        assertEquals(c.spikes(), hw.get("spikes").asLong());
        assertEquals(c.inputSpikes(), hw.get("input_spikes").asLong());
        assertEquals(c.synapticOps(), hw.get("synaptic_ops").asLong());
        assertEquals(c.weightUpdates(), hw.get("weight_updates").asLong());
        assertEquals(EnergyModel.loihi().joules(c), hw.get("energy_j").asDouble(), 0.0);
        assertTrue(hw.get("energy_model").asText().startsWith("loihi"));
        assertTrue(hw.get("energy_breakdown").has("synaptic_ops_J"));
    }

    @Test
    void shouldNeverDrawTheHeldOutSetFromATrainingSeed() {
        final BatchSeeds usual = new BatchSeeds(31, 150);
        assertEquals(31L ^ 0x7E57L, usual.heldOut());
        assertEquals(31L * 0x9E3779B97F4A7C15L + 149, usual.training(149));
        // seed 0: training seeds are 0, 1, ..., iterations − 1, and 0 XOR 0x7E57 = 32343 is one of them
        final BatchSeeds clash = new BatchSeeds(0, 40_000);
        assertTrue(new BatchSeeds(0, 40_000).isTraining(0x7E57L));
        assertFalse(clash.isTraining(clash.heldOut()));
        assertEquals(clash.heldOut(), new BatchSeeds(0, 40_000).heldOut(), "fixed by the seed");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> usual.training(150));
        assertTrue(e.getMessage().contains("batch index = 150"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchSeeds(1, 0));
    }

    @Test
    void shouldRejectBadWeightBits() {
        final TrainingRun run = new TrainingRun(TaskPreset.of("dms", 1), LearningRule.EPROP, Computation.EVENT, 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.withWeightBits(65));
        assertTrue(e.getMessage().startsWith("weight bits = 65"), e.getMessage());
    }
}
