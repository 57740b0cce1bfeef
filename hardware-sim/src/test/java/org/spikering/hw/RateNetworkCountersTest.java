package org.spikering.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.counters.TrajectoryCounter;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * The counters of a rate network, counted by hand: 2 inputs, 3 rate units, 1 readout, 10 steps, 4 sequences, with
 * zeros in every matrix (a dense product multiplies them too). Per step n_rec·(n_in + n_rec) + n_out·n_rec
 * = 3·(2 + 3) + 1·3 = 18 multiply-accumulates, so 4·10·18 = 720; neuron updates 4·10·(3 + 1) = 160; no spikes, input
 * spikes or synaptic operations (analog inputs are not events). Loihi energies (23.6 pJ per synaptic op, charged per
 * MAC; 81 pJ per neuron update): 720·23.6 + 160·81 = 29952 pJ.
 */
final class RateNetworkCountersTest {
    private static final int STEPS = 10;
    private static final int SEQUENCES = 4;

    @Test
    void shouldCountDenseMacsAndNoSpikesForARateNetwork() {
        final NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 0, true, 0.3, 1.0, 200.0, 0.0, 20.0, 0.0, 10.0);
        final RecurrentNetwork net = new RecurrentNetwork(2, 3, 1, new boolean[3], p,
                new double[] {1, 0, 0, 0.5, 0, 0}, new double[] {0, 0, 0, 0.2, 0, 0, 0, 0, 0}, new double[] {0, 1, 0},
                new RateUnits(RateActivation.TANH, 5.0, LeakyRateUnit.Form.RATE_LEAK, 0.0), null);
        final float[] x = new float[SEQUENCES * STEPS * 2];
        java.util.Arrays.fill(x, 0.5f); // analog input on every step: not spikes
        final boolean[] mask = new boolean[SEQUENCES * STEPS];
        java.util.Arrays.fill(mask, true);
        final SequenceBatch b = new SequenceBatch(SEQUENCES, STEPS, 2, 1, x, new double[SEQUENCES * STEPS], mask,
                LossKind.REGRESSION_MSE);
        final OperationCounters c = new OperationCounters();
        final TrajectoryCounter counter = new TrajectoryCounter(c);
        final Trajectory tr = new Trajectory(STEPS, 3, 1);
        for (int s = 0; s < SEQUENCES; s++) {
            counter.onForwardPass(net, b, s, tr);
        }
        assertEquals(720, c.denseMacs());
        assertEquals(160, c.neuronUpdates());
        assertEquals(0, c.spikes());
        assertEquals(0, c.inputSpikes());
        assertEquals(0, c.synapticOps());
        assertEquals(720L, c.toMap().get("dense_macs"));
        assertEquals(29952e-12, EnergyModel.loihi().joules(c), 1e-24);
        assertEquals(720 * 23.6e-12, (Double) EnergyModel.loihi().breakdown(c).get("dense_macs_J"), 1e-24);
    }

    @Test
    void spikingCountersHaveNoDenseMacEntry() {
        final OperationCounters c = new OperationCounters();
        c.addSynapticOps(5);
        final Map<String, Object> m = c.toMap();
        assertFalse(m.containsKey("dense_macs"), "summaries of spiking runs unchanged");
        assertFalse(EnergyModel.loihi().breakdown(c).containsKey("dense_macs_J"));
    }
}
