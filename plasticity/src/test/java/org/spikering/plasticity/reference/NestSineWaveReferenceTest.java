package org.spikering.plasticity.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

final class NestSineWaveReferenceTest {

    @Test
    void shouldReproduceNestReadoutOfFirstSequence() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        Trajectory tr = new Trajectory(1000, 100, 1);
        ForwardPass.run(ref.network(), ref.batch(1), 0, tr);
        double[] nest = ref.readoutFirstIteration();
        for (int t = 0; t < 1000; t++) {
            assertEquals(nest[t], tr.y[t], 1e-8, "readout at step " + t);
        }
        assertEquals(101.964357, tr.loss, 1e-6 * 101.964357);
    }

    @Test
    void shouldMatchNestFirstFiveLossesWithDenseEprop() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        GradientComputer dense = Rules.nestEprop(ref.feedback(), Computation.DENSE);
        Trainer trainer = new Trainer(ref.network(), dense, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        double[] nest = NestSineWaveReference.losses200();
        for (int n = 0; n < 5; n++) {
            IterationResult r = trainer.step(ref.batch(1));
            assertTrue(Math.abs(r.loss() / nest[n] - 1.0) < 1e-6, "iteration " + (n + 1) + ": " + r.loss() + " vs NEST " + nest[n]);
        }
    }
}
