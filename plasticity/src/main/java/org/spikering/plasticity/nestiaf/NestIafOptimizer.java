package org.spikering.plasticity.nestiaf;

import java.util.Arrays;
import java.util.Locale;

/**
 * NEST 3.9's per-synapse weight optimizer as the {@code eprop_synapse} calls it (models/weight_optimizer.cpp,
 * {@code WeightOptimizer::optimized_weight}, {@code WeightOptimizerGradientDescent::optimize_},
 * {@code WeightOptimizerAdam::optimize_}), for every synapse of one projection at once (state arrays indexed by
 * synapse). Each call passes a gradient g and the step index {@code idx} it belongs to; every synapse's step counter
 * starts at 1 ({@code WeightOptimizer::WeightOptimizer}: {@code optimization_step_( 1 )}):
 * <pre>
 * sum += g
 * current = 1 + idx / batch_size                      (batch_size = 1 here: current = idx + 1)
 * if step &lt; current:
 *     sum /= batch_size
 *     gradient descent:  w ← w − η·sum, sum ← 0
 *     Adam, for step = step … current − 1 (sum ← 0 after the first pass):
 *         a = η·√(1 − β2^step)/(1 − β1^step)
 *         m ← β1 m + (1 − β1) sum,  v ← β2 v + (1 − β2) sum²,  w ← w − a·m/(√v + ε)
 *     w ← min(max(w, W_min), W_max);  step ← current
 * </pre>
 * So Adam's bias correction uses the step index itself, and a synapse's first call, at time step idx, runs idx Adam
 * passes (one with its gradient, the rest with 0). This is the code that reproduces NEST's own recorded Adam losses
 * (testsuite/pytests/test_eprop_plasticity.py, eprop_iaf with Adam; {@code NestIafReproductionTest}); a later NEST
 * version keeps running powers β^n per synapse and starts the counter at the first call's idx instead, which gives
 * other numbers (0.1371 instead of NEST's 0.1400 for that test's first loss). Gradient descent is the same in both.
 * NEST's optimizer also has a {@code batch_size}; with the e-prop family's step-indexed calls it groups time steps,
 * not sequences, and NEST's examples of this family use 1, so only 1 is offered here.
 *
 * @param kind     gradient descent or Adam ({@code type}).
 * @param eta      learning rate η, ≥ 0.
 * @param beta1    Adam β1 in [0, 1) (NEST default 0.9).
 * @param beta2    Adam β2 in [0, 1) (NEST default 0.999).
 * @param epsilon  Adam ε ≥ 0 (NEST default 1e-7).
 * @param wMin     lower weight bound ({@code Wmin}, NEST default −100).
 * @param wMax     upper weight bound ({@code Wmax}, NEST default 100), ≥ wMin.
 * @param eachStep {@code optimize_each_step}: call the optimizer every step of a synapse's integration with that
 *                 step's gradient (NEST default true), or once per presynaptic spike with the sum.
 */
public record NestIafOptimizer(Kind kind, double eta, double beta1, double beta2, double epsilon, double wMin,
        double wMax, boolean eachStep) {

    /** The optimizer type. */
    public enum Kind {
        GRADIENT_DESCENT, ADAM;

        /** NEST's name: gradient_descent, adam. */
        public String externalName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NestIafOptimizer {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer kind: must not be null");
        }
        if (!(eta >= 0.0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + ": must be finite and >= 0");
        }
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("beta_1 = " + beta1 + ": must be in [0, 1)");
        }
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("beta_2 = " + beta2 + ": must be in [0, 1)");
        }
        if (!(epsilon >= 0.0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + ": must be finite and >= 0");
        }
        if (!Double.isFinite(wMin) || !Double.isFinite(wMax) || wMin > wMax) {
            throw new IllegalArgumentException("Wmin = " + wMin + ", Wmax = " + wMax
                    + ": must be finite with Wmin <= Wmax");
        }
    }

    /** Gradient descent with NEST's bounds ±100. */
    public static NestIafOptimizer gradientDescent(double eta, boolean eachStep) {
        return new NestIafOptimizer(Kind.GRADIENT_DESCENT, eta, 0.9, 0.999, 1e-7, -100.0, 100.0, eachStep);
    }

    /** Adam with NEST's defaults β1 = 0.9, β2 = 0.999, ε = 1e-7 and bounds ±100. */
    public static NestIafOptimizer adam(double eta, boolean eachStep) {
        return new NestIafOptimizer(Kind.ADAM, eta, 0.9, 0.999, 1e-7, -100.0, 100.0, eachStep);
    }

    /** This optimizer with learning rate {@code etaNew}. */
    public NestIafOptimizer withEta(double etaNew) {
        return new NestIafOptimizer(kind, etaNew, beta1, beta2, epsilon, wMin, wMax, eachStep);
    }

    /** Per-synapse optimizer state of one projection. */
    static final class State {
        final double[] sum;
        final long[] step;
        final double[] m;
        final double[] v;

        State(int synapses, boolean adam) {
            sum = new double[synapses];
            step = new long[synapses];
            Arrays.fill(step, 1L);
            m = adam ? new double[synapses] : new double[0];
            v = adam ? new double[synapses] : new double[0];
        }

        private State(State o) {
            sum = o.sum.clone();
            step = o.step.clone();
            m = o.m.clone();
            v = o.v.clone();
        }

        State copy() {
            return new State(this);
        }
    }

    /** {@code WeightOptimizer::optimized_weight} for synapse {@code s}; returns the new weight. */
    double optimizedWeight(State st, int s, long idx, double gradient, double weight) {
        st.sum[s] += gradient;
        long current = 1 + idx; // 1 + idx / batch_size with batch_size = 1
        if (st.step[s] < current) {
            // sum /= batch_size is exact for 1
            double w = kind == Kind.ADAM ? adam(st, s, weight, current) : gradientDescent(st, s, weight);
            weight = Math.max(wMin, Math.min(w, wMax));
            st.step[s] = current;
        }
        return weight;
    }

    private double gradientDescent(State st, int s, double weight) {
        weight -= eta * st.sum[s];
        st.sum[s] = 0.0;
        return weight;
    }

    private double adam(State st, int s, double weight, long current) {
        for (; st.step[s] < current; st.step[s]++) {
            double f1 = 1.0 - StrictMath.pow(beta1, st.step[s]);
            double f2 = 1.0 - StrictMath.pow(beta2, st.step[s]);
            double a = eta * Math.sqrt(f2) / f1;
            st.m[s] = beta1 * st.m[s] + (1.0 - beta1) * st.sum[s];
            st.v[s] = beta2 * st.v[s] + (1.0 - beta2) * st.sum[s] * st.sum[s];
            weight -= a * st.m[s] / (Math.sqrt(st.v[s]) + epsilon);
            st.sum[s] = 0.0;
        }
        return weight;
    }
}
