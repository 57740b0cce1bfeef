package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.spikering.app.hw.MeanSd;
import org.spikering.app.report.Plots;

/**
 * The summary plots of a sweep: each numeric metric against each axis field that takes two or more values, one PNG
 * {@code METRIC--vs--FIELD.png} each. A point of a line is the mean over the seeds of the rows with that value of the
 * field and the same values of the other axes' fields, with the sample standard deviation ({@link MeanSd}) as error
 * bar (none when a point has a single seed); one line per combination of the other axes' values, or, beyond
 * {@value #MAX_LINES} combinations, one line averaging over the other axes too (the title says which). A field whose
 * values are not all numbers is drawn at positions 0, 1, ... labelled with its values.
 */
public final class SweepPlots {

    /** Most lines in one plot. */
    static final int MAX_LINES = 8;

    private SweepPlots() {
    }

    /**
     * Writes the plots of a table (replacing earlier ones of the same names).
     *
     * @param table the table.
     * @param dir   the folder of the plots (created).
     * @return the files written.
     */
    public static List<Path> write(final SweepTable table, final Path dir) {
        final List<Path> files = new ArrayList<>();
        if (table.rows().isEmpty()) {
            return files;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        for (String metric : table.metrics()) {
            if (!numeric(table, metric)) {
                continue;
            }
            for (String field : table.fields()) {
                final List<JsonNode> xs = distinct(table, field);
                if (xs.size() < 2) {
                    continue;
                }
                final Path f = dir.resolve(safe(table.metricColumn(metric)) + "--vs--" + safe(field) + ".png");
                Plots.savePng(chart(table, metric, field, xs), f);
                files.add(f);
            }
        }
        return files;
    }

    private static boolean numeric(final SweepTable t, final String metric) {
        boolean any = false;
        for (SweepRow r : t.rows()) {
            final JsonNode v = r.summary().get(metric);
            if (v != null && !v.isNull()) {
                if (!v.isNumber()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static List<JsonNode> distinct(final SweepTable t, final String field) {
        final Set<JsonNode> s = new LinkedHashSet<>();
        for (SweepRow r : t.rows()) {
            s.add(r.params().get(field));
        }
        return new ArrayList<>(s);
    }

    private static XYChart chart(final SweepTable t, final String metric, final String field, final List<JsonNode> xs) {
        final boolean numericX = xs.stream().allMatch(JsonNode::isNumber);
        final List<String> others = new ArrayList<>(t.fields());
        others.remove(field);
        final Map<String, List<SweepRow>> groups = new LinkedHashMap<>();
        for (SweepRow r : t.rows()) {
            final StringBuilder key = new StringBuilder();
            for (String o : others) {
                key.append(key.length() > 0 ? ", " : "").append(o).append('=').append(SweepNames.text(r.params().get(o)));
            }
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
        }
        final boolean pooled = groups.size() > MAX_LINES;
        if (pooled) {
            final List<SweepRow> all = new ArrayList<>(t.rows());
            groups.clear();
            groups.put("all", all);
        }
        final List<Plots.Series> series = new ArrayList<>();
        final List<double[]> errors = new ArrayList<>();
        for (Map.Entry<String, List<SweepRow>> g : groups.entrySet()) {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            final List<Double> e = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                final List<Double> vals = new ArrayList<>();
                for (SweepRow r : g.getValue()) {
                    final JsonNode v = r.summary().get(metric);
                    if (xs.get(i).equals(r.params().get(field)) && v != null && v.isNumber()) {
                        vals.add(v.doubleValue());
                    }
                }
                final MeanSd ms = MeanSd.of(vals.stream().mapToDouble(Double::doubleValue).toArray());
                if (ms.n() > 0) {
                    x.add(numericX ? xs.get(i).doubleValue() : i);
                    y.add(ms.mean());
                    e.add(Double.isFinite(ms.sd()) ? ms.sd() : 0.0);
                }
            }
            series.add(new Plots.Series(g.getKey().isEmpty() ? metric : g.getKey(), array(x), array(y)));
            errors.add(array(e));
        }
        final String over = pooled ? "mean +- sd over seeds and the other axes" : "mean +- sd over seeds";
        final XYChart chart = Plots.lineChart(metric + " vs " + field + " (" + over + ")", field, metric,
                series.toArray(new Plots.Series[0]));
        for (int k = 0; k < series.size(); k++) {
            final Plots.Series s = series.get(k);
            final XYSeries xy = chart.updateXYSeries(s.name(), s.x(), s.y(), errors.get(k));
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setMarkerSize(6);
        if (!numericX) {
            chart.setCustomXAxisTickLabelsFormatter(v -> {
                final long i = Math.round(v);
                return Math.abs(v - i) < 1e-9 && i >= 0 && i < xs.size() ? SweepNames.text(xs.get((int) i)) : "";
            });
        }
        return chart;
    }

    private static double[] array(final List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String safe(final String s) {
        final StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' ? c : '-');
        }
        return b.toString();
    }
}
