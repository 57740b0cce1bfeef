package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The unchanged {@link Trainer} (Adam, no clip) trains a rate network through {@link Rules#create}: regression of a
 * sine (period 25 steps) from one frozen analog input pattern; the loss must fall at least 10× in 150 iterations
 * for BPTT and e-prop (it does not for an untrained network: the first loss is the reference). The reported mean rate
 * is NaN every iteration (rate units do not spike), and {@link Evaluator} gives the trained network's loss.
 */
final class RateTrainingTest {
    private static final int IN = 4;
    private static final int REC = 24;
    private static final int STEPS = 50;

    static java.util.List<Arguments> cases() {
        java.util.List<Arguments> c = new java.util.ArrayList<>();
        for (LearningRule rule : new LearningRule[] {LearningRule.BPTT, LearningRule.EPROP}) {
            for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
                c.add(Arguments.of(rule, form));
            }
        }
        return c;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void trainerLowersTheLossOfASineTenfold(LearningRule rule, LeakyRateUnit.Form form) {
        NetworkParams p = NetworkParams.nestSineWave();
        RecurrentNetwork net = RecurrentNetwork.randomRate(IN, REC, 1,
                new RateUnits(RateActivation.TANH, 5.0, form, 0.0), p, 3, 1.0, 1.2, 1.0);
        SequenceBatch batch = sine();
        Trainer trainer = new Trainer(net, Rules.create(rule, Computation.EVENT, net, 1), new Adam(0.02),
                WeightClip.none(), WeightUpdateHook.NONE);
        IterationResult first = trainer.step(batch);
        IterationResult last = first;
        for (int n = 0; n < 149; n++) {
            last = trainer.step(batch);
            assertTrue(Double.isNaN(last.meanRateHz()), "mean rate of a rate network: " + last.meanRateHz());
        }
        double after = Evaluator.evaluate(net, batch).loss();
        assertTrue(after <= first.loss() / 10, rule + " " + form + ": loss " + first.loss() + " -> " + after);
        assertTrue(Double.isNaN(Evaluator.evaluate(net, batch).meanRateHz()));
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
