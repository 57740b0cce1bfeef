package org.spikering.sim.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.neuron.source.StepCurrentSource;
import org.spikering.sim.synapse.Csr;
import org.spikering.sim.synapse.CsrBuilder;

/**
 * Declares a network in the vocabulary of PyNN and NEST and builds it: populations, projections
 * (connector, weights, delays), sources (Poisson drives, spike arrays, step currents), initial potentials. Every random choice comes from
 * a stream derived from the seed and the declaration's position, so the same declarations and seed
 * give the same network. Projections can be built on several threads ({@link #buildThreads}, default 1), each from
 * its own stream, so the network is the same for any number of build threads.
 * Not thread-safe; use once.
 *
 * <pre>
 * Network net = Network.builder(0.1).seed(42)
 *     .population("E", 3200, LifExpParameters.cuba())
 *     .connect("E", "E", Connector.fixedProbability(0.02).autapses(false), Distribution.constant(20.25), Distribution.constant(0.1))
 *     .build();
 * </pre>
 */
public final class NetworkBuilder {

    private final double dtMs;
    private long seed = 1;
    private final List<String> names = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<NeuronModel> models = new ArrayList<>();
    private final List<Map<String, Distribution>> initial = new ArrayList<>();
    private final List<ProjectionSpec> projections = new ArrayList<>();
    private final List<PoissonDriveSpec> drives = new ArrayList<>();
    private final List<StepCurrentSpec> currents = new ArrayList<>();
    private int buildThreads = 1;

    NetworkBuilder(final double dtMs) {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be a finite number > 0");
        }
        this.dtMs = dtMs;
    }

    /**
     * @param value seed of all random streams.
     * @return this.
     */
    public NetworkBuilder seed(final long value) {
        this.seed = value;
        return this;
    }

    /**
     * @param threads threads that build projections at the same time, in [1, 256] (the network does not depend on it;
     *                each in-flight projection holds its edge list, about 32 bytes per synapse, until it is built).
     * @return this.
     */
    public NetworkBuilder buildThreads(final int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("build threads = " + threads + ": must be in [1, 256]");
        }
        this.buildThreads = threads;
        return this;
    }

    /**
     * @param name  unique name.
     * @param size  number of neurons, &ge; 1.
     * @param model neuron model with parameters.
     * @return this.
     */
    public NetworkBuilder population(final String name, final int size, final NeuronModel model) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("population name = '" + name + "': must be a non-empty string");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("population '" + name + "' is declared twice: names must be unique");
        }
        if (size < 1) {
            throw new IllegalArgumentException("population '" + name + "' size = " + size + ": must be >= 1 (empty populations are not allowed)");
        }
        if (model == null) {
            throw new IllegalArgumentException("population '" + name + "' model = null: a neuron model is required");
        }
        names.add(name);
        sizes.add(size);
        models.add(model);
        initial.add(new LinkedHashMap<>());
        return this;
    }

    /**
     * @param name         population name.
     * @param distribution V_m(0) in mV per neuron.
     * @return this.
     */
    public NetworkBuilder initialPotential(final String name, final Distribution distribution) {
        return initialState(name, "V_m", distribution);
    }

    /**
     * Draws one state variable of every neuron of a population at t = 0, as NEST's
     * {@code nest.Create(model, n, params={"V_m": nest.random.uniform(...)})}; the streams are those of
     * {@link PopulationSpec}. Naming a variable again replaces its distribution.
     *
     * @param name         population name.
     * @param variable     a state variable the model sets ({@code settableStateVariableNames} of its population, e.g.
     *                     V_m, I_syn_ex, I_syn_in, a, refractory_steps).
     * @param distribution its value per neuron, in the model's unit (refractory_steps: whole numbers).
     * @return this.
     */
    public NetworkBuilder initialState(final String name, final String variable, final Distribution distribution) {
        final int i = index(name, "initialState");
        if (distribution == null) {
            throw new IllegalArgumentException("initialState('" + name + "', " + variable + "): distribution = null");
        }
        final String[] settable = models.get(i).createPopulation(1, dtMs).settableStateVariableNames();
        if (!Arrays.asList(settable).contains(variable)) {
            throw new IllegalArgumentException("initialState('" + name + "'): state variable '" + variable + "' of model "
                    + models.get(i).modelName() + " cannot be set (settable: " + String.join(", ", settable) + ")");
        }
        initial.get(i).put(variable, distribution);
        return this;
    }

    /**
     * @param source    source population.
     * @param target    target population.
     * @param connector rule.
     * @param weights   weight distribution (mV for delta synapses, pA for current synapses).
     * @param delaysMs  delay distribution, ms (multiples of dt, at least dt).
     * @return this.
     */
    public NetworkBuilder connect(final String source, final String target, final Connector connector,
                                  final Distribution weights, final Distribution delaysMs) {
        index(source, "connect source");
        index(target, "connect target");
        if (connector == null || weights == null || delaysMs == null) {
            throw new IllegalArgumentException("connect(" + source + " -> " + target + "): connector, weights and delays must not be null");
        }
        projections.add(new ProjectionSpec(source, target, connector, weights, delaysMs));
        return this;
    }

    /**
     * Explicit (pre, post, weight) triples, as PyNN's FromListConnector: the weights are kept in double
     * precision (8 bytes per synapse instead of 4), so a network whose weights are trained elsewhere runs
     * with exactly those weights.
     *
     * @param source  source population.
     * @param target  target population.
     * @param pre     source local indices.
     * @param post    target local indices (same length).
     * @param weights weights (same length; mV for delta synapses, pA for current synapses).
     * @param delayMs delay of every synapse, ms (a multiple of dt, at least dt).
     * @return this.
     */
    public NetworkBuilder connectExplicit(final String source, final String target, final int[] pre, final int[] post,
                                          final double[] weights, final double delayMs) {
        index(source, "connect source");
        index(target, "connect target");
        if (pre == null || post == null || weights == null || pre.length != post.length || weights.length != pre.length) {
            throw new IllegalArgumentException("connectExplicit(" + source + " -> " + target
                    + "): pre, post and weights must be non-null arrays of equal length");
        }
        projections.add(new ProjectionSpec(source, target, Connector.explicit(pre, post), Distribution.constant(0.0),
                Distribution.constant(delayMs), weights.clone()));
        return this;
    }

    /**
     * Explicit pairs with a delay per synapse, as NEST's {@code Connect(pre, post, "one_to_one", {"delay": array})}:
     * each delay d (ms) must be at least dt (NEST's {@code ConnectorModel::assert_valid_delay_ms} refuses a delay
     * below the resolution, "Delay must be greater than or equal to resolution") and is rounded to the nearest step,
     * floor(d·(1/dt) + 0.5) (NEST's {@code Time::delay_ms_to_steps}), so 0.26 ms on a 0.1-ms grid is 3 steps.
     *
     * @param source   source population.
     * @param target   target population.
     * @param pre      source local indices.
     * @param post     target local indices (same length).
     * @param weights  per-synapse weights (same length), kept in double precision; or null to draw them from
     *                 {@code drawn}.
     * @param drawn    the weight distribution when {@code weights} is null (else ignored; may be null).
     * @param delaysMs per-synapse delays, ms (same length).
     * @return this.
     */
    public NetworkBuilder connectExplicit(final String source, final String target, final int[] pre, final int[] post,
                                          final double[] weights, final Distribution drawn, final double[] delaysMs) {
        index(source, "connect source");
        index(target, "connect target");
        if (pre == null || post == null || delaysMs == null || pre.length != post.length || delaysMs.length != pre.length
                || (weights == null ? drawn == null : weights.length != pre.length)) {
            throw new IllegalArgumentException("connectExplicit(" + source + " -> " + target
                    + "): pre, post, delays and the weights (an array, or a distribution) must be non-null, of equal length");
        }
        projections.add(new ProjectionSpec(source, target, Connector.explicit(pre, post),
                weights == null ? drawn : Distribution.constant(0.0), Distribution.constant(1.0),
                weights == null ? null : weights.clone(), delaysMs.clone()));
        return this;
    }

    /**
     * @param target population receiving independent Poisson input per neuron.
     * @param rateHz rate per neuron, Hz, &ge; 0.
     * @param weight weight per input spike.
     * @return this.
     */
    public NetworkBuilder poissonInput(final String target, final double rateHz, final double weight) {
        index(target, "poissonInput target");
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("poisson rate = " + rateHz + " Hz: must be a finite number >= 0");
        }
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("poisson weight = " + weight + ": must be finite");
        }
        drives.add(new PoissonDriveSpec(target, rateHz, weight));
        return this;
    }

    /**
     * A population of spike generators that emit the given spikes (NEST {@code spike_generator} with
     * {@code spike_times}); it can be any projection's source. A spike at time t = s·dt is emitted in step
     * s and arrives through a projection of delay d in its targets' input of step s + d/dt (for delta
     * synapses V_m shows the jump from grid point s + d/dt + 1 on). Times follow {@code SpikeRecorder}'s
     * convention (time = step·dt), so a recorded spike train replays exactly.
     *
     * @param name    unique population name.
     * @param timesMs per neuron, spike times in ms: finite, &ge; 0, strictly increasing, multiples of dt.
     * @return this.
     */
    public NetworkBuilder spikeArraySource(final String name, final double[][] timesMs) {
        if (timesMs == null || timesMs.length == 0) {
            throw new IllegalArgumentException("spikeArraySource '" + name
                    + "': spike_times must hold one array per neuron, at least one");
        }
        final SpikeGeneratorModel model;
        try {
            model = SpikeGeneratorModel.fromTimes(timesMs, dtMs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spikeArraySource '" + name + "': " + e.getMessage(), e);
        }
        return population(name, timesMs.length, model);
    }

    /**
     * A step current into every neuron of a population (NEST {@code step_current_generator}; one change at
     * 0 is a DC source): amplitude j holds from {@code timesMs[j]} to the next change, 0 before the first.
     * It acts without a connection delay: the update from step s to s + 1 integrates I_e + I(s). Only models
     * with a current input accept it ({@link org.spikering.neuron.NeuronPopulation#acceptsStimulusCurrent},
     * checked when the simulation is created), and only with clock-driven updates.
     *
     * @param target       target population.
     * @param timesMs      change times, ms: strictly increasing, &ge; 0, multiples of dt.
     * @param amplitudesPa amplitudes, pA, finite (same length).
     * @return this.
     */
    public NetworkBuilder stepCurrent(final String target, final double[] timesMs, final double[] amplitudesPa) {
        index(target, "stepCurrent target");
        final StepCurrentSource source;
        try {
            source = new StepCurrentSource(timesMs, amplitudesPa, dtMs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stepCurrent into '" + target + "': " + e.getMessage(), e);
        }
        currents.add(new StepCurrentSpec(target, source));
        return this;
    }

    private int index(final String name, final String where) {
        final int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(where + ": population '" + name + "' is unknown: known populations are " + names);
        }
        return i;
    }

    /** @return the built network. */
    public Network build() {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("network has no populations: declare at least one");
        }
        final List<PopulationSpec> pops = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            pops.add(new PopulationSpec(names.get(i), sizes.get(i), models.get(i), offset, initial.get(i)));
            offset += sizes.get(i);
        }
        return new Network(dtMs, seed, pops, buildProjections(), drives, currents);
    }

    /** Bytes per synapse held while a projection is built (edge list, weights, delays, sort orders, the CSR). */
    private static final long BUILD_BYTES_PER_SYNAPSE = 36;

    /**
     * Builds the projections on up to {@link #buildThreads} threads, each taking the next unbuilt one in declaration
     * order. A projection starts beside others only while the synapses in flight stay within a sixth of the maximum
     * heap (at {@value #BUILD_BYTES_PER_SYNAPSE} bytes each), so building in parallel does not raise the peak memory much.
     * An error is that of the first failing projection in declaration order, as when they are built one by one.
     */
    private List<Projection> buildProjections() {
        final int n = projections.size();
        final Projection[] built = new Projection[n];
        final RuntimeException[] failed = new RuntimeException[n];
        final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger firstFailure = new java.util.concurrent.atomic.AtomicInteger(n);
        final Runnable worker = () -> {
            for (int p = next.getAndIncrement(); p < n; p = next.getAndIncrement()) {
                if (p > firstFailure.get()) {
                    continue; // a projection declared earlier failed: its error is the one reported
                }
                final long edges = expectedEdges(projections.get(p));
                try {
                    acquire(edges);
                    try {
                        built[p] = buildProjection(p, projections.get(p));
                    } finally {
                        release(edges);
                    }
                } catch (RuntimeException | OutOfMemoryError e) {
                    failed[p] = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    firstFailure.accumulateAndGet(p, Math::min);
                    if (e instanceof OutOfMemoryError oom) {
                        throw oom;
                    }
                }
            }
        };
        final int threads = Math.min(buildThreads, n);
        if (threads <= 1) {
            worker.run();
        } else {
            final Thread[] pool = new Thread[threads - 1];
            final Throwable[] crashed = new Throwable[1];
            for (int k = 0; k < pool.length; k++) {
                pool[k] = new Thread(worker, "spikering-build-" + (k + 1));
                pool[k].setUncaughtExceptionHandler((t, e) -> {
                    synchronized (crashed) {
                        crashed[0] = e;
                    }
                });
                pool[k].start();
            }
            worker.run();
            for (Thread t : pool) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while building projections", e);
                }
            }
            synchronized (crashed) {
                if (crashed[0] instanceof Error err) {
                    throw err;
                }
            }
        }
        for (int p = 0; p < n; p++) {
            if (failed[p] != null) {
                throw failed[p];
            }
        }
        return java.util.Arrays.asList(built);
    }

    private final Object budgetLock = new Object();
    private long edgesInFlight;

    private void acquire(final long edges) {
        final long budget = Runtime.getRuntime().maxMemory() / 6 / BUILD_BYTES_PER_SYNAPSE;
        synchronized (budgetLock) {
            while (edgesInFlight > 0 && edgesInFlight + edges > budget) {
                try {
                    budgetLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while building projections", e);
                }
            }
            edgesInFlight += edges;
        }
    }

    private void release(final long edges) {
        synchronized (budgetLock) {
            edgesInFlight -= edges;
            budgetLock.notifyAll();
        }
    }

    /** The number of synapses a projection will have (its mean for fixed_probability). */
    private long expectedEdges(final ProjectionSpec spec) {
        final long nSrc = sizes.get(names.indexOf(spec.source()));
        final long nTgt = sizes.get(names.indexOf(spec.target()));
        final Connector c = spec.connector();
        return switch (c.rule()) {
            case ALL_TO_ALL -> nSrc * nTgt;
            case ONE_TO_ONE -> nSrc;
            case FIXED_PROBABILITY -> (long) Math.ceil(c.parameter() * nSrc * nTgt);
            case FIXED_IN_DEGREE -> (long) c.parameter() * nTgt;
            case FIXED_OUT_DEGREE -> (long) c.parameter() * nSrc;
            case FIXED_TOTAL_NUMBER -> (long) c.parameter();
            case EXPLICIT -> c.sources().length;
        };
    }

    private Projection buildProjection(final int index, final ProjectionSpec spec) {
        final int si = names.indexOf(spec.source());
        final int ti = names.indexOf(spec.target());
        final String label = "projection " + index + " (" + spec.source() + " -> " + spec.target() + ")";
        final SplittableRandom rnd = new SplittableRandom(mix(seed, 0x5EEDL + index));
        final EdgeGenerator g = new EdgeGenerator();
        g.generate(spec.connector(), sizes.get(si), sizes.get(ti), si == ti, rnd, label);
        final int e = g.count;
        double[] xw = null;
        float[] w = null; // the CSR keeps non-exact weights as floats: rounded here, as CsrBuilder would
        double constW = 0;
        if (spec.exactWeights() != null) {
            xw = new double[e];
            for (int k = 0; k < e; k++) {
                xw[k] = checkWeight(spec.exactWeights()[k], label);
            }
        } else if (spec.weights().isConstant()) {
            constW = checkWeight(spec.weights().sample(rnd), label);
        } else {
            w = new float[e];
            for (int k = 0; k < e; k++) {
                w[k] = (float) checkWeight(spec.weights().sample(rnd), label);
            }
        }
        short[] d = null;
        int constD = 0;
        if (spec.exactDelaysMs() != null) {
            d = new short[e];
            for (int k = 0; k < e; k++) {
                d[k] = (short) exactDelaySteps(spec.exactDelaysMs()[k], k, label);
            }
        } else if (spec.delays().isConstant()) {
            constD = delaySteps(spec.delays().sample(rnd), label, false);
        } else {
            d = new short[e];
            for (int k = 0; k < e; k++) {
                d[k] = (short) delaySteps(spec.delays().sample(rnd), label, true);
            }
        }
        final Csr csr = CsrBuilder.build(sizes.get(si), sizes.get(ti), g.src, g.tgt, e, w, xw, constW, d, constD);
        return new Projection(si, ti, spec, csr);
    }

    private static double checkWeight(final double w, final String label) {
        if (!Double.isFinite(w)) {
            throw new IllegalArgumentException(label + ": weight = " + w + ": must be finite");
        }
        return w;
    }

    /**
     * A declared constant delay must be a multiple of dt, at least dt. A delay drawn from a distribution is
     * rounded to the nearest step as NEST's {@code Time::delay_ms_to_steps} does, floor(d·(1/dt) + 0.5)
     * (the product with steps per ms, not the quotient d/dt, which differs at some ties such as 0.15 ms), and
     * must give at least one step (so values in [dt/2, dt) become one step, as in NEST's PD14, which redraws
     * delays below dt/2).
     */
    private int delaySteps(final double delayMs, final String label, final boolean drawn) {
        if (!drawn && (!Double.isFinite(delayMs) || delayMs < dtMs * (1 - 1e-9))) {
            throw new IllegalArgumentException(label + ": delay = " + delayMs + " ms: must be >= dt = " + dtMs + " ms");
        }
        final double steps = drawn ? delayMs * (1.0 / dtMs) : delayMs / dtMs;
        final long r = drawn ? (long) Math.floor(steps + 0.5) : Math.round(steps);
        if (drawn && (!Double.isFinite(delayMs) || r < 1)) {
            throw new IllegalArgumentException(label + ": delay = " + delayMs + " ms: must round to at least one step of dt = "
                    + dtMs + " ms (>= " + dtMs / 2 + " ms)");
        }
        if (!drawn && Math.abs(steps - r) > 1e-6) {
            throw new IllegalArgumentException(label + ": delay = " + delayMs + " ms is not a multiple of dt = " + dtMs
                    + " ms: nearest allowed values are " + ms(Math.floor(steps) * dtMs) + " and "
                    + ms(Math.ceil(steps) * dtMs) + " ms");
        }
        if (r > Short.MAX_VALUE) {
            throw new IllegalArgumentException(label + ": delay = " + delayMs + " ms is " + r + " steps: must be <= "
                    + Short.MAX_VALUE + " steps");
        }
        return (int) r;
    }

    /**
     * A delay given per synapse (an explicit connector's): at least dt, as NEST's {@code assert_valid_delay_ms}
     * (compared on its grid of tics, so up to 1e-9 relative), then rounded to the nearest step as NEST's
     * {@code Time::delay_ms_to_steps}, floor(d·(1/dt) + 0.5), at most {@value Short#MAX_VALUE} steps.
     */
    private int exactDelaySteps(final double delayMs, final int k, final String label) {
        if (!Double.isFinite(delayMs) || delayMs < dtMs * (1 - 1e-9)) {
            throw new IllegalArgumentException(label + ": delay of synapse " + k + " = " + delayMs + " ms: must be >= dt = "
                    + dtMs + " ms");
        }
        final long r = Math.max(1, (long) Math.floor(delayMs * (1.0 / dtMs) + 0.5));
        if (r > Short.MAX_VALUE) {
            throw new IllegalArgumentException(label + ": delay of synapse " + k + " = " + delayMs + " ms is " + r
                    + " steps: must be <= " + Short.MAX_VALUE + " steps");
        }
        return (int) r;
    }

    private static double ms(final double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    /**
     * @param a first value.
     * @param b second value.
     * @return a well-mixed combination (SplitMix64 finaliser), for deriving stream seeds.
     */
    public static long mix(final long a, final long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
