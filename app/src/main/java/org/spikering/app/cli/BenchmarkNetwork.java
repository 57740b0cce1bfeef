package org.spikering.app.cli;

import org.spikering.app.bench.BrunelNetwork;
import org.spikering.app.bench.CubaNetwork;
import org.spikering.app.bench.Pd14Network;
import org.spikering.sim.kernel.UpdateMode;
import org.spikering.sim.network.Network;

/**
 * A benchmark network chosen on the command line ({@code run}, {@code bench}), checked before it is built:
 * its size (from {@code --scale} or {@code --neurons}), the update mode it supports and the memory it needs.
 *
 * @param name     cuba, brunel or pd14.
 * @param scale    fraction of the full size.
 * @param neurons  neurons it will have.
 * @param synapses synapses it will have (expected value).
 * @param pd14     pd14's options, null for the others.
 */
record BenchmarkNetwork(String name, double scale, double neurons, double synapses, Pd14Network.Options pd14) {

    /** Smallest and largest CUBA: 10 neurons ({@link CubaNetwork#build}) to 4 000 000. */
    static final double CUBA_MIN_SCALE = 10.0 / CubaNetwork.FULL_SIZE;
    static final double CUBA_MAX_SCALE = 1000;
    /** Brunel's range in {@link BrunelNetwork#build}: at least 10 inhibitory neurons, at most 10 times the size. */
    static final double BRUNEL_MIN_SCALE = 0.004;
    static final double BRUNEL_MAX_SCALE = 10;

    /**
     * @param name        cuba or brunel (option {@code --network} or the bench positional).
     * @param nameOption  the option naming the network, for messages.
     * @param scale       size factor.
     * @param scaleOption the option that set it ({@code --scale} or {@code --neurons = n}), for messages.
     * @return the checked choice.
     */
    static BenchmarkNetwork of(final String name, final String nameOption, final double scale, final String scaleOption) {
        switch (name) {
            case "cuba": {
                if (!(scale >= CUBA_MIN_SCALE && scale <= CUBA_MAX_SCALE)) {
                    throw new IllegalArgumentException(scaleOption + ": must give CUBA 10 to 4000000 neurons (--scale in ["
                            + CUBA_MIN_SCALE + ", " + (int) CUBA_MAX_SCALE + "])");
                }
                final double n = Math.round(CubaNetwork.FULL_SIZE * scale);
                final double p = Math.min(1.0, 0.02 * CubaNetwork.FULL_SIZE / n);
                return new BenchmarkNetwork(name, scale, n, p * n * (n - 1), null);
            }
            case "brunel": {
                if (!(scale >= BRUNEL_MIN_SCALE && scale <= BRUNEL_MAX_SCALE)) {
                    throw new IllegalArgumentException(scaleOption + ": must give Brunel 50 to 125000 neurons (--scale in ["
                            + BRUNEL_MIN_SCALE + ", " + (int) BRUNEL_MAX_SCALE + "])");
                }
                final double ne = Math.round(10_000 * scale);
                final double ni = Math.round(2_500 * scale);
                final double in = Math.max(1, Math.round(0.1 * ne)) + Math.max(1, Math.round(0.1 * ni));
                return new BenchmarkNetwork(name, scale, ne + ni, (ne + ni) * in, null);
            }
            default:
                throw new IllegalArgumentException(nameOption + " = '" + name + "': must be one of [cuba, brunel, pd14]");
        }
    }

    /**
     * PD14 (N_scaling = K_scaling = scale) with its drive, initial potentials and thalamus.
     *
     * @param scale       size factor, in (0, 1].
     * @param scaleOption the option that set it, for messages.
     * @param drive       external drive.
     * @param v0          initial potentials.
     * @param thalamus    whether to add the thalamic pulse.
     * @return the checked choice.
     */
    static BenchmarkNetwork pd14(final double scale, final String scaleOption, final Pd14Network.Drive drive,
                                 final Pd14Network.InitialPotential v0, final boolean thalamus) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException(scaleOption + ": must be in (0, 1] for pd14");
        }
        final Pd14Network.Options o = new Pd14Network.Options(scale, scale, drive, v0, thalamus, Pd14Network.RateVector.INM6);
        final Pd14Network.Derived d = Pd14Network.derive(o);
        double n = thalamus ? Pd14Network.THALAMIC_NEURONS : 0;
        for (int v : d.neurons()) {
            n += v;
        }
        double syn = d.totalSynapses();
        if (thalamus) {
            for (long v : d.thalamicSynapses()) {
                syn += v;
            }
        }
        return new BenchmarkNetwork("pd14", scale, n, syn, o);
    }

    /**
     * Event-driven update needs delta synapses (Brunel); CUBA's exponential current synapses would be
     * updated clock-driven whatever the option says, so asking for it is an error.
     */
    void checkUpdate(final UpdateMode mode, final String networkOption) {
        if (mode == UpdateMode.EVENT && !name.equals("brunel")) {
            throw new IllegalArgumentException("--update = 'event' with " + networkOption + " = '" + name + "': must be clock;"
                    + " event-driven update needs delta synapses (brunel), " + name
                    + "'s exponential current synapses run clock-driven");
        }
    }

    /** Fails unless the network and {@code seconds} of recorded spikes fit the JVM's memory. */
    void checkMemory(final String options, final double recordedSeconds) {
        MemoryBudget.require(options + " (" + name + ", " + (long) neurons + " neurons, " + String.format("%.3g", synapses)
                + " synapses)", MemoryBudget.network(neurons, synapses, recordedSeconds, 100));
    }

    /** @return the built network. */
    Network build(final long seed) {
        if (pd14 != null) {
            return Pd14Network.build(pd14, seed);
        }
        return name.equals("cuba") ? CubaNetwork.build((int) neurons, seed) : BrunelNetwork.build(scale, seed);
    }
}
