package org.spikering.nir.sonata;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.nir.NirFormatException;
import org.spikering.sim.record.AtomicWrite;

/**
 * SONATA spike reports (the HDF5 format in which NEST, BMTK, NetPyNE and PyNN exchange spikes), read and
 * written with jHDF:
 * <pre>
 *   /spikes                       group
 *   /spikes/&lt;population&gt;         group, attribute sorting = "none" | "by_id" | "by_time"
 *   /spikes/&lt;population&gt;/timestamps   float64 (N), attribute units = "ms" (or "s")
 *   /spikes/&lt;population&gt;/node_ids     int (N)
 * </pre>
 * Written files sort by time (ties by node id), say so in {@code sorting}, and give {@code units = "ms"}; node
 * ids are written as int64 (jHDF has no unsigned type; SONATA readers take any integer). A population without
 * spikes is left out (jHDF 0.9.4 cannot write empty datasets). Reading accepts
 * {@code units} "ms" or "s" (converted to ms; missing = ms, the SONATA default) and a {@code sorting} given as
 * a string or an HDF5 enum. Stateless.
 */
public final class SonataSpikes {

    private SonataSpikes() {
    }

    /**
     * Writes the populations that have spikes, each sorted by time; atomically (temporary file and rename).
     *
     * @param target      the .h5 file.
     * @param populations the populations (names unique).
     */
    public static void write(final Path target, final List<SpikePopulation> populations) {
        try {
            AtomicWrite.throughTemp(target, tmp -> {
                try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                    final WritableGroup spikes = hdf.putGroup("spikes");
                    for (SpikePopulation p : populations) {
                        if (p.size() == 0) {
                            continue; // jHDF 0.9.4 cannot write an empty dataset: a population without spikes is left out
                        }
                        final SpikePopulation s = sortedByTime(p);
                        final WritableGroup g = spikes.putGroup(s.name());
                        g.putAttribute("sorting", "by_time");
                        final WritableDataset t = g.putDataset("timestamps", s.timestampsMs());
                        t.putAttribute("units", "ms");
                        g.putDataset("node_ids", s.nodeIds());
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw new NirFormatException(e.getMessage(), e.getCause());
        }
    }

    /**
     * @param p a population.
     * @return its spikes sorted by time, ties by node id (a stable order).
     */
    public static SpikePopulation sortedByTime(final SpikePopulation p) {
        final double[] t = p.timestampsMs();
        final long[] id = p.nodeIds();
        final Integer[] order = new Integer[t.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> t[i]).thenComparingLong(i -> id[i]));
        final double[] ts = new double[t.length];
        final long[] ids = new long[t.length];
        for (int i = 0; i < order.length; i++) {
            ts[i] = t[order[i]];
            ids[i] = id[order[i]];
        }
        return new SpikePopulation(p.name(), ts, ids);
    }

    /**
     * @param source a SONATA spike file.
     * @return its populations in file order, times in ms.
     * @throws NirFormatException one line naming the file and what is wrong.
     */
    public static List<SpikePopulation> read(final Path source) {
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new NirFormatException(source + ": no such readable file");
        }
        try (HdfFile hdf = new HdfFile(source)) {
            if (!(hdf.getChild("spikes") instanceof Group spikes)) {
                throw new NirFormatException(source + ": not a SONATA spike file (no group /spikes)");
            }
            final List<SpikePopulation> out = new ArrayList<>();
            for (Map.Entry<String, Node> e : spikes.getChildren().entrySet()) {
                if (!(e.getValue() instanceof Group g)) {
                    continue;
                }
                final String where = source + ": /spikes/" + e.getKey();
                if (!(g.getChild("timestamps") instanceof Dataset ts) || !(g.getChild("node_ids") instanceof Dataset ids)) {
                    throw new NirFormatException(where + " needs datasets 'timestamps' and 'node_ids'");
                }
                final double scale = unitsToMs(ts.getAttribute("units"), where);
                final double[] t = doubles(ts.getDataFlat(), where + "/timestamps");
                for (int i = 0; i < t.length; i++) {
                    t[i] *= scale;
                }
                final double[] idsD = doubles(ids.getDataFlat(), where + "/node_ids");
                final long[] id = new long[idsD.length];
                for (int i = 0; i < id.length; i++) {
                    id[i] = (long) idsD[i];
                }
                try {
                    out.add(new SpikePopulation(e.getKey(), t, id));
                } catch (IllegalArgumentException x) {
                    throw new NirFormatException(source + ": " + x.getMessage());
                }
            }
            return out;
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirFormatException(source + ": not a readable HDF5 file (" + String.valueOf(e.getMessage()).replace('\n', ' ') + ")", e);
        }
    }

    /**
     * @param source a SONATA spike file.
     * @param population a population name.
     * @return the value of its {@code sorting} attribute ("none" if absent).
     */
    public static String sorting(final Path source, final String population) {
        try (HdfFile hdf = new HdfFile(source)) {
            final Node g = hdf.getByPath("spikes/" + population);
            final Attribute a = g.getAttribute("sorting");
            return a == null ? "none" : scalarString(a.getData());
        }
    }

    private static double unitsToMs(final Attribute units, final String where) {
        if (units == null) {
            return 1.0;
        }
        final String u = scalarString(units.getData()).trim().toLowerCase(Locale.ROOT);
        switch (u) {
            case "ms":
                return 1.0;
            case "s":
                return 1000.0;
            default:
                throw new NirFormatException(where + "/timestamps units = '" + u + "': must be ms or s");
        }
    }

    private static String scalarString(final Object o) {
        if (o != null && o.getClass().isArray() && Array.getLength(o) == 1) {
            return String.valueOf(Array.get(o, 0));
        }
        return String.valueOf(o);
    }

    private static double[] doubles(final Object flat, final String where) {
        if (flat instanceof double[] a) {
            return a.clone();
        }
        final int n = flat == null || !flat.getClass().isArray() ? -1 : Array.getLength(flat);
        if (n < 0) {
            throw new NirFormatException(where + ": must be a numeric array");
        }
        final double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            final Object v = Array.get(flat, i);
            if (!(v instanceof Number num)) {
                throw new NirFormatException(where + ": must be a numeric array");
            }
            out[i] = num.doubleValue();
        }
        return out;
    }
}
