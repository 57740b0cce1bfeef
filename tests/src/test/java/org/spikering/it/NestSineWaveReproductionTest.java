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
 * NEST's losses. Achieved: iterations 1–119 agree to 1e-9 relative (the CSV's precision is ~1e-11), in particular
 * the first five to 1e-6. At iteration 120 a spike flips and the curves separate (≤ ~5 %). This is a knife edge of
 * the reference data, not of the model: the initial weights are exported with 9 significant digits, and perturbing
 * them by that rounding (5e-10 relative) makes spikering's own runs separate at the same iteration 120
 * ({@link #shouldSeparateAtIteration120WhenInitialWeightsArePerturbedByCsvRounding}). So the 1 % criterion is
 * asserted over iterations 1–119, and the rest of the curve is checked for staying close (mean |relative
 * deviation| &lt; 2 %, max &lt; 8 %).
 */
final class NestSineWaveReproductionTest {

    /** Iterations over which spikering and NEST agree exactly (to rounding). */
    private static final int EXACT_ITERATIONS = 119;

    private static Trainer trainer(NestSineWaveReference ref, Computation computation) {
        GradientComputer rule = Rules.nestEprop(ref.feedback(), computation);
        return new Trainer(ref.network(), rule, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
    }

    @Test
    void shouldReproduceNestLossCurveWithEventBasedEprop() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        double[] nest = NestSineWaveReference.losses200();
        Trainer trainer = trainer(ref, Computation.EVENT);
        double worst = 0.0;
        double sumLate = 0.0;
        for (int n = 0; n < 200; n++) {
            IterationResult r = trainer.step(ref.batch(1));
            double rel = Math.abs(r.loss() / nest[n] - 1.0);
            worst = Math.max(worst, rel);
            String msg = "iteration " + (n + 1) + ": loss " + r.loss() + " vs NEST " + nest[n];
            if (n < 5) {
                assertTrue(rel < 1e-6, msg);
            }
            if (n < EXACT_ITERATIONS) {
                assertTrue(rel < 1e-9, msg);
            } else {
                sumLate += rel;
                assertTrue(rel < 0.08, msg);
            }
        }
        double meanLate = sumLate / (200 - EXACT_ITERATIONS);
        System.out.println("NEST sine-wave reproduction: worst relative deviation " + worst
                + ", mean after iteration " + EXACT_ITERATIONS + ": " + meanLate);
        assertTrue(meanLate < 0.02, "mean relative deviation after iteration " + EXACT_ITERATIONS + " = " + meanLate);
    }

    @Test
    void shouldSeparateAtIteration120WhenInitialWeightsArePerturbedByCsvRounding() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        double[] base = losses(ref, ref.network(), 122);
        int separatedAt120 = 0;
        for (long seed = 1; seed <= 4; seed++) {
            RecurrentSpikingNetwork net = ref.network();
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double[] w = net.weights(id);
                for (int n = 0; n < w.length; n++) {
                    w[n] *= 1 + 5e-10 * (2 * r.nextDouble() - 1);   // half a unit in the 9th significant digit
                }
            }
            double[] pert = losses(ref, net, 122);
            int first = -1;
            for (int n = 0; n < pert.length && first < 0; n++) {
                if (Math.abs(pert[n] / base[n] - 1) > 1e-6) {
                    first = n + 1;
                }
            }
            assertTrue(first == -1 || first >= 120, "seed " + seed + ": perturbed run separates early, at " + first);
            if (first == 120) {
                separatedAt120++;
            }
        }
        assertTrue(separatedAt120 >= 2, "rounding-level perturbations separate at iteration 120 in " + separatedAt120 + "/4 runs");
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
