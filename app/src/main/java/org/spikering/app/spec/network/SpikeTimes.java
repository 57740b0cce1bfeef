package org.spikering.app.spec.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The spike times of a spike_array source: inline ({@code spike_times_ms}) or from its CSV file ({@code neuron,time_ms}). */
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
}
