package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.Evaluator;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * The unchanged {@link Trainer} (Adam 0.02, no clip) trains a rate network (24 tanh units, τ = 5 dt) through {@link
 * Rules#create}: regression of a sine (period 25 steps, 50 steps) from one frozen analog input pattern. For BPTT,
 * e-prop, KF-RTRL and KeRNL (its default σ, η), after 150 iterations the loss must be at most a tenth of the first
 * one, and at most 0.7 of what the same 150 iterations reach when only W_out learns (a {@link WeightUpdateHook}
 * zeroing the W_in and W_rec gradients; W_out alone already lowers the loss about 15×): so the rule's W_in and W_rec
 * gradients must do their part. Measured when written: first loss 8.6 (rate_leak), 8.2 (current_leak); W_out alone
 * 0.59, 0.47; BPTT 0.019, 0.021; e-prop 0.31, 0.073; kf-rtrl 0.12, 0.075; kernl (η = 1e-4) 0.17, 0.085; with the W_in
 * and W_rec gradients negated 3–9. Not in the test: rtrl reaches BPTT's losses to 1e-13 (it is the same gradient; 3.5
 * s per case), uoro only 2.7 and 4.4 (its variance; it fails the claim), kernl with η = 1e-3 0.73 and 1.09, with 1e-5
 * 0.044 and 0.15. The reported mean rate is NaN every iteration (rate units do not spike); the final loss is {@link
 * Evaluator}'s.
 */
final class RateTrainingTest {
    private static final int IN = 4;
    private static final int REC = 24;
    private static final int STEPS = 50;
    private static final int ITERATIONS = 150;

    static java.util.List<Arguments> cases() {
        java.util.List<Arguments> c = new java.util.ArrayList<>();
        for (LearningRule rule : new LearningRule[] {LearningRule.BPTT, LearningRule.EPROP, LearningRule.KF_RTRL,
            LearningRule.KERNL}) {
            for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
                c.add(Arguments.of(rule, form));
            }
        }
        return c;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void trainerLowersTheLossOfASineTenfoldAndBeatsReadoutOnlyLearning(LearningRule rule, LeakyRateUnit.Form form) {
        SequenceBatch batch = sine();
        double[] all = train(rule, form, batch, WeightUpdateHook.NONE);
        double[] readoutOnly = train(rule, form, batch, new WeightUpdateHook() {
            @Override
            public void afterGradient(WeightMatrixId id, double[] grad) {
                if (id != WeightMatrixId.OUTPUT) {
                    Arrays.fill(grad, 0.0);
                }
            }
        });
        assertTrue(all[1] <= all[0] / 10, rule + " " + form + ": loss " + all[0] + " -> " + all[1]);
        assertTrue(all[1] <= 0.7 * readoutOnly[1], rule + " " + form + ": loss " + all[1] + ", W_out alone "
                + readoutOnly[1]);
    }

    /** @return {first loss, loss after training}. */
    private static double[] train(LearningRule rule, LeakyRateUnit.Form form, SequenceBatch batch,
            WeightUpdateHook hook) {
        RecurrentNetwork net = RecurrentNetwork.randomRate(IN, REC, 1,
                new RateUnits(RateActivation.TANH, 5.0, form, 0.0), NetworkParams.nestSineWave(), 3, 1.0, 1.2, 1.0);
        Trainer trainer = new Trainer(net, Rules.create(rule, Computation.EVENT, net, 1), new Adam(0.02),
                WeightClip.none(), hook);
        double first = Double.NaN;
        for (int n = 0; n < ITERATIONS; n++) {
            IterationResult r = trainer.step(batch);
            assertTrue(Double.isNaN(r.meanRateHz()), "mean rate of a rate network: " + r.meanRateHz());
            if (n == 0) {
                first = r.loss();
            }
        }
        return new double[] {first, Evaluator.evaluate(net, batch).loss()};
    }

    private static SequenceBatch sine() {
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[STEPS * IN];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) r.nextDouble();
        }
        double[] y = new double[STEPS];
        boolean[] mask = new boolean[STEPS];
        for (int t = 0; t < STEPS; t++) {
            y[t] = 0.8 * Math.sin(2 * Math.PI * t / 25.0);
            mask[t] = true;
        }
        return new SequenceBatch(1, STEPS, IN, 1, x, y, mask, LossKind.REGRESSION_MSE);
    }
}
