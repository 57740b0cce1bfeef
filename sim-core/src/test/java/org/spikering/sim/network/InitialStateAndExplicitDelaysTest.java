package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.record.SpikeRecorder;
import org.spikering.sim.synapse.Csr;

/**
 * Initial states of every settable variable (drawn per neuron, checked against the distributions' moments and
 * against independent draws of the documented streams), integer distributions, and explicit per-synapse delays
 * rounded as NEST rounds them.
 */
final class InitialStateAndExplicitDelaysTest {

    private static final int N = 4000;

    private static Network lifExp(final boolean all) {
        final NetworkBuilder b = Network.builder(0.1).seed(17).population("E", N, LifExpParameters.cuba())
                .initialPotential("E", Distribution.uniform(-65, -55));
        if (all) {
            b.initialState("E", "I_syn_ex", Distribution.normal(100, 20))
                    .initialState("E", "I_syn_in", Distribution.constant(-50))
                    .initialState("E", "refractory_steps", Distribution.uniformInt(0, 51)); // t_ref 5 ms = 50 steps
        }
        return b.build();
    }

    private static double[] read(final Simulation sim, final String variable) {
        final double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = sim.stateValue("E", variable, i);
        }
        return v;
    }

    /** Mean within 5 standard errors of mu, and sd within 5 standard errors of sigma (SE of s ~ sigma sqrt((k-1)/4n)). */
    private static void assertMoments(final double[] x, final double mu, final double sigma, final double kurtosis,
                                      final String what) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        final double s = Math.sqrt(ss / (x.length - 1));
        assertEquals(mu, m, 5 * sigma / Math.sqrt(x.length), what + " mean");
        assertEquals(sigma, s, 5 * sigma * Math.sqrt((kurtosis - 1) / (4.0 * x.length)), what + " sd");
    }

    @Test
    void everyVariableIsDrawnFromItsDistribution() {
        try (Simulation sim = Simulation.create(lifExp(true), SimulationConfig.reference())) {
            assertMoments(read(sim, "V_m"), -60, 10 / Math.sqrt(12), 1.8, "V_m uniform(-65, -55)");
            assertMoments(read(sim, "I_syn_ex"), 100, 20, 3, "I_syn_ex normal(100, 20)");
            for (double v : read(sim, "I_syn_in")) {
                assertEquals(-50, v, 0.0, "I_syn_in constant");
            }
            final double[] r = read(sim, "refractory_steps");
            final int[] hist = new int[51];
            for (double v : r) {
                assertEquals(Math.rint(v), v, 0.0, "a whole number");
                hist[(int) v]++;
            }
            // discrete uniform on 0..50: mean 25, variance (51^2 - 1)/12, kurtosis ~1.8 (that of the continuous uniform)
            assertMoments(r, 25, Math.sqrt((51.0 * 51 - 1) / 12), 1.8, "refractory_steps uniform_int(0, 51)");
            double chi2 = 0;
            for (int h : hist) {
                chi2 += (h - N / 51.0) * (h - N / 51.0) / (N / 51.0);
            }
            assertTrue(chi2 < 90, "chi-square of 51 cells (50 degrees of freedom; p < 1e-3 above 86.7) = " + chi2);
        }
    }

    @Test
    void drawsFollowTheDocumentedStreamsWhateverTheThreads() {
        // independent: the streams PopulationSpec documents, drawn here directly
        final long stream = NetworkBuilder.mix(17, 0x1A17L);
        final SplittableRandom v = new SplittableRandom(stream);
        final SplittableRandom ex = new SplittableRandom(NetworkBuilder.mix(stream, "I_syn_ex".hashCode()));
        final SplittableRandom r = new SplittableRandom(NetworkBuilder.mix(stream, "refractory_steps".hashCode()));
        final double[] wantV = new double[N];
        final double[] wantEx = new double[N];
        final double[] wantR = new double[N];
        for (int i = 0; i < N; i++) {
            wantV[i] = -65 + 10 * v.nextDouble();
            wantEx[i] = Distribution.normal(100, 20).sample(ex);
            wantR[i] = r.nextLong(51);
        }
        for (SimulationConfig cfg : new SimulationConfig[] {SimulationConfig.reference(), SimulationConfig.threads(2),
            SimulationConfig.threads(3)}) {
            try (Simulation sim = Simulation.create(lifExp(true), cfg)) {
                assertArrayEquals(wantV, read(sim, "V_m"), cfg + ": V_m");
                assertArrayEquals(wantEx, read(sim, "I_syn_ex"), cfg + ": I_syn_ex");
                assertArrayEquals(wantR, read(sim, "refractory_steps"), cfg + ": refractory_steps");
            }
        }
        // V_m's draws do not depend on the other variables being set
        try (Simulation sim = Simulation.create(lifExp(false), SimulationConfig.reference())) {
            assertArrayEquals(wantV, read(sim, "V_m"));
        }
    }

    @Test
    void aRefractoryCounterDelaysTheFirstSpikeByItsSteps() {
        // V_m(0) = 25 mV > V_th = 20 mV: without a counter the neuron spikes in step 0; with counter r in step r
        // (NEST's order: while r_ref > 0 the step only counts down; then V evolves and is compared)
        for (int r : new int[] {0, 1, 7, 20}) {
            final Network net = Network.builder(0.1).population("n", 1, LifDeltaParameters.brunel())
                    .initialPotential("n", Distribution.constant(25))
                    .initialState("n", "refractory_steps", Distribution.constant(r)).build();
            try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
                final SpikeRecorder rec = sim.recordSpikes();
                sim.run(5.0);
                assertEquals(r, rec.steps()[0], "first spike with refractory_steps(0) = " + r);
            }
        }
    }

    @Test
    void inputWhileTheInitialCounterRunsIsDiscardedInClockAndEventUpdates() {
        // a generator spike of step 2 arrives through 0.1 ms in the input of step 3 with 30 mV (V_th = 20 mV): a
        // neuron whose counter r is still > 0 in step 3 (r >= 4) discards it, as iaf_psc_delta; r <= 3 spikes in step 3
        for (org.spikering.sim.kernel.UpdateMode mode : org.spikering.sim.kernel.UpdateMode.values()) {
            for (int r : new int[] {0, 3, 4, 10}) {
                final Network net = Network.builder(0.1)
                        .population("g", 1, new SpikeGeneratorModel(new int[][] {{2}}))
                        .population("n", 1, LifDeltaParameters.brunel())
                        .initialState("n", "refractory_steps", Distribution.constant(r))
                        .connect("g", "n", Connector.allToAll(), Distribution.constant(30), Distribution.constant(0.1))
                        .build();
                try (Simulation sim = Simulation.create(net, SimulationConfig.threads(1).withUpdateMode(mode))) {
                    final SpikeRecorder rec = sim.recordSpikes();
                    sim.run(2.0);
                    final long[] want = r <= 3 ? new long[] {2, 3} : new long[] {2};
                    assertArrayEquals(want, rec.steps(), mode + ", refractory_steps(0) = " + r);
                }
            }
        }
    }

    @Test
    void refusesWhatTheModelCannotSet() {
        final NetworkBuilder b = Network.builder(0.1).population("n", 3, LifDeltaParameters.brunel());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.initialState("n", "I_syn_ex", Distribution.constant(1)));
        assertEquals("initialState('n'): state variable 'I_syn_ex' of model lif_delta cannot be set (settable: V_m,"
                + " refractory_steps)", e.getMessage());
        // a counter beyond t_ref (2 ms = 20 steps) is refused when the state is made
        final Network net = Network.builder(0.1).population("n", 1, LifDeltaParameters.brunel())
                .initialState("n", "refractory_steps", Distribution.constant(21)).build();
        final IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Simulation.create(net, SimulationConfig.reference()).close());
        assertEquals("refractory_steps = 21.0: must be a whole number in [0, 20]", f.getMessage());
    }

    @Test
    void uniformIntIsUniformOnItsIntegers() {
        final Distribution d = Distribution.uniformInt(-3, 4);
        final SplittableRandom rnd = new SplittableRandom(5);
        final int[] hist = new int[7];
        final int n = 70_000;
        for (int k = 0; k < n; k++) {
            final double x = d.sample(rnd);
            assertEquals(Math.rint(x), x, 0.0);
            assertTrue(x >= -3 && x <= 3, "in [-3, 4): " + x);
            hist[(int) x + 3]++;
        }
        double chi2 = 0;
        for (int h : hist) {
            chi2 += (h - n / 7.0) * (h - n / 7.0) / (n / 7.0);
        }
        assertTrue(chi2 < 22.5, "chi-square, 6 degrees of freedom (p < 1e-3 above 22.46) = " + chi2);
        assertThrows(IllegalArgumentException.class, () -> Distribution.uniformInt(2, 2));
    }

    @Test
    void explicitDelaysAreRoundedToStepsAsNestDoes() {
        // floor(d * (1/dt) + 0.5): 0.1 -> 1, 0.26 -> 3, 0.34 -> 3, 0.15 -> 2 (0.15 * 10 = 1.5 exactly), 1.0 -> 10
        final double[] delays = {0.1, 0.26, 0.34, 0.15, 1.0};
        final int[] want = {1, 3, 3, 2, 10};
        final Network net = Network.builder(0.1).population("g", 5, new SpikeGeneratorModel(new int[][] {{0}, {0}, {0},
                {0}, {0}})).population("n", 5, LifDeltaParameters.brunel())
                .connectExplicit("g", "n", new int[] {0, 1, 2, 3, 4}, new int[] {4, 3, 2, 1, 0}, null,
                        Distribution.constant(0.5), delays)
                .build();
        final Csr c = net.projections().get(0).synapses();
        for (int s = 0; s < 5; s++) {
            final int k = c.rowStart()[s];
            assertEquals(4 - s, c.target()[k]);
            assertEquals(want[s], c.delay(k), "delay of " + delays[s] + " ms");
            assertEquals(0.5, c.weight(k), 0.0);
        }
        // the spike of step 0 through a delay of d steps changes V_m (E_L = 0, at rest) from grid point d + 1 on
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            sim.run(0.3); // grid point 3
            assertEquals(0.0, sim.stateValue("n", "V_m", 3), 0.0, "0.26 ms = 3 steps: not yet at grid point 3");
            assertTrue(sim.stateValue("n", "V_m", 1) > 0.49, "0.15 ms = 2 steps: arrived at grid point 3");
            assertTrue(sim.stateValue("n", "V_m", 4) > 0.49, "0.1 ms = 1 step: arrived");
            sim.run(0.1); // grid point 4
            assertTrue(sim.stateValue("n", "V_m", 3) > 0.49, "0.26 ms = 3 steps: arrived at grid point 4");
            assertEquals(0.0, sim.stateValue("n", "V_m", 0), 0.0, "1.0 ms = 10 steps: not yet");
        }
        final NetworkBuilder b = Network.builder(0.1).population("g", 1, new SpikeGeneratorModel(new int[][] {{0}}))
                .population("n", 1, LifDeltaParameters.brunel())
                .connectExplicit("g", "n", new int[] {0}, new int[] {0}, new double[] {1.0}, null, new double[] {0.09});
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("projection 0 (g -> n): delay of synapse 0 = 0.09 ms: must be >= dt = 0.1 ms", e.getMessage());
    }
}
