package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.DenseEprop;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.Evaluator;
import org.spikering.plasticity.train.GradientComparison;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/** What {@link Rules#create} gives and refuses for rate networks, and what the rate computers report. */
final class RateRulesTest {
    private static final LearningRule[] RATE_RULES = {LearningRule.BPTT, LearningRule.EPROP, LearningRule.RANDOM_EPROP,
        LearningRule.RFLO, LearningRule.MDGL};

    private static RecurrentNetwork net(LeakyRateUnit.Form form) {
        return RateLocalRuleBruteForceTest.daleSparse(RateFixtures.net(RateActivation.TANH, form, 4));
    }

    private static Gradients compute(LearningRule rule, Computation c, RecurrentNetwork net, SequenceBatch batch) {
        Gradients g = Gradients.zerosFor(net);
        Rules.create(rule, c, net, 9, 1.3).compute(net, batch, g);
        return g;
    }

    /**
     * rflo and random-eprop (same seed and gain, so the same B): for rate_leak the two traces are one quantity, so the
     * gradients are equal (to 1e-12; here bit for bit); for current_leak e-prop's φ'(u^t)·(low-passed input) and
     * RFLO's low-passed (φ'·input) differ.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(LeakyRateUnit.Form.class)
    void rfloEqualsRandomEpropExactlyWhenTheLeakActsOnTheRate(LeakyRateUnit.Form form) {
        RecurrentNetwork net = net(form);
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 2);
        Gradients rflo = compute(LearningRule.RFLO, Computation.EVENT, net, batch);
        Gradients eprop = compute(LearningRule.RANDOM_EPROP, Computation.EVENT, net, batch);
        double dIn = GradientComparison.maxRelativeDifference(rflo.wIn, eprop.wIn);
        double dRec = GradientComparison.maxRelativeDifference(rflo.wRec, eprop.wRec);
        assertArrayEquals(eprop.wOut, rflo.wOut, 0.0);
        if (form == LeakyRateUnit.Form.RATE_LEAK) {
            assertTrue(dIn <= 1e-12 && dRec <= 1e-12, "rate_leak: W_in " + dIn + ", W_rec " + dRec);
        } else {
            assertTrue(dIn > 1e-3 && dRec > 1e-3, "current_leak: W_in " + dIn + ", W_rec " + dRec);
        }
        Gradients symmetric = compute(LearningRule.EPROP, Computation.EVENT, net, batch);
        assertTrue(GradientComparison.maxRelativeDifference(symmetric.wIn, eprop.wIn) > 1e-3,
                "random-eprop's B must not be W_out^T");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(LeakyRateUnit.Form.class)
    void denseAndEventGiveTheSameGradientsAndTheMeanRateIsNaN(LeakyRateUnit.Form form) {
        RecurrentNetwork net = net(form);
        SequenceBatch batch = RateFixtures.batch(LossKind.CLASSIFICATION_CE, 6);
        double loss = Evaluator.evaluate(net, batch).loss();
        for (LearningRule rule : RATE_RULES) {
            Gradients event = compute(rule, Computation.EVENT, net, batch);
            Gradients dense = compute(rule, Computation.DENSE, net, batch);
            assertArrayEquals(event.wIn, dense.wIn, 0.0, rule.id());
            assertArrayEquals(event.wRec, dense.wRec, 0.0, rule.id());
            assertArrayEquals(event.wOut, dense.wOut, 0.0, rule.id());
            assertTrue(Double.isNaN(event.meanRateHz), rule.id() + " mean rate " + event.meanRateHz);
            assertEquals(loss, event.loss, 0.0, rule.id() + ": loss = Evaluator's");
            assertEquals(Evaluator.evaluate(net, batch).accuracy(), event.accuracy, 0.0, rule.id());
        }
    }

    @Test
    void refusesEventlessComputationsSpikingOnlyRulesAndStateHooks() {
        RecurrentNetwork net = net(LeakyRateUnit.Form.RATE_LEAK);
        for (Computation c : new Computation[] {Computation.ENGINE, Computation.EVENT_STEPWISE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Rules.create(LearningRule.EPROP, c, net, 1));
            assertTrue(e.getMessage().startsWith("computation = " + c.name().toLowerCase(java.util.Locale.ROOT)),
                    e.getMessage());
        }
        for (LearningRule r : new LearningRule[] {LearningRule.MDGL_EXACT, LearningRule.NEST_EPROP,
                LearningRule.NEST_EPROP_IAF}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Rules.create(r, Computation.EVENT, net, 1));
            assertTrue(e.getMessage().startsWith("rule " + r.id() + ":") && e.getMessage().contains("rate"),
                    e.getMessage());
        }
        StateUpdateHook round = (adaptive, from, to, v, a, out) -> { };
        for (LearningRule r : RATE_RULES) {
            GradientComputer g = Rules.create(r, Computation.EVENT, net, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.setStateHook(round));
            assertEquals("hardware.state holds LIF/ALIF v and a; not for rate networks", e.getMessage());
            g.setStateHook(StateUpdateHook.NONE);
        }
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 1);
        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(net, batch, round));
        assertThrows(IllegalArgumentException.class,
                () -> new DenseEprop(new SymmetricFeedback(), false).compute(net, batch, Gradients.zerosFor(net)));
    }

    @Test
    void listenerSeesEveryForwardPassWithoutSpikes() {
        RecurrentNetwork net = net(LeakyRateUnit.Form.CURRENT_LEAK);
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 8);
        GradientComputer g = Rules.create(LearningRule.MDGL, Computation.EVENT, net, 1);
        int[] calls = new int[1];
        g.setTrajectoryListener((n, b, s, tr) -> {
            assertEquals(calls[0]++, s);
            assertEquals(0, tr.totalSpikes());
            Trajectory again = new Trajectory(b.steps(), n.recurrent(), n.outputs());
            RateForwardPass.run(n, b, s, again);
            assertArrayEquals(again.z, tr.z, 0.0);
        });
        g.compute(net, batch, Gradients.zerosFor(net));
        assertEquals(batch.batchSize(), calls[0]);
    }

    /** randomRate draws the weights of random (same stream, same order) and adds the rate units. */
    @Test
    void randomRateDrawsTheSpikingNetworksWeights() {
        NetworkParams p = NetworkParams.nestSineWave();
        RateUnits u = new RateUnits(RateActivation.SOFTPLUS, 10.0, LeakyRateUnit.Form.CURRENT_LEAK, 0.0);
        RecurrentNetwork rate = RecurrentNetwork.randomRate(4, 6, 2, u, p, 77, 0.5, 1.5, 2.0);
        RecurrentNetwork spiking = RecurrentNetwork.random(4, 6, 2, 0, p, 77, 0.5, 1.5, 2.0);
        assertTrue(rate.isRate() && rate.rateUnits().equals(u) && rate.cellTypes() == null);
        assertArrayEquals(spiking.wIn(), rate.wIn(), 0.0);
        assertArrayEquals(spiking.wRec(), rate.wRec(), 0.0);
        assertArrayEquals(spiking.wOut(), rate.wOut(), 0.0);
    }
}
