package org.spikering.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;

/**
 * Milliseconds per training iteration ({@link Trainer#step}: forward pass, gradient, Adam update; one thread) in the
 * shape of Liu et al. 2022's pattern generation: 100 units, 50 steps of 1 ms, batch 32, the {@code pattern-liu}
 * task's 40 inputs (20 frozen N(0, 1) channels as on/off pairs) and 1 linear readout, every step scored (MSE).
 * Two networks on the same batch, in the same run:
 *
 * <table>
 * <caption>Networks</caption>
 * <tr><th>name</th><th>what</th></tr>
 * <tr><td>rate</td><td>rate RNN, tanh, rate_leak, τ = 10 ms (λ = dt/τ = 0.1), bias 0, weights drawn as
 *     {@link RecurrentNetwork#randomRate} with gains 1 (W_in ~ N(0, 1/40), W_rec ~ N(0, 1/100), W_out ~ N(0, 1/100))
 *     — the network of tests/bench/rate-rnn-torch.py</td></tr>
 * <tr><td>spiking</td><td>the {@code pattern-liu} example's 100 LIF neurons (its constants and weights), the
 *     baseline</td></tr>
 * </table>
 *
 * Adam with the example's settings (η = 0.003, β = 0.9, 0.999, ε = 1e-8), no weight clip. Protocol: every
 * (network, rule) gets its own network copy and trainer and runs {@code warmup} untimed iterations; then
 * {@code repeat} rounds, in each of which every (network, rule) in turn runs {@code iterations} iterations timed as a
 * whole (System.nanoTime); the result is the ms per iteration of each round and their median. A rule a network kind
 * does not have (e.g. a rule not implemented for it yet) is reported as {@code "not available: <reason>"}.
 * Not a test: a measurement; the numbers depend on the machine and its load.
 */
public final class RateRnnBench {
    /** Units, steps, sequences per batch. */
    public static final int UNITS = 100;
    public static final int STEPS = 50;
    public static final int BATCH = 32;
    /** The rate units' τ, ms (λ = 0.1 at dt = 1 ms). */
    public static final double TAU_MS = 10.0;

    private RateRnnBench() {
    }

    /** One (network, rule) being timed. */
    private record Case(String kind, LearningRule rule, Trainer trainer, double[] msPerIteration) {
    }

    /**
     * @param rules      the rules to time, each on both networks.
     * @param warmup     untimed iterations per (network, rule), &ge; 0.
     * @param iterations timed iterations per round, &ge; 1.
     * @param repeat     rounds, &ge; 1.
     * @param seed       seed of the task's pattern and the weights.
     * @return the result fields, in order.
     */
    public static Map<String, Object> run(final List<LearningRule> rules, final int warmup, final int iterations,
            final int repeat, final long seed) {
        if (warmup < 0 || iterations < 1 || repeat < 1 || rules.isEmpty()) {
            throw new IllegalArgumentException("warmup = " + warmup + ", iterations = " + iterations + ", repeat = "
                    + repeat + ", rules = " + rules + ": need warmup >= 0, iterations >= 1, repeat >= 1, a rule");
        }
        final TaskPreset preset = TrainingSpec.preset(Examples.load("pattern-liu", List.of("seed=" + seed)));
        final SequenceBatch batch = preset.source().batch(BATCH, seed);
        final RecurrentNetwork spiking = preset.network();
        if (spiking.recurrent() != UNITS || batch.steps() != STEPS) {
            throw new IllegalStateException("the pattern-liu example is not " + UNITS + " units and " + STEPS
                    + " steps any more: " + spiking.recurrent() + ", " + batch.steps());
        }
        final RecurrentNetwork rate = RecurrentNetwork.randomRate(batch.inputs(), UNITS, batch.outputs(),
                new RateUnits(RateActivation.TANH, TAU_MS, LeakyRateUnit.Form.RATE_LEAK, 0.0), spiking.params(), seed,
                1.0, 1.0, 1.0);
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "rate-rnn");
        out.put("units", UNITS);
        out.put("steps", STEPS);
        out.put("batch", BATCH);
        out.put("inputs", batch.inputs());
        out.put("outputs", batch.outputs());
        out.put("threads", 1);
        out.put("optimizer", "adam");
        out.put("warmup", warmup);
        out.put("iterations", iterations);
        out.put("repeat", repeat);
        final Map<String, Object> rateOut = new LinkedHashMap<>();
        rateOut.put("activation", "tanh");
        rateOut.put("form", "rate_leak");
        rateOut.put("lambda", spiking.params().dtMs() / TAU_MS);
        final Map<String, Object> spikingOut = new LinkedHashMap<>();
        spikingOut.put("network", "pattern-liu example (" + UNITS + " LIF)");
        final List<Case> cases = new ArrayList<>();
        for (Object[] kind : new Object[][] {{"rate", rate, rateOut}, {"spiking", spiking, spikingOut}}) {
            for (LearningRule rule : rules) {
                final RecurrentNetwork net = ((RecurrentNetwork) kind[1]).copy();
                @SuppressWarnings("unchecked")
                final Map<String, Object> o = (Map<String, Object>) kind[2];
                final Trainer t;
                try {
                    t = new Trainer(net, Rules.create(rule, Computation.EVENT, net, seed, 1.0),
                            new Adam(0.003, 0.9, 0.999, 1e-8), WeightClip.none(), WeightUpdateHook.NONE);
                } catch (IllegalArgumentException e) {
                    o.put(rule.id(), "not available: " + e.getMessage());
                    continue;
                }
                for (int i = 0; i < warmup; i++) {
                    t.step(batch);
                }
                cases.add(new Case((String) kind[0], rule, t, new double[repeat]));
            }
        }
        for (int r = 0; r < repeat; r++) {
            for (Case c : cases) {
                final long t0 = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    c.trainer().step(batch);
                }
                c.msPerIteration()[r] = (System.nanoTime() - t0) / 1e6 / iterations;
            }
        }
        for (Case c : cases) {
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("ms_per_iteration", Arrays.stream(c.msPerIteration()).map(RateRnnBench::round).toArray());
            o.put("median_ms_per_iteration", round(median(c.msPerIteration())));
            (c.kind().equals("rate") ? rateOut : spikingOut).put(c.rule().id(), o);
        }
        out.put("rate", rateOut);
        out.put("spiking", spikingOut);
        out.put("java", System.getProperty("java.version"));
        return out;
    }

    /** Median (mean of the middle two for an even count). */
    static double median(final double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        final int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double round(final double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
