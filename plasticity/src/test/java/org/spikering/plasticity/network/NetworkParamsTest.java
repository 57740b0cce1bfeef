package org.spikering.plasticity.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.SurrogateGradient;
import org.spikering.neuron.alif.AlifNeuron;
import org.spikering.neuron.alif.AlifParameters;

final class NetworkParamsTest {

    @Test
    void shouldHandItsConstantsToTheOneNeuronAndReadoutImplementation() {
        // the forward passes take α, ζ, ρ, κ, ζ_out from neuron-models' AlifNeuron and LeakyReadout; the
        // learning rules take them from here: both must be the same numbers, bit for bit
        NetworkParams p = NetworkParams.nestSineWave().withAdaptation(200.0, 0.4).withRefractorySteps(2);
        AlifNeuron n = p.neuron();
        assertEquals(Math.exp(-1.0 / 30.0), n.alpha(), 0.0);
        assertEquals(p.alpha(), n.alpha(), 0.0);
        assertEquals(1.0 - p.alpha(), n.zeta(), 0.0);
        assertEquals(p.zeta(), n.zeta(), 0.0);
        assertEquals(Math.exp(-1.0 / 200.0), n.rho(), 0.0);
        assertEquals(p.rho(), n.rho(), 0.0);
        assertEquals(p.kappa(), p.readout().kappa(), 0.0);
        assertEquals(p.zetaOut(), p.readout().zetaOut(), 0.0);
        AlifParameters m = p.neuronModel(true);
        assertEquals(SurrogateGradient.PIECEWISE_LINEAR, m.surrogate());
        assertEquals(p.surrogateGamma(), m.surrogateGamma(), 0.0);
        assertEquals(p.surrogateBeta(), m.surrogateBeta(), 0.0);
        assertEquals(2, m.refractorySteps());
        assertEquals(0.4, m.betaAMv(), 0.0);
        assertEquals("eprop_lif", p.neuronModel(false).modelName());
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
                () -> new RecurrentNetwork(1, 2, 1, new boolean[2], p, new double[2], wRec, new double[2]));
        assertTrue(e.getMessage().contains("W_rec[0][0]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new RecurrentNetwork(1, 2, 1, new boolean[2], p, new double[3], new double[4], new double[2]));
        assertTrue(e2.getMessage().startsWith("W_in.length = 3"), e2.getMessage());
    }
}
