package org.spikering.sim.network;

/**
 * A projection as declared: source and target populations, connector, weight and delay distributions.
 * Weights are in the target model's input unit (mV for delta synapses, pA for current synapses;
 * for two-channel models the sign picks the excitatory or inhibitory channel). Delays in ms.
 *
 * @param source    source population name.
 * @param target    target population name.
 * @param connector connection rule.
 * @param weights   weight distribution.
 * @param delays    delay distribution, ms.
 * @param exactWeights per-pair weights of an explicit connector, kept in double precision, or null.
 * @param exactDelaysMs per-pair delays of an explicit connector, ms (each rounded to steps as NEST does, at least dt),
 *                     or null.
 */
public record ProjectionSpec(String source, String target, Connector connector, Distribution weights, Distribution delays,
                             double[] exactWeights, double[] exactDelaysMs) {

    /**
     * A projection with drawn delays.
     *
     * @param source       source population name.
     * @param target       target population name.
     * @param connector    connection rule.
     * @param weights      weight distribution.
     * @param delays       delay distribution, ms.
     * @param exactWeights per-pair weights, or null.
     */
    public ProjectionSpec(final String source, final String target, final Connector connector,
                          final Distribution weights, final Distribution delays, final double[] exactWeights) {
        this(source, target, connector, weights, delays, exactWeights, null);
    }

    /**
     * A projection with drawn weights.
     *
     * @param source    source population name.
     * @param target    target population name.
     * @param connector connection rule.
     * @param weights   weight distribution.
     * @param delays    delay distribution, ms.
     */
    public ProjectionSpec(final String source, final String target, final Connector connector,
                          final Distribution weights, final Distribution delays) {
        this(source, target, connector, weights, delays, null, null);
    }
}
