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
 * The summary plots of a sweep: each numeric metric that is not the same in every row, against each axis field that
 * takes two or more values, one PNG {@code METRIC--vs--FIELD.png} each (a metric equal in every row would be a flat
 * line: it is in the table only). A point of a line is the mean over the seeds of the rows with that value of the
 * field and the same values of the other axes' fields, with the sample standard deviation ({@link MeanSd}) as error
 * bar (none when a point has a single seed); one line per combination of the other axes' values, or, beyond
 * {@value #MAX_LINES} combinations, one line averaging over the other axes too (the title says which). A field whose
 * values are not all numbers is drawn at positions 0, 1, ... labelled with its values.
 */
public final class SweepPlots {

    /** Most lines in one plot. */
    static final int MAX_LINES = 8;
    /** Longest tick label of a non-numeric axis value; longer values are labelled by position. */
    static final int MAX_TICK_LABEL = 24;

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
                if (lines(table, metric, field, xs).isEmpty()) {
                    continue;
                }
                Plots.savePng(chart(table, metric, field, xs), f);
                files.add(f);
            }
        }
        return files;
    }

    /** @return whether the metric is a number wherever present and takes two or more values. */
    private static boolean numeric(final SweepTable t, final String metric) {
        final Set<Double> values = new java.util.HashSet<>();
        for (SweepRow r : t.rows()) {
            final JsonNode v = r.summary().get(metric);
            if (v != null && !v.isNull()) {
                if (!v.isNumber()) {
                    return false;
                }
                values.add(v.doubleValue());
            }
        }
        return values.size() > 1;
    }

    private static List<JsonNode> distinct(final SweepTable t, final String field) {
        final Set<JsonNode> s = new LinkedHashSet<>();
        for (SweepRow r : t.rows()) {
            s.add(r.params().get(field));
        }
        return new ArrayList<>(s);
    }

    /**
     * One line of a plot: the points of one combination of the other axes' values.
     *
     * @param name the combination ({@code training.rule=eprop}), or the metric if there are no other axes, or
     *             {@code all} when pooled.
     * @param x    the field's values (or positions 0, 1, ... of non-numeric values).
     * @param mean the metric's mean over the rows at each x.
     * @param sd   the sample standard deviation there (0 with a single row).
     */
    record Line(String name, double[] x, double[] mean, double[] sd) {
    }

    /**
     * @param t      the table.
     * @param metric a numeric metric.
     * @param field  an axis field.
     * @param xs     the field's distinct values, in order.
     * @return the lines of the plot of the metric against the field.
     */
    static List<Line> lines(final SweepTable t, final String metric, final String field, final List<JsonNode> xs) {
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
        if (groups.size() > MAX_LINES) {
            final List<SweepRow> all = new ArrayList<>(t.rows());
            groups.clear();
            groups.put("all", all);
        }
        final List<Line> lines = new ArrayList<>();
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
            if (!x.isEmpty()) { // a combination whose rows all lack the metric (null there, e.g. NaN) has no line
                lines.add(new Line(g.getKey().isEmpty() ? metric : g.getKey(), array(x), array(y), array(e)));
            }
        }
        return lines;
    }

    private static XYChart chart(final SweepTable t, final String metric, final String field, final List<JsonNode> xs) {
        final List<Line> lines = lines(t, metric, field, xs);
        final boolean pooled = lines.size() == 1 && lines.get(0).name().equals("all") && t.fields().size() > 1;
        final List<Plots.Series> series = new ArrayList<>();
        for (Line l : lines) {
            series.add(new Plots.Series(l.name(), l.x(), l.mean()));
        }
        final String over = pooled ? "mean +- sd over seeds and the other axes" : "mean +- sd over seeds";
        final boolean numericX = xs.stream().allMatch(JsonNode::isNumber);
        // XChart 3.8.8 never returns from laying out the x axis when a custom tick label is wider than its tick's
        // space (found with hw study's masks): long values are shown by position, the axis title says which is which
        final boolean byPosition = !numericX && xs.stream().anyMatch(x -> SweepNames.text(x).length() > MAX_TICK_LABEL);
        final StringBuilder xLabel = new StringBuilder(field);
        if (byPosition) {
            for (int i = 0; i < xs.size(); i++) {
                xLabel.append(i == 0 ? ": " : ", ").append(i).append(" = ").append(SweepNames.text(xs.get(i)));
            }
        }
        final XYChart chart = Plots.lineChart(metric + " vs " + field + " (" + over + ")", xLabel.toString(), metric,
                series.toArray(new Plots.Series[0]));
        for (Line l : lines) {
            final XYSeries xy = chart.updateXYSeries(l.name(), l.x(), l.mean(), l.sd());
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setMarkerSize(6);
        if (!numericX) {
            chart.setCustomXAxisTickLabelsFormatter(v -> {
                final long i = Math.round(v);
                return Math.abs(v - i) < 1e-9 && i >= 0 && i < xs.size()
                        ? byPosition ? Long.toString(i) : SweepNames.text(xs.get((int) i)) : "";
            });
        }
        return chart;
    }

    private static double[] array(final List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return {@code s} with every character but letters, digits and {@code . _ -} replaced by {@code -}. */
    static String safe(final String s) {
        final StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' ? c : '-');
        }
        return b.toString();
    }
}
