package org.spikering.bench;

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
import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * One training iteration (gradients + SGD update) of NEST's sine-wave task (1-s sequence, 100 in, 100 LIF, 1 out),
 * single thread, per computation. NEST 3.9 needs 0.22 s per iteration; target here ≤ 20 ms for event-based e-prop.
 * Run: build the test classpath and call {@code org.openjdk.jmh.Main EpropBenchmark}, or use
 * {@code spikering gradients --bench} for a one-line JSON.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EpropBenchmark {
    @Param({"EVENT", "EVENT_STEPWISE", "DENSE", "BPTT"})
    public String computation;

    private Trainer trainer;
    private SequenceBatch batch;

    @Setup(Level.Trial)
    public void setUp() {
        NestSineWaveReference ref = NestSineWaveReference.load();
        batch = ref.batch(1);
        GradientComputer c = "BPTT".equals(computation) ? new Bptt(true)
                : Rules.nestEprop(ref.feedback(), Computation.valueOf(computation));
        trainer = new Trainer(ref.network(), c, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
    }

    @Benchmark
    public IterationResult sineIteration() {
        return trainer.step(batch);
    }
}
