package org.spikering.app.hw;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.spikering.app.spec.HardwareSpec;
import org.spikering.app.spec.hardware.MaskSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * The plasticity-sparsity study: for one task, every combination of plastic fraction (plus the reservoir row,
 * only readout plastic), weight bits (32 = float, else b-bit quantised weights with a per-matrix exponent) and
 * rounding mode, over several seeds; e-prop with the mask and the quantiser as {@code WeightUpdateHook}
 * decorators. Each (configuration, seed) is one {@code train} run of a sweep ({@link StudySweep}); this class holds
 * the study's settings, its rows and their files. Seed s fixes the network (1000 + s), the mask (555 + s), the stochastic rounding (77 + s) and the
 * training batches and held-out test set (31 + s, {@link BatchSeeds}), so every configuration of a seed sees the
 * same data. Per run: test loss and accuracy of the trained network on the held-out set, and the exact counters of
 * training ({@code TrainingRun}: spikes, input spikes, synaptic operations, neuron updates, changed weights) with the
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
     * @param plots whether the PNGs are written.
     * @return the files of the result set ({@link #RESULT_FILES}, without the PNGs if no plots).
     */
    public static String[] resultFiles(final boolean plots) {
        return plots ? RESULT_FILES.clone() : new String[] {"study.csv", "study.json"};
    }

    /**
     * Writes study.csv, study.json and (with plots) the PNGs of a study's rows into {@code out}.
     *
     * @param s           settings.
     * @param out         output folder.
     * @param rows        the rows ({@link StudySweep#rows}).
     * @param wallSeconds wall time of the study, for study.json.
     * @param plots       whether the PNGs are written.
     */
    public static void write(final Settings s, final Path out, final List<Row> rows, final double wallSeconds,
                             final boolean plots) {
        StudyFiles.write(out, s, rows, wallSeconds, plots);
    }

    /**
     * @param row a row.
     * @return its line on stdout: the mean ± sd of the test metrics and the means of the counters; a metric the task
     *         does not define (test accuracy of a regression task: NaN) reads "n/a", and a metric with one finite value has
     *         no "± sd".
     */
    public static String format(final Row row) {
        final MeanSd loss = row.metric(StudyMetric.TEST_LOSS);
        final MeanSd acc = row.metric(StudyMetric.TEST_ACCURACY);
        return String.format(Locale.ROOT,
                "%-12s p=%.3f bits=%2d %-10s test loss %s  test acc %s  synops %.3g  weight updates %.3g  energy %.3g J%s",
                row.plastic(), row.fraction(), row.bits(), row.rounding(), meanSd(loss, "%.4g ± %.2g"),
                meanSd(acc, "%.3f ± %.3f"),
                row.metric(StudyMetric.SYNAPTIC_OPS).mean(), row.metric(StudyMetric.WEIGHT_UPDATES).mean(),
                row.metric(StudyMetric.ENERGY_J).mean(), row.diverged() > 0 ? "  (" + row.diverged() + " diverged)" : "");
    }

    private static String meanSd(final MeanSd m, final String format) {
        if (Double.isNaN(m.mean())) {
            return "n/a";
        }
        if (Double.isNaN(m.sd())) { // one finite value: no spread to state
            return String.format(Locale.ROOT, format.substring(0, format.indexOf(' ')), m.mean());
        }
        return String.format(Locale.ROOT, format, m.mean(), m.sd());
    }
}
