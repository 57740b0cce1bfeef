package org.spikering.app.hw;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.hw.energy.EnergyModel;

/**
 * Writes the plasticity-sparsity study: {@code study.csv} (one row per configuration; for every
 * {@link StudyMetric} its mean over seeds and {@code _sd}, the sample standard deviation; empty where undefined),
 * {@code study.json} (settings, energy model, rows with the same keys, null where undefined) and the PNGs
 * loss.png and accuracy.png (held-out test metrics with ±sd error bars), energy.png and synops.png, each against
 * the plastic fraction with one line per weight format.
 */
final class StudyFiles {

    private StudyFiles() {
    }

    static void write(final Path out, final PlasticityStudy.Settings s, final List<PlasticityStudy.Row> rows,
                      final double wallSeconds, final boolean plots) {
        writeCsv(out, rows);
        writeJson(out, s, rows, wallSeconds);
        if (plots) {
            writePlots(out, s, rows);
        }
    }

    private static void writeCsv(final Path out, final List<PlasticityStudy.Row> rows) {
        final StringBuilder csv = new StringBuilder("plastic,fraction,bits,rounding");
        for (StudyMetric m : StudyMetric.values()) {
            csv.append(',').append(m.column()).append(',').append(m.column()).append("_sd");
        }
        csv.append(",seeds,diverged\n");
        for (PlasticityStudy.Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%.5f,%d,%s", r.plastic(), r.fraction(), r.bits(), r.rounding()));
            for (StudyMetric m : StudyMetric.values()) {
                csv.append(',').append(cell(r.metric(m).mean())).append(',').append(cell(r.metric(m).sd()));
            }
            csv.append(',').append(r.seeds()).append(',').append(r.diverged()).append('\n');
        }
        AtomicFiles.writeString(out.resolve("study.csv"), csv.toString());
    }

    private static String cell(final double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static Double finiteOrNull(final double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void writeJson(final Path out, final PlasticityStudy.Settings s, final List<PlasticityStudy.Row> rows,
                                  final double wallSeconds) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", s.task());
        json.put("rule", s.rule().id());
        json.put("iterations", s.iterations());
        json.put("batch", s.batch());
        json.put("seeds", s.seeds());
        json.put("test_batch", s.testBatch());
        json.put("test_set", org.spikering.app.task.TaskPreset.of(s.task(), 0).source() instanceof org.spikering.app.task.FrozenPatternTask
                ? "fresh input noise per seed (BatchSeeds of training seed 31 + s): the training target with new input spikes at the "
                    + "same rate; the task trains on one frozen pattern, so nothing else is held out; evaluated after the last update"
                : "held out per seed (BatchSeeds of training seed 31 + s), never trained on; evaluated after the last update");
        json.put("sd", "sample standard deviation over seeds (n - 1); null with one seed");
        json.put("energy_model", s.energy().describe());
        if (!s.defaultMask()) { // only when not the built-in random mask, so a default study's file stays as it was
            final org.spikering.app.spec.hardware.MaskSpec m = s.fractionMask(1);
            json.put("mask", m.kind().id() + " over " + String.join(", ", m.matrices()));
        }
        if (s.firstSeed() != 0) {
            json.put("first_seed", s.firstSeed());
        }
        json.put("wall_s", wallSeconds);
        final List<Map<String, Object>> list = new ArrayList<>();
        for (PlasticityStudy.Row r : rows) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("plastic", r.plastic());
            m.put("fraction", r.fraction());
            m.put("bits", r.bits());
            m.put("rounding", r.rounding());
            for (StudyMetric k : StudyMetric.values()) {
                m.put(k.column(), finiteOrNull(r.metric(k).mean()));
                m.put(k.column() + "_sd", finiteOrNull(r.metric(k).sd()));
            }
            m.put("seeds", r.seeds());
            m.put("diverged", r.diverged());
            list.add(m);
        }
        json.put("rows", list);
        Json.write(out.resolve("study.json"), json);
    }

    private static void writePlots(final Path out, final PlasticityStudy.Settings s, final List<PlasticityStudy.Row> rows) {
        final String task = s.task();
        final Map<String, List<PlasticityStudy.Row>> byFormat = new LinkedHashMap<>();
        for (PlasticityStudy.Row r : rows) {
            byFormat.computeIfAbsent(r.bits() == 32 ? "float" : r.bits() + "-bit " + r.rounding(), k -> new ArrayList<>()).add(r);
        }
        boolean positive = true;
        for (PlasticityStudy.Row r : rows) {
            positive &= r.fraction() > 0;
        }
        save(chart("held-out test loss vs plastic fraction (" + task + ")", "test loss", byFormat, StudyMetric.TEST_LOSS, true, positive),
                out.resolve("loss.png"));
        save(chart("held-out test accuracy vs plastic fraction (" + task + ")", "test accuracy", byFormat,
                StudyMetric.TEST_ACCURACY, true, positive), out.resolve("accuracy.png"));
        save(chart("energy of training (" + (s.energy().equals(EnergyModel.loihi()) ? "Loihi" : "user") + " per-op energies)", "energy (J)", byFormat, StudyMetric.ENERGY_J, false, positive),
                out.resolve("energy.png"));
        save(chart("synaptic operations of training", "synaptic ops", byFormat, StudyMetric.SYNAPTIC_OPS, false, positive),
                out.resolve("synops.png"));
    }

    private static void save(final XYChart chart, final Path file) {
        Plots.savePng(chart, file);
    }

    /** One line per weight format, points sorted by fraction; ±sd error bars if asked and defined. */
    private static XYChart chart(final String title, final String yLabel, final Map<String, List<PlasticityStudy.Row>> byFormat,
                                 final StudyMetric metric, final boolean errorBars, final boolean logX) {
        final List<Plots.Series> series = new ArrayList<>();
        final List<double[]> sds = new ArrayList<>();
        for (Map.Entry<String, List<PlasticityStudy.Row>> e : byFormat.entrySet()) {
            final List<PlasticityStudy.Row> rs = new ArrayList<>(e.getValue());
            rs.sort((a, b) -> Double.compare(a.fraction(), b.fraction()));
            final double[] x = new double[rs.size()];
            final double[] y = new double[rs.size()];
            final double[] sd = new double[rs.size()];
            boolean sdDefined = true;
            for (int i = 0; i < x.length; i++) {
                x[i] = rs.get(i).fraction();
                y[i] = rs.get(i).metric(metric).mean();
                sd[i] = rs.get(i).metric(metric).sd();
                sdDefined &= Double.isFinite(sd[i]);
            }
            series.add(new Plots.Series(e.getKey(), x, y));
            sds.add(errorBars && sdDefined ? sd : null);
        }
        final XYChart chart = Plots.lineChart(title, "plastic fraction" + (logX ? " (log scale)" : ""), yLabel,
                series.toArray(new Plots.Series[0]));
        chart.getStyler().setXAxisLogarithmic(logX);
        for (int k = 0; k < series.size(); k++) {
            if (sds.get(k) != null) {
                final Plots.Series p = series.get(k);
                chart.updateXYSeries(p.name(), p.x(), p.y(), sds.get(k));
            }
        }
        return chart;
    }
}
