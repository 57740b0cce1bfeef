package org.spikering.sim.network;

/**
 * Independent Poisson input to every neuron of a population (NEST {@code poisson_generator}
 * connected one-to-one): per neuron and step a Poisson count with mean rate·dt arrives with the
 * given weight.
 *
 * @param target target population name.
 * @param rateHz rate per neuron, Hz.
 * @param weight weight per input spike (mV or pA; the sign picks the channel of two-channel models).
 */
public record PoissonDriveSpec(String target, double rateHz, double weight) {
}
