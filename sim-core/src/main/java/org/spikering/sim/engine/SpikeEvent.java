package org.spikering.sim.engine;

/**
 * One ring-buffer entry, preallocated by the ring and reused; primitive fields only.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>meaning</th><th>fields used</th></tr>
 *   <tr><td>{@link #SPIKE}</td><td>neuron {@code neuron} of partition {@code partition} spiked in step
 *       {@code step}</td><td>step, neuron, partition</td></tr>
 *   <tr><td>{@link #END_OF_STEP}</td><td>partition {@code partition} has published all its spikes of
 *       step {@code step}</td><td>step, partition</td></tr>
 *   <tr><td>{@link #START}</td><td>a run of steps [{@code step}, {@code until}) starts; {@code neuron}
 *       holds the run's flags ({@link #LAGGED}, {@link #GATED})</td><td>step, until, neuron</td></tr>
 *   <tr><td>{@link #STOP}</td><td>the engine closes; partition and listener threads end</td><td></td></tr>
 * </table>
 */
final class SpikeEvent {
    static final int SPIKE = 0;
    static final int END_OF_STEP = 1;
    static final int START = 2;
    static final int STOP = 3;

    /** Run flag: lagged steps ({@code NetworkState.updatePartitionLagged}). */
    static final int LAGGED = 1;
    /** Run flag: step listeners run after every step; partitions wait for them. */
    static final int GATED = 2;

    long step;
    long until;
    int neuron;
    int partition;
    int kind;
}
