package org.spikering.app.reservoir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Plots;
import org.spikering.reservoir.analysis.Lyapunov;
import org.spikering.reservoir.analysis.SpikingChaos;
import org.spikering.reservoir.bench.LsmMemory;
import org.spikering.reservoir.bench.MemoryCapacity;
import org.spikering.reservoir.bench.Narma10;
import org.spikering.reservoir.esn.EchoStateNetwork;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.lsm.LiquidStateMachine;
import org.spikering.reservoir.lsm.LsmParameters;

/**
 * How reservoir performance scales with size and with distance from the edge of chaos: one run
 * ({@link #esnRun}, {@link #lsmRun}) and the table over runs ({@link #table}); {@code reservoir scaling} runs the
 * grid as a sweep of such runs. ESN: for each
 * size N and spectral radius ρ (the gain) and seed: NARMA-10 test NRMSE, memory capacity, and the
 * maximum Lyapunov exponent along the NARMA input trajectory (Benettin). LSM: for each size and weight
 * gain: memory capacity, perturbation separation 10 samples (300 ms) after a one-spike perturbation, and
 * the branching ratio. Writes scaling.csv (one row per point, means and SDs over seeds) and PNGs of
 * performance vs size (one line per gain) and vs gain (one line per size) and of the chaos measure vs gain.
 * Every (point, seed) is independent and seeded by its size and seed alone.
 */
public final class ScalingStudy {

    private ScalingStudy() {
    }

    /** One point of the study: mean and SD over seeds of each measure. */
    public record Row(int size, double gain, double[] mean, double[] sd) {
    }

    /** The study's result. */
    public record Table(String[] measures, List<Row> rows, String perfName, int perfIndex, int chaosIndex) {

        /** @param dir output folder: scaling.csv and the plots. */
        public void write(final Path dir) {
            write(dir, true);
        }

        /**
         * @param dir   output folder.
         * @param plots whether to write the PNGs besides scaling.csv.
         */
        public void write(final Path dir, final boolean plots) {
            final int m = measures.length;
            final String[] header = new String[2 + 2 * m];
            header[0] = "size";
            header[1] = "gain";
            for (int k = 0; k < m; k++) {
                header[2 + 2 * k] = measures[k] + "_mean";
                header[3 + 2 * k] = measures[k] + "_sd";
            }
            final double[][] cols = new double[header.length][rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                final Row row = rows.get(r);
                cols[0][r] = row.size();
                cols[1][r] = row.gain();
                for (int k = 0; k < m; k++) {
                    cols[2 + 2 * k][r] = row.mean()[k];
                    cols[3 + 2 * k][r] = row.sd()[k];
                }
            }
            Csv.writeColumns(dir.resolve("scaling.csv"), header, cols);
            if (!plots) {
                return;
            }
            final List<Integer> sizes = rows.stream().map(Row::size).distinct().toList();
            final List<Double> gains = rows.stream().map(Row::gain).distinct().toList();
            Plots.savePng(Plots.lineChart(measures[perfIndex] + " vs size", "size N", measures[perfIndex],
                    series(gains, true, perfIndex)), dir.resolve("perf_vs_size.png"));
            Plots.savePng(Plots.lineChart(measures[perfIndex] + " vs gain", "gain", measures[perfIndex],
                    series(sizes.stream().map(Integer::doubleValue).toList(), false, perfIndex)), dir.resolve("perf_vs_gain.png"));
            Plots.savePng(Plots.lineChart(measures[chaosIndex] + " vs gain", "gain", measures[chaosIndex],
                    series(sizes.stream().map(Integer::doubleValue).toList(), false, chaosIndex)), dir.resolve("chaos_vs_gain.png"));
            Plots.savePng(Plots.lineChart(measures[1] + " vs size", "size N", measures[1],
                    series(gains, true, 1)), dir.resolve("memory_vs_size.png"));
        }

        private Plots.Series[] series(final List<Double> keys, final boolean bySize, final int measure) {
            final Plots.Series[] s = new Plots.Series[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                final double key = keys.get(k);
                final List<Row> sel = rows.stream().filter(r -> bySize ? r.gain() == key : r.size() == (int) key).toList();
                final double[] x = new double[sel.size()];
                final double[] y = new double[sel.size()];
                for (int i = 0; i < sel.size(); i++) {
                    x[i] = bySize ? sel.get(i).size() : sel.get(i).gain();
                    y[i] = sel.get(i).mean()[measure];
                }
                s[k] = new Plots.Series(bySize ? "gain " + key : "N = " + (int) key, x, y);
            }
            return s;
        }
    }

    /** The measures of an ESN run, in the order of {@link #esnRun}'s values and the table's columns. */
    public static final String[] ESN_MEASURES = {"narma10_nrmse", "memory_capacity", "lyapunov_max"};
    /** The measures of an LSM run, in the order of {@link #lsmRun}'s values and the table's columns. */
    public static final String[] LSM_MEASURES = {"lsm_memory_capacity", "memory_capacity", "separation_300ms",
        "branching_ratio", "rate_hz"};

    /**
     * One run of the ESN study: an ESN of size n (connectivity min(1, max(0.1, 10 / n)), input scaling 0.3, tanh,
     * Gaussian W drawn from 1000 n + s) with spectral radius rho; NARMA-10 test NRMSE over 5200 steps (washout 200,
     * test 1000, series seed s + 1), memory capacity with min(2n, 400) delays (washout 200, train 3000, test 1000,
     * ridge 1e-8, seed s + 1) and the maximum Lyapunov exponent along a NARMA input of 2200 steps (seed s + 1).
     *
     * @param n   size.
     * @param rho spectral radius.
     * @param s   run seed index, &ge; 0.
     * @return {@link #ESN_MEASURES}.
     */
    public static double[] esnRun(final int n, final double rho, final long s) {
        final EsnParameters p = new EsnParameters(n, rho, Math.min(1.0, Math.max(0.1, 10.0 / n)), 0.3, 1.0, 0.0,
                EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1000L * n + s);
        final EchoStateNetwork esn = new EchoStateNetwork(p, 1);
        final double nrmse = Narma10.run(esn, 5200, 200, 1000, s + 1).testNrmse();
        final double mc = MemoryCapacity.measure(esn, Math.min(2 * n, 400), 200, 3000, 1000, 1e-8, s + 1).capacity();
        final double[] u = Narma10.series(2200, s + 1)[0];
        final double mle = Lyapunov.maximum(esn, u, 200);
        return new double[] {nrmse, mc, mle};
    }

    /**
     * One run of the LSM study: Maass et al.'s column of size n with weight gain g drawn from 1000 n + s; memory
     * capacity over 300 samples of 30 ms (filter 30 ms, 8 delays, seed s + 1), separation 10 samples (300 ms) after a
     * perturbation of a 40-sample uniform input drawn from s, branching ratio and rate.
     *
     * @param n size.
     * @param g weight gain.
     * @param s run seed index, &ge; 0.
     * @return {@link #LSM_MEASURES} (memory capacity twice: the LSM's and the shared column of the plots).
     */
    public static double[] lsmRun(final int n, final double g, final long s) {
        final LiquidStateMachine lsm = new LiquidStateMachine(LsmParameters.maass(n, g, 1000L * n + s));
        final LsmMemory.Result mc = LsmMemory.measure(lsm, 300, 30, 30, 8, s + 1);
        final double[] u = new double[40];
        final SplittableRandom r = new SplittableRandom(s);
        for (int i = 0; i < u.length; i++) {
            u[i] = r.nextDouble();
        }
        final SpikingChaos.Result c = SpikingChaos.measure(lsm, u, 30, 30, 5);
        return new double[] {mc.capacity(), mc.capacity(), c.separation()[10], c.branchingRatio(), mc.meanRateHz()};
    }

    /**
     * The study's table from its runs: one row per (size, gain), sizes outer, with the mean and sample sd over seeds.
     *
     * @param esn   ESN (else LSM) measures.
     * @param sizes sizes, in order.
     * @param gains gains, in order.
     * @param runs  for each (size index, gain index), the values of its runs in seed order.
     * @return the table.
     */
    public static Table table(final boolean esn, final List<Integer> sizes, final List<Double> gains,
                              final java.util.function.BiFunction<Integer, Integer, double[][]> runs) {
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            for (int j = 0; j < gains.size(); j++) {
                rows.add(summarise(sizes.get(i), gains.get(j), runs.apply(i, j)));
            }
        }
        return esn ? new Table(ESN_MEASURES.clone(), rows, "narma10_nrmse", 0, 2)
                : new Table(LSM_MEASURES.clone(), rows, "lsm_memory_capacity", 0, 2);
    }

    private static Row summarise(final int n, final double g, final double[][] v) {
        final int m = v[0].length;
        final double[] mean = new double[m];
        final double[] sd = new double[m];
        for (double[] x : v) {
            for (int k = 0; k < m; k++) {
                mean[k] += x[k] / v.length;
            }
        }
        for (double[] x : v) {
            for (int k = 0; k < m; k++) {
                sd[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / Math.max(1, v.length - 1);
            }
        }
        for (int k = 0; k < m; k++) {
            sd[k] = Math.sqrt(sd[k]);
        }
        return new Row(n, g, mean, sd);
    }
}
