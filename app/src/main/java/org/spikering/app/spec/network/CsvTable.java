package org.spikering.app.spec.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small numeric CSV file named in a spec: a header line with the expected column names, then one row of numbers
 * per line (blank lines skipped). Used for explicit connections ({@code source,target[,weight][,delay_ms]}) and spike arrays
 * ({@code neuron,time_ms}).
 *
 * @param header the column names found.
 * @param rows   the rows, each as many numbers as the header has names.
 */
record CsvTable(List<String> header, List<double[]> rows) {

    /**
     * @param file     the file.
     * @param required the leading column names required, in order.
     * @param optional further columns allowed after them: any of these, in this order (empty for none).
     * @return the table.
     * @throws IllegalArgumentException naming the file, the line and what is wrong.
     */
    static CsvTable read(final Path file, final List<String> required, final List<String> optional) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("'" + file + "': cannot be read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("'" + file + "': empty, must start with the header " + String.join(",", required));
        }
        final List<String> header = new ArrayList<>();
        for (String h : lines.get(0).split(",", -1)) {
            header.add(h.strip());
        }
        boolean ok = header.size() >= required.size() && header.subList(0, required.size()).equals(required);
        int next = 0;
        for (int c = required.size(); ok && c < header.size(); c++) {
            final int at = optional.subList(next, optional.size()).indexOf(header.get(c));
            ok = at >= 0;
            next += at + 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + file + "' line 1: header " + String.join(",", header) + ", must be "
                    + String.join(",", required) + (optional.isEmpty() ? "" : " followed by any of " + String.join(", ",
                    optional) + " (in this order)"));
        }
        final List<double[]> rows = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            final String line = lines.get(l).strip();
            if (line.isEmpty()) {
                continue;
            }
            final String[] cells = line.split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalArgumentException("'" + file + "' line " + (l + 1) + ": " + cells.length + " values, must be "
                        + header.size() + " (" + String.join(",", header) + ")");
            }
            final double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + file + "' line " + (l + 1) + ": " + header.get(c) + " = '"
                            + cells[c].strip() + "', must be a number");
                }
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("'" + file + "' line " + (l + 1) + ": " + header.get(c) + " = "
                            + cells[c].strip() + ", must be finite");
                }
            }
            rows.add(row);
        }
        return new CsvTable(header, rows);
    }

    /**
     * @param name a column name.
     * @return its index, or −1 if the file has no such column.
     */
    int column(final String name) {
        return header.indexOf(name);
    }

    /**
     * @param file the file (for messages).
     * @param row  row index (0 = first data row).
     * @param col  column.
     * @param max  exclusive upper bound.
     * @return the cell as an index in [0, max).
     */
    int index(final Path file, final int row, final int col, final int max) {
        final double v = rows.get(row)[col];
        if (!(v >= 0 && v < max && v == Math.rint(v))) {
            throw new IllegalArgumentException("'" + file + "' data row " + (row + 1) + ": " + header.get(col) + " = "
                    + v + ", must be a whole number in [0, " + (max - 1) + "]");
        }
        return (int) v;
    }
}
