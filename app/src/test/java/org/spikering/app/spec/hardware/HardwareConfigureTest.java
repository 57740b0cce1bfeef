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
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
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

    private static void assertSameWeights(final RecurrentSpikingNetwork a, final RecurrentSpikingNetwork b) {
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
        final RecurrentSpikingNetwork net = TaskPreset.of("evidence", 1000).network();
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
        final RecurrentSpikingNetwork before = p.network().copy();
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
}
