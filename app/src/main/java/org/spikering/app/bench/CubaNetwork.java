package org.spikering.app.bench;

import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;

/**
 * The CUBA benchmark network of Brette et al. 2007 (after Vogels &amp; Abbott 2005), as Brian2's
 * {@code examples/CUBA.py} runs it (its voltage weights 1.62 mV and −9 mV are w·τ_m/C_m of the currents here; it
 * allows autapses and has no synaptic delay): 80 % excitatory and 20 % inhibitory LIF neurons with exponential
 * current synapses
 * (τ_ex 5 ms, τ_in 10 ms), τ_m 20 ms, C_m 250 pF, E_L −49 mV, V_th −50 mV, V_reset −60 mV, t_ref 5 ms,
 * w_E 20.25 pA, w_I −112.5 pA, delay 0.1 ms, V_m(0) ~ U[−60, −50] mV, dt 0.1 ms, no autapses, no
 * external input (self-sustained: E_L lies above threshold). NEST's {@code pynest/examples/brette_et_al_2007/cuba.py}
 * builds a different variant: C_m 200 pF, w_I −139.5 pA (−13.95 mV against −9 mV here), fixed in-degrees 64 and
 * 16, V_m(0) = −49 mV for all neurons and a 50-ms 300-Hz Poisson kick to 50 excitatory neurons.
 *
 * <p>At full size (4000 neurons) the connection probability is 0.02, i.e. 80 excitatory and 20
 * inhibitory inputs per neuron on average. Smaller networks keep these mean in-degrees
 * (p = 0.02 · 4000 / N, capped at 1), so the dynamics stay comparable.
 */
public final class CubaNetwork {

    /** Neurons at full size. */
    public static final int FULL_SIZE = 4000;
    /** Step, ms. */
    public static final double DT_MS = 0.1;

    private CubaNetwork() {
    }

    /**
     * @param neurons total neurons (80 % excitatory), &ge; 10.
     * @param seed    seed.
     * @return the network.
     */
    public static Network build(final int neurons, final long seed) {
        if (neurons < 10) {
            throw new IllegalArgumentException("neurons = " + neurons + ": CUBA needs at least 10 neurons");
        }
        final int ne = (int) Math.round(neurons * 0.8);
        final int ni = neurons - ne;
        final double p = Math.min(1.0, 0.02 * FULL_SIZE / neurons);
        final LifExpParameters model = LifExpParameters.cuba();
        final Connector c = Connector.fixedProbability(p).autapses(false);
        final Distribution d = Distribution.constant(0.1);
        return Network.builder(DT_MS).seed(seed)
                .population("E", ne, model)
                .population("I", ni, model)
                .initialPotential("E", Distribution.uniform(-60, -50))
                .initialPotential("I", Distribution.uniform(-60, -50))
                .connect("E", "E", c, Distribution.constant(20.25), d)
                .connect("E", "I", c, Distribution.constant(20.25), d)
                .connect("I", "E", c, Distribution.constant(-112.5), d)
                .connect("I", "I", c, Distribution.constant(-112.5), d)
                .build();
    }
}
