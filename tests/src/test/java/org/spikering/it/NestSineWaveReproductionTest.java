package org.spikering.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.eprop.ClosedFormEventEprop;
import org.spikering.plasticity.network.RecurrentNetwork;
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
 * With NEST 3.9's frozen inputs, initial weights, feedback weights and target, spikering's e-prop gives NEST's runs:
 * every loss of the 2000-iteration run (whose first 200 are the 200-iteration run's), and, of the 200-iteration run,
 * the readout of the 200th sequence and all 20,100 weights after the 200th update agree with what NEST printed, to
 * the digits it printed. One run of 2000 iterations (about 15 s), branched at the 200th update, serves every check.
 *
 * <p>What this needs, and why:
 * <ul>
 * <li>NEST's initial weights exactly. NEST's example draws them as float32; the CSVs hold 9 significant digits,
 * which identify a float32 uniquely, so {@code NestSineWaveReference} rounds them back to float32. Read as plain
 * doubles they are off by up to half a unit in the 9th digit, enough to flip a spike at iteration 120 and split the
 * curves by up to 5 %
 * ({@link #shouldSeparateAfterAboutAHundredIterationsWhenInitialWeightsArePerturbedByCsvRounding}).</li>
 * <li>NEST's target at full float64 precision ({@code target_signal_float64.csv}): the 9-digit
 * {@code target_signal.csv} is off by up to 5e-10, which moves the losses by up to 2.4e-9 until the curve leaves
 * NEST's at iteration 232 (by more than 1e-6 relative; it ends at 2.97 instead of NEST's 3.34) and, amplified by
 * the most active neurons (85 and 98), moves the final W_in and W_rec of the 200-iteration run by up to 5.7e-7.</li>
 * <li>NEST's late last-step learning signal in updates 1–199 and a complete last update (see
 * {@code SequenceGradientComputer#nestLateLastSignal}: NEST's example forces the 200th update with a spike at step 2
 * of an extra interval). Kept late in the 200th update too, 244 weights of the three inputs (20, 64, 93) with a
 * spike at pattern step 1 miss NEST's, by up to 4.7e-7
 * ({@link #shouldMissNestsFinalWeightsIfTheLastUpdateAlsoDroppedTheLastSignal}).</li>
 * </ul>
 */
final class NestSineWaveReproductionTest {
    /** NEST's run whose final weights and last readout the reference holds. */
    private static final int ITERATIONS = 200;
    /** NEST's long run; its first 200 losses are those of the 200-iteration run. */
    private static final int LONG_ITERATIONS = 2000;
    /**
     * Summation order: our own e-prop computations, equal to rounding in each gradient, end 200 iterations up to
     * 6.5e-12 apart (EVENT vs EVENT_STEPWISE; 2.6e-12 EVENT vs DENSE), at W_rec[85][46]: neuron 85, the most active,
     * amplifies rounding most. NEST sums in yet another order; this allowance on top of NEST's printing is 3 times
     * our own spread.
     */
    private static final double SUMMATION_ORDER = 2e-11;

    private static NestSineWaveReference ref;
    private static double[] losses;
    private static double[] lastReadout;
    private static double[][] finalWeights;
    private static double[][] finalWeightsIfLateAtTheEnd;

    @BeforeAll
    static void runNestsTwoThousandIterations() {
        ref = NestSineWaveReference.load();
        ClosedFormEventEprop rule = (ClosedFormEventEprop) Rules.nestEprop(ref.feedback(), Computation.EVENT);
        RecurrentNetwork net = ref.network();
        Trainer trainer = new Trainer(net, rule, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        losses = new double[LONG_ITERATIONS];
        lastReadout = new double[NestSineWaveReference.STEPS];
        for (int n = 0; n < LONG_ITERATIONS; n++) {
            if (n == ITERATIONS - 1) {
                // the 200-iteration run ends here: NEST's example forces its last update with a spike at step 2 of
                // an extra interval, so that update has every term
                ClosedFormEventEprop last = (ClosedFormEventEprop) Rules.nestEprop(ref.feedback(), Computation.EVENT);
                last.nestLateLastSignal(false);
                last.setTrajectoryListener((network, batch, s, tr) ->
                        System.arraycopy(tr.y, 0, lastReadout, 0, lastReadout.length));
                RecurrentNetwork end = net.copy();
                new Trainer(end, last, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE)
                        .step(ref.batch(1));
                finalWeights = weights(end);
            }
            IterationResult r = trainer.step(ref.batch(1));
            losses[n] = r.loss();
            if (n == ITERATIONS - 1) {
                // the long run goes on: its 200th update is followed by interval 201 and keeps the late signal
                finalWeightsIfLateAtTheEnd = weights(net);
            }
        }
    }

    private static double[][] weights(RecurrentNetwork net) {
        double[][] w = new double[WeightMatrixId.values().length][];
        for (WeightMatrixId id : WeightMatrixId.values()) {
            w[id.ordinal()] = net.weights(id).clone();
        }
        return w;
    }

    @Test
    void shouldReproduceNestLossCurvesToTheirNineDecimals() {
        // the issue asked for the first five losses to 1e-6 and the curve within 1 %; the files print 9 decimals,
        // and all 2000 losses agree to them (worst 4.85e-10, i.e. 4.5e-12 relative at iteration 1); with the 9-digit
        // target the curve leaves NEST's at iteration 232 and ends at 2.97 instead of 3.34
        double[] nest200 = NestSineWaveReference.losses200();
        double[] nest2000 = NestSineWaveReference.losses2000();
        assertEquals(ITERATIONS, nest200.length);
        assertEquals(LONG_ITERATIONS, nest2000.length);
        double worst = 0.0;
        for (int n = 0; n < LONG_ITERATIONS; n++) {
            double d = Math.abs(losses[n] - nest2000[n]);
            worst = Math.max(worst, d);
            assertTrue(d <= 5e-10 + 1e-11, "iteration " + (n + 1) + ": loss " + losses[n] + " vs NEST " + nest2000[n]);
            if (n < ITERATIONS) {
                assertTrue(Math.abs(losses[n] - nest200[n]) <= 5e-10 + 1e-11,
                        "iteration " + (n + 1) + ": loss " + losses[n] + " vs NEST's 200-iteration run " + nest200[n]);
            }
        }
        System.out.println("NEST sine-wave reproduction: worst loss deviation over 2000 iterations " + worst);
    }

    @Test
    void shouldReproduceNestReadoutOfTheLastSequenceToItsNineDigits() {
        double[] nest = ref.readoutLastIteration();
        for (int t = 0; t < nest.length; t++) {
            assertTrue(Math.abs(lastReadout[t] - nest[t]) <= halfUnitInNinthDigit(nest[t]) + 1e-12,
                    "readout of sequence 200 at step " + t + ": " + lastReadout[t] + " vs NEST " + nest[t]);
        }
    }

    @Test
    void shouldReproduceNestFinalWeightsToTheirNineDigits() {
        double worstExcess = -1.0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] ours = finalWeights[id.ordinal()];
            double[] nest = NestSineWaveReference.finalWeights(id);
            assertEquals(nest.length, ours.length, id + " size");
            for (int k = 0; k < ours.length; k++) {
                double excess = Math.abs(ours[k] - nest[k]) - halfUnitInNinthDigit(nest[k]);
                worstExcess = Math.max(worstExcess, excess);
                assertTrue(excess <= SUMMATION_ORDER, id + " [" + k / 100
                        + "][" + k % 100 + "]: " + ours[k] + " vs NEST " + nest[k]);
            }
        }
        System.out.println("NEST final weights: worst deviation beyond NEST's 9 printed digits " + worstExcess);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] ours = finalWeights[id.ordinal()];
            double[] nest = NestSineWaveReference.finalWeights(id);
            double worst = 0.0;
            for (int k = 0; k < ours.length; k++) {
                worst = Math.max(worst, Math.abs(ours[k] - nest[k]));
            }
            System.out.println("NEST final weights " + id + ": worst |ours - NEST| " + worst);
        }
    }

    @Test
    void shouldMissNestsFinalWeightsIfTheLastUpdateAlsoDroppedTheLastSignal() {
        // the check above can fail: the same run with the late signal kept in the 200th update misses NEST on the
        // input synapses of the presynaptic neurons with a spike at pattern step 1 (244 entries, by up to 4.7e-7)
        double[] late = finalWeightsIfLateAtTheEnd[WeightMatrixId.INPUT.ordinal()];
        double[] nest = NestSineWaveReference.finalWeights(WeightMatrixId.INPUT);
        int missed = 0;
        double worst = 0.0;
        for (int k = 0; k < late.length; k++) {
            double d = Math.abs(late[k] - nest[k]);
            worst = Math.max(worst, d);
            if (d > halfUnitInNinthDigit(nest[k]) + SUMMATION_ORDER) {
                missed++;
                int i = k % NestSineWaveReference.INPUTS;
                assertTrue(ref.batch(1).inputSpikes()[NestSineWaveReference.INPUTS + i] != 0f,
                        "input " + i + " has no spike at pattern step 1 but its synapse to " + k / 100 + " moved");
            }
        }
        System.out.println("late signal kept in the 200th update: " + missed + " W_in entries miss NEST, worst " + worst);
        assertTrue(missed > 200 && worst > 1e-7, missed + " entries missed, worst " + worst);
    }

    /** Half a unit in the 9th significant digit of x: how far NEST's printed value can be from its double. */
    private static double halfUnitInNinthDigit(double x) {
        if (x == 0.0) {
            return 0.0;
        }
        return 0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 8);
    }

    @Test
    void shouldSeparateAfterAboutAHundredIterationsWhenInitialWeightsArePerturbedByCsvRounding() {
        // why the float32 rounding matters: perturbing the weights by half a unit in the 9th significant digit
        // (what reading the CSV as plain doubles does) keeps the first ~100 losses but then flips a spike
        double[] nest = NestSineWaveReference.losses200();
        int separated = 0;
        for (long seed = 1; seed <= 3; seed++) {
            RecurrentNetwork net = ref.network();
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                double[] w = net.weights(id);
                for (int n = 0; n < w.length; n++) {
                    w[n] *= 1 + 5e-10 * (2 * r.nextDouble() - 1);
                }
            }
            double[] pert = losses(net, 200);
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

    private static double[] losses(RecurrentNetwork net, int iterations) {
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
        double[] nest = NestSineWaveReference.losses200();
        for (Computation c : new Computation[] {Computation.DENSE, Computation.EVENT_STEPWISE, Computation.ENGINE}) {
            Trainer trainer = new Trainer(ref.network(), Rules.nestEprop(ref.feedback(), c), new Sgd(1e-4),
                    WeightClip.nestDefault(), WeightUpdateHook.NONE);
            for (int n = 0; n < 20; n++) {
                IterationResult r = trainer.step(ref.batch(1));
                assertTrue(Math.abs(r.loss() - nest[n]) <= 5e-10 + 1e-11,
                        c + " iteration " + (n + 1) + ": loss " + r.loss() + " vs NEST " + nest[n]);
            }
        }
    }
}
