package org.spikering.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.analysis.NetworkLyapunov;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * Issue 15's speed target: a Lyapunov spectrum (k = 16, 1000 steps) of a 200-unit network in under 1 s on one core.
 * {@code rate}: 200 tanh rate units (rate_leak, τ = dt = 1 ms, gain 2: chaotic), 10 inputs with N(0, 1) input;
 * {@code spiking}: 200 LIF neurons (τ_m 20 ms, v_th 1 mV), 10 Poisson-like inputs at p = 0.05 per step. 1000 steps in
 * all (the forward pass and the 999 QR steps; no warm-up), single thread. Run:
 * {@code tests/run-jmh.sh LyapunovBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LyapunovBenchmark {
    private static final int N = 200;
    private static final int IN = 10;
    private static final int STEPS = 1000;

    @Param({"rate", "spiking"})
    public String network;

    private RecurrentNetwork net;
    private float[] x;

    @Setup(Level.Trial)
    public void setUp() {
        final SplittableRandom r = new SplittableRandom(3);
        x = new float[STEPS * IN];
        if ("rate".equals(network)) {
            net = RecurrentNetwork.randomRate(IN, N, 1, new RateUnits(RateActivation.TANH, 1.0,
                    LeakyRateUnit.Form.RATE_LEAK, 0.0), NetworkParams.nestSineWave(), 1, 1.0, 2.0, 1.0);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextDouble() * 2 - 1);
            }
        } else {
            final NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 2, false, 0.3, 1.0, 200.0, 0.0, 20.0, 0.0, 10.0);
            net = RecurrentNetwork.random(IN, N, 1, 0, p, 1, 30.0, 3.0, 1.0);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() < 0.05 ? 1f : 0f;
            }
        }
    }

    /** @return λ₁ (k = 16, 1000 steps). */
    @Benchmark
    public double spectrum16Of1000Steps() {
        return NetworkLyapunov.compute(net, x, 16, 0, 7, 100, false).exponents()[0];
    }
}
