package org.spikering.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * Issue 3 point 4: with NEST 3.9's frozen inputs, initial weights and feedback weights, spikering's e-prop gives
 * NEST's losses: all 200 agree to 1e-9 relative (worst about 2e-11), the first five to 1e-6 as asked.
 *
 * <p>This needs NEST's initial weights exactly. NEST's example draws them as float32; the CSVs hold 9 significant
 * digits, which identify a float32 uniquely, so {@code NestSineWaveReference} rounds them back to float32. Read as
 * plain doubles they are off by up to half a unit in the 9th digit, and that is enough to flip a spike at iteration
 * 120 and split the curves by up to 5 %
 * ({@link #shouldSeparateAfterAboutAHundredIterationsWhenInitialWeightsArePerturbedByCsvRounding} shows the
 * knife edge with such perturbations).
 */
final class NestSineWaveReproductionTest {

    private static Trainer trainer(NestSineWaveReference ref, Computation computation) {
        GradientComputer rule = Rules.nestEprop(ref.feedback(), computation);
        return new Trainer(ref.network(), rule, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
    }

    @Test
    void shouldReproduceNestLossCurveWithEventBasedEprop() {
        // the issue asks for the first five losses to 1e-6 and the 200-iteration curve within 1 %; with NEST's
        // float32 initial weights recovered exactly, every one of the 200 losses agrees to rounding (about 1e-11)
        NestSineWaveReference ref = NestSineWaveReference.load();
        double[] nest = NestSineWaveReference.losses200();
        Trainer trainer = trainer(ref, Computation.EVENT);
        double worst = 0.0;
        for (int n = 0; n < 200; n++) {
            IterationResult r = trainer.step(ref.batch(1));
            double rel = Math.abs(r.loss() / nest[n] - 1.0);
            worst = Math.max(worst, rel);
            assertTrue(rel < 1e-9, "iteration " + (n + 1) + ": loss " + r.loss() + " vs NEST " + nest[n]);
        }
        System.out.println("NEST sine-wave reproduction: worst relative deviation over 200 iterations " + worst);
    }

    @Test
    void shouldSeparateAfterAboutAHundredIterationsWhenInitialWeightsArePerturbedByCsvRounding() {
        // why the float32 rounding matters: perturbing the weights by half a unit in the 9th significant digit
        // (what reading the CSV as plain doubles does) keeps the first ~100 losses but then flips a spike
        NestSineWaveReference ref = NestSineWaveReference.load();
        double[] nest = NestSineWaveReference.losses200();
        int separated = 0;
        for (long seed = 1; seed <= 3; seed++) {
            RecurrentSpikingNetwork net = ref.network();
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double[] w = net.weights(id);
                for (int n = 0; n < w.length; n++) {
                    w[n] *= 1 + 5e-10 * (2 * r.nextDouble() - 1);
                }
            }
            double[] pert = losses(ref, net, 200);
            int first = -1;
            for (int n = 0; n < pert.length && first < 0; n++) {
                if (Math.abs(pert[n] / nest[n] - 1) > 1e-6) {
                    first = n + 1;
                }
            }
            assertTrue(first == -1 || first > 100, "seed " + seed + ": perturbed run separates early, at " + first);
            if (first > 100) {
                separated++;
            }
        }
        assertTrue(separated >= 2, "rounding-level perturbations separate from NEST within 200 iterations in "
                + separated + "/3 runs");
    }

    private static double[] losses(NestSineWaveReference ref, RecurrentSpikingNetwork net, int iterations) {
        Trainer t = new Trainer(net, Rules.nestEprop(ref.feedback(), Computation.EVENT), new Sgd(1e-4),
                WeightClip.nestDefault(), WeightUpdateHook.NONE);
        double[] out = new double[iterations];
        for (int n = 0; n < iterations; n++) {
            out[n] = t.step(ref.batch(1)).loss();
        }
        return out;
    }

    @Test
    void shouldReproduceNestFirstTwentyLossesWithDenseStepwiseAndEngineEprop() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        double[] nest = NestSineWaveReference.losses200();
        for (Computation c : new Computation[] {Computation.DENSE, Computation.EVENT_STEPWISE, Computation.ENGINE}) {
            Trainer trainer = trainer(ref, c);
            for (int n = 0; n < 20; n++) {
                IterationResult r = trainer.step(ref.batch(1));
                assertTrue(Math.abs(r.loss() / nest[n] - 1.0) < 1e-9,
                        c + " iteration " + (n + 1) + ": loss " + r.loss() + " vs NEST " + nest[n]);
            }
        }
    }
}
