package org.spikering.app.reservoir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Plots;
import org.spikering.app.report.Progress;
import org.spikering.app.report.RunRecords;
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
 * How reservoir performance scales with size and with distance from the edge of chaos. ESN: for each
 * size N and spectral radius ρ (the gain) and seed: NARMA-10 test NRMSE, memory capacity, and the
 * maximum Lyapunov exponent along the NARMA input trajectory (Benettin). LSM: for each size and weight
 * gain: memory capacity, perturbation separation 10 samples (300 ms) after a one-spike perturbation, and
 * the branching ratio. Writes scaling.csv (one row per point, means and SDs over seeds) and PNGs of
 * performance vs size (one line per gain) and vs gain (one line per size) and of the chaos measure vs gain.
 * Every (point, seed) is independent and seeded by its size and seed, so with {@link RunRecords} a study killed
 * half-way keeps the runs it completed and a second start with the same settings computes only the rest.
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

    /**
     * @param sizes    sizes.
     * @param radii    spectral radii.
     * @param seeds    seeds per point.
     * @param progress where the progress goes (stderr, {@link Progress}), or null.
     * @return the table (NARMA-10 NRMSE, MC, MLE).
     */
    public static Table esn(final List<Integer> sizes, final List<Double> radii, final int seeds, final PrintStream progress) {
        try (Progress bar = Progress.start("reservoir scaling", "runs", 0, (long) sizes.size() * radii.size() * seeds, progress)) {
            return esn(sizes, radii, seeds, bar, null);
        }
    }

    /**
     * @param sizes    sizes.
     * @param radii    spectral radii.
     * @param seeds    seeds per point.
     * @param bar      the progress, counting runs to sizes × gains × seeds (the caller's; not closed here).
     * @param records  per-(point, seed) records kept across a kill ({@link RunRecords}), or null.
     * @return the table (NARMA-10 NRMSE, MC, MLE).
     */
    public static Table esn(final List<Integer> sizes, final List<Double> radii, final int seeds, final Progress bar,
                            final RunRecords records) {
        final List<Row> rows = new ArrayList<>();
        long done = 0;
        for (int n : sizes) {
            for (double rho : radii) {
                final double[][] v = new double[seeds][];
                for (int s = 0; s < seeds; s++) {
                    final String key = "esn-n" + n + "-g" + rho + "-s" + s;
                    v[s] = records == null ? null : records.get(key);
                    bar.stepTo(done++, null);
                    if (v[s] != null) {
                        continue;
                    }
                    final EsnParameters p = new EsnParameters(n, rho, Math.min(1.0, Math.max(0.1, 10.0 / n)), 0.3, 1.0, 0.0,
                            EsnParameters.Activation.TANH, EsnParameters.Topology.GAUSSIAN, 1000L * n + s);
                    final EchoStateNetwork esn = new EchoStateNetwork(p, 1);
                    final double nrmse = Narma10.run(esn, 5200, 200, 1000, s + 1).testNrmse();
                    final double mc = MemoryCapacity.measure(esn, Math.min(2 * n, 400), 200, 3000, 1000, 1e-8, s + 1).capacity();
                    final double[] u = Narma10.series(2200, s + 1)[0];
                    final double mle = Lyapunov.maximum(esn, u, 200);
                    v[s] = new double[] {nrmse, mc, mle};
                    if (records != null) {
                        records.put(key, v[s]);
                    }
                }
                rows.add(summarise(n, rho, v));
                final double[] m = rows.get(rows.size() - 1).mean();
                bar.stepTo(done, String.format("N %d rho %.2f: NRMSE %.3f MC %.1f MLE %.3f", n, rho, m[0], m[1], m[2]));
            }
        }
        return new Table(new String[] {"narma10_nrmse", "memory_capacity", "lyapunov_max"}, rows, "narma10_nrmse", 0, 2);
    }

    /**
     * @param sizes    column sizes.
     * @param gains    weight gains.
     * @param seeds    seeds per point.
     * @param progress where the progress goes (stderr, {@link Progress}), or null.
     * @return the table (MC, separation at 300 ms, branching ratio, rate).
     */
    public static Table lsm(final List<Integer> sizes, final List<Double> gains, final int seeds, final PrintStream progress) {
        try (Progress bar = Progress.start("reservoir scaling", "runs", 0, (long) sizes.size() * gains.size() * seeds, progress)) {
            return lsm(sizes, gains, seeds, bar, null);
        }
    }

    /**
     * @param sizes    column sizes.
     * @param gains    weight gains.
     * @param seeds    seeds per point.
     * @param bar      the progress, counting runs to sizes × gains × seeds (the caller's; not closed here).
     * @param records  per-(point, seed) records kept across a kill ({@link RunRecords}), or null.
     * @return the table (MC, separation at 300 ms, branching ratio, rate).
     */
    public static Table lsm(final List<Integer> sizes, final List<Double> gains, final int seeds, final Progress bar,
                            final RunRecords records) {
        final List<Row> rows = new ArrayList<>();
        long done = 0;
        for (int n : sizes) {
            for (double g : gains) {
                final double[][] v = new double[seeds][];
                for (int s = 0; s < seeds; s++) {
                    final String key = "lsm-n" + n + "-g" + g + "-s" + s;
                    v[s] = records == null ? null : records.get(key);
                    bar.stepTo(done++, null);
                    if (v[s] != null) {
                        continue;
                    }
                    final LiquidStateMachine lsm = new LiquidStateMachine(LsmParameters.maass(n, g, 1000L * n + s));
                    final LsmMemory.Result mc = LsmMemory.measure(lsm, 300, 30, 30, 8, s + 1);
                    final double[] u = new double[40];
                    final SplittableRandom r = new SplittableRandom(s);
                    for (int i = 0; i < u.length; i++) {
                        u[i] = r.nextDouble();
                    }
                    final SpikingChaos.Result c = SpikingChaos.measure(lsm, u, 30, 30, 5);
                    v[s] = new double[] {mc.capacity(), mc.capacity(), c.separation()[10], c.branchingRatio(), mc.meanRateHz()};
                    if (records != null) {
                        records.put(key, v[s]);
                    }
                }
                rows.add(summarise(n, g, v));
                final double[] m = rows.get(rows.size() - 1).mean();
                bar.stepTo(done, String.format("N %d gain %.2f: MC %.2f separation %.3f BR %.2f rate %.1f Hz", n, g,
                        m[0], m[2], m[3], m[4]));
            }
        }
        return new Table(new String[] {"lsm_memory_capacity", "memory_capacity", "separation_300ms", "branching_ratio",
            "rate_hz"}, rows, "lsm_memory_capacity", 0, 2);
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
