package org.spikering.app.spec.network;

import java.util.List;

/**
 * {@code network.recorders}: what {@code run} records and writes.
 *
 * <table>
 *   <caption>Recorders</caption>
 *   <tr><th>field</th><th>files</th><th>meaning</th></tr>
 *   <tr><td>spikes.populations</td><td>spikes.csv, raster.png</td><td>populations whose spikes are kept (null: all)</td></tr>
 *   <tr><td>spikes.sonata</td><td>spikes.h5</td><td>also a SONATA spike report of the kept spikes</td></tr>
 *   <tr><td>rates.bin_ms</td><td>rates.csv, rate.png</td><td>bin of the population rates, ms</td></tr>
 *   <tr><td>state[]</td><td>each its file</td><td>one state variable of some neurons every N steps</td></tr>
 * </table>
 *
 * @param spikes spike recorder.
 * @param rates  rate recorder.
 * @param state  state recorders.
 */
public record RecordersEntry(Spikes spikes, Rates rates, List<State> state) {

    /**
     * @param populations recorded populations, or null for all.
     * @param sonata      whether spikes.h5 (a SONATA spike report) is written too.
     */
    public record Spikes(List<String> populations, boolean sonata) {
    }

    /** @param binMs bin width, ms. */
    public record Rates(double binMs) {
    }

    /**
     * @param population population name.
     * @param variable   state variable (the model's table, e.g. V_m).
     * @param neurons    population-local indices.
     * @param everySteps sampling interval, steps.
     * @param file       CSV file name in the result folder.
     */
    public record State(String population, String variable, List<Integer> neurons, int everySteps, String file) {
    }
}
