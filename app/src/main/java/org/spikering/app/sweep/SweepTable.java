package org.spikering.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.spikering.app.report.AtomicFiles;

/**
 * The results table of a sweep: one row per complete point, ordered by point index (so the table does not depend on
 * the order in which points finished), written as {@value SweepFolder#CSV} and {@value SweepFolder#JSONL}.
 *
 * <p>CSV columns: {@code point}, each axis field (its path, e.g. {@code training.rule}), {@code seed}, every metric
 * of the points' summaries (in order of first appearance, by point index; a metric named like one of the other
 * columns gets the prefix {@code summary.}), {@code wall_time_s}, {@code spec_hash}, {@code folder}. A metric a point's
 * summary lacks is an empty cell. Numbers are written as JSON writes them; text with a comma, quote or line break is
 * quoted (RFC 4180); lists and mappings are compact JSON.
 *
 * @param fields  the axis fields, in axis order.
 * @param metrics the summary metrics, in column order.
 * @param rows    the rows, by point index.
 */
public record SweepTable(List<String> fields, List<String> metrics, List<SweepRow> rows) {

    /** Copies the lists. */
    public SweepTable {
        fields = List.copyOf(fields);
        metrics = List.copyOf(metrics);
        rows = List.copyOf(rows);
    }

    /**
     * @param plan the sweep.
     * @param rows rows of its complete points, in any order (a row per index at most; a later one replaces an
     *             earlier one of the same index).
     * @return the table, rows by index.
     */
    public static SweepTable of(final SweepPlan plan, final List<SweepRow> rows) {
        final TreeMap<Integer, SweepRow> byIndex = new TreeMap<>();
        for (SweepRow r : rows) {
            byIndex.put(r.point(), r);
        }
        final Set<String> metrics = new LinkedHashSet<>();
        for (SweepRow r : byIndex.values()) {
            metrics.addAll(r.summary().keySet());
        }
        return new SweepTable(plan.fields(), new ArrayList<>(metrics), new ArrayList<>(byIndex.values()));
    }

    /** @return the CSV header: the column names. */
    public List<String> header() {
        final List<String> h = new ArrayList<>();
        h.add("point");
        h.addAll(fields);
        h.add("seed");
        for (String m : metrics) {
            h.add(metricColumn(m));
        }
        h.add("wall_time_s");
        h.add("spec_hash");
        h.add("folder");
        return h;
    }

    /** @return the column of a metric: its name, or {@code summary.NAME} if another column has that name. */
    String metricColumn(final String metric) {
        final boolean clash = metric.equals("point") || metric.equals("seed") || metric.equals("wall_time_s")
                || metric.equals("spec_hash") || metric.equals("folder") || fields.contains(metric);
        return clash ? "summary." + metric : metric;
    }

    /** @return the table as CSV text. */
    public String csv() {
        final StringBuilder b = new StringBuilder();
        line(b, header());
        for (SweepRow r : rows) {
            final List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.point()));
            for (String f : fields) {
                final JsonNode v = r.params().get(f);
                cells.add(v == null ? "" : cell(v));
            }
            cells.add(Long.toString(r.seed()));
            for (String m : metrics) {
                final JsonNode v = r.summary().get(m);
                cells.add(v == null || v.isNull() ? "" : cell(v));
            }
            cells.add(String.format(Locale.ROOT, "%.3f", r.wallTimeS()));
            cells.add(r.specHash());
            cells.add(r.folder());
            line(b, cells);
        }
        return b.toString();
    }

    /** @return the table as JSON lines, one {@link SweepRow#toJson} per row. */
    public String jsonLines() {
        final StringBuilder b = new StringBuilder();
        for (SweepRow r : rows) {
            b.append(r.toJsonLine()).append('\n');
        }
        return b.toString();
    }

    /**
     * Writes {@value SweepFolder#CSV} and {@value SweepFolder#JSONL} into a folder, each atomically.
     *
     * @param dir the sweep folder.
     */
    public void write(final Path dir) {
        AtomicFiles.writeString(dir.resolve(SweepFolder.CSV), csv());
        AtomicFiles.writeString(dir.resolve(SweepFolder.JSONL), jsonLines());
    }

    private static String cell(final JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Appends one CSV line (RFC 4180 quoting). */
    static void line(final StringBuilder b, final List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            final String c = cells.get(i);
            b.append(c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0
                    ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        b.append('\n');
    }
}
