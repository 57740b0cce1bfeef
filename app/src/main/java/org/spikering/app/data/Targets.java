package org.spikering.app.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * The targets of a data set, read from a file: regression values [n][T][k] or class labels [n].
 * <ul>
 *   <li>.npy/.npz float32/float64 of shape [n, T, k]: regression (k readouts, loss ½ Σ (y − y*)²);</li>
 *   <li>.npy/.npz integer (int8..int64, uint8) of shape [n]: class labels (classification, softmax
 *       cross-entropy);</li>
 *   <li>CSV, header {@code sequence,label}: one row per sequence 0..n−1 (labels);</li>
 *   <li>CSV, header {@code sequence,step,target_0,…,target_{k−1}}: one row per sequence and step, every
 *       (sequence, step) of 0..n−1 × 0..T−1 exactly once (regression).</li>
 * </ul>
 * Every value must be finite.
 *
 * @param sequences n.
 * @param steps     T for regression, 0 for labels.
 * @param outputs   k for regression, 0 for labels.
 * @param values    [n][T][k] regression targets, or null.
 * @param labels    [n] labels, or null.
 * @param file      where they came from.
 */
record Targets(int sequences, int steps, int outputs, double[] values, long[] labels, DataFile file) {

    /** @return the file and key, for messages. */
    String where() {
        return file.where();
    }

    /** @param what what is wrong. @return the exception naming the field. */
    IllegalArgumentException fail(final String what) {
        return file.fail(what);
    }

    /** @return true for class labels. */
    boolean isLabels() {
        return labels != null;
    }

    /**
     * @param f a targets file.
     * @return its targets.
     */
    static Targets read(final DataFile f) {
        return f.format() == DataFormat.CSV ? csv(f) : array(f);
    }

    private static Targets array(final DataFile f) {
        final NpyArray a = f.array();
        if (a.dtype().isFloat()) {
            if (a.ndim() != 3) {
                throw f.fail(f.where() + " is " + a.dtype().numpyName() + " of shape " + a.shapeText()
                        + ": float targets must be [n, T, k] (regression); class labels must be integers of shape [n]");
            }
            final double[] v = new double[a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.doubleAt(i);
                if (!Double.isFinite(v[i])) {
                    final int k = a.dim(2);
                    final int t = a.dim(1);
                    throw f.fail(f.where() + " has " + v[i] + " at [" + i / (t * k) + ", " + i / k % t + ", " + i % k
                            + "]: targets must be finite");
                }
            }
            return new Targets(a.dim(0), a.dim(1), a.dim(2), v, null, f);
        }
        if (a.dtype().isInteger()) {
            if (a.ndim() != 1) {
                throw f.fail(f.where() + " is " + a.dtype().numpyName() + " of shape " + a.shapeText()
                        + ": integer targets are class labels and must have shape [n]; regression targets must be float [n, T, k]");
            }
            final long[] l = new long[a.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = a.longAt(i);
            }
            return new Targets(l.length, 0, 0, null, l, f);
        }
        throw f.fail(f.where() + " is " + a.dtype().numpyName() + ": targets must be float [n, T, k] (regression) or"
                + " integer [n] (class labels)");
    }

    private static Targets csv(final DataFile f) {
        try (BufferedReader r = Files.newBufferedReader(f.file(), StandardCharsets.UTF_8)) {
            final String header = r.readLine();
            final String[] h = header == null ? new String[0] : header.strip().replace(" ", "").split(",");
            if (Arrays.equals(h, new String[] {"sequence", "label"})) {
                return csvLabels(f, r);
            }
            boolean regression = h.length >= 3 && h[0].equals("sequence") && h[1].equals("step");
            for (int c = 2; regression && c < h.length; c++) {
                regression = h[c].equals("target_" + (c - 2));
            }
            if (!regression) {
                throw f.fail(f.where() + " line 1: '" + (header == null ? "" : header.strip()) + "', must be the header"
                        + " sequence,label or sequence,step,target_0,...,target_<k-1>");
            }
            return csvRegression(f, r, h.length - 2);
        } catch (IOException e) {
            throw f.fail(f.where() + " cannot be read: " + e.getMessage());
        }
    }

    private static Targets csvLabels(final DataFile f, final BufferedReader r) throws IOException {
        final java.util.TreeMap<Integer, Long> rows = new java.util.TreeMap<>();
        String line;
        int no = 1;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            final String[] c = line.split(",", -1);
            try {
                if (c.length != 2) {
                    throw new NumberFormatException();
                }
                final int s = Integer.parseInt(c[0].strip());
                final long l = Long.parseLong(c[1].strip());
                if (s < 0) {
                    throw new NumberFormatException();
                }
                if (rows.put(s, l) != null) {
                    throw f.fail(f.where() + " line " + no + ": sequence " + s + " has a second label; one row per sequence");
                }
            } catch (NumberFormatException e) {
                throw f.fail(f.where() + " line " + no + ": '" + line.strip() + "', must be sequence,label (integers,"
                        + " sequence >= 0)");
            }
        }
        final int n = rows.isEmpty() ? 0 : rows.lastKey() + 1;
        if (rows.size() != n || n == 0) {
            throw f.fail(f.where() + " has labels for " + rows.size() + " sequences, must have one for each of 0.."
                    + (n - 1) + (n == 0 ? " (none given)" : " (first missing: " + firstMissing(rows.keySet()) + ")"));
        }
        final long[] l = new long[n];
        rows.forEach((s, v) -> l[s] = v);
        return new Targets(n, 0, 0, null, l, f);
    }

    private static int firstMissing(final java.util.Set<Integer> keys) {
        int i = 0;
        while (keys.contains(i)) {
            i++;
        }
        return i;
    }

    private static Targets csvRegression(final DataFile f, final BufferedReader r, final int k) throws IOException {
        final java.util.List<double[]> rows = new java.util.ArrayList<>();
        int maxS = -1;
        int maxT = -1;
        String line;
        int no = 1;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            final String[] c = line.split(",", -1);
            final double[] row = new double[k + 2];
            try {
                if (c.length != k + 2) {
                    throw new NumberFormatException();
                }
                row[0] = Integer.parseInt(c[0].strip());
                row[1] = Integer.parseInt(c[1].strip());
                for (int j = 0; j < k; j++) {
                    row[j + 2] = Double.parseDouble(c[j + 2].strip());
                }
            } catch (NumberFormatException e) {
                throw f.fail(f.where() + " line " + no + ": '" + line.strip() + "', must be sequence,step and " + k
                        + " numbers (sequence and step integers >= 0)");
            }
            if (row[0] < 0 || row[1] < 0) {
                throw f.fail(f.where() + " line " + no + ": '" + line.strip() + "', sequence and step must be >= 0");
            }
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(row[j + 2])) {
                    throw f.fail(f.where() + " line " + no + ": target_" + j + " = " + c[j + 2].strip()
                            + ", targets must be finite");
                }
            }
            maxS = Math.max(maxS, (int) row[0]);
            maxT = Math.max(maxT, (int) row[1]);
            rows.add(row);
        }
        final int n = maxS + 1;
        final int steps = maxT + 1;
        if (n == 0 || (long) n * steps != rows.size()) {
            throw f.fail(f.where() + " has " + rows.size() + " rows, must have one for every sequence and step: "
                    + n + " sequences x " + steps + " steps = " + ((long) n * steps));
        }
        final double[] v = new double[n * steps * k];
        final boolean[] seen = new boolean[n * steps];
        for (double[] row : rows) {
            final int st = (int) row[0] * steps + (int) row[1];
            if (seen[st]) {
                throw f.fail(f.where() + " has two rows for sequence " + (int) row[0] + ", step " + (int) row[1]);
            }
            seen[st] = true;
            System.arraycopy(row, 2, v, st * k, k);
        }
        return new Targets(n, steps, k, v, null, f);
    }
}
