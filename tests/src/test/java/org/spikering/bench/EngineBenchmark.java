package org.spikering.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.spikering.app.bench.BrunelNetwork;
import org.spikering.app.bench.CubaNetwork;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Network;
import org.spikering.sim.synapse.Csr;

/**
 * Engine throughput against a baseline measured in the same run.
 * <ul>
 *   <li>{@code simulate}: 10 ms of the CUBA or a 0.2-scale Brunel network per invocation (time per
 *       simulated ms), reference engine, or Disruptor with one partition thread or two.</li>
 *   <li>{@code scatterAddBaseline}: the floor — a plain loop that adds one weight per synapse into a
 *       double array for the CSR rows of random sources, the same work as delivery without the engine.</li>
 * </ul>
 * Run with {@code tests/run-jmh.sh EngineBenchmark}. Add {@code -prof gc} to see the allocation rate
 * per step (≈ 0 expected once warm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    @Param({"cuba", "brunel"})
    public String model;

    @Param({"reference", "disruptor", "disruptor2"})
    public String engine;

    private Simulation sim;
    private Csr csr;
    private double[] target;
    private int[] sources;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        final Network net = model.equals("cuba") ? CubaNetwork.build(CubaNetwork.FULL_SIZE, 1) : BrunelNetwork.build(0.2, 1);
        sim = Simulation.create(net, engine.equals("reference") ? SimulationConfig.reference()
                : SimulationConfig.threads(engine.equals("disruptor2") ? 2 : 1));
        sim.run(100);
        csr = net.projections().get(0).synapses();
        target = new double[net.neuronCount() * 16];
        final SplittableRandom r = new SplittableRandom(3);
        sources = new int[1 << 16];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = r.nextInt(csr.rows());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sim.close();
    }

    /** @return the step reached, 10 ms of simulated time per call. */
    @Benchmark
    @OperationsPerInvocation(10)
    public long simulate() {
        sim.run(10);
        return sim.currentStep();
    }

    /** @return a checksum; 1000 rows scattered per call (compare per-synapse cost with synaptic events). */
    @Benchmark
    public double scatterAddBaseline() {
        final int[] rs = csr.rowStart();
        final int[] tg = csr.target();
        final double w = csr.constantWeight();
        final double[] t = target;
        final int n = t.length / 16;
        for (int k = 0; k < 1000; k++) {
            final int s = sources[cursor++ & (sources.length - 1)];
            final int base = (cursor & 15) * n;
            for (int j = rs[s]; j < rs[s + 1]; j++) {
                t[base + tg[j]] += w;
            }
        }
        return t[cursor & (t.length - 1)];
    }
}
