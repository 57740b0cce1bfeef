package org.spikering.sim.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.kernel.NetworkState;
import org.spikering.sim.kernel.UpdateMode;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;

/**
 * Staged delivery (delay bands of (delay, target)-sorted rows copied per arrival step, NetworkState's class comment)
 * against push delivery into the
 * timing wheel, the implementation it replaces for these populations: the same spikes and the same V_m and synaptic
 * current bits, for 1, 2 and 3 threads, clock steps and lagged steps, across run boundaries and after an injection
 * (which turns a staged population back to push). The network has what could break the order of additions into one
 * input cell: multapses with equal delays (fixed_total_number, 6 delays), mixed-sign weights in one projection, two
 * projections between the same populations, weights of very different sizes onto the same cells, and a constant-delay projection into a staged
 * population.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class StagedDeliveryTest {

    private static final int E = 300;

    private record Run(long[] steps, int[] ids, long[] bits) {
    }

    private static Network network(final long seed) {
        // float weights of 30 pA and of 1e-8 pA onto the same cells: their double sums round, so a changed order of
        // additions changes the bits (floats of similar size mostly add exactly); repeated pairs with equal delays
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int n = 20_000;
        final int[] pre = new int[n];
        final int[] post = new int[n];
        final double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            final boolean repeat = k > 0 && rnd.nextInt(4) == 0;
            pre[k] = repeat ? pre[k - 1] : rnd.nextInt(E);
            post[k] = repeat ? post[k - 1] : rnd.nextInt(E);
            d[k] = repeat && rnd.nextBoolean() ? d[k - 1] : 0.1 * (1 + rnd.nextInt(6));
        }
        final LifExpParameters m = new LifExpParameters(10, 250, -65, -50, -65, 2, 0.5, 0.5, 0, ResetMode.TO_VALUE, -65);
        return Network.builder(0.1).seed(seed)
                .population("E", E, m)
                .population("I", 80, m)
                .initialPotential("E", Distribution.normal(-58, 10))
                .initialPotential("I", Distribution.normal(-58, 10))
                .connect("E", "E", Connector.fixedTotalNumber(60_000), Distribution.normal(20, 60), Distribution.uniform(0.1, 0.6))
                .connect("E", "E", Connector.fixedTotalNumber(9_000), Distribution.normal(35, 5), Distribution.redraw(Distribution.normal(1.5, 0.75), 0.05, Double.POSITIVE_INFINITY))
                .connectExplicit("E", "E", pre, post, null, Distribution.normal(30, 30), d)
                .connectExplicit("E", "E", pre, post, null, Distribution.normal(0, 1e-8), d)
                .connect("E", "I", Connector.fixedTotalNumber(12_000), Distribution.normal(40, 4), Distribution.redraw(Distribution.normal(1.5, 0.75), 0.05, Double.POSITIVE_INFINITY))
                .connect("I", "E", Connector.fixedTotalNumber(12_000), Distribution.normal(-160, 16), Distribution.redraw(Distribution.normal(0.75, 0.4), 0.05, Double.POSITIVE_INFINITY))
                .connect("I", "I", Connector.fixedTotalNumber(3_000), Distribution.normal(-160, 16), Distribution.constant(0.8))
                .poissonInput("E", 8000, 92)
                .poissonInput("I", 8000, 90)
                .build();
    }

    private static Run run(final Network net, final int threads, final boolean staging, final boolean states,
                           final boolean inject) {
        // explicit both ways (the default is staged)
        System.setProperty("spikering.delivery", staging ? "staged" : "push");
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(threads))) {
            final SpikeRecorder spikes = sim.recordSpikes();
            final int[] all = new int[E];
            for (int i = 0; i < E; i++) {
                all[i] = i;
            }
            final StateRecorder vm = states ? sim.recordState("E", "V_m", all, 7) : null;
            final StateRecorder ie = states ? sim.recordState("E", "I_syn_ex", all, 7) : null;
            sim.run(60);
            sim.run(33.3);
            if (inject) {
                for (int i = 0; i < E; i += 3) {
                    sim.inject("E", i, i % 2 == 0 ? 90.0 : -90.0);
                }
            }
            sim.run(106.7);
            final int n = states ? vm.samples() : 0;
            final long[] bits = new long[2 * n * E];
            for (int s = 0; s < n; s++) {
                for (int k = 0; k < E; k++) {
                    bits[(2 * s) * E + k] = Double.doubleToRawLongBits(vm.value(s, k));
                    bits[(2 * s + 1) * E + k] = Double.doubleToRawLongBits(ie.value(s, k));
                }
            }
            return new Run(spikes.steps(), spikes.globalIds(), bits);
        } finally {
            System.clearProperty("spikering.delivery");
        }
    }

    @Test
    void stagedPopulationsAreThoseWithPerSynapseDelays() {
        final Network net = network(3);
        final NetworkState stagedState = new NetworkState(net, 2, UpdateMode.CLOCK, true);
        assertTrue(stagedState.isStaged(0) && stagedState.isStaged(1));
        final NetworkState pushed = new NetworkState(net, 2, UpdateMode.CLOCK, false);
        assertFalse(pushed.isStaged(0) || pushed.isStaged(1));
    }

    @Test
    void stagingGivesPushsSpikesAndStateBitsForOneTwoAndThreeThreads() {
        for (boolean inject : new boolean[] {false, true}) {
            final Network net = network(inject ? 8 : 7);
            final Run push = run(net, 1, false, true, inject);
            assertTrue(push.ids().length > 1000, "needs activity, got " + push.ids().length + " spikes");
            for (int threads : new int[] {1, 2, 3}) {
                final Run st = run(net, threads, true, true, inject);
                final String at = threads + " threads, inject " + inject;
                assertArrayEquals(push.steps(), st.steps(), at + ": spike steps");
                assertArrayEquals(push.ids(), st.ids(), at + ": spike ids");
                assertEquals(push.bits().length, st.bits().length);
                assertArrayEquals(push.bits(), st.bits(), at + ": V_m and I_syn_ex bits");
            }
        }
    }

    @Test
    void aPartitionOfMoreThan65536TargetsIsStagedInChunksWithTheSameSpikes() {
        // staged targets are kept in 16 bits per chunk of 65 536: 140 000 neurons are three chunks on one thread and two
        // per partition on two; one projection with both weight signs (one pair at a time), one positive
        final LifExpParameters m = new LifExpParameters(10, 250, -65, -50, -65, 2, 0.5, 0.5, 0, ResetMode.TO_VALUE, -65);
        final Network net = Network.builder(0.1).seed(21)
                .population("A", 140_000, m)
                .initialPotential("A", Distribution.normal(-57, 3))
                .connect("A", "A", Connector.fixedTotalNumber(300_000), Distribution.normal(30, 60), Distribution.uniform(0.1, 0.6))
                .connect("A", "A", Connector.fixedTotalNumber(300_000), Distribution.normal(60, 6), Distribution.uniform(0.1, 0.4))
                .build();
        assertTrue(new NetworkState(net, 1, UpdateMode.CLOCK, true).isStaged(0), "staged (few delay bands per row)");
        final Run push = runAll(net, 1, false);
        assertTrue(push.ids().length > 1000, "needs activity, got " + push.ids().length + " spikes");
        for (int threads : new int[] {1, 2}) {
            final Run st = runAll(net, threads, true);
            assertArrayEquals(push.steps(), st.steps(), threads + " threads: spike steps");
            assertArrayEquals(push.ids(), st.ids(), threads + " threads: spike ids");
            assertArrayEquals(push.bits(), st.bits(), threads + " threads: V_m bits");
        }
    }

    /** 30 ms, spikes and the V_m of every 997th neuron at the end. */
    private static Run runAll(final Network net, final int threads, final boolean staging) {
        System.setProperty("spikering.delivery", staging ? "staged" : "push");
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(threads))) {
            final SpikeRecorder spikes = sim.recordSpikes();
            final int[] some = new int[141];
            for (int i = 0; i < some.length; i++) {
                some[i] = i * 997;
            }
            final StateRecorder vm = sim.recordState("A", "V_m", some, 100);
            sim.run(30);
            final long[] bits = new long[vm.samples() * some.length];
            for (int s = 0; s < vm.samples(); s++) {
                for (int k = 0; k < some.length; k++) {
                    bits[s * some.length + k] = Double.doubleToRawLongBits(vm.value(s, k));
                }
            }
            return new Run(spikes.steps(), spikes.globalIds(), bits);
        } finally {
            System.clearProperty("spikering.delivery");
        }
    }

    @Test
    void stagingGivesPushsSpikesWithLaggedSteps() {
        // no step listener: the engine runs lagged steps (lif_exp has a split update)
        for (boolean inject : new boolean[] {false, true}) {
            final Network net = network(inject ? 10 : 9);
            final Run push = run(net, 2, false, false, inject);
            assertTrue(push.ids().length > 1000, "needs activity, got " + push.ids().length + " spikes");
            for (int threads : new int[] {1, 2, 3}) {
                final Run st = run(net, threads, true, false, inject);
                assertArrayEquals(push.steps(), st.steps(), threads + " threads: spike steps");
                assertArrayEquals(push.ids(), st.ids(), threads + " threads: spike ids");
            }
        }
    }
}
