package org.spikering.app.spec.network;

import org.spikering.app.spec.DistributionSpec;

/**
 * One entry of {@code network.projections}: synapses from a source population (or spike array) to a target
 * population. The weight is given in the unit the target model's synapses take: {@code weight_pa} (pA) for current
 * synapses (lif_exp; the sign picks the excitatory or inhibitory channel), {@code weight_mv} (mV, a jump of V_m)
 * for delta synapses (lif_delta, eprop models), {@code weight} (unit-free; added to the input a_in) for loihi_lif (a
 * whole number: an integer weight mantissa) and loihi_lif_float; exactly one of them.
 *
 * @param name      optional name, or null.
 * @param source    source population.
 * @param target    target population.
 * @param connector the rule.
 * @param weightPa  weight in pA, or null.
 * @param weightMv  weight in mV, or null.
 * @param weight    unit-free weight (loihi models), or null.
 * @param delayMs   delay in ms: a constant (a multiple of dt, ≥ dt) or a distribution rounded to steps.
 */
public record ProjectionEntry(String name, String source, String target, ConnectorEntry connector,
                              DistributionSpec weightPa, DistributionSpec weightMv, DistributionSpec weight, DistributionSpec delayMs) {

    /** @return the weight given (weight_pa, weight_mv or weight), or null. */
    public DistributionSpec givenWeight() {
        return weightPa != null ? weightPa : weightMv != null ? weightMv : weight;
    }

    /** @return the name of the weight field given, or null. */
    public String givenWeightField() {
        return weightPa != null ? "weight_pa" : weightMv != null ? "weight_mv" : weight != null ? "weight" : null;
    }

    /** @return {@code SOURCE -> TARGET}, for messages. */
    public String label() {
        return source + " -> " + target;
    }
}
