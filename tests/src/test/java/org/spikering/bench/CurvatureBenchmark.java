package org.spikering.bench;

import java.util.EnumSet;
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
import org.spikering.app.task.InputEncoding;
import org.spikering.app.task.LiuPatternTask;
import org.spikering.app.task.TaskPreset;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.analysis.HessianVectorProduct;
import org.spikering.plasticity.analysis.NetworkGradientOracle;
import org.spikering.plasticity.analysis.PowerIteration;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Issue 15's speed target: one top-eigenvalue estimate (20 power iterations, 40 BPTT gradients + the HVP arithmetic)
 * of the Hessian w.r.t. W_rec (9900 parameters) on the 100-unit pattern-generation network, in under 2 s on one core.
 * Network {@code rate}: 20 analog inputs (LiuPatternTask, encoding analog, 50 steps), 100 tanh rate units
 * (rate_leak, τ = 10 ms, dt = 1 ms), 1 readout; {@code spiking}: the pattern-liu preset (40 on/off inputs, 100 LIF).
 * {@code batch}: sequences per gradient (the task's pattern is frozen, so every sequence is the same; 1 is the exact
 * loss, larger batches only cost more). Single thread. Run: {@code tests/run-jmh.sh CurvatureBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CurvatureBenchmark {
    @Param({"rate", "spiking"})
    public String network;

    @Param({"1", "32"})
    public int batch;

    private HessianVectorProduct hvp;

    @Setup(Level.Trial)
    public void setUp() {
        final RecurrentNetwork net;
        final SequenceBatch b;
        if ("rate".equals(network)) {
            final LiuPatternTask task = new LiuPatternTask(50, 20, 0.5, 1, InputEncoding.ANALOG);
            net = RecurrentNetwork.randomRate(task.inputs(), 100, task.outputs(),
                    new RateUnits(RateActivation.TANH, 10.0, LeakyRateUnit.Form.RATE_LEAK, 0.0),
                    NetworkParams.nestSineWave(), 1, 1.0, 1.0, 1.0);
            b = task.batch(batch, 1);
        } else {
            final TaskPreset p = TaskPreset.of("pattern-liu", 1);
            net = p.network();
            b = p.source().batch(batch, 1);
        }
        final NetworkGradientOracle oracle = NetworkGradientOracle.bptt(net, b, EnumSet.of(WeightMatrixId.RECURRENT));
        final double[] theta = oracle.parameters();
        hvp = new HessianVectorProduct(oracle, theta, HessianVectorProduct.defaultStep(theta));
    }

    /** @return the estimate (20 iterations, no early stop). */
    @Benchmark
    public double topEigenvalue20PowerIterations() {
        return PowerIteration.run(hvp, 20, 0.0, 7).eigenvalue();
    }
}
