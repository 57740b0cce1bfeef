package org.spikering.app.reservoir;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.ReservoirSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.SweepExecutor;
import org.spikering.app.sweep.SweepLedger;
import org.spikering.app.sweep.SweepRow;
import org.spikering.app.sweep.SweepShortcut;

/**
 * {@code reservoir scaling} as a sweep of one-run scaling specs ({@link org.spikering.app.sweep.ReservoirSpecRunner}:
 * benchmark scaling with one size, one gain, seeds 1; run seed index s = seed − 1): the spec of the sweep
 * ({@link #sweepSpec}) and the study's table from the sweep's rows ({@link #table}).
 *
 * <p>The sweep: the spec with {@code reservoir.seeds: 1} and two axes, the first outermost: {@code reservoir.sizes}
 * (each size as a list of one) and {@code reservoir.gains} (each gain as a list of one); seeds
 * {@code reservoir.seeds} from the spec's {@code seed} (default 1: s = 0, 1, ...). Run s of size N draws from
 * 1000 N + s as before, so the table is the study's before it was a sweep.
 */
public final class ScalingSweep {

    /** The sweep's spec in the study's folder: {@code spikering sweep} of it runs the same runs. */
    public static final String SWEEP_FILE = "scaling-sweep.yaml";
    /** The study's spec in its folder, every default filled in. */
    public static final String SPEC_FILE = "spec.yaml";

    private ScalingSweep() {
    }

    /**
     * What a study did.
     *
     * @param table   the study's table.
     * @param outcome what the sweep did (points run, points reused).
     */
    public record Result(ScalingStudy.Table table, SweepLedger.Outcome outcome) {
    }

    /**
     * @param scaling a valid spec of benchmark scaling.
     * @return the spec of the sweep: what {@code spikering sweep} of it runs is the study.
     */
    public static Spec sweepSpec(final Spec scaling) {
        final ReservoirSpec r = scaling.section(ReservoirSpec.PATH, ReservoirSpec.class);
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("reservoir.seeds", 1);
        final Map<String, Object> sweep = new LinkedHashMap<>();
        final Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("field", "reservoir.sizes");
        sizes.put("values", r.sizes().stream().map(List::of).toList());
        final Map<String, Object> gains = new LinkedHashMap<>();
        gains.put("field", "reservoir.gains");
        gains.put("values", r.gains().stream().map(List::of).toList());
        sweep.put("axes", List.of(sizes, gains));
        sweep.put("seeds", r.seeds());
        sweep.put("first_seed", scaling.seed());
        f.put("sweep", sweep);
        return scaling.overriding(f);
    }

    /**
     * Runs the study as a sweep into {@code out} (the runs not yet complete) and writes scaling.csv, the PNGs (with
     * {@code output.plots}), spec.yaml and {@value #SWEEP_FILE} there.
     *
     * @param scaling   a valid spec of benchmark scaling (its memory checked by the caller).
     * @param out       the folder: new, empty or this study's sweep folder.
     * @param outOption what messages call it.
     * @param progress  starts the display of the runs.
     * @return the table and what the sweep did.
     */
    public static Result run(final Spec scaling, final Path out, final String outOption, final ProgressStarter progress) {
        final Spec sweepSpec = sweepSpec(scaling);
        final SweepShortcut sweep = SweepShortcut.prepare(sweepSpec, outOption, out);
        final OutputSpec output = scaling.section("output", OutputSpec.class);
        final SweepLedger.Outcome done = sweep.run("reservoir scaling", output == null || output.plots(), progress);
        final ScalingStudy.Table t = table(scaling, done.table().rows());
        t.write(out, output == null || output.plots());
        AtomicFiles.writeString(out.resolve(SPEC_FILE), scaling.toYaml());
        AtomicFiles.writeString(out.resolve(SWEEP_FILE), sweepSpec.toYaml());
        return new Result(t, done);
    }

    /**
     * @param scaling the study's spec.
     * @param rows    the sweep's rows, every point complete, by point index (size, gain, seed: seed innermost).
     * @return the table: per (size, gain), the mean and sample sd over the seeds of each measure.
     */
    public static ScalingStudy.Table table(final Spec scaling, final List<SweepRow> rows) {
        final ReservoirSpec r = scaling.section(ReservoirSpec.PATH, ReservoirSpec.class);
        final int seeds = r.seeds();
        final int n = r.sizes().size() * r.gains().size() * seeds;
        if (rows.size() != n) {
            throw new IllegalStateException("the scaling sweep has " + rows.size() + " complete points of " + n);
        }
        final String[] measures = r.esn() ? ScalingStudy.ESN_MEASURES : ScalingStudy.LSM_MEASURES;
        return ScalingStudy.table(r.esn(), r.sizes(), r.gains(), (i, j) -> {
            final double[][] v = new double[seeds][];
            for (int s = 0; s < seeds; s++) {
                final SweepRow row = rows.get((i * r.gains().size() + j) * seeds + s);
                final List<Double> x = new ArrayList<>();
                for (String m : measures) {
                    final JsonNode value = row.summary().get(m);
                    x.add(value == null || value.isNull() ? Double.NaN : value.asDouble());
                }
                v[s] = x.stream().mapToDouble(Double::doubleValue).toArray();
            }
            return v;
        });
    }
}
