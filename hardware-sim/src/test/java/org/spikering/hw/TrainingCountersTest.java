package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.counters.TrajectoryCounter;
import org.spikering.hw.counters.WeightChangeCounter;
import org.spikering.hw.fixedpoint.QuantizingHook;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.hw.mask.PlasticityMask;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * Counters of training checked against a network small enough to count by hand: 2 inputs, 2 recurrent LIF
 * neurons (v_th = 1, ζ = 1, τ_m = 20 ms, 2 refractory steps), 1 readout, 10 steps.
 * <pre>
 * W_in  = [[1.2, 0  ], [0.02, 0.1]]   (rec0 ← in0 suprathreshold; rec1 gets small inputs)
 * W_rec = [[0, 0], [0.05, 0]]          (rec0 → rec1 only)
 * W_out = [[0.3, 0]]                   (rec0 → readout only)
 * input: in0 at t = 0 and t = 5, in1 at t = 2
 * </pre>
 * rec0 spikes at t = 0 and t = 5 (reset by subtraction leaves it well below threshold); rec1 never
 * reaches threshold. Per sequence: 3 input spikes, 2 recurrent spikes; synaptic operations = in0 (fan-out 2)
 * × 2 + in1 (fan-out 1) × 1 + rec0 (fan-out 1 recurrent + 1 readout) × 2 = 9; neuron updates = 3 units × 10.
 */
final class TrainingCountersTest {
    private static final int STEPS = 10;

    private static RecurrentNetwork net() {
        final NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, true, 0.3, 1.0, 200.0, 0.0, 20.0, 0.0, 10.0);
        return new RecurrentNetwork(2, 2, 1, new boolean[2], p, new double[] {1.2, 0, 0.02, 0.1},
                new double[] {0, 0, 0.05, 0}, new double[] {0.3, 0});
    }

    /** {@code copies} identical sequences, target 1 on every step (regression). */
    private static SequenceBatch batch(int copies) {
        final float[] x = new float[copies * STEPS * 2];
        final double[] y = new double[copies * STEPS];
        final boolean[] mask = new boolean[copies * STEPS];
        for (int b = 0; b < copies; b++) {
            x[(b * STEPS) * 2] = 1f;
            x[(b * STEPS + 5) * 2] = 1f;
            x[(b * STEPS + 2) * 2 + 1] = 1f;
            for (int t = 0; t < STEPS; t++) {
                y[b * STEPS + t] = 1.0;
                mask[b * STEPS + t] = true;
            }
        }
        return new SequenceBatch(copies, STEPS, 2, 1, x, y, mask, LossKind.REGRESSION_MSE);
    }

    @Test
    void shouldSpikeWhereTheHandCountSaysSo() {
        final Trajectory tr = new Trajectory(STEPS, 2, 1);
        ForwardPass.run(net(), batch(1), 0, tr);
        assertArrayEquals(new int[] {2, 0}, tr.spikeCount, "spike counts of rec0, rec1");
        assertEquals(1.0, tr.z[0 * 2]);
        assertEquals(1.0, tr.z[5 * 2]);
    }

    @Test
    void shouldCountSpikesSynapticOpsAndNeuronUpdatesOfEverySequence() {
        final OperationCounters c = new OperationCounters();
        final TrajectoryCounter counter = new TrajectoryCounter(c);
        final SequenceBatch b = batch(3);
        final RecurrentNetwork n = net();
        final Trajectory tr = new Trajectory(STEPS, 2, 1);
        for (int s = 0; s < 3; s++) {
            ForwardPass.run(n, b, s, tr);
            counter.onForwardPass(n, b, s, tr);
        }
        assertEquals(3 * 2, c.spikes());
        assertEquals(3 * 3, c.inputSpikes());
        assertEquals(3 * 9, c.synapticOps());
        assertEquals(3 * 3 * STEPS, c.neuronUpdates());
        assertEquals(0, c.weightUpdates());
    }

    @Test
    void shouldCountOnlySynapsesWithNonzeroWeight() {
        final RecurrentNetwork n = net();
        n.wOut()[0] = 0.0; // rec0 now reaches only rec1: 2 ops fewer per sequence
        n.wIn()[2] = 0.0; // in0 now reaches only rec0: 2 ops fewer (rec0 still spikes twice)
        final OperationCounters c = new OperationCounters();
        final Trajectory tr = new Trajectory(STEPS, 2, 1);
        ForwardPass.run(n, batch(1), 0, tr);
        new TrajectoryCounter(c).onForwardPass(n, batch(1), 0, tr);
        assertEquals(2, c.spikes());
        assertEquals(5, c.synapticOps());
    }

    /** Trains 3 steps with plain SGD and only W_out plastic; returns the counters. */
    private static OperationCounters train(LearningRule rule, double eta, int bits) {
        final RecurrentNetwork n = net();
        final OperationCounters c = new OperationCounters();
        final QuantizingHook q = bits == 0 ? null : new QuantizingHook(n, bits, Rounding.NEAREST, 1);
        final PlasticityMask mask = new MaskFactory(n).onlyMatrices(Set.of(WeightMatrixId.OUTPUT)).bind(n, q);
        final GradientComputer g = Rules.create(rule, Computation.EVENT, n, 1);
        g.setTrajectoryListener(new TrajectoryCounter(c));
        final Trainer t = new Trainer(n, g, new Sgd(eta), WeightClip.none(), new WeightChangeCounter(n, mask, c));
        for (int k = 0; k < 3; k++) {
            t.step(batch(2));
        }
        return c;
    }

    @ParameterizedTest
    // NEST nets only; nest-eprop-iaf has no batch gradient; uoro, kf-rtrl, kernl, sg, bp-lambda rate nets only; reward-eprop needs a
    // classification batch and with this one-readout network its policy term is 0 (π ≡ 1), so W_out has no gradient
    // (its counters: app's RewardEpropCliTest)
    @EnumSource(value = LearningRule.class, mode = EnumSource.Mode.EXCLUDE, names = {"NEST_EPROP", "NEST_EPROP_IAF", "UORO",
        "KF_RTRL", "KERNL", "REWARD_EPROP", "SG", "BP_LAMBDA"})
    void shouldCountTheForwardPassesOfEveryTrainingBatchAndEachChangedWeight(LearningRule rule) {
        final OperationCounters c = train(rule, 0.01, 0);
        // 3 updates × 2 sequences; W_out[0][0] moves every update (rec0 spikes, error ≠ 0), W_out[0][1] has zero
        // gradient (rec1 is silent), W_in and W_rec are frozen by the mask. rec0's spikes stay where they are.
        assertEquals(3 * 2 * 2, c.spikes());
        assertEquals(3 * 2 * 3, c.inputSpikes());
        assertEquals(3 * 2 * 9, c.synapticOps());
        assertEquals(3 * 2 * 3 * STEPS, c.neuronUpdates());
        assertEquals(3, c.weightUpdates());
    }

    @Test
    void shouldNotCountUpdatesThatQuantisationRoundsAway() {
        // 8-bit W_out fitted to 0.3: step 2^-8 ≈ 0.0039; an SGD change of ~1e-6 rounds back to the same value
        assertEquals(0, train(LearningRule.EPROP, 1e-6, 8).weightUpdates());
        assertEquals(3, train(LearningRule.EPROP, 1e-6, 0).weightUpdates());
    }

    @Test
    void shouldRejectNullArgumentsNamingThem() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightChangeCounter(net(), null, new OperationCounters()));
        assertTrue(e.getMessage().contains("inner = null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrajectoryCounter(null));
    }
}
