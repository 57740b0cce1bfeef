package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/** ‖W_T − W_0‖_F / ‖W_0‖_F on constructed cases with known answers. */
final class RelativeWeightChangeTest {

    @Test
    void shouldGiveTheFrobeniusRatioPerMatrix() {
        // W_0 = (3, 4, 0): norm 5; W_T − W_0 = (0, 0, 12): norm 12; ratio 12/5
        assertEquals(2.4, RelativeWeightChange.of(new double[] {3, 4, 0}, new double[] {3, 4, 12}), 1e-15);
        assertTrue(Double.isNaN(RelativeWeightChange.of(new double[2], new double[] {1, 1})));
        final RecurrentNetwork w0 = TestNetworks.network(0, false, 1.0, 1);
        final RecurrentNetwork wT = w0.copy();
        for (int n = 0; n < wT.wRec().length; n++) {
            wT.wRec()[n] *= 1.5; // W_T − W_0 = 0.5 W_0
        }
        wT.wOut()[0] += 1.0;
        final Map<WeightMatrixId, Double> c = RelativeWeightChange.of(w0, wT);
        assertEquals(0.0, c.get(WeightMatrixId.INPUT), 0.0);
        assertEquals(0.5, c.get(WeightMatrixId.RECURRENT), 1e-15);
        double n2 = 0.0;
        for (double w : w0.wOut()) {
            n2 += w * w;
        }
        assertEquals(1.0 / Math.sqrt(n2), c.get(WeightMatrixId.OUTPUT), 1e-14);
    }
}
