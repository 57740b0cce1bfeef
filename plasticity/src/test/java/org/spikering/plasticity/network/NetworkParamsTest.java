package org.spikering.plasticity.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.SurrogateGradient;

final class NetworkParamsTest {

    @Test
    void shouldAgreeWithNeuronModelsPiecewiseLinearSurrogateWhenGammaIsScaled() {
        // plasticity uses NEST's coded form γ·max(0, 1 − β|v − A|) with γ = γ_pd/v_th, β = 1/v_th;
        // neuron-models writes the paper's form γ_pd·max(0, 1 − |v − A|/v_th)/v_th
        NetworkParams p = NetworkParams.nestSineWave();
        double vth = p.thresholdMv();
        for (double v = -0.01; v <= 0.08; v += 0.0013) {
            double ours = p.surrogate(v, vth);
            double theirs = SurrogateGradient.PIECEWISE_LINEAR.value(v - vth, vth, 0.3, 0.0);
            assertEquals(theirs, ours, 1e-12 * Math.max(1.0, theirs), "v = " + v);
        }
        assertEquals(10.0, p.surrogate(vth, vth), 1e-12);
        assertEquals(0.0, p.surrogate(2 * vth + 1e-9, vth), 0.0);
    }

    @Test
    void shouldRejectNonPositiveTimeConstantWithNamedParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkParams(1.0, -5.0, 0.03, 0, false, 10, 33, 100, 0, 30, 0, 10));
        assertTrue(e.getMessage().startsWith("tauMembraneMs = -5.0 ms"), e.getMessage());
    }

    @Test
    void shouldRejectAutapsesAndWrongShapes() {
        NetworkParams p = NetworkParams.nestSineWave();
        double[] wRec = new double[4];
        wRec[0] = 0.5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RecurrentSpikingNetwork(1, 2, 1, new boolean[2], p, new double[2], wRec, new double[2]));
        assertTrue(e.getMessage().contains("W_rec[0][0]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new RecurrentSpikingNetwork(1, 2, 1, new boolean[2], p, new double[3], new double[4], new double[2]));
        assertTrue(e2.getMessage().startsWith("W_in.length = 3"), e2.getMessage());
    }
}
