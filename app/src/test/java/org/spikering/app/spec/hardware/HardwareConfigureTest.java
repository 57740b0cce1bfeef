package org.spikering.app.spec.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spikering.app.spec.HardwareSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainingRun;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.QuantizingHook;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.hw.mask.PlasticityMask;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * {@link HardwareSpec#configure} against the decorators built by hand from hardware-sim ({@link QuantizingHook},
 * {@link MaskFactory}, {@link PlasticityMask#bind}) as the plasticity study built them before the spec existed:
 * same quantised weights, same mask bit for bit, same training outcome.
 */
class HardwareConfigureTest {

    private static HardwareSpec hardware(final String yaml) {
        final Spec s = SpecLoader.parse("spikering: 1\n" + yaml, "t.yaml", null, false, List.of());
        return s.section("hardware", HardwareSpec.class);
    }

    private static void assertSameMask(final PlasticityMask expected, final PlasticityMask actual) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertEquals(expected.size(id), actual.size(id));
            for (int i = 0; i < expected.size(id); i++) {
                assertEquals(expected.isPlastic(id, i), actual.isPlastic(id, i), id + "[" + i + "]");
            }
        }
    }

    private static void assertSameWeights(final RecurrentNetwork a, final RecurrentNetwork b) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(a.weights(id), b.weights(id), id.toString());
        }
    }

    private static TrainingRun run(final TaskPreset p) {
        return new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 31);
    }

    @Test
    void randomMaskAndStochasticWeightsEqualTheHandBuiltDecorators() {
        final HardwareSpec hw = hardware("hardware:\n  mask: {kind: random, fraction: 0.2}\n"
                + "  weights: {bits: 6, rounding: stochastic}\n");
        final TaskPreset p = TaskPreset.of("evidence", 1000);
        final TrainingRun r = run(p);
        final HardwareSpec.Applied a = hw.configure(r, p.network(), 0);

        final TaskPreset ref = TaskPreset.of("evidence", 1000);
        final QuantizingHook q = new QuantizingHook(ref.network(), 6, Rounding.STOCHASTIC, 77);
        final PlasticityMask m = new MaskFactory(ref.network()).randomFraction(0.2, 555).bind(ref.network(), q);
        final TrainingRun rr = run(ref).withHook(m).withWeightBits(6);

        assertSameWeights(ref.network(), p.network());
        assertSameMask(m, a.mask());
        assertEquals(m.plasticFraction(), a.plasticFraction());
        final TrainingRun.Outcome o = r.run(2, 2, p.learningRate(), 2, 2, null);
        final TrainingRun.Outcome oo = rr.run(2, 2, ref.learningRate(), 2, 2, null);
        assertEquals(oo.heldOut().loss(), o.heldOut().loss());
        assertEquals(oo.counters().weightUpdates(), o.counters().weightUpdates());
        assertEquals(oo.counters().weightMemoryBits(), o.counters().weightMemoryBits());
        assertSameWeights(rr.trainedModel().network(), r.trainedModel().network());
    }

    @Test
    void everyMaskKindIsTheMaskFactoryStrategyOfItsName() {
        final RecurrentNetwork net = TaskPreset.of("evidence", 1000).network();
        final MaskFactory f = new MaskFactory(net);
        final Set<WeightMatrixId> inOut = Set.of(WeightMatrixId.INPUT, WeightMatrixId.OUTPUT);
        final Set<WeightMatrixId> rec = Set.of(WeightMatrixId.RECURRENT);
        final Object[][] cases = {
            {"{kind: all}", f.all()},
            {"{kind: random, fraction: 0.3}", f.randomFraction(0.3, 555 + 4)},
            {"{kind: random, fraction: 0.3, matrices: [rec]}", f.randomFraction(0.3, 555 + 4, rec)},
            {"{kind: per_neuron, fraction: 0.25}", f.perPostFraction(0.25, 555 + 4)},
            {"{kind: per_neuron, fraction: 0.25, matrices: [in, out]}", f.perPostFraction(0.25, 555 + 4, inOut)},
            {"{kind: matrices, matrices: [in, out]}", f.onlyMatrices(inOut)},
            {"{kind: readout_only}", f.onlyMatrices(Set.of(WeightMatrixId.OUTPUT))},
            {"{kind: engram, neurons: [0, 3, 7]}", f.engram(Set.of(0, 3, 7), true)},
            {"{kind: engram, neurons: [2], readout_plastic: false}", f.engram(Set.of(2), false)},
            {"{kind: explicit, indices: {rec: [1, 5], out: [0]}}", f.explicit(java.util.Map.of(
                WeightMatrixId.RECURRENT, new int[] {1, 5}, WeightMatrixId.OUTPUT, new int[] {0}))},
        };
        for (Object[] c : cases) {
            final MaskSpec m = hardware("hardware:\n  mask: " + c[0] + "\n").mask();
            assertSameMask((PlasticityMask) c[1], m.build(net, 4));
        }
    }

    @Test
    void defaultsAreLoihiEnergiesFloatWeightsAndNoHook() {
        final HardwareSpec hw = hardware("hardware: {}\n");
        assertEquals(EnergyModel.loihi(), hw.energyModel());
        final TaskPreset p = TaskPreset.of("evidence", 1000);
        final RecurrentNetwork before = p.network().copy();
        final HardwareSpec.Applied a = hw.configure(run(p), p.network(), 0);
        assertNull(a.mask());
        assertNull(a.quantiser());
        assertSameWeights(before, p.network());
    }

    @Test
    void changingTheMaskFractionChangesTheMaskAndNothingElse() {
        final TaskPreset p1 = TaskPreset.of("evidence", 1000);
        final TaskPreset p2 = TaskPreset.of("evidence", 1000);
        final HardwareSpec h1 = hardware("hardware:\n  mask: {kind: random, fraction: 0.2}\n  weights: {bits: 4}\n");
        final HardwareSpec h2 = hardware("hardware:\n  mask: {kind: random, fraction: 0.3}\n  weights: {bits: 4}\n");
        assertEquals(h1.weights(), h2.weights());
        assertEquals(h1.energy(), h2.energy());
        assertEquals(h1.chip(), h2.chip());
        final HardwareSpec.Applied a1 = h1.configure(run(p1), p1.network(), 0);
        final HardwareSpec.Applied a2 = h2.configure(run(p2), p2.network(), 0);
        assertSameWeights(p1.network(), p2.network());
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertEquals(a1.quantiser().quantizer(id).exponent(), a2.quantiser().quantizer(id).exponent());
        }
        final int n = p1.network().wIn().length + p1.network().wRec().length + p1.network().wOut().length;
        assertEquals(Math.round(0.2 * n) / (double) n, a1.plasticFraction());
        assertEquals(Math.round(0.3 * n) / (double) n, a2.plasticFraction());
        assertNotEquals(a1.plasticFraction(), a2.plasticFraction());
    }

    private static List<String> problems(final String yaml) {
        final org.spikering.app.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.spikering.app.spec.SpecException.class, () -> hardware(yaml));
        return e.problems();
    }

    @Test
    void badHardwareSectionsNameTheField() {
        final String[][] table = {
            {"hardware:\n  mask: {kind: bogus}\n", "t.yaml: hardware.mask.kind: 'bogus', must be one of"},
            {"hardware:\n  mask: {kind: random, fraction: 1.5}\n", "t.yaml: hardware.mask.fraction: 1.5, must be"},
            {"hardware:\n  mask: {kind: random}\n", "t.yaml: hardware.mask.fraction: missing, required by kind random"},
            {"hardware:\n  mask: {kind: random, fraction: 0.1, neurons: [1]}\n",
                "t.yaml: hardware.mask.neurons: '[1]', must be left out with kind random (only kind engram uses it)"},
            {"hardware:\n  mask: {kind: matrices}\n", "t.yaml: hardware.mask.matrices: missing"},
            {"hardware:\n  mask: {kind: engram, neurons: [-1]}\n", "t.yaml: hardware.mask.neurons[0]: -1, must be"},
            {"hardware:\n  mask: {kind: explicit, indices: {w: [1]}}\n", "t.yaml: hardware.mask.indices.w: unknown field"},
            {"hardware:\n  weights: {bits: 1}\n", "t.yaml: hardware.weights.bits: 1, must be >= 2"},
            {"hardware:\n  weights: {bits: 33}\n", "t.yaml: hardware.weights.bits: 33, must be <= 32"},
            {"hardware:\n  weights: {bits: 8, rounding: up}\n", "t.yaml: hardware.weights.rounding: 'up', must be one of"},
            {"hardware:\n  chip: /no/such/chip.json\n", "t.yaml: hardware.chip: '/no/such/chip.json', must be loihi, spinnaker or a chip description JSON file (no such file: /no/such/chip.json)"},
            {"hardware:\n  energy: {neuron_pj: 2e12}\n", "t.yaml: hardware.energy.neuron_pj: 2.0E12, must be <= 1.0E12"},
            {"hardware:\n  mask_kind: random\n", "t.yaml: hardware.mask_kind: unknown field"},
        };
        for (String[] row : table) {
            final List<String> p = problems(row[0]);
            assertEquals(1, p.size(), row[0] + " -> " + p);
            org.junit.jupiter.api.Assertions.assertTrue(p.get(0).startsWith(row[1]), row[0] + " -> " + p.get(0));
        }
    }

    @Test
    void aChipFileIsReadRelativeToTheSpecFile(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path dir) throws Exception {
        final String chip = "{\"name\": \"tiny\", \"neuronsPerCore\": 64, \"synapseBitsPerCore\": 65536, \"bitsPerSynapse\": 16,"
                + " \"maxFanIn\": 256, \"maxFanOut\": 256, \"maxDelaySteps\": 4, \"cores\": 8, \"dtMs\": 1.0}";
        java.nio.file.Files.writeString(dir.resolve("tiny.json"), chip);
        java.nio.file.Files.writeString(dir.resolve("s.yaml"), "spikering: 1\nhardware: {chip: tiny.json}\n");
        final Spec s = SpecLoader.load(dir.resolve("s.yaml").toString(), List.of());
        assertEquals(org.spikering.hw.limits.ChipDescription.fromJson(dir.resolve("tiny.json")),
                s.section("hardware", HardwareSpec.class).chipDescription(s));
        java.nio.file.Files.writeString(dir.resolve("tiny.json"), chip.replace("\"cores\": 8", "\"cores\": 0"));
        final org.spikering.app.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.spikering.app.spec.SpecException.class, () -> SpecLoader.load(dir.resolve("s.yaml").toString(), List.of()));
        assertEquals(List.of(dir.resolve("s.yaml") + ": hardware.chip: 'tiny.json', must be a valid chip description: cores = 0: must be >= 1"),
                e.problems());
    }

    @Test
    void changingTheWeightBitsChangesTheWeightsAndNotTheMask() {
        final TaskPreset p1 = TaskPreset.of("evidence", 1000);
        final TaskPreset p2 = TaskPreset.of("evidence", 1000);
        final HardwareSpec h1 = hardware("hardware:\n  mask: {kind: random, fraction: 0.2}\n  weights: {bits: 4}\n");
        final HardwareSpec h2 = hardware("hardware:\n  mask: {kind: random, fraction: 0.2}\n  weights: {bits: 8}\n");
        assertEquals(h1.mask(), h2.mask());
        final HardwareSpec.Applied a1 = h1.configure(run(p1), p1.network(), 0);
        final HardwareSpec.Applied a2 = h2.configure(run(p2), p2.network(), 0);
        assertSameMask(a1.mask(), a2.mask());
        assertEquals(4, a1.quantiser().quantizer(WeightMatrixId.RECURRENT).bits());
        assertEquals(8, a2.quantiser().quantizer(WeightMatrixId.RECURRENT).bits());
        assertNotEquals(java.util.Arrays.toString(p1.network().wRec()), java.util.Arrays.toString(p2.network().wRec()));
        // every 4-bit weight is a multiple of its matrix's step 2^exponent (a mantissa in [-8, 7])
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double step = Math.scalb(1.0, a1.quantiser().quantizer(id).exponent());
            for (double w : p1.network().weights(id)) {
                final double m = w / step;
                assertEquals(Math.rint(m), m, 0.0, id + ": " + w);
                org.junit.jupiter.api.Assertions.assertTrue(m >= -8 && m <= 7, id + ": mantissa " + m);
            }
        }
    }
}
