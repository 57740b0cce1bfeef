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
 *   <tr><td>spike-count correlation</td><td>({@link #countCorrelations}) Pearson correlation coefficient of the
 *       spike counts of two neurons in bins of 2 ms, for every pair of a seeded random subsample of each
 *       population (INM-6: 50 neurons, 2 ms); pairs with a neuron whose counts do not vary (e.g. silent) are left
 *       out</td></tr>
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
        // per neuron: spikes in the window and running sums of its ISIs for the CV
        final int[] spikes = new int[n];
        final long[] last = new long[n];
        final double[] sum = new double[n];
        final double[] sq = new double[n];
        for (int k = 0; k < count; k++) {
            if (steps[k] < fromStep || steps[k] >= toStep) {
                continue;
            }
            final int g = globalIds[k];
            if (spikes[g] > 0) {
                final double isi = steps[k] - last[g];
                sum[g] += isi;
                sq[g] += isi * isi;
            }
            last[g] = steps[k];
            spikes[g]++;
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

    /**
     * Pairwise spike-count correlation coefficients per population.
     *
     * @param network   the network.
     * @param steps     spike steps.
     * @param globalIds spike senders.
     * @param count     number of spikes.
     * @param fromStep  first step of the window, inclusive.
     * @param toStep    last step, exclusive.
     * @param binSteps  bin width in steps, &ge; 1.
     * @param subsample neurons drawn per population (all if the population is smaller), &ge; 2.
     * @param seed      seed of the subsample.
     * @return per population (network order), the coefficients of all pairs of its subsample with varying counts.
     */
    public static List<double[]> countCorrelations(final Network network, final long[] steps, final int[] globalIds,
                                                   final int count, final long fromStep, final long toStep,
                                                   final int binSteps, final int subsample, final long seed) {
        if (binSteps < 1 || subsample < 2 || !(toStep - fromStep >= binSteps)) {
            throw new IllegalArgumentException("countCorrelations: bin = " + binSteps + " steps, subsample = " + subsample
                    + ", window = " + (toStep - fromStep) + " steps: need bin >= 1, subsample >= 2 and at least one bin");
        }
        final int bins = (int) ((toStep - fromStep) / binSteps);
        final int n = network.neuronCount();
        // row of each sampled neuron, -1 if not sampled
        final int[] row = new int[n];
        java.util.Arrays.fill(row, -1);
        final List<int[]> sampled = new ArrayList<>();
        final java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int rows = 0;
        for (PopulationSpec p : network.populations()) {
            final int[] idx = new int[p.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            final int m = Math.min(subsample, p.size());
            for (int i = 0; i < m; i++) { // partial Fisher-Yates
                final int j = i + rnd.nextInt(idx.length - i);
                final int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
            }
            final int[] chosen = new int[m];
            for (int i = 0; i < m; i++) {
                chosen[i] = rows;
                row[p.offset() + idx[i]] = rows++;
            }
            sampled.add(chosen);
        }
        final double[][] counts = new double[rows][bins];
        for (int k = 0; k < count; k++) {
            final int r = row[globalIds[k]];
            if (r >= 0 && steps[k] >= fromStep) {
                final long b = (steps[k] - fromStep) / binSteps;
                if (b < bins) {
                    counts[r][(int) b]++;
                }
            }
        }
        final double[] norm = new double[rows];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (double c : counts[r]) {
                mean += c;
            }
            mean /= bins;
            double ss = 0;
            for (int b = 0; b < bins; b++) {
                counts[r][b] -= mean;
                ss += counts[r][b] * counts[r][b];
            }
            norm[r] = Math.sqrt(ss);
        }
        final List<double[]> out = new ArrayList<>();
        for (int[] chosen : sampled) {
            final List<Double> cc = new ArrayList<>();
            for (int a = 0; a < chosen.length; a++) {
                for (int b = a + 1; b < chosen.length; b++) {
                    final int ra = chosen[a];
                    final int rb = chosen[b];
                    if (norm[ra] == 0 || norm[rb] == 0) {
                        continue;
                    }
                    double dot = 0;
                    final double[] x = counts[ra];
                    final double[] y = counts[rb];
                    for (int k = 0; k < bins; k++) {
                        dot += x[k] * y[k];
                    }
                    cc.add(dot / (norm[ra] * norm[rb]));
                }
            }
            out.add(cc.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }
}
