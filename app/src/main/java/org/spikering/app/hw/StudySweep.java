package org.spikering.app.hw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.StudySpec;
import org.spikering.app.spec.hardware.MaskSpec;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.SweepExecutor;
import org.spikering.app.sweep.SweepLedger;
import org.spikering.app.sweep.SweepRow;
import org.spikering.app.sweep.SweepShortcut;
import org.spikering.hw.fixedpoint.Rounding;

/**
 * {@code hw study} as a sweep of {@code train} runs ({@link org.spikering.app.sweep.TrainSpecRunner}): the spec of
 * the sweep ({@link #sweepSpec}) and the study's table from the sweep's rows ({@link #rows}).
 *
 * <p>The sweep: the study spec without its {@code study} section, trained {@code study.iterations} updates of
 * {@code study.batch} sequences, tested once after the last update on {@code study.test_batch} held-out sequences,
 * no checkpoints inside a run (the sweep keeps complete runs), with two axes, the first outermost:
 * {@code hardware.weights} (float {bits: 32, rounding: nearest}, then every quantised bits × rounding, in the order
 * of {@code study.bits} and {@code study.roundings}) and {@code hardware.mask} (readout_only, then the mask kind of
 * the spec with each of {@code study.fractions}; kind all counts as random over all matrices); seeds
 * {@code study.seeds} from s = {@code seed} − 1.
 *
 * <p>Seeds: run s draws its network from 1000 + s and its batches, held-out set and feedback from 31 + s
 * ({@code training.seed_offsets}: network 1000, batches 31), its mask from 555 + s and stochastic rounding from
 * 77 + s: the streams of the study before it was a sweep, so its tables are unchanged.
 */
public final class StudySweep {

    /** The study's spec in its folder, every default filled in. */
    public static final String SPEC_FILE = "spec.yaml";
    /** The sweep's spec in the study's folder: {@code spikering sweep} of it runs the same runs. */
    public static final String SWEEP_FILE = "study-sweep.yaml";

    /** Offsets of the study's network and run seeds from its seed s ({@code training.seed_offsets}). */
    public static final long NETWORK_SEED_OFFSET = 1000;
    /** Offset of the run seed (batches, held-out set, feedback). */
    public static final long BATCH_SEED_OFFSET = 31;

    private StudySweep() {
    }

    /**
     * What a study did.
     *
     * @param rows      the study's rows, in the order of its table.
     * @param outcome   what the sweep did (points run, points reused).
     * @param sweepSpec the sweep's spec.
     */
    public record Result(List<PlasticityStudy.Row> rows, SweepLedger.Outcome outcome, Spec sweepSpec) {
    }

    /**
     * Runs the study as a sweep into {@code out} (the points not yet complete) and writes its files there: study.csv,
     * study.json, the PNGs (with {@code output.plots}), spec.yaml (the study spec) and {@value #SWEEP_FILE}.
     *
     * @param study     a valid spec with training and study sections (checked by the caller: sections, memory).
     * @param out       the folder: new, empty or this study's sweep folder.
     * @param outOption what messages call it.
     * @param progress  starts the display of the runs.
     * @return the rows and what the sweep did.
     */
    public static Result run(final Spec study, final Path out, final String outOption, final ProgressStarter progress) {
        final PlasticityStudy.Settings settings = study.section("study", StudySpec.class).settings(study);
        final OutputSpec output = study.section("output", OutputSpec.class);
        final Spec sweepSpec = sweepSpec(study);
        final SweepShortcut sweep = SweepShortcut.prepare(sweepSpec, outOption, out);
        final long t0 = System.nanoTime();
        final SweepLedger.Outcome done = sweep.run("hw study", output == null || output.plots(), progress);
        final List<PlasticityStudy.Row> rows = rows(settings, done.table().rows());
        PlasticityStudy.write(settings, out, rows, (System.nanoTime() - t0) / 1e9, output == null || output.plots());
        AtomicFiles.writeString(out.resolve(SPEC_FILE), study.toYaml());
        AtomicFiles.writeString(out.resolve(SWEEP_FILE), sweepSpec.toYaml());
        return new Result(rows, done, sweepSpec);
    }

    /**
     * @param study a valid spec with training and study sections.
     * @return the spec of the sweep: what {@code spikering sweep} of it runs is the study.
     */
    public static Spec sweepSpec(final Spec study) {
        final StudySpec st = study.section("study", StudySpec.class);
        final PlasticityStudy.Settings s = st.settings(study);
        final Map<String, Object> f = new LinkedHashMap<>();
        if (!study.has("hardware")) {
            f.put("hardware", new LinkedHashMap<>());
        }
        f.put("training.batch", st.batch());
        f.put("training.iterations", st.iterations());
        // ordered maps only: the points' spec hashes (resume) must not depend on a JVM's Map.of order
        f.put("training.evaluation", ordered("every", st.iterations(), "test_batch", st.testBatch()));
        f.put("training.checkpoint_every", 0);
        f.put("training.seed_offsets", ordered("network", NETWORK_SEED_OFFSET, "batches", BATCH_SEED_OFFSET));
        final Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("axes", List.of(ordered("field", "hardware.weights", "values", weights(s)),
                ordered("field", "hardware.mask", "values", masks(s))));
        sweep.put("seeds", st.seeds());
        sweep.put("first_seed", s.firstSeed());
        f.put("sweep", sweep);
        return study.without(List.of("study", "hardware.weights", "hardware.mask")).overriding(f);
    }

    /** @return a map of the keys and values in the order given. */
    static Map<String, Object> ordered(final Object... kv) {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** @return the weight formats of the study, in its order: float, then each quantised bits × rounding. */
    static List<Map<String, Object>> weights(final PlasticityStudy.Settings s) {
        final List<Map<String, Object>> w = new ArrayList<>();
        for (int b : s.bits()) {
            for (Rounding r : b == 32 ? List.of(Rounding.NEAREST) : s.roundings()) {
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("bits", b);
                m.put("rounding", r.name().toLowerCase(Locale.ROOT));
                w.add(m);
            }
        }
        return w;
    }

    /** @return the masks of the study, in its order: readout only, then the spec's kind at each fraction. */
    static List<Map<String, Object>> masks(final PlasticityStudy.Settings s) {
        final List<Map<String, Object>> m = new ArrayList<>();
        m.add(ordered("kind", MaskSpec.Kind.READOUT_ONLY.id()));
        for (double f : s.fractions()) {
            final MaskSpec k = s.fractionMask(f);
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", k.kind().id());
            o.put("fraction", f);
            o.put("matrices", k.matrices());
            m.add(o);
        }
        return m;
    }

    /**
     * The study's rows from the sweep's: for each weight format (outer) and mask (inner), the mean and sample sd over
     * the seeds of every {@link StudyMetric}, as {@link PlasticityStudy.Row}s.
     *
     * @param s    the study's settings.
     * @param rows the sweep's rows, every point complete, by point index (weights, mask, seed: seed innermost).
     * @return the rows, in the order of the table.
     */
    public static List<PlasticityStudy.Row> rows(final PlasticityStudy.Settings s, final List<SweepRow> rows) {
        final List<Map<String, Object>> weights = weights(s);
        final int masks = s.fractions().length + 1;
        final int seeds = s.seeds();
        if (rows.size() != weights.size() * masks * seeds) {
            throw new IllegalStateException("the study's sweep has " + rows.size() + " complete points of "
                    + weights.size() * masks * seeds);
        }
        final StudyMetric[] ms = StudyMetric.values();
        final List<PlasticityStudy.Row> out = new ArrayList<>();
        int k = 0;
        for (Map<String, Object> w : weights) {
            final int bits = (Integer) w.get("bits");
            for (int m = 0; m < masks; m++) {
                final double[][] perSeed = new double[ms.length][seeds];
                int diverged = 0;
                double fraction = m == 0 ? Double.NaN : s.fractions()[m - 1];
                for (int j = 0; j < seeds; j++) {
                    final SweepRow r = rows.get(k++);
                    final Map<String, JsonNode> sum = r.summary();
                    for (int q = 0; q < ms.length; q++) {
                        perSeed[q][j] = metric(sum, ms[q]);
                    }
                    if (!sum.getOrDefault("diverged_at_iteration", com.fasterxml.jackson.databind.node.NullNode.instance)
                            .isNull()) {
                        diverged++;
                    }
                    if (m == 0) {
                        fraction = sum.get("plastic_fraction").asDouble();
                    }
                }
                final Map<StudyMetric, MeanSd> metrics = new EnumMap<>(StudyMetric.class);
                for (int q = 0; q < ms.length; q++) {
                    metrics.put(ms[q], MeanSd.of(perSeed[q]));
                }
                out.add(new PlasticityStudy.Row(m == 0 ? "readout-only" : s.fractionLabel(), fraction, bits,
                        bits == 32 ? "float" : (String) w.get("rounding"), metrics, seeds, diverged));
            }
        }
        return out;
    }

    /**
     * @return one metric of a train run's summary as the sweep's row holds it (nested maps flattened:
     *         {@code hardware.spikes}); NaN where it is null (undefined, or a diverged run's test).
     */
    private static double metric(final Map<String, JsonNode> summary, final StudyMetric m) {
        final JsonNode v = summary.get(switch (m) {
            case TEST_LOSS -> "test_loss";
            case TEST_ACCURACY -> "test_accuracy";
            case SPIKES -> "hardware.spikes";
            case INPUT_SPIKES -> "hardware.input_spikes";
            case SYNAPTIC_OPS -> "hardware.synaptic_ops";
            case NEURON_UPDATES -> "hardware.neuron_updates";
            case WEIGHT_UPDATES -> "hardware.weight_updates";
            case WEIGHT_MEMORY_BITS -> "hardware.weight_memory_bits";
            case ENERGY_J -> "hardware.energy_j";
        });
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
