package org.spikering.app.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.rate.RateForwardPass;
import org.spikering.plasticity.rate.RuleStateSize;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * Per-step cost of every learning rule on a rate network ({@code spikering bench rules}): nanoseconds per time step
 * per sequence of {@link GradientComputer#compute} (forward pass, the rule's gradient, W_out's; no optimizer) and the
 * bytes of the rule's state ({@link RuleStateSize}; null for a rule that does not say), with e-prop measured in the
 * same run as the baseline (ratio = ns of the rule / ns of eprop, e-prop timed first and again last, the mean of
 * the two, after an untimed warm-up of min-ms). Every {@link LearningRule} is tried, so rules
 * added later appear by themselves; one that rate networks do not have is reported as
 * {@code "not available: <reason>"}.
 *
 * <table>
 * <caption>Setup</caption>
 * <tr><th>what</th><th>value</th></tr>
 * <tr><td>network</td><td>rate RNN, tanh, rate_leak, τ = 10 ms, dt = 1 ms (λ = 0.1), bias 0,
 *     {@value #INPUTS} inputs, {@value #OUTPUTS} linear readouts, weights {@link RecurrentNetwork#randomRate} with
 *     gains 1</td></tr>
 * <tr><td>batch</td><td>one sequence of the given steps, analog inputs uniform in [0, 1), regression targets
 *     uniform in [−1, 1], every step scored (MSE)</td></tr>
 * <tr><td>timing</td><td>one untimed call, then calls until at least min-ms have passed (at least one);
 *     System.nanoTime over the whole; one thread</td></tr>
 * <tr><td>rtrl_scaling</td><td>rtrl alone at each size n of the list (same setup), the exponent the least-squares
 *     slope of log(ns per step) on log n; beside it the exponent of the multiply-add count n³(n + n_in) of its
 *     product J M over the same sizes (→ 4 for n ≫ n_in)</td></tr>
 * </table>
 * Not a test: a measurement; the numbers depend on the machine and its load (the JSON gives the load average and
 * the cores).
 */
public final class RuleCostBench {
    /** Inputs and readouts of the benchmark network. */
    public static final int INPUTS = 10;
    public static final int OUTPUTS = 2;
    /** The rate units' τ, ms (λ = 0.1 at dt = 1 ms). */
    public static final double TAU_MS = 10.0;

    private RuleCostBench() {
    }

    /**
     * @param units     rate units of the main network.
     * @param steps     steps per sequence.
     * @param rtrlSizes sizes of the RTRL scaling runs (may be empty).
     * @param minMs     least timed milliseconds per measurement.
     * @param seed      seed of the weights, the batch and the rules' random streams.
     * @return the result fields, in order.
     */
    public static Map<String, Object> run(final int units, final int steps, final List<Integer> rtrlSizes,
            final double minMs, final long seed) {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "rules");
        out.put("network", "rate, tanh, rate_leak, lambda 0.1");
        out.put("units", units);
        out.put("inputs", INPUTS);
        out.put("outputs", OUTPUTS);
        out.put("steps", steps);
        out.put("threads", 1);
        out.put("min_ms", minMs);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average_before",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        final RecurrentNetwork net = network(units, seed);
        final SequenceBatch batch = batch(steps, seed);
        // untimed warm-up of the shared code (forward pass, readout gradient) for min-ms, with e-prop
        nsPerStep(Rules.create(LearningRule.EPROP, Computation.EVENT, net, seed, 1.0), net, batch, minMs);
        final double forward = forwardNsPerStep(net, batch, minMs);
        out.put("forward_ns_per_step", round(forward));
        final Map<String, Object> rules = new LinkedHashMap<>();
        final Map<LearningRule, Double> ns = new LinkedHashMap<>();
        final List<LearningRule> order = new ArrayList<>(List.of(LearningRule.EPROP)); // the baseline first
        for (LearningRule r : LearningRule.values()) {
            if (r != LearningRule.EPROP) {
                order.add(r);
            }
        }
        for (LearningRule r : order) {
            final GradientComputer c;
            try {
                c = Rules.create(r, Computation.EVENT, net, seed, 1.0);
            } catch (IllegalArgumentException e) {
                rules.put(r.id(), "not available: " + e.getMessage());
                continue;
            }
            final double[] m = nsPerStep(c, net, batch, minMs);
            ns.put(r, m[0]);
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("ns_per_step", round(m[0]));
            o.put("calls", (long) m[1]);
            o.put("state_bytes", c instanceof RuleStateSize s ? s.stateBytes(net, steps) : null);
            rules.put(r.id(), o);
        }
        // e-prop again at the end: the baseline is the mean of both, their ratio shows the drift of the machine
        final double again = nsPerStep(Rules.create(LearningRule.EPROP, Computation.EVENT, net, seed, 1.0), net, batch,
                minMs)[0];
        out.put("eprop_ns_per_step_first_last", List.of(round(ns.get(LearningRule.EPROP)), round(again)));
        final double base = 0.5 * (ns.get(LearningRule.EPROP) + again);
        for (Map.Entry<LearningRule, Double> e : ns.entrySet()) {
            @SuppressWarnings("unchecked")
            final Map<String, Object> o = (Map<String, Object>) rules.get(e.getKey().id());
            o.put("ratio_to_eprop", round(e.getValue() / base));
        }
        out.put("rules", rules);
        if (!rtrlSizes.isEmpty()) {
            final Map<String, Object> sc = new LinkedHashMap<>();
            final double[] x = new double[rtrlSizes.size()];
            final double[] y = new double[rtrlSizes.size()];
            final double[] model = new double[rtrlSizes.size()];
            final List<Object> rows = new ArrayList<>();
            for (int k = 0; k < rtrlSizes.size(); k++) {
                final int n = rtrlSizes.get(k);
                final RecurrentNetwork small = network(n, seed);
                final double v = nsPerStep(Rules.create(LearningRule.RTRL, Computation.EVENT, small, seed, 1.0), small,
                        batch, minMs)[0];
                x[k] = Math.log(n);
                y[k] = Math.log(v);
                model[k] = Math.log((double) n * n * n * (n + INPUTS));
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("units", n);
                row.put("ns_per_step", round(v));
                rows.add(row);
            }
            sc.put("sizes", rows);
            sc.put("fitted_exponent", rtrlSizes.size() > 1 ? round(slope(x, y)) : null);
            sc.put("exponent_of_the_multiply_add_count", rtrlSizes.size() > 1 ? round(slope(x, model)) : null);
            out.put("rtrl_scaling", sc);
        }
        out.put("load_average_after",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("java", System.getProperty("java.version"));
        return out;
    }

    /** The benchmark's rate network with {@code units} units. */
    static RecurrentNetwork network(final int units, final long seed) {
        return RecurrentNetwork.randomRate(INPUTS, units, OUTPUTS,
                new RateUnits(RateActivation.TANH, TAU_MS, LeakyRateUnit.Form.RATE_LEAK, 0.0),
                NetworkParams.nestSineWave(), seed, 1.0, 1.0, 1.0);
    }

    /** One sequence, analog inputs in [0, 1), targets in [−1, 1], every step scored. */
    static SequenceBatch batch(final int steps, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final float[] x = new float[steps * INPUTS];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) r.nextDouble();
        }
        final double[] y = new double[steps * OUTPUTS];
        for (int n = 0; n < y.length; n++) {
            y[n] = 2.0 * r.nextDouble() - 1.0;
        }
        final boolean[] mask = new boolean[steps];
        java.util.Arrays.fill(mask, true);
        return new SequenceBatch(1, steps, INPUTS, OUTPUTS, x, y, mask, LossKind.REGRESSION_MSE);
    }

    /** @return {ns per step, timed calls}. */
    private static double[] nsPerStep(final GradientComputer c, final RecurrentNetwork net, final SequenceBatch batch,
            final double minMs) {
        final Gradients g = Gradients.zerosFor(net);
        c.compute(net, batch, g); // untimed: allocation, JIT
        long calls = 0;
        final long t0 = System.nanoTime();
        long t;
        do {
            c.compute(net, batch, g);
            calls++;
            t = System.nanoTime();
        } while ((t - t0) / 1e6 < minMs);
        return new double[] {(double) (t - t0) / calls / batch.steps(), calls};
    }

    private static double forwardNsPerStep(final RecurrentNetwork net, final SequenceBatch batch, final double minMs) {
        final Trajectory tr = new Trajectory(batch.steps(), net.recurrent(), net.outputs());
        RateForwardPass.run(net, batch, 0, tr);
        long calls = 0;
        final long t0 = System.nanoTime();
        long t;
        do {
            RateForwardPass.run(net, batch, 0, tr);
            calls++;
            t = System.nanoTime();
        } while ((t - t0) / 1e6 < minMs);
        return (double) (t - t0) / calls / batch.steps();
    }

    /** Least-squares slope of y on x. */
    static double slope(final double[] x, final double[] y) {
        double mx = 0.0;
        double my = 0.0;
        for (int k = 0; k < x.length; k++) {
            mx += x[k];
            my += y[k];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0.0;
        double sxx = 0.0;
        for (int k = 0; k < x.length; k++) {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
        }
        return sxy / sxx;
    }

    private static double round(final double v) {
        return Math.round(v * 1e3) / 1e3;
    }
}
