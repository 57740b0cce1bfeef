package org.spikering.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.kernel.UpdateMode;

/**
 * {@link NetworkBuilder#spikeArraySource} and {@link NetworkBuilder#stepCurrent} in both engines, against the
 * analytic membrane response and the delivery times, and bit for bit across thread counts.
 */
final class SpikeArrayAndStepCurrentTest {

    private static final double DT = 0.1;
    private static final double TAU = 10.0;
    private static final double C = 250.0;
    private static final double E_L = -70.0;
    private static final SimulationConfig[] CONFIGS = {SimulationConfig.reference(), SimulationConfig.threads(1),
        SimulationConfig.threads(2), SimulationConfig.threads(3)};

    /** Threshold far above the response, so V_m follows the sub-threshold solution. */
    private static NeuronModel lif(final boolean exp) {
        return exp ? new LifExpParameters(TAU, C, E_L, 1000.0, -80.0, 2.0, 2.0, 5.0, 0.0, ResetMode.TO_VALUE, E_L)
                : new LifDeltaParameters(TAU, C, E_L, 1000.0, -80.0, 2.0, 0.0, ResetMode.TO_VALUE, E_L);
    }

    /** V_m under I = 300 pA on [0, 5 ms), −100 pA from 5 ms on, from rest: two exponential relaxations. */
    private static double analytic(final double tMs) {
        final double r = TAU / C; // R = τ_m / C_m, GΩ, so R·I is in mV with I in pA
        final double t1 = 5.0;
        if (tMs <= t1) {
            return E_L + r * 300.0 * (1.0 - Math.exp(-tMs / TAU));
        }
        final double y1 = r * 300.0 * (1.0 - Math.exp(-t1 / TAU));
        final double yInf = r * -100.0;
        return E_L + yInf + (y1 - yInf) * Math.exp(-(tMs - t1) / TAU);
    }

    @Test
    void lifDrivenByAStepCurrentFollowsTheAnalyticSolutionInEveryEngine() {
        for (boolean exp : new boolean[] {false, true}) {
            final Network net = Network.builder(DT)
                    .population("n", 5, lif(exp))
                    .stepCurrent("n", new double[] {0.0, 5.0}, new double[] {300.0, -100.0})
                    .build();
            final int steps = 150;
            double[][] reference = null;
            for (SimulationConfig cfg : CONFIGS) {
                final double[][] v = new double[steps][5];
                try (Simulation sim = Simulation.create(net, cfg)) {
                    sim.addStepListener((step, view) -> {
                        for (int i = 0; i < 5; i++) {
                            v[(int) step][i] = view.value("n", "V_m", i); // state at grid point step + 1
                        }
                    });
                    sim.run(steps * DT);
                }
                for (int s = 0; s < steps; s++) {
                    final double t = (s + 1) * DT;
                    for (int i = 0; i < 5; i++) {
                        assertEquals(analytic(t), v[s][i], 1e-12, (exp ? "lif_exp" : "lif_delta") + ", " + cfg
                                + ", neuron " + i + ", t = " + t + " ms");
                    }
                }
                assertTrue(v[49][0] - E_L > 2.0 && v[steps - 1][0] < v[60][0], "the test must see both amplitudes");
                if (reference == null) {
                    reference = v;
                } else {
                    for (int s = 0; s < steps; s++) {
                        for (int i = 0; i < 5; i++) {
                            assertEquals(Double.doubleToRawLongBits(reference[s][i]), Double.doubleToRawLongBits(v[s][i]),
                                    cfg + ": bit-identical to the reference engine at step " + s);
                        }
                    }
                }
            }
        }
    }

    @Test
    void stepCurrentsWithoutStepListenersAgreeBitForBit() {
        // without step listeners and with lif_exp alone the Disruptor engine runs lagged input halves; with
        // a spike generator (no split update) it runs standard steps: both paths, against the closed form
        for (boolean withSpikes : new boolean[] {false, true}) {
            final NetworkBuilder b = Network.builder(DT).population("n", 7, lif(true));
            if (withSpikes) {
                b.population("g", 1, new SpikeGeneratorModel(new int[][] {{3, 40, 41}}))
                        .connect("g", "n", Connector.allToAll(), Distribution.constant(50.0), Distribution.constant(0.2));
            }
            final Network net = b.stepCurrent("n", new double[] {0.0, 2.0, 3.3}, new double[] {120.0, -40.0, 75.5})
                    .stepCurrent("n", new double[] {1.0}, new double[] {10.25})
                    .build();
            Double expected = null;
            for (SimulationConfig cfg : CONFIGS) {
                try (Simulation sim = Simulation.create(net, cfg)) {
                    sim.run(3.0);
                    sim.run(3.0); // two runs: the step currents continue where they were
                    final double v = sim.stateValue("n", "V_m", 6);
                    if (expected == null) {
                        expected = v;
                    } else {
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v),
                                cfg + ", spikes " + withSpikes);
                    }
                }
            }
            assertEquals(closedForm(withSpikes), expected, 1e-12, "spikes " + withSpikes);
        }
    }

    /** The same run computed independently: current segments superposed, synaptic kernel in closed form. */
    private static double closedForm(final boolean withSpikes) {
        final double r = TAU / C;
        final double tEnd = 6.0;
        // the two currents sum: (start, change of the total amplitude)
        final double[][] changes = {{0.0, 120.0}, {1.0, 10.25}, {2.0, -160.0}, {3.3, 115.5}};
        double y = 0.0;
        for (double[] c : changes) {
            y += r * c[1] * (1.0 - Math.exp(-(tEnd - c[0]) / TAU));
        }
        // input spikes of steps 3, 40, 41 arrive with delay 2 steps: current jumps of 50 pA into I_syn,ex
        // at the end of steps 5, 42, 43, i.e. from t0 = 0.6, 4.3, 4.4 ms; PSP of a jump q at t0:
        // q·R·τ_s/(τ_s − τ_m)·... written as q/C · τ_mτ_s/(τ_m − τ_s)·(e^{−Δ/τ_m} − e^{−Δ/τ_s})
        final double tauS = 2.0;
        for (double t0 : withSpikes ? new double[] {0.6, 4.3, 4.4} : new double[0]) {
            final double d = tEnd - t0;
            y += 50.0 / C * TAU * tauS / (TAU - tauS) * (Math.exp(-d / TAU) - Math.exp(-d / tauS));
        }
        return E_L + y;
    }

    @Test
    void spikeArraySpikesArriveAtTheirTimePlusTheDelay() {
        final double[][] times = {{0.3, 1.0}, {}, {0.5, 0.6}};
        final double w = 0.25;
        final Network net = Network.builder(DT)
                .spikeArraySource("src", times)
                .population("n", 3, new LifDeltaParameters(20.0, 250.0, 0.0, 20.0, 0.0, 2.0, 0.0, ResetMode.TO_VALUE, 0.0))
                .connect("src", "n", Connector.oneToOne(), Distribution.constant(w), Distribution.constant(0.4))
                .build();
        final double p22 = Math.exp(-DT / 20.0);
        for (SimulationConfig cfg : CONFIGS) {
            final int steps = 25;
            final double[][] v = new double[steps][3];
            final long[][] spikeSteps = new long[3][4];
            final int[] spikeCount = new int[3];
            try (Simulation sim = Simulation.create(net, cfg)) {
                sim.addStepListener((step, view) -> {
                    for (int i = 0; i < 3; i++) {
                        v[(int) step][i] = view.value("n", "V_m", i);
                    }
                });
                sim.addSpikeListener((step, ids, count) -> {
                    for (int k = 0; k < count; k++) {
                        if (ids[k] < 3) {
                            spikeSteps[ids[k]][spikeCount[ids[k]]++] = step;
                        }
                    }
                });
                sim.run(steps * DT);
            }
            // emitted in step t/dt
            assertEquals(2, spikeCount[0], cfg.toString());
            assertEquals(3, spikeSteps[0][0]);
            assertEquals(10, spikeSteps[0][1]);
            assertEquals(0, spikeCount[1]);
            assertEquals(5, spikeSteps[2][0]);
            assertEquals(6, spikeSteps[2][1]);
            // each arrives in the input of step (t + delay)/dt = s + 4 and shows in V_m from grid point s + 5 on
            for (int i = 0; i < 3; i++) {
                for (int s = 0; s < steps; s++) {
                    double expected = 0.0;
                    for (double t : times[i]) {
                        final long arrival = Math.round((t + 0.4) / DT);
                        if (s >= arrival) {
                            expected += w * Math.pow(p22, s - arrival);
                        }
                    }
                    assertEquals(expected, v[s][i], 1e-15, cfg + ": neuron " + i + " after step " + s);
                }
            }
        }
    }

    @Test
    void badSourcesAreRejectedWithTheParameterNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(DT).spikeArraySource("src", new double[][] {{0.3, 0.25}}));
        assertEquals("spikeArraySource 'src': spike_times[0][1] = 0.25 ms is not on the grid of dt = 0.1 ms: "
                + "nearest allowed values are 0.2 and 0.30000000000000004 ms", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(DT).population("n", 1, lif(false)).stepCurrent("n", new double[] {1.0}, new double[] {1, 2}));
        assertTrue(e.getMessage().startsWith("stepCurrent into 'n': amplitude_times has 1 entries but amplitude_values has 2"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(DT).population("n", 1, lif(false)).stepCurrent("m", new double[] {1.0}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("stepCurrent target: population 'm' is unknown"), e.getMessage());
        final Network generatorTarget = Network.builder(DT).spikeArraySource("src", new double[][] {{0.3}})
                .stepCurrent("src", new double[] {0.0}, new double[] {5.0}).build();
        e = assertThrows(IllegalArgumentException.class, () -> Simulation.create(generatorTarget, SimulationConfig.reference()));
        assertTrue(e.getMessage().startsWith("stepCurrent into population 'src': model 'spike_generator' has no current input"),
                e.getMessage());
        final Network eventMode = Network.builder(DT).population("n", 2, lif(false))
                .stepCurrent("n", new double[] {0.0}, new double[] {5.0}).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.create(eventMode, SimulationConfig.threads(2).withUpdateMode(UpdateMode.EVENT)));
        assertTrue(e.getMessage().startsWith("update mode = event: population 'n' receives a step current"), e.getMessage());
    }
}
