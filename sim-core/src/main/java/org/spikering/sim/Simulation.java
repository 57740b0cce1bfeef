package org.spikering.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.sim.engine.DisruptorEngine;
import org.spikering.sim.kernel.NetworkState;
import org.spikering.sim.kernel.StepHooks;
import org.spikering.sim.kernel.StepRunner;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.record.PopulationRateRecorder;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;
import org.spikering.sim.reference.ReferenceEngine;
import org.spikering.sim.spi.SpikeListener;
import org.spikering.sim.spi.StepListener;

/**
 * Runs a {@link Network}: the entry point of the engine. Register recorders and listeners, then
 * call {@link #run} any number of times; each run continues where the last ended. Close it to
 * stop the partition threads (they are daemons, so forgetting does not hang the JVM). Use from one
 * thread.
 *
 * <pre>
 * try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
 *     SpikeRecorder spikes = sim.recordSpikes();
 *     sim.run(1000.0);
 *     System.out.println(sim.summary().meanRateHz());
 * }
 * </pre>
 */
public final class Simulation implements AutoCloseable {

    private final Network net;
    private final SimulationConfig config;
    private final NetworkState state;
    private final StepHooks hooks = new StepHooks();
    private StepRunner runner;
    private long step;
    private long wallNanos;
    /** What {@link #summary} subtracts: the step, spikes per population and events at the last reset. */
    private long measuredFromStep;
    private final long[] spikesAtReset;
    private long eventsAtReset;
    private long driveAtReset;

    private Simulation(final Network network, final SimulationConfig config) {
        this.net = network;
        this.config = config;
        this.state = new NetworkState(network, config.engine() == Engine.REFERENCE ? 1 : config.threads(), config.updateMode());
        this.spikesAtReset = new long[network.populations().size()];
    }

    /**
     * @param network the network.
     * @param config  engine, threads, update mode.
     * @return a simulation at step 0.
     */
    public static Simulation create(final Network network, final SimulationConfig config) {
        return new Simulation(network, config);
    }

    /** @return the network. */
    public Network network() {
        return net;
    }

    /** @return the next step to compute (= steps done). */
    public long currentStep() {
        return step;
    }

    /**
     * @param populations names (none = all).
     * @return a spike recorder fed from the next run on.
     */
    public SpikeRecorder recordSpikes(final String... populations) {
        final SpikeRecorder r = new SpikeRecorder(net, populations);
        addSpikeListener(r);
        return r;
    }

    /**
     * @param population population name.
     * @param variable   state variable (see the model's table, e.g. "V_m").
     * @param neurons    local indices.
     * @param everySteps sampling interval in steps.
     * @return a state recorder.
     */
    public StateRecorder recordState(final String population, final String variable, final int[] neurons, final int everySteps) {
        final int p = net.populationIndex(population);
        final int n = net.populations().get(p).size();
        for (int i : neurons) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("recordState: neuron " + i + " of '" + population + "': must be in [0, " + n + ")");
            }
        }
        state.stateVariable(p, variable, 0); // validates the name
        final StateRecorder r = new StateRecorder(population, variable, neurons, everySteps, net.dtMs());
        addStepListener(r);
        return r;
    }

    /** @return a population-rate recorder. */
    public PopulationRateRecorder recordRates() {
        final PopulationRateRecorder r = new PopulationRateRecorder(net);
        addSpikeListener(r);
        return r;
    }

    /** @param l listener, registered before the first run. */
    public void addSpikeListener(final SpikeListener l) {
        requireNotStarted("addSpikeListener");
        hooks.spikeListeners.add(l);
    }

    /** @param l listener, registered before the first run. */
    public void addStepListener(final StepListener l) {
        requireNotStarted("addStepListener");
        hooks.stepListeners.add(l);
    }

    private void requireNotStarted(final String what) {
        if (runner != null) {
            throw new IllegalStateException(what + ": listeners must be registered before the first run");
        }
    }

    /**
     * Simulates {@code durationMs} more milliseconds (rounded to whole steps).
     *
     * @param durationMs duration, ms, &ge; 0.
     */
    public void run(final double durationMs) {
        if (!(durationMs >= 0) || Double.isInfinite(durationMs)) {
            throw new IllegalArgumentException("duration = " + durationMs + " ms: must be a finite number >= 0");
        }
        runSteps(Math.round(durationMs / net.dtMs()));
    }

    /** Told how far a {@link #run(double, long, RunProgress)} has come, between chunks (never inside the step loop). */
    @FunctionalInterface
    public interface RunProgress {
        /**
         * @param stepsDone  steps of this run done so far.
         * @param stepsTotal steps of this run in all.
         */
        void advanced(long stepsDone, long stepsTotal);
    }

    /**
     * Simulates {@code durationMs} more milliseconds as {@link #run(double)} does, in chunks of at most
     * {@code chunkSteps} steps, telling {@code progress} after each chunk. A chunk continues where the last ended, so
     * the result is the same bit for bit as one {@link #run(double)}; the step loop itself is untouched (the cost is
     * one engine hand-over per chunk).
     *
     * @param durationMs duration, ms, &ge; 0.
     * @param chunkSteps steps per chunk, &ge; 1.
     * @param progress   told the steps done after each chunk.
     */
    public void run(final double durationMs, final long chunkSteps, final RunProgress progress) {
        if (!(durationMs >= 0) || Double.isInfinite(durationMs)) {
            throw new IllegalArgumentException("duration = " + durationMs + " ms: must be a finite number >= 0");
        }
        if (chunkSteps < 1) {
            throw new IllegalArgumentException("chunkSteps = " + chunkSteps + ": must be >= 1");
        }
        final long steps = Math.round(durationMs / net.dtMs());
        long done = 0;
        do {
            final long n = Math.min(chunkSteps, steps - done);
            runSteps(n);
            done += n;
            progress.advanced(done, steps);
        } while (done < steps);
    }

    /** Runs {@code steps} more steps. */
    private void runSteps(final long steps) {
        if (runner == null) {
            runner = makeRunner();
        }
        final long t0 = System.nanoTime();
        runner.run(step, step + steps);
        wallNanos += System.nanoTime() - t0;
        step += steps;
    }

    private StepRunner makeRunner() {
        final StepListener.StateView view = (population, variable, neuron) -> {
            final int p = net.populationIndex(population);
            state.catchUp(p, neuron, state.gridPoint());
            return state.stateVariable(p, variable, neuron);
        };
        if (config.engine() == Engine.REFERENCE) {
            return new ReferenceEngine(state, hooks, view);
        }
        return new DisruptorEngine(state, hooks, view);
    }

    /**
     * Injects an input into one neuron for the next step (as a spike generator would): a V_m jump in mV
     * for delta synapses, a current jump in pA for current synapses (negative = inhibitory channel).
     * Call between runs.
     *
     * @param population population name.
     * @param neuron     local index.
     * @param amount     mV or pA, finite.
     */
    public void inject(final String population, final int neuron, final double amount) {
        final int p = net.populationIndex(population);
        if (neuron < 0 || neuron >= net.populations().get(p).size()) {
            throw new IllegalArgumentException("inject: neuron " + neuron + " of '" + population + "': must be in [0, "
                    + net.populations().get(p).size() + ")");
        }
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("inject: amount = " + amount + ": must be finite");
        }
        state.inject(p, neuron, amount < 0 ? 1 : 0, amount, step);
    }

    /**
     * @param population population name.
     * @param variable   state variable.
     * @param neuron     local index.
     * @return the current value (event-driven neurons are brought up to date first).
     */
    public double stateValue(final String population, final String variable, final int neuron) {
        final int p = net.populationIndex(population);
        state.catchUp(p, neuron, step);
        return state.stateVariable(p, variable, neuron);
    }

    /**
     * Starts the measurements of {@link #summary} afresh (wall time, step times, spikes, rates and
     * synaptic events count from here on), e.g. after a warm-up run that let the JIT compile the hot
     * loops. The simulation itself goes on unchanged. Call between runs.
     */
    public void resetMeasurements() {
        measuredFromStep = step;
        wallNanos = 0;
        hooks.timer.reset();
        for (int p = 0; p < spikesAtReset.length; p++) {
            spikesAtReset[p] = state.populationSpikes(p);
        }
        eventsAtReset = state.eventsDelivered();
        driveAtReset = state.driveSpikes();
    }

    private long spikesSinceReset(final int p) {
        return state.populationSpikes(p) - spikesAtReset[p];
    }

    /** @return the summary of everything run since creation or the last {@link #resetMeasurements}. */
    public SimulationSummary summary() {
        final double simMs = (step - measuredFromStep) * net.dtMs();
        final double wall = wallNanos / 1e9;
        final Map<String, Double> rates = spikesPerPopulationRates(simMs);
        long spikes = 0;
        for (int p = 0; p < net.populations().size(); p++) {
            spikes += spikesSinceReset(p);
        }
        final Map<String, Double> pct = new LinkedHashMap<>();
        pct.put("p50", hooks.timer.percentileMicros(50));
        pct.put("p90", hooks.timer.percentileMicros(90));
        pct.put("p99", hooks.timer.percentileMicros(99));
        pct.put("p99_9", hooks.timer.percentileMicros(99.9));
        pct.put("max", hooks.timer.percentileMicros(100));
        pct.put("mean", hooks.timer.meanMicros());
        final long events = state.eventsDelivered() - eventsAtReset;
        final long syn = net.synapseCount();
        return new SimulationSummary(config.engine().name().toLowerCase(java.util.Locale.ROOT),
                config.updateMode().name().toLowerCase(java.util.Locale.ROOT), state.partitions(),
                net.neuronCount(), syn, syn == 0 ? 0 : (double) net.synapseBytes() / syn, net.dtMs(), simMs, wall, spikes,
                simMs == 0 ? 0 : spikes / (net.neuronCount() * simMs * 1e-3), rates, events,
                state.driveSpikes() - driveAtReset, wall == 0 ? 0 : events / wall, pct);
    }

    private Map<String, Double> spikesPerPopulationRates(final double simMs) {
        final Map<String, Double> m = new LinkedHashMap<>();
        for (int p = 0; p < net.populations().size(); p++) {
            final PopulationSpec s = net.populations().get(p);
            m.put(s.name(), simMs == 0 ? 0.0 : spikesSinceReset(p) / (s.size() * simMs * 1e-3));
        }
        return m;
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
