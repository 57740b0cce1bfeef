package org.spikering.app.gradients;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spikering.app.report.Json;
import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * Training iterations per second on NEST's sine-wave setup (1 s sequence, 100 inputs, 100 LIF, 1 readout, batch 1,
 * SGD) for event-based e-prop, dense e-prop and BPTT, single thread. Not a test: a measurement.
 */
public final class EpropBench {
    private EpropBench() {
    }

    public static ObjectNode run(int warmup, int iterations) {
        if (iterations <= 0 || warmup < 0) {
            throw new IllegalArgumentException("iterations = " + iterations + ", warmup = " + warmup + ": need iterations > 0, warmup >= 0");
        }
        NestSineWaveReference ref = NestSineWaveReference.load();
        SequenceBatch batch = ref.batch(1);
        ObjectNode o = Json.object();
        o.put("task", "nest-sine-wave");
        o.put("rule", LearningRule.NEST_EPROP.id()); // event, dense, engine: nest-eprop; bptt: rule bptt
        o.put("iterations", iterations);
        o.put("event_it_per_s", rate(ref, batch, Rules.nestEprop(ref.feedback(), Computation.EVENT), warmup, iterations));
        o.put("dense_it_per_s", rate(ref, batch, Rules.nestEprop(ref.feedback(), Computation.DENSE), warmup, iterations));
        o.put("engine_event_it_per_s", rate(ref, batch, Rules.nestEprop(ref.feedback(), Computation.ENGINE), warmup,
                Math.max(1, iterations / 4)));
        o.put("bptt_it_per_s", rate(ref, batch, new Bptt(true), warmup, iterations));
        o.put("evidence_like_event_s_per_batch", evidenceLikeBatchSeconds(Math.max(1, warmup / 3), 2));
        return o;
    }

    /**
     * Seconds per batch of an evidence-accumulation-sized workload (Bellec et al. 2020): 32 trials of 2250 steps,
     * 40 inputs at 10 Hz, 100 recurrent (50 ALIF), 2 softmax readouts with a 150-step recall window; event-based
     * e-prop + Adam. Synthetic inputs of the same size, not the task itself (that is H3b's).
     */
    public static double evidenceLikeBatchSeconds(int warmup, int batches) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 0.6, 5, true, 0.3 / 0.6, 1.0 / 0.6, 2000.0, 0.0174, 20.0,
                50.0, 10.0);
        RecurrentNetwork net = RecurrentNetwork.random(40, 100, 2, 50, p, 7);
        int steps = 2250;
        int b = 32;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        float[] x = new float[b * steps * 40];
        for (int n = 0; n < x.length; n++) {
            x[n] = r.nextDouble() < 0.01 ? 1f : 0f;
        }
        double[] y = new double[b * steps * 2];
        boolean[] mask = new boolean[b * steps];
        for (int s = 0; s < b; s++) {
            int cls = r.nextInt(2);
            for (int t = steps - 150; t < steps; t++) {
                mask[s * steps + t] = true;
                y[(s * steps + t) * 2 + cls] = 1.0;
            }
        }
        SequenceBatch batch = new SequenceBatch(b, steps, 40, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
        Trainer t = new Trainer(net, Rules.create(LearningRule.EPROP, Computation.EVENT, net, 1), new Adam(5e-3),
                WeightClip.nestDefault(), WeightUpdateHook.NONE);
        for (int i = 0; i < warmup; i++) {
            t.step(batch);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            t.step(batch);
        }
        return (System.nanoTime() - t0) / 1e9 / batches;
    }

    private static double rate(NestSineWaveReference ref, SequenceBatch batch, GradientComputer c, int warmup, int n) {
        Trainer t = new Trainer(ref.network(), c, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        for (int i = 0; i < warmup; i++) {
            t.step(batch);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            t.step(batch);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
