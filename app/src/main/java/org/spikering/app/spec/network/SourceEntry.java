package org.spikering.app.spec.network;

import java.util.List;

/**
 * One entry of {@code network.sources}.
 *
 * <table>
 *   <caption>Kinds and their fields</caption>
 *   <tr><th>kind</th><th>fields</th><th>sim-core</th></tr>
 *   <tr><td>poisson</td><td>target, rate_hz (Hz), weight_pa (pA), weight_mv (mV) or weight (unit-free, loihi models)</td>
 *       <td>{@code poissonInput}: an independent Poisson train into every target neuron (NEST poisson_generator)</td></tr>
 *   <tr><td>dc</td><td>target, amplitude_pa (pA), start_ms (ms)</td>
 *       <td>{@code stepCurrent} with one change at start_ms (NEST dc_generator)</td></tr>
 *   <tr><td>step_current</td><td>target, times_ms (ms), amplitudes_pa (pA)</td>
 *       <td>{@code stepCurrent} (NEST step_current_generator)</td></tr>
 *   <tr><td>spike_array</td><td>name, spike_times_ms (ms per neuron) or file (CSV neuron,time_ms; SONATA; NumPy:
 *       a dense (steps, size) 0/1 matrix, or an .npz with times_ms and ids) + size, array (the .npz matrix)</td>
 *       <td>{@code spikeArraySource}: a population of spike generators (NEST spike_generator)</td></tr>
 * </table>
 *
 * @param kind         poisson, dc, step_current or spike_array.
 * @param name         name (required for spike_array: it is a population), or null.
 * @param target       target population, or null.
 * @param rateHz       Poisson rate, Hz, or null.
 * @param weightPa     Poisson weight, pA, or null.
 * @param weightMv     Poisson weight, mV, or null.
 * @param weight       Poisson weight, unit-free (loihi models), or null.
 * @param amplitudePa  DC amplitude, pA, or null.
 * @param startMs      DC start, ms, or null.
 * @param timesMs      step current change times, ms, or null.
 * @param amplitudesPa step current amplitudes, pA, or null.
 * @param spikeTimesMs spike times per generator, ms, or null.
 * @param file         spike array file (CSV, SONATA, .npy or .npz), or null.
 * @param size         spike array size with file, or null.
 * @param array        the dense matrix's name in a spike array's .npz file, or null (then its arrays times_ms and
 *                     ids).
 */
public record SourceEntry(String kind, String name, String target, Double rateHz, Double weightPa, Double weightMv,
                          Double weight, Double amplitudePa, Double startMs, List<Double> timesMs, List<Double> amplitudesPa,
                          List<List<Double>> spikeTimesMs, String file, Integer size, String array) {

    /** @return the Poisson weight given (pA, mV or unit-free), or null. */
    public Double givenWeight() {
        return weightPa != null ? weightPa : weightMv != null ? weightMv : weight;
    }
}
