package org.spikering.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.hw.fixedpoint.FixedAdaptation;
import org.spikering.hw.fixedpoint.FixedLifModel;
import org.spikering.hw.fixedpoint.FixedLifParams;
import org.spikering.hw.fixedpoint.FloatCubaLifModel;
import org.spikering.neuron.NeuronModel;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.record.StateRecorder;

/**
 * The integer CUBA-LIF of hardware-sim on sim-core's engines: a 400 + 100 neuron E/I network with integer
 * weights (random integer E weights, random delays) and Poisson drive, built with {@code Network.builder}. The
 * fixed-point simulation is pure integer arithmetic, so the reference engine and the Disruptor engine with 1, 2
 * and 4 threads must give identical spikes and identical V_m bits; with 24 fractional bits and a 50-bit state
 * the floating-point twin ({@link FloatCubaLifModel}) must give the same spikes, and with no fractional bits it
 * must not (the test can tell them apart).
 */
final class FixedPointEngineTest {
    private static final double MS = 400;
    private static final int[] PROBES = {0, 17, 250, 399};
    // du 410 (u keeps 90 %), dv 205 (v keeps 95 %), threshold 100; adaptation: keep 93 %, +10 per spike
    private static final FixedLifParams WIDE = new FixedLifParams(410, 205, 100, 0, 0, 50, 24, 16, 1.0);
    private static final FixedLifParams NO_FRACTION = new FixedLifParams(410, 205, 100, 0, 0, 50, 0, 16, 1.0);
    private static final FixedAdaptation ADAPT = new FixedAdaptation(287, 10);

    private record Run(long[] steps, int[] ids, long[] vmBits) {
    }

    /** Uniform integers in [low, high], so that every weight is exact in the integer model and in float. */
    private static Distribution integers(final int low, final int high) {
        return new Distribution() {
            @Override
            public double sample(final SplittableRandom rnd) {
                return rnd.nextInt(low, high + 1);
            }

            @Override
            public String describe() {
                return "integers[" + low + ", " + high + "]";
            }
        };
    }

    private static Network network(final NeuronModel e, final NeuronModel i) {
        return Network.builder(1.0).seed(21)
                .population("E", 400, e)
                .population("I", 100, i)
                .connect("E", "E", Connector.fixedProbability(0.02).autapses(false), integers(1, 3), Distribution.uniform(1.0, 4.0))
                .connect("E", "I", Connector.fixedInDegree(40), Distribution.constant(2), Distribution.constant(1.0))
                .connect("I", "E", Connector.fixedOutDegree(30), integers(-12, -6), Distribution.uniform(1.0, 3.0))
                .connect("I", "I", Connector.allToAll().autapses(false), Distribution.constant(-2), Distribution.constant(1.0))
                .poissonInput("E", 500, 1)
                .poissonInput("I", 400, 1)
                .build();
    }

    private static Network fixed(final FixedLifParams p) {
        return network(new FixedLifModel(p, ADAPT), new FixedLifModel(p));
    }

    private static Run run(final Network net, final SimulationConfig cfg) {
        try (Simulation sim = Simulation.create(net, cfg)) {
            final SpikeRecorder spikes = sim.recordSpikes();
            final StateRecorder vm = sim.recordState("E", "V_m", PROBES, 1);
            sim.run(MS / 2);
            sim.run(MS / 2);
            final long[] bits = new long[vm.samples() * PROBES.length];
            for (int s = 0; s < vm.samples(); s++) {
                for (int k = 0; k < PROBES.length; k++) {
                    bits[s * PROBES.length + k] = Double.doubleToRawLongBits(vm.value(s, k));
                }
            }
            return new Run(spikes.steps(), spikes.globalIds(), bits);
        }
    }

    @Test
    void shouldGiveIdenticalSpikesAndVoltagesOnEveryEngineAndThreadCount() {
        final Network net = fixed(WIDE);
        final Run ref = run(net, SimulationConfig.reference());
        final double rateHz = ref.ids().length / 500.0 / (MS / 1000.0);
        System.out.printf("fixed-point E/I network: %d spikes, %.1f Hz%n", ref.ids().length, rateHz);
        assertTrue(rateHz > 5 && rateHz < 150, "needs moderate activity, got " + rateHz + " Hz");
        assertTrue(Arrays.stream(ref.ids()).anyMatch(id -> id >= 400), "I neurons must spike too");
        for (int threads : new int[] {1, 2, 4}) {
            final Run r = run(net, SimulationConfig.threads(threads));
            assertArrayEquals(ref.steps(), r.steps(), threads + " threads: spike steps");
            assertArrayEquals(ref.ids(), r.ids(), threads + " threads: spike ids");
            assertArrayEquals(ref.vmBits(), r.vmBits(), threads + " threads: V_m bits");
        }
        // V_m is raw · 2^-24: an integer state seen through an exact scaling
        for (long b : ref.vmBits()) {
            final double v = Double.longBitsToDouble(b);
            assertEquals(v, Math.rint(Math.scalb(v, 24)) / (1 << 24), 0.0);
        }
    }

    @Test
    void shouldGiveTheFloatTwinsSpikesWhenTheFixedPointIsWideAndNotWhenItHasNoFraction() {
        final Run wide = run(fixed(WIDE), SimulationConfig.threads(2));
        final Run twin = run(network(new FloatCubaLifModel(WIDE, ADAPT), new FloatCubaLifModel(WIDE)), SimulationConfig.threads(2));
        assertTrue(twin.ids().length > 1000, "needs activity, got " + twin.ids().length + " spikes");
        assertArrayEquals(twin.steps(), wide.steps(), "float twin vs 24 fractional bits: spike steps");
        assertArrayEquals(twin.ids(), wide.ids(), "float twin vs 24 fractional bits: spike ids");
        final Run coarse = run(fixed(NO_FRACTION), SimulationConfig.threads(2));
        assertFalse(Arrays.equals(twin.ids(), coarse.ids()) && Arrays.equals(twin.steps(), coarse.steps()),
                "0 fractional bits truncate every decay and must change the spikes");
    }
}
