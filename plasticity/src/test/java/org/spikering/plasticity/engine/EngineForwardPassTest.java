package org.spikering.plasticity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.sim.SimulationConfig;

/**
 * The e-prop network on sim-core's spike engine gives the loop forward pass's trajectory bit for bit, for
 * every thread count, and hence the same event-based gradients.
 */
final class EngineForwardPassTest {

    private static void assertSameBits(final double[] expected, final double[] actual, final String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int n = 0; n < expected.length; n++) {
            if (Double.doubleToLongBits(expected[n]) != Double.doubleToLongBits(actual[n])) {
                throw new AssertionError(what + "[" + n + "]: expected " + expected[n] + " but was " + actual[n]);
            }
        }
    }

    @Test
    void trajectoryIsBitIdenticalToTheLoopForwardPassForAnyThreadCount() {
        for (int adaptive : new int[] {0, 5, 12}) {
            for (LossKind loss : LossKind.values()) {
                final RecurrentNetwork net = TestNetworks.network(adaptive, false, 2.0, 21 + adaptive);
                final SequenceBatch batch = TestNetworks.batch(1, loss, 31);
                for (int b = 0; b < batch.batchSize(); b++) {
                    final Trajectory ref = new Trajectory(batch.steps(), net.recurrent(), net.outputs());
                    ForwardPass.run(net, batch, b, ref);
                    assertTrue(ref.totalSpikes() > 50, "the network must spike: " + ref.totalSpikes());
                    for (SimulationConfig cfg : new SimulationConfig[] {SimulationConfig.reference(),
                        SimulationConfig.threads(1), SimulationConfig.threads(2), SimulationConfig.threads(3)}) {
                        final Trajectory eng = new Trajectory(batch.steps(), net.recurrent(), net.outputs());
                        new EngineForwardPass(cfg).run(net, batch, b, eng);
                        final String what = "adaptive " + adaptive + ", " + loss + ", sequence " + b + ", " + cfg + ": ";
                        assertEquals(ref.totalSpikes(), eng.totalSpikes(), what + "spikes");
                        assertArrayEquals(ref.spikeStart, eng.spikeStart, what + "spike offsets");
                        assertArrayEquals(Arrays.copyOf(ref.spikeIndex, ref.totalSpikes()),
                                Arrays.copyOf(eng.spikeIndex, eng.totalSpikes()), what + "spike order");
                        assertArrayEquals(ref.spikeCount, eng.spikeCount, what + "spike counts");
                        assertSameBits(ref.v, eng.v, what + "v");
                        assertSameBits(ref.psi, eng.psi, what + "psi");
                        assertSameBits(ref.a, eng.a, what + "a");
                        assertSameBits(ref.z, eng.z, what + "z");
                        assertSameBits(ref.yv, eng.yv, what + "readout");
                        assertSameBits(ref.err, eng.err, what + "error");
                        assertEquals(Double.doubleToLongBits(ref.loss), Double.doubleToLongBits(eng.loss), what + "loss");
                    }
                }
            }
        }
    }

    /**
     * The readout half, against the leaky readout written out here from the engine's recorded spikes (not the shared
     * {@code ForwardPass.Readout}): yv_k^t = κ yv_k^{t−1} + ζ_out Σ_j W^out_kj z_j^t with κ = exp(−dt/τ_out) and
     * ζ_out = 1 or 1 − κ; regression y = yv, err = y − y* on masked steps, loss ½ Σ err²; classification
     * π = exp(yv)/Σ exp(yv), err = π − y*, loss −Σ y* ln π, correct = argmax Σ_masked π = argmax Σ_masked y*.
     */
    @Test
    void readoutAgreesWithTheLeakyReadoutRecurrenceComputedFromTheRecordedSpikes() {
        int checked = 0;
        for (boolean regular : new boolean[] {true, false}) {
            for (LossKind loss : LossKind.values()) {
                // ζ = 1 − α also scales the recurrent input: a larger gain keeps the network spiking
                final RecurrentNetwork base = TestNetworks.network(5, false, regular ? 2.0 : 40.0, 61);
                final org.spikering.plasticity.network.NetworkParams p0 = base.params();
                final org.spikering.plasticity.network.NetworkParams p = new org.spikering.plasticity.network.NetworkParams(
                        p0.dtMs(), p0.tauMembraneMs(), p0.thresholdMv(), p0.refractorySteps(), regular, p0.surrogateGamma(),
                        p0.surrogateBeta(), p0.tauAdaptMs(), p0.betaAdapt(), 15.0, p0.cReg(), p0.fTargetHz());
                final RecurrentNetwork net = base.withParams(p);
                final SequenceBatch batch = TestNetworks.batch(2, loss, 62);
                final int steps = batch.steps();
                final int nRec = net.recurrent();
                final int nOut = net.outputs();
                final double kappa = Math.exp(-1.0 / 15.0);
                final double zetaOut = regular ? 1.0 : 1.0 - kappa;
                for (int b = 0; b < batch.batchSize(); b++) {
                    final Trajectory eng = new Trajectory(steps, nRec, nOut);
                    new EngineForwardPass(SimulationConfig.threads(2)).run(net, batch, b, eng);
                    assertTrue(eng.totalSpikes() > 50, "the network must spike: " + eng.totalSpikes());
                    final double[] yv = new double[nOut];
                    final double[] score = new double[nOut];
                    final double[] targetScore = new double[nOut];
                    double expectedLoss = 0;
                    for (int t = 0; t < steps; t++) {
                        final boolean masked = batch.lossMask()[b * steps + t];
                        double norm = 0;
                        for (int k = 0; k < nOut; k++) {
                            double drive = 0;
                            for (int j = 0; j < nRec; j++) {
                                drive += net.wOut()[k * nRec + j] * eng.z[t * nRec + j];
                            }
                            yv[k] = kappa * yv[k] + zetaOut * drive;
                            norm += Math.exp(yv[k]);
                        }
                        for (int k = 0; k < nOut; k++) {
                            final String what = (regular ? "zeta 1" : "zeta 1-kappa") + ", " + loss + ", b " + b + ", t " + t + ", k " + k;
                            final double target = batch.targets()[(b * steps + t) * nOut + k];
                            final double out = loss == LossKind.REGRESSION_MSE ? yv[k] : Math.exp(yv[k]) / norm;
                            final double err = masked ? out - target : 0.0;
                            assertEquals(yv[k], eng.yv[t * nOut + k], 1e-12 * Math.max(1, Math.abs(yv[k])), what + ": yv");
                            assertEquals(out, eng.y[t * nOut + k], 1e-12 * Math.max(1, Math.abs(out)), what + ": y");
                            assertEquals(err, eng.err[t * nOut + k], 1e-12, what + ": err");
                            if (masked) {
                                expectedLoss += loss == LossKind.REGRESSION_MSE ? 0.5 * err * err : -target * Math.log(out);
                                score[k] += out;
                                targetScore[k] += target;
                            }
                            checked++;
                        }
                    }
                    assertEquals(expectedLoss, eng.loss, 1e-10 * Math.max(1, Math.abs(expectedLoss)), "loss");
                    if (loss == LossKind.CLASSIFICATION_CE) {
                        final boolean right = (score[1] > score[0]) == (targetScore[1] > targetScore[0]);
                        assertEquals(right ? 1.0 : 0.0, eng.correct, "correct");
                    } else {
                        assertTrue(Double.isNaN(eng.correct));
                    }
                }
            }
        }
        assertTrue(checked > 2000, "readout values checked: " + checked);
    }

    @Test
    void engineComputationGivesTheEventBasedGradientsBitForBit() {
        final RecurrentNetwork net = TestNetworks.network(6, false, 2.0, 44);
        final SequenceBatch batch = TestNetworks.batch(3, LossKind.CLASSIFICATION_CE, 45);
        for (LearningRule rule : new LearningRule[] {LearningRule.EPROP, LearningRule.MDGL_EXACT}) {
            final Gradients event = grads(Rules.create(rule, Computation.EVENT, net, 1), net, batch);
            final Gradients engine = grads(Rules.create(rule, Computation.ENGINE, net, 1), net, batch);
            for (WeightMatrixId id : WeightMatrixId.values()) {
                assertSameBits(event.get(id), engine.get(id), rule + " " + id);
            }
            double norm = 0;
            for (double g : engine.get(WeightMatrixId.RECURRENT)) {
                norm = Math.max(norm, Math.abs(g));
            }
            assertTrue(norm > 0, "gradient must not be zero");
        }
    }

    @Test
    void rejectsNonBinaryInputSpikes() {
        final RecurrentNetwork net = TestNetworks.network(0, false, 1.0, 3);
        final SequenceBatch good = TestNetworks.batch(1, LossKind.REGRESSION_MSE, 3);
        final float[] x = good.inputSpikes().clone();
        x[5] = 2f;
        final SequenceBatch bad = new SequenceBatch(1, good.steps(), good.inputs(), good.outputs(), x, good.targets(),
                good.lossMask(), good.loss());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EngineForwardPass(
                SimulationConfig.threads(1)).run(net, bad, 0, new Trajectory(bad.steps(), net.recurrent(), net.outputs())));
        assertTrue(e.getMessage().contains("must be 0 or 1"), e.getMessage());
    }

    private static Gradients grads(final GradientComputer c, final RecurrentNetwork net, final SequenceBatch batch) {
        final Gradients g = Gradients.zerosFor(net);
        c.compute(net, batch, g);
        return g;
    }
}
