package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.spikering.app.data.Npy;
import org.spikering.app.data.NpyArray;
import org.spikering.app.data.Npz;

/**
 * The spike times of a spike_array source: inline ({@code spike_times_ms}), from its CSV file ({@code neuron,time_ms}),
 * from a SONATA spike report ({@code .h5}, {@code .hdf5}, {@code .sonata}: {@code /spikes/<population>/timestamps}
 * in ms and {@code node_ids}, as {@code run --sonata} writes them): the population named like the source, or the
 * file's only one; node id = generator index), or from NumPy (read by {@link Npy} and {@link Npz}):
 * <ul>
 *   <li>a dense matrix M of shape (steps, size), {@code .npy} or the {@code .npz} array named by {@code array}:
 *       M[s, i] = 1 (or true) is a spike of generator i in step s, at time s·dt; 0 is none;</li>
 *   <li>an {@code .npz} without {@code array}: the 1-D arrays {@code times_ms} (ms) and {@code ids} (generator
 *       indices) of equal length, one spike per position, in any order (as NEST's spike recorder gives
 *       {@code times} and {@code senders}).</li>
 * </ul>
 */
final class SpikeTimes {

    private SpikeTimes() {
    }

    /**
     * @param s       the source (kind spike_array).
     * @param resolve file name to path.
     * @param dtMs    the network's step, ms (the time of a dense matrix's row s is s·dt).
     * @return per generator, its times in ms in the order given (the file's rows sorted by time per neuron).
     * @throws IllegalArgumentException for a bad file (the message names it).
     */
    static double[][] of(final SourceEntry s, final Function<String, Path> resolve, final double dtMs) {
        if (s.spikeTimesMs() != null) {
            final double[][] t = new double[s.spikeTimesMs().size()][];
            for (int i = 0; i < t.length; i++) {
                t[i] = s.spikeTimesMs().get(i).stream().mapToDouble(Double::doubleValue).toArray();
            }
            return t;
        }
        final Path file = resolve.apply(s.file());
        if (isSonata(s.file())) {
            return sonata(s, file);
        }
        final String lower = s.file().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".npy")) {
            return dense(Npy.read(file), "'" + file + "'", s.size(), dtMs);
        }
        if (lower.endsWith(".npz")) {
            if (s.array() != null) {
                return dense(Npz.read(file, s.array()), "'" + file + "' array '" + s.array() + "'", s.size(), dtMs);
            }
            return events(file, s.size());
        }
        final CsvTable table = CsvTable.read(file, List.of("neuron", "time_ms"), List.of());
        final List<List<Double>> per = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            per.add(new ArrayList<>());
        }
        for (int k = 0; k < table.rows().size(); k++) {
            per.get(table.index(file, k, 0, s.size())).add(table.rows().get(k)[1]);
        }
        final double[][] t = new double[s.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = per.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return t;
    }

    /** A dense 0/1 matrix of shape (steps, size): the spikes of each column at the times of their rows. */
    private static double[][] dense(final NpyArray m, final String name, final int size, final double dtMs) {
        if (m.ndim() != 2 || m.dim(1) != size) {
            throw new IllegalArgumentException(name + ": shape " + m.shapeText() + ", must be (steps, " + size
                    + ") = (steps, size): one column per spike generator");
        }
        final List<List<Double>> per = perGenerator(size);
        for (int k = 0; k < m.size(); k++) {
            final double v = m.doubleAt(k);
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException(name + ": entry [" + k / size + ", " + k % size + "] = " + v
                        + ", must be 0 or 1 (a spike generator emits at most one spike per step)");
            }
            if (v == 1) {
                per.get(k % size).add(Distributions.gridMs(k / size, dtMs));
            }
        }
        return toArrays(per);
    }

    /** The arrays times_ms and ids of an .npz file: one spike per position. */
    private static double[][] events(final Path file, final int size) {
        final NpyArray t = Npz.read(file, "times_ms");
        final NpyArray ids = Npz.read(file, "ids");
        final String tn = "'" + file + "' array 'times_ms'";
        final String in = "'" + file + "' array 'ids'";
        if (t.ndim() != 1) {
            throw new IllegalArgumentException(tn + ": shape " + t.shapeText() + ", must be 1-D (one time per spike)");
        }
        if (ids.ndim() != 1 || ids.dim(0) != t.dim(0)) {
            throw new IllegalArgumentException(in + ": shape " + ids.shapeText() + ", must be (" + t.dim(0)
                    + ",) like times_ms (one generator index per spike)");
        }
        final List<List<Double>> per = perGenerator(size);
        for (int k = 0; k < t.size(); k++) {
            final double id = ids.doubleAt(k);
            if (!(id >= 0 && id < size && id == Math.rint(id))) {
                throw new IllegalArgumentException(in + ": ids[" + k + "] = " + id + ", must be a whole number in [0, "
                        + (size - 1) + "] (size = " + size + ")");
            }
            final double time = t.doubleAt(k);
            if (!(time >= 0) || Double.isInfinite(time)) {
                throw new IllegalArgumentException(tn + ": times_ms[" + k + "] = " + time + ", must be a finite time >= 0 ms");
            }
            per.get((int) id).add(time);
        }
        return toArrays(per);
    }

    private static List<List<Double>> perGenerator(final int size) {
        final List<List<Double>> per = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            per.add(new ArrayList<>());
        }
        return per;
    }

    private static double[][] toArrays(final List<List<Double>> per) {
        final double[][] t = new double[per.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = per.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return t;
    }

    /** @return whether a file name is a SONATA spike report's. */
    static boolean isSonata(final String file) {
        final String f = file.toLowerCase(java.util.Locale.ROOT);
        return f.endsWith(".h5") || f.endsWith(".hdf5") || f.endsWith(".sonata");
    }

    private static double[][] sonata(final SourceEntry s, final Path file) {
        final List<org.spikering.nir.sonata.SpikePopulation> pops = org.spikering.nir.sonata.SonataSpikes.read(file);
        org.spikering.nir.sonata.SpikePopulation p = null;
        for (org.spikering.nir.sonata.SpikePopulation q : pops) {
            if (q.name().equals(s.name())) {
                p = q;
            }
        }
        if (p == null && pops.size() == 1) {
            p = pops.get(0);
        }
        if (p == null) {
            final List<String> names = new ArrayList<>();
            pops.forEach(q -> names.add(q.name()));
            throw new IllegalArgumentException("'" + file + "' has the SONATA populations " + names + ": must hold one"
                    + " named like the source ('" + s.name() + "') or only one");
        }
        final List<List<Double>> per = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            per.add(new ArrayList<>());
        }
        for (int k = 0; k < p.nodeIds().length; k++) {
            final long id = p.nodeIds()[k];
            if (id < 0 || id >= s.size()) {
                throw new IllegalArgumentException("'" + file + "' population " + p.name() + ": node id " + id
                        + " must be in [0, size = " + s.size() + ")");
            }
            per.get((int) id).add(p.timestampsMs()[k]);
        }
        final double[][] t = new double[s.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = per.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return t;
    }
}
