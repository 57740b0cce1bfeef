package org.spikering.sim.metrics;

import java.util.ArrayList;
import java.util.List;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PopulationSpec;

/**
 * Per-population firing statistics of recorded spikes in a window of steps [from, to), as the PD14
 * community compares simulators (INM-6 {@code microcircuit-PD14-model} reference analysis):
 *
 * <table>
 *   <caption>Statistics (units: Hz, dimensionless)</caption>
 *   <tr><th>name</th><th>definition</th></tr>
 *   <tr><td>rate of neuron i</td><td>spikes in the window / window length (s)</td></tr>
 *   <tr><td>population rate</td><td>mean of the neuron rates over all N neurons, silent ones included</td></tr>
 *   <tr><td>ISI CV of neuron i</td><td>SD(ISI)/mean(ISI), SD with divisor n (numpy's ddof = 0), over the
 *       intervals between its spikes in the window; only neurons with more than 2 spikes</td></tr>
 *   <tr><td>population CV</td><td>mean of the neuron CVs (NaN when no neuron has more than 2 spikes)</td></tr>
 * </table>
 * Stateless.
 */
public final class SpikeTrainStatistics {

    /**
     * One population's statistics.
     *
     * @param name        population name.
     * @param neurons     N.
     * @param rateHz      mean rate over all N neurons, Hz.
     * @param neuronRates rate of every neuron, Hz.
     * @param meanCv      mean ISI CV over the neurons with more than 2 spikes, or NaN.
     * @param cvs         the CVs of those neurons.
     * @param neuronCvs   the CV of every neuron, NaN for neurons with at most 2 spikes.
     */
    public record Population(String name, int neurons, double rateHz, double[] neuronRates, double meanCv, double[] cvs,
                             double[] neuronCvs) {
    }

    private SpikeTrainStatistics() {
    }

    /**
     * @param network   the network whose spikes were recorded.
     * @param steps     spike steps (ascending, as a recorder gives them).
     * @param globalIds spike senders (global ids).
     * @param count     number of spikes.
     * @param fromStep  first step of the window, inclusive.
     * @param toStep    last step, exclusive, &gt; fromStep.
     * @return statistics per population, in the network's order.
     */
    public static List<Population> of(final Network network, final long[] steps, final int[] globalIds, final int count,
                                      final long fromStep, final long toStep) {
        if (!(toStep > fromStep)) {
            throw new IllegalArgumentException("window [" + fromStep + ", " + toStep + ") steps: must be non-empty");
        }
        final int n = network.neuronCount();
        final int[] spikes = new int[n];
        for (int k = 0; k < count; k++) {
            if (steps[k] >= fromStep && steps[k] < toStep) {
                spikes[globalIds[k]]++;
            }
        }
        // per neuron: running sums of ISIs for the CV
        final long[] last = new long[n];
        final double[] sum = new double[n];
        final double[] sq = new double[n];
        final int[] seen = new int[n];
        for (int k = 0; k < count; k++) {
            if (steps[k] < fromStep || steps[k] >= toStep) {
                continue;
            }
            final int g = globalIds[k];
            if (seen[g] > 0) {
                final double isi = steps[k] - last[g];
                sum[g] += isi;
                sq[g] += isi * isi;
            }
            last[g] = steps[k];
            seen[g]++;
        }
        final double seconds = (toStep - fromStep) * network.dtMs() * 1e-3;
        final List<Population> out = new ArrayList<>();
        for (PopulationSpec p : network.populations()) {
            final double[] rates = new double[p.size()];
            final double[] neuronCvs = new double[p.size()];
            final List<Double> cvs = new ArrayList<>();
            double total = 0;
            for (int i = 0; i < p.size(); i++) {
                final int g = p.offset() + i;
                rates[i] = spikes[g] / seconds;
                neuronCvs[i] = Double.NaN;
                total += rates[i];
                if (spikes[g] > 2) {
                    final int m = spikes[g] - 1;
                    final double mean = sum[g] / m;
                    final double var = Math.max(0, sq[g] / m - mean * mean);
                    neuronCvs[i] = Math.sqrt(var) / mean;
                    cvs.add(neuronCvs[i]);
                }
            }
            final double[] cv = cvs.stream().mapToDouble(Double::doubleValue).toArray();
            double meanCv = Double.NaN;
            if (cv.length > 0) {
                double s = 0;
                for (double c : cv) {
                    s += c;
                }
                meanCv = s / cv.length;
            }
            out.add(new Population(p.name(), p.size(), total / p.size(), rates, meanCv, cv, neuronCvs));
        }
        return out;
    }
}
