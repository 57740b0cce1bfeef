package org.spikering.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;

/**
 * The input of a NIR graph's run, [step][column] with one column per input neuron (the top-level Input nodes'
 * values flattened row-major, concatenated in file order), from a file: {@code nir run --input} /
 * {@code --input-sonata} and a spec's {@code network.nir.input}. Every problem is an
 * {@link IllegalArgumentException} of one line that starts with the given label ({@code --input},
 * {@code network.nir.input}).
 *
 * <ul>
 *   <li>CSV: no header, one row per step, one column per input neuron; lines starting with # and blank lines are
 *       skipped; every value a finite number.</li>
 *   <li>SONATA spike file: a spike of node i at t ms adds 1 to column i in step floor(t / dt); node ids must be
 *       below the width, times &ge; 0.</li>
 * </ul>
 */
public final class NirInput {

    /** Most steps of an input read from a SONATA file. */
    public static final int MAX_STEPS = 10_000_000;

    private NirInput() {
    }

    /**
     * @param file a file name.
     * @return whether it names a SONATA spike file ({@code .h5}, {@code .hdf5}, {@code .sonata}), as spike_array
     *         sources tell them apart.
     */
    public static boolean isSonata(final String file) {
        final String f = file.toLowerCase(java.util.Locale.ROOT);
        return f.endsWith(".h5") || f.endsWith(".hdf5") || f.endsWith(".sonata");
    }

    /**
     * @param label what messages call the file ({@code --input}).
     * @param path  the CSV file.
     * @param width columns required.
     * @return the rows.
     */
    public static double[][] csv(final String label, final Path path, final int width) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(label + " = '" + path + "': must be a readable UTF-8 CSV file");
        }
        final List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] f = line.split(",", -1);
            if (f.length != width) {
                throw new IllegalArgumentException(label + " = '" + path + "': must have " + width + " columns (the"
                        + " graph's Input nodes); line " + (i + 1) + " has " + f.length);
            }
            final double[] row = new double[width];
            for (int c = 0; c < width; c++) {
                try {
                    row[c] = Double.parseDouble(f[c].trim());
                } catch (NumberFormatException e) {
                    row[c] = Double.NaN;
                }
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException(label + " = '" + path + "': line " + (i + 1) + " column " + (c + 1)
                            + " = '" + f[c].trim() + "': must be a finite number");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(label + " = '" + path + "': has no rows: must have one row per step");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * @param label           what messages call the file ({@code --input-sonata}).
     * @param populationLabel what messages call the population choice ({@code --input-population}).
     * @param path            the SONATA spike file.
     * @param population      the population to use, or null for the file's only one.
     * @param dtMs            step, ms.
     * @param steps           steps to return, or null: up to the step of the last spike.
     * @param width           columns (input neurons).
     * @return [step][column] spike counts.
     */
    public static double[][] sonata(final String label, final String populationLabel, final Path path,
                                    final String population, final double dtMs, final Integer steps, final int width) {
        final List<SpikePopulation> pops;
        try {
            pops = SonataSpikes.read(path);
        } catch (NirFormatException e) {
            throw new IllegalArgumentException(label + " = '" + path + "': must be a SONATA spike file: "
                    + problems(path.toString(), e.getMessage()));
        }
        final List<String> names = pops.stream().map(SpikePopulation::name).toList();
        final SpikePopulation p;
        if (population == null) {
            if (pops.size() != 1) {
                throw new IllegalArgumentException(populationLabel + ": missing: '" + path + "' has populations " + names
                        + ": name one");
            }
            p = pops.get(0);
        } else {
            p = pops.stream().filter(x -> x.name().equals(population)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    populationLabel + " = '" + population + "': must be one of " + names));
        }
        final double[] t = p.timestampsMs();
        final long[] id = p.nodeIds();
        int last = -1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0) {
                throw new IllegalArgumentException(label + " = '" + path + "': spike " + i + " at " + t[i] + " ms: must be >= 0");
            }
            if (id[i] >= width) {
                throw new IllegalArgumentException(label + " = '" + path + "': node id " + id[i]
                        + ": the graph's Input nodes take ids 0.." + (width - 1));
            }
            last = Math.max(last, (int) Math.min(Integer.MAX_VALUE - 1, Math.floor(t[i] / dtMs)));
        }
        final int n = steps != null ? steps : last + 1;
        if (n < 1 || n > MAX_STEPS) {
            throw new IllegalArgumentException(label + " = '" + path + "': " + n + " steps: must be in [1, " + MAX_STEPS
                    + "] (give --steps)");
        }
        final double[][] data = new double[n][width];
        for (int i = 0; i < t.length; i++) {
            final int k = (int) Math.floor(t[i] / dtMs);
            if (k < n) {
                data[k][(int) id[i]] += 1.0;
            }
        }
        return data;
    }

    /**
     * The problems of a file, each on its own line in {@code message} and starting with the file name, as one
     * line: {@code "; "} between them (every CLI error is one line).
     *
     * @param file    the file as named.
     * @param message the nir module's message.
     * @return one line.
     */
    public static String problems(final String file, final String message) {
        final List<String> out = new ArrayList<>();
        for (String line : message.split("\n")) {
            out.add(line.startsWith(file + ": ") ? line.substring(file.length() + 2) : line);
        }
        return String.join("; ", out);
    }
}
