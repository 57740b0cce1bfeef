package org.spikering.plasticity.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.ClosedFormEventEprop;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

final class NestSineWaveReferenceTest {

    @Test
    void shouldReproduceNestReadoutOfFirstSequenceToItsNineDigits() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        Trajectory tr = new Trajectory(1000, 100, 1);
        ForwardPass.run(ref.network(), ref.batch(1), 0, tr);
        double[] nest = ref.readoutFirstIteration();
        for (int t = 0; t < 1000; t++) {
            assertTrue(Math.abs(nest[t] - tr.y[t]) <= halfUnitInNinthDigit(nest[t]) + 1e-12,
                    "readout at step " + t + ": " + tr.y[t] + " vs NEST " + nest[t]);
        }
        assertEquals(101.964357, tr.loss, 5e-7);
    }

    @Test
    void shouldMatchNestFirstFiveLossesWithDenseEprop() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        GradientComputer dense = Rules.nestEprop(ref.feedback(), Computation.DENSE);
        Trainer trainer = new Trainer(ref.network(), dense, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        double[] nest = NestSineWaveReference.losses200();
        for (int n = 0; n < 5; n++) {
            IterationResult r = trainer.step(ref.batch(1));
            assertTrue(Math.abs(r.loss() - nest[n]) <= 5e-10 + 1e-11, "iteration " + (n + 1) + ": " + r.loss() + " vs NEST " + nest[n]);
        }
    }

    @Test
    void shouldHoldTheFloat64TargetThatRoundsToTheExportedOne() {
        // the float64 target regenerated from the example's numpy stream prints as the exported 9-digit file
        double[] exact = NestSineWaveReference.load().target();
        double[] exported = NestSineWaveReference.exportedTarget();
        int differ = 0;
        for (int t = 0; t < exact.length; t++) {
            assertEquals(exported[t], ninthDigit(exact[t]), 0.0, "target step " + t);
            if (exact[t] != exported[t]) {
                differ++;
            }
        }
        assertTrue(differ > 900, "only " + differ + " of 1000 target values carry more than 9 digits");
    }

    @Test
    void shouldFindNestsInitialWeightsFloat32AndItsFinalWeightsDouble() {
        // a float32 printed with 9 significant digits prints again the same after rounding to float32; NEST's
        // synapses hold double weights (eprop_synapse_bsshslm_2020: double weight_), so after 200 updates of
        // η·g ≈ 1e-4 the printed weights that moved are float32 values only by chance (5 % of them here)
        String[] initial = {"inputs/w_in_rec_initial.csv", "inputs/w_rec_rec_initial.csv"};
        WeightMatrixId[] ids = {WeightMatrixId.INPUT, WeightMatrixId.RECURRENT};
        for (int m = 0; m < ids.length; m++) {
            double[] before = NestSineWaveReference.flat(NestSineWaveReference.matrix(initial[m]));
            double[] after = NestSineWaveReference.finalWeights(ids[m]);
            int moved = 0;
            int movedFloat32 = 0;
            for (int k = 0; k < before.length; k++) {
                assertTrue(before[k] == 0.0 || ninthDigit((float) before[k]) == before[k], initial[m] + " [" + k + "]");
                if (Math.abs(after[k] - before[k]) > 1e-6) {
                    moved++;
                    if (ninthDigit((float) after[k]) == after[k]) {
                        movedFloat32++;
                    }
                }
            }
            assertTrue(moved > 5000 && movedFloat32 < 0.1 * moved,
                    ids[m] + ": " + movedFloat32 + " of the " + moved + " moved final weights are float32 values");
        }
    }

    @Test
    void shouldMissNestsFinalWeightsWithTheNineDigitTarget() {
        // why the float64 target: trained on the exported 9-digit target (off by up to 5e-10), the run still gives
        // NEST's first 200 losses to 2.4e-9 (the curve leaves NEST's at iteration 232), but the most active neurons amplify the
        // difference over 200 iterations and the final W_rec misses NEST's by more than 1e-7 (5.7e-7), worst into
        // neuron 85
        NestSineWaveReference ref = NestSineWaveReference.load();
        SequenceBatch exact = ref.batch(1);
        SequenceBatch nineDigits = new SequenceBatch(1, exact.steps(), exact.inputs(), exact.outputs(),
                exact.inputSpikes(), NestSineWaveReference.exportedTarget(), exact.lossMask(), exact.loss());
        ClosedFormEventEprop rule = (ClosedFormEventEprop) Rules.nestEprop(ref.feedback(), Computation.EVENT);
        RecurrentNetwork net = ref.network();
        Trainer trainer = new Trainer(net, rule, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        double[] nestLoss = NestSineWaveReference.losses200();
        for (int n = 0; n < 200; n++) {
            if (n == 199) {
                rule.nestLateLastSignal(false);
            }
            double loss = trainer.step(nineDigits).loss();
            assertEquals(nestLoss[n], loss, 3e-9, "iteration " + (n + 1));
        }
        double[] ours = net.weights(WeightMatrixId.RECURRENT);
        double[] nest = NestSineWaveReference.finalWeights(WeightMatrixId.RECURRENT);
        int worst = 0;
        for (int k = 0; k < ours.length; k++) {
            if (Math.abs(ours[k] - nest[k]) > Math.abs(ours[worst] - nest[worst])) {
                worst = k;
            }
        }
        System.out.println("9-digit target: final W_rec misses NEST by up to " + Math.abs(ours[worst] - nest[worst])
                + " at [" + worst / 100 + "][" + worst % 100 + "]");
        assertTrue(Math.abs(ours[worst] - nest[worst]) > 1e-7, "worst " + Math.abs(ours[worst] - nest[worst]));
        assertEquals(85, worst / 100, "postsynaptic neuron of the worst entry");
    }

    /** x rounded to 9 significant digits, as NEST's exporter printed it. */
    private static double ninthDigit(double x) {
        return new BigDecimal(x).round(new MathContext(9)).doubleValue();
    }

    private static double halfUnitInNinthDigit(double x) {
        return x == 0.0 ? 0.0 : 0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 8);
    }
}
