package org.spikering.app.report;

import java.nio.file.Path;

/** CSV tables of numbers, written atomically. */
public final class Csv {

    private Csv() {
    }

    /**
     * Writes columns of equal length as a CSV table with a header line.
     *
     * @param target  the file.
     * @param header  column names.
     * @param columns one array per column, all of the same length.
     */
    public static void writeColumns(final Path target, final String[] header, final double[]... columns) {
        if (header.length != columns.length) {
            throw new IllegalArgumentException("header has " + header.length + " names for " + columns.length + " columns");
        }
        final int rows = columns.length == 0 ? 0 : columns[0].length;
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != rows) {
                throw new IllegalArgumentException("column '" + header[c] + "' has " + columns[c].length
                        + " rows, expected " + rows);
            }
        }
        AtomicFiles.writeText(target, w -> {
            w.write(String.join(",", header));
            w.write('\n');
            final StringBuilder line = new StringBuilder(64);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < columns.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    appendNumber(line, columns[c][r]);
                }
                line.append('\n');
                w.write(line.toString());
            }
        });
    }

    private static void appendNumber(final StringBuilder b, final double v) {
        if (Double.isNaN(v)) {
            return; // an empty cell: no value (e.g. the firing rate of a rate network), never the text NaN
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }
}
