package org.spikering.app.run;

import java.util.ArrayList;
import java.util.List;
import org.spikering.app.spec.network.RecordersEntry;
import org.spikering.sim.network.Network;

/**
 * What a {@code run} records: the spec's recorders ({@link #of}), or those of the Java-built networks
 * ({@link #builtIn}: every spike, rates in 5-ms bins, V_m of neurons 0-2 of the first population every step, as
 * examples/cuba.yaml records).
 *
 * @param spikePopulations populations whose spikes are recorded, null for all.
 * @param binMs            rate bin, ms.
 * @param states           state recorders.
 * @param plots            whether raster.png and rate.png are written.
 * @param sonata           whether spikes.h5 (SONATA) is written ({@code recorders.spikes.sonata}).
 */
public record Recording(List<String> spikePopulations, double binMs, List<State> states, boolean plots, boolean sonata) {

    /**
     * @param population population name.
     * @param variable   state variable.
     * @param neurons    population-local indices.
     * @param everySteps interval, steps.
     * @param file       CSV file name.
     */
    public record State(String population, String variable, int[] neurons, int everySteps, String file) {
    }

    public static Recording of(final RecordersEntry r, final boolean plots) {
        final List<State> states = new ArrayList<>();
        for (RecordersEntry.State s : r.state()) {
            states.add(new State(s.population(), s.variable(), s.neurons().stream().mapToInt(Integer::intValue).toArray(),
                    s.everySteps(), s.file()));
        }
        return new Recording(r.spikes().populations(), r.rates().binMs(), states, plots, r.spikes().sonata());
    }

    public static Recording builtIn(final Network net) {
        return new Recording(null, 5.0, List.of(new State(net.populations().get(0).name(), "V_m", new int[] {0, 1, 2}, 1,
                "vm.csv")), true, false);
    }
}
