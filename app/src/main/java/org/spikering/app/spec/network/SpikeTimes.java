package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The spike times of a spike_array source: inline ({@code spike_times_ms}), from its CSV file ({@code neuron,time_ms}),
 * or from a SONATA spike report ({@code .h5}, {@code .hdf5}, {@code .sonata}: {@code /spikes/<population>/timestamps}
 * in ms and {@code node_ids}, as {@code run --sonata} writes them): the population named like the source, or the
 * file's only one; node id = generator index.
 */
final class SpikeTimes {

    private SpikeTimes() {
    }

    /**
     * @param s       the source (kind spike_array).
     * @param resolve file name to path.
     * @return per generator, its times in ms in the order given (the file's rows sorted by time per neuron).
     * @throws IllegalArgumentException for a bad file (the message names it).
     */
    static double[][] of(final SourceEntry s, final Function<String, Path> resolve) {
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
        final CsvTable table = CsvTable.read(file, List.of("neuron", "time_ms"), null);
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
