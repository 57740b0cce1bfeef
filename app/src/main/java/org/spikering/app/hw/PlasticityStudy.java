package org.spikering.app.hw;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.HardwareSpec;
import org.spikering.app.spec.hardware.MaskSpec;
import org.spikering.app.spec.hardware.WeightsSpec;
import org.spikering.app.report.RunRecords;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainingRun;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.Evaluation;
import org.spikering.plasticity.train.LearningRule;

/**
 * The plasticity-sparsity study: for one task, every combination of plastic fraction (plus the reservoir row,
 * only readout plastic), weight bits (32 = float, else b-bit quantised weights with a per-matrix exponent) and
 * rounding mode, over several seeds; e-prop with the mask and the quantiser as {@code WeightUpdateHook}
 * decorators. Seed s fixes the network (1000 + s), the mask (555 + s), the stochastic rounding (77 + s) and the
 * training batches and held-out test set (31 + s, {@link BatchSeeds}), so every configuration of a seed sees the
 * same data. Per run: test loss and accuracy of the trained network on the held-out set, and the exact counters of
 * training ({@link TrainingRun}: spikes, input spikes, synaptic operations, neuron updates, changed weights) with the
 * energy estimate (Loihi's per-operation energies, {@link EnergyModel#loihi()}, unless overridden). Rows report mean and sample standard deviation over seeds;
 * files are written by {@link StudyFiles}.
 */
public final class PlasticityStudy {

    /** The study's result set ({@link StudyFiles}). */
    public static final String[] RESULT_FILES = {"study.csv", "study.json", "loss.png", "accuracy.png", "energy.png", "synops.png"};

    /**
     * One row of the study table.
     *
     * @param plastic   "readout-only" or "random".
     * @param fraction  plastic fraction of all synapses.
     * @param bits      weight bits (32 = float).
     * @param rounding  "float", "nearest", "stochastic" or "truncate".
     * @param metrics   mean and sd over the seeds of every {@link StudyMetric}.
     * @param seeds     seeds run.
     * @param diverged  seeds whose training diverged (left out of the test metrics).
     */
    public record Row(String plastic, double fraction, int bits, String rounding, Map<StudyMetric, MeanSd> metrics,
                      int seeds, int diverged) {

        /** @return mean and sd of metric {@code m}. */
        public MeanSd metric(final StudyMetric m) {
            return metrics.get(m);
        }
    }

    /**
     * Study settings.
     *
     * @param task       task name ({@link TaskPreset#NAMES}), for the files.
     * @param presets    the task with its network for a network seed ({@code TaskPreset.of(task, seed)} or a spec's
     *                   training section).
     * @param rule       learning rule.
     * @param computation its gradient computation.
     * @param weightClip weights are clipped to [-weightClip, weightClip] after each update (infinity: none).
     * @param fractions  plastic fractions, each in [0, 1], each once.
     * @param bits       weight bits, each 32 (float) or in [2, 16], each once.
     * @param roundings  rounding modes of the quantised runs.
     * @param firstSeed  study seed of the first run; seed k is s = firstSeed + k (network 1000 + s, mask 555 + s,
     *                   stochastic rounding 77 + s, batches and test set 31 + s).
     * @param seeds      seeds, &ge; 1.
     * @param iterations updates per run, &ge; 1.
     * @param batch      sequences per update, &ge; 1.
     * @param testBatch  held-out test sequences per seed, &ge; 1.
     * @param hardware   the hardware of every run: its mask kind and matrices for the fraction rows (kind all counts as
     *                   random over all matrices), its energy table; its mask fraction and weights are replaced per
     *                   row ({@link HardwareSpec#configure}).
     */
    public record Settings(String task, LongFunction<TaskPreset> presets, LearningRule rule, Computation computation,
                           double weightClip, double[] fractions, int[] bits,
                           List<Rounding> roundings, long firstSeed, int seeds, int iterations, int batch, int testBatch,
                           HardwareSpec hardware) {

        /** Settings with the Loihi energies. */
        public Settings(final String task, final double[] fractions, final int[] bits, final List<Rounding> roundings,
                        final int seeds, final int iterations, final int batch, final int testBatch) {
            this(task, fractions, bits, roundings, seeds, iterations, batch, testBatch, EnergyModel.loihi());
        }

        /**
         * Settings of a built-in task preset trained with e-prop (event computation, weights clipped to +-100 as
         * {@code WeightClip.nestDefault}), random masks over all matrices, first seed 0.
         */
        public Settings(final String task, final double[] fractions, final int[] bits, final List<Rounding> roundings,
                        final int seeds, final int iterations, final int batch, final int testBatch, final EnergyModel energy) {
            this(task, seed -> TaskPreset.of(task, seed), LearningRule.EPROP, Computation.EVENT,
                    org.spikering.plasticity.optim.WeightClip.nestDefault().wMax(), fractions, bits, roundings, 0, seeds, iterations, batch, testBatch,
                    HardwareSpec.defaults().withEnergy(energy));
        }

        /** Validates the settings; messages name the option. */
        public Settings {
            checkFractions(fractions);
            checkBits(bits);
            checkRoundings(roundings);
            check("--seeds", seeds);
            check("--iterations", iterations);
            check("--batch", batch);
            check("--test-batch", testBatch);
        }

        /** @param fractions each in [0, 1], each once; else an error naming {@code --fractions}. */
        public static void checkFractions(final double[] fractions) {
            for (double f : fractions) {
                if (!(f >= 0 && f <= 1)) {
                    throw new IllegalArgumentException("--fractions contains " + f + ": each must be in [0, 1]");
                }
            }
            distinct("--fractions", java.util.Arrays.stream(fractions).boxed().toList());
        }

        /** @param bits each 32 or in [2, 16], each once; else an error naming {@code --bits}. */
        public static void checkBits(final int[] bits) {
            for (int b : bits) {
                if (b != 32 && (b < 2 || b > 16)) {
                    throw new IllegalArgumentException("--bits contains " + b + ": each must be 32 (float) or in [2, 16]");
                }
            }
            distinct("--bits", java.util.Arrays.stream(bits).boxed().toList());
        }

        /** @param roundings at least one, each once; else an error naming {@code --rounding}. */
        public static void checkRoundings(final List<Rounding> roundings) {
            distinct("--rounding", roundings.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
            if (roundings.isEmpty()) {
                throw new IllegalArgumentException("--rounding is empty: give at least one of nearest, stochastic, truncate");
            }
        }

        /** @return the per-operation energies of the estimate. */
        public EnergyModel energy() {
            return hardware.energyModel();
        }

        /** @return the mask of the rows of plastic fraction {@code f} (the hardware's kind, or random). */
        MaskSpec fractionMask(final double f) {
            return hardware.mask().takesFraction() ? hardware.mask().withFraction(f) : MaskSpec.random(f);
        }

        /** @return whether the fraction rows use the built-in random mask over all three matrices. */
        public boolean defaultMask() {
            return fractionMask(1).equals(MaskSpec.random(1));
        }

        /** @return the label of the fraction rows: random or per-neuron. */
        String fractionLabel() {
            return fractionMask(1).kind() == MaskSpec.Kind.PER_NEURON ? "per-neuron" : "random";
        }

        /** A value twice would run (and plot) the same configuration twice. */
        private static void distinct(final String name, final List<?> values) {
            if (values.isEmpty() && !name.equals("--rounding")) {
                throw new IllegalArgumentException(name + " is empty: give at least one value");
            }
            final java.util.Set<Object> seen = new java.util.HashSet<>();
            for (Object v : values) {
                if (!seen.add(v)) {
                    throw new IllegalArgumentException(name + " = " + values.stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(",")) + ": lists " + v + " twice; each value must appear once");
                }
            }
        }

        private static void check(final String name, final int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " = " + v + ": must be >= 1");
            }
        }
    }

    private PlasticityStudy() {
    }

    /**
     * Runs the study and writes study.csv, study.json and the PNGs into {@code out}.
     *
     * @param s   settings.
     * @param out output folder.
     * @param log where one line per row goes, or null.
     * @return the rows, in the order of the table.
     */
    public static List<Row> run(final Settings s, final Path out, final PrintStream log) {
        return run(s, out, log, null);
    }

    /**
     * Runs the study and writes study.csv, study.json and the PNGs into {@code out}, keeping every completed
     * (configuration, seed) run in {@code records}: a study killed half-way and started again with the same settings
     * reuses them (each run is seeded by its seed alone, so a reused run is bit-identical to running it again).
     *
     * @param s       settings.
     * @param out     output folder.
     * @param log     where one line per row goes, or null.
     * @param records per-run records kept across a kill, or null.
     * @return the rows, in the order of the table.
     */
    public static List<Row> run(final Settings s, final Path out, final PrintStream log, final RunRecords records) {
        return run(s, out, log, records, true);
    }

    /**
     * @param plots whether the PNGs are written.
     * @return the files of the result set ({@link #RESULT_FILES}, without the PNGs if no plots).
     */
    public static String[] resultFiles(final boolean plots) {
        return plots ? RESULT_FILES.clone() : new String[] {"study.csv", "study.json"};
    }

    /**
     * As {@link #run(Settings, Path, PrintStream, RunRecords)}, with or without the PNGs.
     *
     * @param s       settings.
     * @param out     output folder.
     * @param log     where one line per row goes, or null.
     * @param records per-run records kept across a kill, or null.
     * @param plots   whether the PNGs are written ({@link #resultFiles}).
     * @return the rows, in the order of the table.
     */
    public static List<Row> run(final Settings s, final Path out, final PrintStream log, final RunRecords records,
                                final boolean plots) {
        return run(s, out, log, records, plots, null);
    }

    /**
     * As {@link #run(Settings, Path, PrintStream, RunRecords, boolean)}, with a progress display over the
     * (configuration, seed) runs.
     *
     * @param s        settings.
     * @param out      output folder.
     * @param log      where one line per row goes, or null.
     * @param records  per-run records kept across a kill, or null.
     * @param plots    whether the PNGs are written ({@link #resultFiles}).
     * @param progress where the progress goes (stderr, {@link Progress}), or null.
     * @return the rows, in the order of the table.
     */
    public static List<Row> run(final Settings s, final Path out, final PrintStream log, final RunRecords records,
                                final boolean plots, final PrintStream progress) {
        final long t0 = System.nanoTime();
        final List<Row> rows = new ArrayList<>();
        final List<Double> fr = new ArrayList<>();
        fr.add(-1.0); // reservoir row
        for (double f : s.fractions()) {
            fr.add(f);
        }
        long configurations = 0;
        for (int b : s.bits()) {
            configurations += (b == 32 ? 1 : s.roundings().size()) * (long) fr.size();
        }
        final Progress bar = Progress.start("hw study", "runs", 0, configurations * s.seeds(), progress);
        for (int b : s.bits()) {
            final List<Rounding> rs = b == 32 ? List.of(Rounding.NEAREST) : s.roundings();
            for (Rounding r : rs) {
                for (double f : fr) {
                    final Row row = row(s, f, b, r, records);
                    rows.add(row);
                    bar.stepTo((long) rows.size() * s.seeds(), null);
                    if (log != null) {
                        log.println(format(row));
                    }
                }
            }
        }
        bar.close();
        StudyFiles.write(out, s, rows, (System.nanoTime() - t0) / 1e9, plots);
        return rows;
    }

    private static Row row(final Settings s, final double f, final int b, final Rounding r, final RunRecords records) {
        final StudyMetric[] ms = StudyMetric.values();
        final double[][] perSeed = new double[ms.length][s.seeds()];
        int diverged = 0;
        double fraction = f;
        for (int k = 0; k < s.seeds(); k++) {
            final long seed = s.firstSeed() + k;
            final String key = "b" + b + "-" + (b == 32 ? "float" : r.name().toLowerCase(Locale.ROOT)) + "-f" + f + "-s" + seed;
            final double[] kept = records == null ? null : records.get(key);
            if (kept != null && kept.length == ms.length + 2) {
                for (int m = 0; m < ms.length; m++) {
                    perSeed[m][k] = kept[m];
                }
                fraction = kept[ms.length];
                diverged += (int) kept[ms.length + 1];
                continue;
            }
            final TaskPreset preset = s.presets().apply(1000 + seed);
            final HardwareSpec hw = s.hardware().withMask(f < 0 ? MaskSpec.readoutOnly() : s.fractionMask(f))
                    .withWeights(new WeightsSpec(b, r.name().toLowerCase(Locale.ROOT)));
            final TrainingRun run = new TrainingRun(preset, s.rule(), s.computation(), 31 + seed)
                    .withWeightClip(s.weightClip());
            final HardwareSpec.Applied applied = hw.configure(run, preset.network(), seed);
            fraction = f < 0 ? applied.plasticFraction() : f;
            final TrainingRun.Outcome o = run.run(s.iterations(), s.batch(), preset.learningRate(), s.iterations(),
                    s.testBatch(), null);
            final Evaluation e = o.heldOut();
            if (e == null) {
                diverged++;
            }
            final OperationCounters c = o.counters();
            final double[] v = {
                e == null ? Double.NaN : preset.scoredSteps() > 0 ? e.loss() / preset.scoredSteps() : e.loss(),
                e == null || preset.scoredSteps() > 0 ? Double.NaN : e.accuracy(),
                c.spikes(), c.inputSpikes(), c.synapticOps(), c.neuronUpdates(), c.weightUpdates(),
                c.weightMemoryBits(), s.energy().joules(c)};
            for (int m = 0; m < ms.length; m++) {
                perSeed[m][k] = v[m];
            }
            if (records != null) {
                final double[] rec = java.util.Arrays.copyOf(v, ms.length + 2);
                rec[ms.length] = fraction;
                rec[ms.length + 1] = e == null ? 1 : 0;
                records.put(key, rec);
            }
        }
        final Map<StudyMetric, MeanSd> metrics = new EnumMap<>(StudyMetric.class);
        for (int k = 0; k < ms.length; k++) {
            metrics.put(ms[k], MeanSd.of(perSeed[k]));
        }
        return new Row(f < 0 ? "readout-only" : s.fractionLabel(), fraction, b,
                b == 32 ? "float" : r.name().toLowerCase(Locale.ROOT), metrics, s.seeds(), diverged);
    }

    private static String format(final Row row) {
        final MeanSd loss = row.metric(StudyMetric.TEST_LOSS);
        final MeanSd acc = row.metric(StudyMetric.TEST_ACCURACY);
        return String.format(Locale.ROOT,
                "%-12s p=%.3f bits=%2d %-10s test loss %.4g ± %.2g  test acc %.3f ± %.3f  synops %.3g  weight updates %.3g  energy %.3g J%s",
                row.plastic(), row.fraction(), row.bits(), row.rounding(), loss.mean(), loss.sd(), acc.mean(), acc.sd(),
                row.metric(StudyMetric.SYNAPTIC_OPS).mean(), row.metric(StudyMetric.WEIGHT_UPDATES).mean(),
                row.metric(StudyMetric.ENERGY_J).mean(), row.diverged() > 0 ? "  (" + row.diverged() + " diverged)" : "");
    }
}
