package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.spikering.app.hw.MeanSd;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.report.Plots;
import org.spikering.app.spec.SweepSpec;

/**
 * A sweep's selection over one axis ({@code sweep.best}), e.g. "each initial gain with its best learning rate":
 * the rows of the results table are grouped by the values of every axis but {@code over}'s (the group's
 * <em>combination</em>); in each group, the candidates are the values of {@code over}'s axis, each with its rows (one
 * per seed). A candidate's score is the mean of {@code metric} over its rows; it is eligible only if every one of
 * its rows has a finite number there (a diverged seed, with the metric null, disqualifies the value rather than
 * leaving the others to speak for it). The best eligible candidate is the one with the largest mean
 * ({@code goal: max}) or the smallest ({@code min}); on a tie the one first in axis order. A combination with no
 * eligible candidate has no choice.
 *
 * <p>Written into {@code best/} of the sweep folder, beside the table and each time it is written:
 * <table>
 *   <caption>best/</caption>
 *   <tr><th>file</th><th>content</th></tr>
 *   <tr><td>choice.csv</td><td>one row per combination: the other axes' fields, over's field(s) at the chosen value,
 *   {@code seeds}, {@code METRIC.mean}, {@code METRIC.sd} (sample sd; empty with one seed), then
 *   {@code METRIC.mean[FIELD=VALUE]} of every candidate (empty if not eligible)</td></tr>
 *   <tr><td>results.csv, results.jsonl</td><td>the rows of the table at the chosen values (same columns as the
 *   sweep's)</td></tr>
 *   <tr><td>plots/</td><td>the sweep's summary plots ({@link SweepPlots}) of those rows, over's field left out: each
 *   metric against each other axis, at the best value of over</td></tr>
 *   <tr><td>curves.png, curves--FIELD=VALUE.png</td><td>with {@code curve}: per combination, the file's
 *   {@code column} against its first column, averaged over the seeds at the chosen value (an x present in every
 *   seed's file only); with {@code split}, one plot per value of that field</td></tr>
 * </table>
 */
public final class SweepBest {

    /** Folder of the selection's files in the sweep folder. */
    public static final String DIR = "best";

    private SweepBest() {
    }

    /**
     * The choice of one combination.
     *
     * @param key        the other axes' values, field to value, in axis order.
     * @param chosen     over's axis fields at the chosen value, or null if no candidate is eligible.
     * @param rows       the rows at the chosen value (empty if none).
     * @param mean       their mean of the metric (NaN if none).
     * @param sd         its sample standard deviation (NaN with fewer than two rows).
     * @param candidates every candidate's label ({@code FIELD=VALUE}) to its mean, or null when not eligible.
     */
    public record Choice(Map<String, JsonNode> key, Map<String, JsonNode> chosen, List<SweepRow> rows, double mean,
                         double sd, Map<String, Double> candidates) {
    }

    /**
     * @param table the results table.
     * @param best  the selection.
     * @param over  over's axis fields (one, or a zipped axis's several).
     * @return the choices, one per combination, in the order of the table's rows.
     */
    public static List<Choice> choose(final SweepTable table, final SweepSpec.Best best, final List<String> over) {
        final boolean max = best.goal() == null || best.goal().equals("max");
        final List<String> others = new ArrayList<>(table.fields());
        others.removeAll(over);
        final Map<Map<String, JsonNode>, Map<Map<String, JsonNode>, List<SweepRow>>> groups = new LinkedHashMap<>();
        for (SweepRow r : table.rows()) {
            groups.computeIfAbsent(pick(r, others), k -> new LinkedHashMap<>())
                    .computeIfAbsent(pick(r, over), k -> new ArrayList<>()).add(r);
        }
        final List<Choice> out = new ArrayList<>();
        for (Map.Entry<Map<String, JsonNode>, Map<Map<String, JsonNode>, List<SweepRow>>> g : groups.entrySet()) {
            final Map<String, Double> candidates = new LinkedHashMap<>();
            Map<String, JsonNode> chosen = null;
            List<SweepRow> chosenRows = List.of();
            MeanSd chosenStats = new MeanSd(Double.NaN, Double.NaN, 0);
            for (Map.Entry<Map<String, JsonNode>, List<SweepRow>> c : g.getValue().entrySet()) {
                final double[] v = values(c.getValue(), best.metric());
                final MeanSd ms = v == null ? null : MeanSd.of(v);
                candidates.put(fullLabel(c.getKey()), ms == null ? null : ms.mean());
                if (ms != null && (chosen == null || (max ? ms.mean() > chosenStats.mean() : ms.mean() < chosenStats.mean()))) {
                    chosen = c.getKey();
                    chosenRows = c.getValue();
                    chosenStats = ms;
                }
            }
            out.add(new Choice(g.getKey(), chosen, chosenRows, chosenStats.mean(), chosenStats.sd(), candidates));
        }
        return out;
    }

    /**
     * Writes {@code best/} (see the class comment), replacing what an earlier call wrote.
     *
     * @param root  the sweep folder.
     * @param plan  the sweep (its {@link SweepPlan#best()} is not null).
     * @param table the results table.
     * @param plots whether to draw the plots too.
     */
    public static void write(final Path root, final SweepPlan plan, final SweepTable table, final boolean plots) {
        final SweepSpec.Best best = plan.best();
        final List<String> over = SweepPlan.axisOf(plan.axes(), best.over()).fields();
        final List<Choice> choices = choose(table, best, over);
        final Path dir = root.resolve(DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(dir.resolve("choice.csv"), choiceCsv(table, best, over, choices));
        final List<SweepRow> rows = new ArrayList<>();
        choices.forEach(c -> rows.addAll(c.rows()));
        final SweepTable chosen = new SweepTable(table.fields(), table.metrics(), sorted(rows));
        chosen.write(dir);
        if (!plots) {
            return;
        }
        final List<String> others = new ArrayList<>(table.fields());
        others.removeAll(over);
        SweepPlots.write(new SweepTable(others, table.metrics(), chosen.rows()), dir.resolve(SweepFolder.PLOTS));
        if (best.curve() != null) {
            writeCurves(root, dir, best, choices);
        }
    }

    private static List<SweepRow> sorted(final List<SweepRow> rows) {
        final TreeMap<Integer, SweepRow> byIndex = new TreeMap<>();
        rows.forEach(r -> byIndex.put(r.point(), r));
        return new ArrayList<>(byIndex.values());
    }

    private static String choiceCsv(final SweepTable table, final SweepSpec.Best best, final List<String> over,
            final List<Choice> choices) {
        final List<String> header = new ArrayList<>();
        if (!choices.isEmpty()) {
            header.addAll(choices.get(0).key().keySet());
        }
        header.addAll(over);
        header.add("seeds");
        header.add(best.metric() + ".mean");
        header.add(best.metric() + ".sd");
        final List<String> labels = new ArrayList<>();
        for (Choice c : choices) {
            for (String l : c.candidates().keySet()) {
                if (!labels.contains(l)) {
                    labels.add(l);
                }
            }
        }
        labels.forEach(l -> header.add(best.metric() + ".mean[" + l + "]"));
        final StringBuilder b = new StringBuilder();
        SweepTable.line(b, header);
        for (Choice c : choices) {
            final List<String> cells = new ArrayList<>();
            c.key().values().forEach(v -> cells.add(SweepNames.text(v)));
            for (String f : over) {
                cells.add(c.chosen() == null ? "" : SweepNames.text(c.chosen().get(f)));
            }
            cells.add(Integer.toString(c.rows().size()));
            cells.add(number(c.mean()));
            cells.add(number(c.sd()));
            for (String l : labels) {
                final Double m = c.candidates().get(l);
                cells.add(m == null ? "" : number(m));
            }
            SweepTable.line(b, cells);
        }
        return b.toString();
    }

    /** Curves of each combination at its chosen value, mean over seeds; one file, or one per value of split. */
    private static void writeCurves(final Path root, final Path dir, final SweepSpec.Best best, final List<Choice> choices) {
        final Map<String, List<Plots.Series>> files = new LinkedHashMap<>();
        String yLabel = best.column();
        String xLabel = null;
        for (Choice c : choices) {
            if (c.chosen() == null) {
                continue;
            }
            final List<Curve> curves = new ArrayList<>();
            for (SweepRow r : c.rows()) {
                final Path f = root.resolve(SweepFolder.POINTS).resolve(r.folder()).resolve(SweepFolder.RUN).resolve(best.curve());
                final Curve k = Curve.read(f, best.column());
                if (k != null) {
                    curves.add(k);
                }
            }
            if (curves.size() != c.rows().size() || curves.isEmpty()) {
                continue; // a seed lacks the file or the column: no mean to draw
            }
            xLabel = curves.get(0).xName();
            yLabel = curves.get(0).yName();
            final String file = best.split() == null ? "curves.png"
                    : "curves--" + SweepPlots.safe(best.split()) + "=" + SweepPlots.safe(SweepNames.text(c.key().get(best.split()))) + ".png";
            final Map<String, JsonNode> label = new LinkedHashMap<>(c.key());
            if (best.split() != null) {
                label.remove(best.split());
            }
            label.putAll(c.chosen());
            files.computeIfAbsent(file, k -> new ArrayList<>()).add(Curve.mean(label(label), curves));
        }
        for (Map.Entry<String, List<Plots.Series>> f : files.entrySet()) {
            final String title = yLabel + " at the best " + shortName(best.over()) + " by " + best.metric()
                    + (f.getKey().equals("curves.png") ? "" : ", " + f.getKey().substring(8, f.getKey().length() - 4))
                    + " (mean over seeds)";
            final XYChart chart = Plots.lineChart(title, xLabel, yLabel, f.getValue().toArray(new Plots.Series[0]));
            Plots.savePng(chart, dir.resolve(f.getKey()));
        }
    }

    /** One seed's curve: x (the first column) and y (the chosen column) where y is a number. */
    record Curve(String xName, String yName, Map<Double, Double> points) {

        /** @return the curve of {@code file}, or null if it is missing, unreadable or lacks the column. */
        static Curve read(final Path file, final String column) {
            final List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
            if (lines.isEmpty()) {
                return null;
            }
            final String[] header = lines.get(0).split(",", -1);
            int col = column == null ? 1 : -1;
            for (int i = 0; i < header.length && col < 0; i++) {
                if (header[i].strip().equals(column)) {
                    col = i;
                }
            }
            if (col < 1 || col >= header.length) {
                return null;
            }
            final Map<Double, Double> points = new TreeMap<>();
            for (int l = 1; l < lines.size(); l++) {
                final String[] cells = lines.get(l).split(",", -1);
                if (cells.length <= col) {
                    continue;
                }
                try {
                    final double x = Double.parseDouble(cells[0].strip());
                    final double y = Double.parseDouble(cells[col].strip());
                    if (Double.isFinite(x) && Double.isFinite(y)) {
                        points.put(x, y);
                    }
                } catch (NumberFormatException e) {
                    // an empty cell (no value at this x) or text: not a point
                }
            }
            return new Curve(header[0].strip(), header[col].strip(), points);
        }

        /** @return the mean curve of seeds' curves at the x values every one of them has. */
        static Plots.Series mean(final String name, final List<Curve> curves) {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (Map.Entry<Double, Double> p : curves.get(0).points().entrySet()) {
                double sum = 0;
                boolean all = true;
                for (Curve c : curves) {
                    final Double y = c.points().get(p.getKey());
                    if (y == null) {
                        all = false;
                        break;
                    }
                    sum += y;
                }
                if (all) {
                    xs.add(p.getKey());
                    ys.add(sum / curves.size());
                }
            }
            return new Plots.Series(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private static Map<String, JsonNode> pick(final SweepRow r, final List<String> fields) {
        final Map<String, JsonNode> m = new LinkedHashMap<>();
        fields.forEach(f -> m.put(f, r.params().get(f)));
        return m;
    }

    /** @return the metric of every row, or null if a row lacks a finite number there. */
    private static double[] values(final List<SweepRow> rows, final String metric) {
        final double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            final JsonNode n = rows.get(i).summary().get(metric);
            if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
                return null;
            }
            v[i] = n.doubleValue();
        }
        return v;
    }

    /** @return {@code FIELD=VALUE, ...} with the full field paths. */
    private static String fullLabel(final Map<String, JsonNode> m) {
        final StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append('=').append(SweepNames.text(v)));
        return b.toString();
    }

    /** @return {@code FIELD=VALUE, ...} with each field's last path segment ({@code lr=0.001}). */
    private static String label(final Map<String, JsonNode> m) {
        final StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(shortName(k)).append('=').append(SweepNames.text(v)));
        return b.toString();
    }

    /** @return the last segment of a field path ({@code training.optimizer.lr} gives {@code lr}). */
    static String shortName(final String field) {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    private static String number(final double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

}
