package org.spikering.neuron.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.NeuronPopulation;

final class SourcesTest {

    @Test
    void shouldEmitSpikeArrayAtItsSteps() {
        final NeuronPopulation s = SpikeGeneratorModel.fromTimes(new double[][] {{0.5, 1.0}, {1.0}}, 0.1)
                .createPopulation(2, 0.1);
        final int[] out = new int[4];
        int total = 0;
        for (int t = 0; t < 20; t++) {
            final int c = s.update(t, 0, 2, new double[2], null, out, 0);
            total += c;
            if (t == 5) {
                assertEquals(1, c);
                assertEquals(0, out[0]);
            } else if (t == 10) {
                assertEquals(2, c);
            } else {
                assertEquals(0, c, "step " + t);
            }
        }
        assertEquals(3, total);
    }

    @Test
    void shouldRejectOffGridUnsortedAndRepeatedTimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeGeneratorModel.fromTimes(new double[][] {{0.55}}, 0.1));
        assertTrue(e.getMessage().startsWith("spike_times[0][0] = 0.55 ms is not on the grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikeGeneratorModel.fromTimes(new double[][] {{}, {2.0, 1.0}}, 0.1));
        assertTrue(e.getMessage().startsWith("spike_times[1][1] = 1.0 ms: must be after 2.0 ms"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikeGeneratorModel.fromTimes(new double[][] {{1.0, 1.0}}, 0.1));
        assertTrue(e.getMessage().startsWith("spike_times[0][1] = 1.0 ms: must be after"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikeGeneratorModel.fromTimes(new double[][] {{Double.NaN}}, 0.1));
        assertTrue(e.getMessage().startsWith("spike_times[0][0] = NaN ms: must be a finite number >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new StepCurrentSource(new double[] {0.0, 0.25}, new double[] {1.0, 2.0}, 0.1));
        assertTrue(e.getMessage().startsWith("amplitude_times[1] = 0.25 ms is not on the grid"), e.getMessage());
    }

    @Test
    void shouldHoldStepCurrentAmplitudes() {
        final StepCurrentSource s = new StepCurrentSource(new double[] {1.0, 2.0}, new double[] {100, -50}, 0.1);
        assertEquals(0, s.amplitudeAt(9));
        assertEquals(100, s.amplitudeAt(10));
        assertEquals(-50, s.amplitudeAt(25));
        assertEquals(7.5, StepCurrentSource.dc(7.5, 0.1).amplitudeAt(0));
    }
}
