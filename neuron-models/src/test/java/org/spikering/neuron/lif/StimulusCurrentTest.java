package org.spikering.neuron.lif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.NeuronPopulation;
import org.spikering.neuron.source.SpikeGeneratorModel;

/**
 * I_stim of {@link NeuronPopulation#setStimulusCurrent} adds to each neuron's own I_e (uniform and per-neuron
 * biases) and gives the analytic V_m(t) = E_L + R (I_e + I_stim)(1 − e^{−t/τ_m}) from rest.
 */
final class StimulusCurrentTest {

    private static final double DT = 0.1;

    @Test
    void stimulusAddsToEachNeuronsOwnBiasInBothModels() {
        final double[] ownBias = {0.0, 40.0, -25.0};
        for (boolean exp : new boolean[] {false, true}) {
            final NeuronPopulation pop = exp
                    ? new LifExpParameters(10.0, 250.0, -70.0, 1000.0, -80.0, 2.0, 2.0, 5.0, 0.0, ResetMode.TO_VALUE, -70.0)
                            .createPopulation(3, DT)
                    : new LifDeltaParameters(10.0, 250.0, -70.0, 1000.0, -80.0, 2.0, 0.0, ResetMode.TO_VALUE, -70.0)
                            .createPopulation(3, DT);
            assertTrue(pop.acceptsStimulusCurrent());
            pop.setStimulusCurrent(100.0);
            // a per-neuron bias set after the stimulus keeps the stimulus on top (neuron 0 keeps the uniform I_e)
            for (int i = 1; i < 3; i++) {
                if (exp) {
                    ((LifExpPopulation) pop).setBiasCurrent(i, ownBias[i]);
                } else {
                    ((LifDeltaPopulation) pop).setBiasCurrent(i, ownBias[i]);
                }
            }
            final double[] in0 = new double[3];
            final double[] in1 = exp ? new double[3] : null;
            final int[] spikes = new int[3];
            for (int s = 1; s <= 300; s++) {
                pop.update(s - 1, 0, 3, in0, in1, spikes, 0);
                for (int i = 0; i < 3; i++) {
                    final double expected = -70.0 + 10.0 / 250.0 * (ownBias[i] + 100.0) * (1.0 - Math.exp(-s * DT / 10.0));
                    assertEquals(expected, pop.membranePotential(i), 1e-12, (exp ? "lif_exp" : "lif_delta")
                            + " neuron " + i + " at t = " + s * DT + " ms");
                }
            }
        }
    }

    @Test
    void modelsWithoutCurrentInputRefuseIt() {
        final NeuronPopulation g = new SpikeGeneratorModel(new int[][] {{1}}).createPopulation(1, DT);
        assertFalse(g.acceptsStimulusCurrent());
        assertThrows(UnsupportedOperationException.class, () -> g.setStimulusCurrent(1.0));
        final NeuronPopulation lif = LifDeltaParameters.brunel().createPopulation(1, DT);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lif.setStimulusCurrent(Double.NaN));
        assertTrue(e.getMessage().startsWith("I_stim = NaN pA"), e.getMessage());
    }
}
