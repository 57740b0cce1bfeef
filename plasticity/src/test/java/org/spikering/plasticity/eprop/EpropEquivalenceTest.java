package org.spikering.plasticity.eprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.GradientComparison;

final class EpropEquivalenceTest {

    private static Gradients grads(GradientComputer c, RecurrentNetwork net, SequenceBatch batch) {
        Gradients g = Gradients.zerosFor(net);
        c.compute(net, batch, g);
        return g;
    }

    private static void assertClose(Gradients a, Gradients b, double tol, String what) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double d = GradientComparison.maxRelativeDifference(a.get(id), b.get(id));
            double norm = 0;
            for (double v : b.get(id)) {
                norm = Math.max(norm, Math.abs(v));
            }
            assertTrue(norm > 0.0, what + " " + id + ": gradient is zero, test is vacuous");
            assertTrue(d <= tol, what + " " + id + ": max relative difference " + d);
        }
    }

    @Test
    void shouldMatchDenseWhenEventBasedForLifAndAlif() {
        for (int adaptive : new int[] {0, 6, 12}) {
            for (LossKind loss : LossKind.values()) {
                RecurrentNetwork net = TestNetworks.network(adaptive, false, 2.0, 11 + adaptive);
                SequenceBatch batch = TestNetworks.batch(3, loss, 5);
                Gradients dense = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
                Gradients event = grads(new EventEprop(new SymmetricFeedback(), false), net, batch);
                assertClose(event, dense, 1e-9, "stepwise adaptive=" + adaptive + " " + loss);
                Gradients closed = grads(new ClosedFormEventEprop(new SymmetricFeedback(), false), net, batch);
                assertClose(closed, dense, 1e-9, "closed-form adaptive=" + adaptive + " " + loss);
                assertEquals(dense.loss, event.loss, 0.0);
                assertTrue(dense.meanRateHz > 1.0, "network must spike: " + dense.meanRateHz);
            }
        }
    }

    /**
     * Surrogates without compact support (ψ is never 0 off the refractory period): the event-based computations still
     * equal the dense one (their skipping of ψ = 0 stretches must not assume the piecewise-linear form), and the
     * gradient differs from the piecewise-linear one (the form reaches the gradients).
     */
    @Test
    void shouldMatchDenseForEverySurrogateForm() {
        final RecurrentNetwork base = TestNetworks.network(6, false, 2.0, 17);
        final SequenceBatch batch = TestNetworks.batch(3, LossKind.REGRESSION_MSE, 5);
        final Gradients piecewise = grads(new DenseEprop(new SymmetricFeedback(), false), base, batch);
        for (org.spikering.neuron.SurrogateGradient form : org.spikering.neuron.SurrogateGradient.values()) {
            final RecurrentNetwork net = base.withParams(base.params().withSurrogate(form));
            final Gradients dense = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
            assertClose(grads(new EventEprop(new SymmetricFeedback(), false), net, batch), dense, 1e-9, "stepwise " + form);
            assertClose(grads(new ClosedFormEventEprop(new SymmetricFeedback(), false), net, batch), dense, 1e-9,
                    "closed-form " + form);
            if (form != org.spikering.neuron.SurrogateGradient.PIECEWISE_LINEAR) {
                assertTrue(GradientComparison.maxRelativeDifference(dense.get(WeightMatrixId.RECURRENT),
                        piecewise.get(WeightMatrixId.RECURRENT)) > 1e-3, form + " must change the gradient");
            }
        }
    }

    @Test
    void shouldMatchDenseWhenEventBasedMdglExact() {
        RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 3);
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 9);
        Gradients dense = grads(new DenseEprop(new SymmetricFeedback(), true), net, batch);
        assertClose(grads(new EventEprop(new SymmetricFeedback(), true), net, batch), dense, 1e-9, "mdgl-exact stepwise");
        assertClose(grads(new ClosedFormEventEprop(new SymmetricFeedback(), true), net, batch), dense, 1e-9, "mdgl-exact closed");
    }

    @Test
    void shouldMatchDenseWhenEventBasedWithNestLateLastSignal() {
        RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 17);
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 19);
        batch.inputSpikes()[batch.inputIndex(0, 1, 0)] = 1f;
        batch.inputSpikes()[batch.inputIndex(1, 1, 3)] = 1f;
        Gradients dense = grads(new DenseEprop(new SymmetricFeedback(), false).nestLateLastSignal(true), net, batch);
        Gradients plain = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
        assertTrue(GradientComparison.maxRelativeDifference(dense.wIn, plain.wIn) > 0.0, "option must change something");
        assertClose(grads(new EventEprop(new SymmetricFeedback(), false).nestLateLastSignal(true), net, batch), dense,
                1e-9, "late stepwise");
        assertClose(grads(new ClosedFormEventEprop(new SymmetricFeedback(), false).nestLateLastSignal(true), net, batch),
                dense, 1e-9, "late closed");
    }

    @Test
    void shouldEqualBpttWhenRecurrentWeightsAreZero() {
        for (int adaptive : new int[] {0, 12}) {
            for (LossKind loss : LossKind.values()) {
                RecurrentNetwork net = TestNetworks.network(adaptive, true, 3.0, 21 + adaptive);
                SequenceBatch batch = TestNetworks.batch(2, loss, 6);
                Gradients eprop = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
                Gradients bptt = grads(new Bptt(true), net, batch);
                for (WeightMatrixId id : new WeightMatrixId[] {WeightMatrixId.INPUT, WeightMatrixId.OUTPUT}) {
                    double d = GradientComparison.maxRelativeDifference(eprop.get(id), bptt.get(id));
                    assertTrue(d < 1e-10, "adaptive=" + adaptive + " " + loss + " " + id + ": " + d);
                    assertTrue(GradientComparison.stepLength(eprop.get(id), bptt.get(id)) > 0.999);
                }
            }
        }
    }

    @Test
    void shouldDifferFromBpttWhenRecurrentWeightsAreNonZero() {
        RecurrentNetwork net = TestNetworks.network(0, false, 3.0, 21);
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 6);
        Gradients eprop = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
        Gradients bptt = grads(new Bptt(true), net, batch);
        assertTrue(GradientComparison.maxRelativeDifference(eprop.wIn, bptt.wIn) > 1e-3);
        // output weights are exact in both
        assertTrue(GradientComparison.maxRelativeDifference(eprop.wOut, bptt.wOut) < 1e-12);
    }

    @Test
    void shouldDifferFromEpropWhenFeedbackIsRandom() {
        RecurrentNetwork net = TestNetworks.network(0, false, 2.0, 4);
        SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 7);
        Gradients sym = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
        Gradients rnd = grads(new DenseEprop(RandomFeedback.gaussian(12, 2, 99), false), net, batch);
        assertTrue(GradientComparison.cosine(sym.wIn, rnd.wIn) < 0.99);
        assertTrue(GradientComparison.cosine(sym.wRec, rnd.wRec) < 0.99);
        // random feedback with B = W_outᵀ is e-prop again
        double[] bt = new SymmetricFeedback().matrix(net).clone();
        Gradients same = grads(new DenseEprop(new RandomFeedback(12, 2, bt), false), net, batch);
        assertEquals(0.0, GradientComparison.maxRelativeDifference(same.wIn, sym.wIn), 0.0);
    }

    @Test
    void shouldReduceMdglExactToEpropWhenRecurrentWeightsAreZeroAndDifferOtherwise() {
        RecurrentNetwork zero = TestNetworks.network(6, true, 3.0, 8);
        SequenceBatch batch = TestNetworks.batch(2, LossKind.CLASSIFICATION_CE, 8);
        assertClose(grads(new DenseEprop(new SymmetricFeedback(), true), zero, batch),
                grads(new DenseEprop(new SymmetricFeedback(), false), zero, batch), 1e-12, "mdgl-exact W_rec=0 (input, output)");
        RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 8);
        Gradients m = grads(new DenseEprop(new SymmetricFeedback(), true), net, batch);
        Gradients e = grads(new DenseEprop(new SymmetricFeedback(), false), net, batch);
        assertTrue(GradientComparison.maxRelativeDifference(m.wRec, e.wRec) > 1e-3);
        assertEquals(0.0, GradientComparison.maxRelativeDifference(m.wIn, e.wIn), 0.0, "mdgl-exact leaves input weights to e-prop");
    }

    @Test
    void shouldMatchFiniteDifferencesForOutputWeightsInBptt() {
        // output weights do not change spikes, so the loss is smooth in W_out and finite differences are exact
        RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 12);
        for (LossKind loss : LossKind.values()) {
            SequenceBatch batch = TestNetworks.batch(2, loss, 13);
            Gradients g = grads(new Bptt(true), net, batch);
            double[] w = net.wOut();
            for (int n = 0; n < w.length; n += 5) {
                double w0 = w[n];
                double h = 1e-5;
                w[n] = w0 + h;
                double up = org.spikering.plasticity.train.Evaluator.evaluate(net, batch).loss();
                w[n] = w0 - h;
                double down = org.spikering.plasticity.train.Evaluator.evaluate(net, batch).loss();
                w[n] = w0;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, g.wOut[n], 1e-6 * Math.max(1.0, Math.abs(fd)), loss + " W_out[" + n + "]");
            }
        }
    }
}
