package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.train.LearningRule;

/**
 * {@link RateRnnBench}: the shape it claims (100 units, 50 steps, batch 32, pattern-liu's 40 inputs and 1 readout),
 * one figure per round and the median of the rounds; not its speed.
 */
class RateRnnBenchTest {

    @Test
    void reportsTheClaimedShapeAndTheMedianOfItsRounds() {
        final Map<String, Object> r = RateRnnBench.run(List.of(LearningRule.BPTT), 0, 1, 3, 1);
        assertEquals(100, r.get("units"));
        assertEquals(50, r.get("steps"));
        assertEquals(32, r.get("batch"));
        assertEquals(40, r.get("inputs"));
        assertEquals(1, r.get("outputs"));
        for (String kind : new String[] {"rate", "spiking"}) {
            @SuppressWarnings("unchecked")
            final Map<String, Object> bptt = (Map<String, Object>) ((Map<String, Object>) r.get(kind)).get("bptt");
            final double[] v = ((double[]) bptt.get("ms_per_iteration")).clone();
            assertEquals(3, v.length, kind);
            for (double x : v) {
                assertTrue(x > 0, kind + ": " + x);
            }
            java.util.Arrays.sort(v);
            assertEquals(v[1], (Double) bptt.get("median_ms_per_iteration"), 0.0, kind);
        }
        assertEquals(0.1, (Double) ((Map<?, ?>) r.get("rate")).get("lambda"), 1e-15);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, RateRnnBench.median(new double[] {4, 1, 3, 2}), 0.0);
        assertEquals(2.0, RateRnnBench.median(new double[] {3, 1, 2}), 0.0);
    }
}
