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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.analysis.ExactFlossing;
import org.spikering.plasticity.analysis.Flossing;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * One flossing epoch (the loss and its gradient; the Adam step is O(n²) and left out) on the 100-unit rate network of
 * the README's flossing run (liu2024-gain-2af: tanh, rate_leak, λ = dt/τ = 1 (here 1 ms / 1 ms), g = 3, 3 inputs of N(0, 1)), k = 16 exponents,
 * 200 steps after 50 warm-up (251 trajectory steps): {@code local} ({@link Flossing#lossAndGradient}) against
 * {@code exact} ({@link ExactFlossing#lossAndGradient}, one instance reused as in pre-training). Single thread. Run:
 * {@code tests/run-jmh.sh FlossingBenchmark} (add {@code -prof gc} for the bytes allocated per epoch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlossingBenchmark {
    private static final int N = 100;
    private static final int IN = 3;
    private static final int STEPS = 251;
    private static final int K = 16;
    private static final int WARMUP = 50;

    private RecurrentNetwork net;
    private float[] x;
    private ExactFlossing exact;

    @Setup(Level.Trial)
    public void setUp() {
        net = RecurrentNetwork.randomRate(IN, N, 2, new RateUnits(RateActivation.TANH, 1.0,
                LeakyRateUnit.Form.RATE_LEAK, 0.0), NetworkParams.nestSineWave(), 1, 1.0, 3.0, 1.0);
        final SplittableRandom r = new SplittableRandom(3);
        x = new float[STEPS * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) RecurrentNetwork.gaussian(r, 1, 1.0)[0];
        }
        exact = new ExactFlossing();
    }

    /** @return L (local gradient computed). */
    @Benchmark
    public double local() {
        return Flossing.lossAndGradient(net, x, K, WARMUP, 7).gradient()[1];
    }

    /** @return L (exact gradient computed). */
    @Benchmark
    public double exact() {
        return exact.lossAndGradient(net, x, K, WARMUP, 7).gradient()[1];
    }
}
