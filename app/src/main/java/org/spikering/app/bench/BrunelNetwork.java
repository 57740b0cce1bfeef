package org.spikering.app.bench;

import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;

/**
 * Brunel (2000) model A as NEST's {@code brunel_delta_nest.py} runs it: N_E = 10 000 excitatory and
 * N_I = 2 500 inhibitory delta-synapse LIF neurons (τ_m 20 ms, V_th 20 mV, V_reset 0 mV, V_m(0) = 0,
 * t_ref 2 ms, input during the refractory period discarded), fixed in-degrees C_E = 1000 and
 * C_I = 250 (multapses and autapses allowed, as NEST's default), J = 0.1 mV, g = 5 (J_I = −g·J),
 * delay 1.5 ms, dt 0.1 ms, and independent external Poisson input of rate η·ν_thr·C_E per neuron with
 * weight J, where ν_thr = V_th / (J·C_E·τ_m) and η = 2.
 *
 * <p>Scaled networks (scale s: N_E = 10 000·s, N_I = 2 500·s) keep the connection probability
 * ε = 0.1 of the full model, so C_E = 0.1·N_E and C_I = 0.1·N_I, and scale J by 1000/C_E so that the
 * mean recurrent and external input (J·C_E and the external drive J·C_E·ν_ext·τ_m) stay those of the
 * full model.
 */
public final class BrunelNetwork {

    /** Step, ms. */
    public static final double DT_MS = 0.1;

    private BrunelNetwork() {
    }

    /**
     * @param scale fraction of the full size, in (0, 10].
     * @param seed  seed.
     * @return the network.
     */
    public static Network build(final double scale, final long seed) {
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("scale = " + scale + ": must be in (0, 10]");
        }
        final int ne = (int) Math.round(10_000 * scale);
        final int ni = (int) Math.round(2_500 * scale);
        if (ni < 10) {
            throw new IllegalArgumentException("scale = " + scale + ": gives " + ni + " inhibitory neurons; must give at least 10 (scale >= 0.004)");
        }
        final int ce = Math.max(1, (int) Math.round(0.1 * ne));
        final int ci = Math.max(1, (int) Math.round(0.1 * ni));
        final double j = 0.1 * 1000.0 / ce;
        final double g = 5.0;
        final double eta = 2.0;
        final double tauM = 20.0;
        final double vTh = 20.0;
        final double nuThrHz = vTh / (j * ce * tauM) * 1000.0;
        final double externalRateHz = eta * nuThrHz * ce;
        final LifDeltaParameters model = LifDeltaParameters.brunel();
        final Distribution delay = Distribution.constant(1.5);
        return Network.builder(DT_MS).seed(seed)
                .population("E", ne, model)
                .population("I", ni, model)
                .connect("E", "E", Connector.fixedInDegree(ce), Distribution.constant(j), delay)
                .connect("E", "I", Connector.fixedInDegree(ce), Distribution.constant(j), delay)
                .connect("I", "E", Connector.fixedInDegree(ci), Distribution.constant(-g * j), delay)
                .connect("I", "I", Connector.fixedInDegree(ci), Distribution.constant(-g * j), delay)
                .poissonInput("E", externalRateHz, j)
                .poissonInput("I", externalRateHz, j)
                .build();
    }
}
