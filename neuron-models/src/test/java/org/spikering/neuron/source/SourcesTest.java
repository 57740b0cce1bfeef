package org.spikering.neuron.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SourcesTest {

    @Test
    void shouldEmitSpikeArrayAtItsSteps() {
        final SpikeArraySource s = new SpikeArraySource(new double[][] {{0.5, 1.0}, {1.0}}, 0.1);
        final int[] out = new int[4];
        assertEquals(1, s.spikesAt(5, out));
        assertEquals(0, out[0]);
        assertEquals(2, s.spikesAt(10, out));
        assertEquals(0, s.spikesAt(11, out));
        assertEquals(3, s.totalSpikes());
    }

    @Test
    void shouldRejectOffGridAndUnsortedTimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpikeArraySource(new double[][] {{0.55}}, 0.1));
        assertTrue(e.getMessage().contains("not on the grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpikeArraySource(new double[][] {{2.0, 1.0}}, 0.1));
        assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
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
