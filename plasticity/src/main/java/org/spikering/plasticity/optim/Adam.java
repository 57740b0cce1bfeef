package org.spikering.plasticity.optim;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * Adam in the TensorFlow form NEST uses (weight_optimizer.cpp), per matrix:
 * <pre>
 * m ← β1 m + (1 − β1) g;   v ← β2 v + (1 − β2) g²;   a_t = η_{t−1} sqrt(1 − β2^t) / (1 − β1^t);   W ← W − a_t m / (sqrt(v) + ε)
 * </pre>
 * with t = 1, 2, … the update and η_{t−1} the rate of a {@link LearningRateSchedule} (constant η by default).
 */
public final class Adam implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<WeightMatrixId, double[][]> state = new EnumMap<>(WeightMatrixId.class);
    /** Copies of m and v taken by {@link #mark()}; ids absent here had no state at the mark. */
    private final Map<WeightMatrixId, double[][]> saved = new EnumMap<>(WeightMatrixId.class);
    private int step = 1;
    private int savedStep = 1;

    /** NEST defaults β1 = 0.9, β2 = 0.999, ε = 1e-7. */
    public Adam(double eta) {
        this(eta, 0.9, 0.999, 1e-7);
    }

    public Adam(double eta, double beta1, double beta2, double epsilon) {
        this(LearningRateSchedule.constant(eta), beta1, beta2, epsilon);
    }

    /** Adam with a learning-rate schedule: update t (1, 2, …) uses {@code schedule.rate(t − 1)}. */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule: must not be null");
        }
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("beta1 = " + beta1 + ": must be in [0, 1)");
        }
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("beta2 = " + beta2 + ": must be in [0, 1)");
        }
        if (!(epsilon > 0.0)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + ": must be > 0");
        }
        this.schedule = schedule;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void apply(WeightMatrixId id, double[] w, double[] grad) {
        double[][] mv = state.get(id);
        if (mv == null || mv[0].length != w.length) {
            mv = new double[][] {new double[w.length], new double[w.length]};
            state.put(id, mv);
        }
        double[] m = mv[0];
        double[] v = mv[1];
        double at = schedule.rate(step - 1) * Math.sqrt(1.0 - Math.pow(beta2, step)) / (1.0 - Math.pow(beta1, step));
        for (int n = 0; n < w.length; n++) {
            double g = grad[n];
            m[n] = beta1 * m[n] + (1.0 - beta1) * g;
            v[n] = beta2 * v[n] + (1.0 - beta2) * g * g;
            w[n] -= at * m[n] / (Math.sqrt(v[n]) + epsilon);
        }
    }

    @Override
    public void endUpdate() {
        step++;
    }

    /** {@code step}: the next update's t (one entry); {@code m.<MATRIX>}, {@code v.<MATRIX>}: the moments of each matrix updated so far. */
    @Override
    public Map<String, double[]> exportState() {
        final Map<String, double[]> out = new LinkedHashMap<>();
        out.put("step", new double[] {step});
        for (Map.Entry<WeightMatrixId, double[][]> e : state.entrySet()) {
            out.put("m." + e.getKey().name(), e.getValue()[0].clone());
            out.put("v." + e.getKey().name(), e.getValue()[1].clone());
        }
        return out;
    }

    @Override
    public void importState(Map<String, double[]> s) {
        final double[] t = s.get("step");
        if (t == null || t.length != 1 || !(t[0] >= 1) || t[0] != Math.rint(t[0]) || t[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Adam state 'step' = " + (t == null ? "missing" : java.util.Arrays.toString(t))
                    + ": must be one integer >= 1");
        }
        final Map<WeightMatrixId, double[][]> next = new EnumMap<>(WeightMatrixId.class);
        for (String key : s.keySet()) {
            if (key.equals("step")) {
                continue;
            }
            final String[] parts = key.split("\\.", 2);
            final WeightMatrixId id;
            try {
                id = parts.length == 2 && parts[0].equals("m") ? WeightMatrixId.valueOf(parts[1]) : null;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Adam state '" + key + "': unknown matrix");
            }
            if (id == null) {
                if (parts.length == 2 && parts[0].equals("v")) {
                    continue;
                }
                throw new IllegalArgumentException("Adam state '" + key + "': must be step, m.<MATRIX> or v.<MATRIX>");
            }
            final double[] m = s.get(key);
            final double[] v = s.get("v." + id.name());
            if (v == null || v.length != m.length) {
                throw new IllegalArgumentException("Adam state '" + key + "': needs v." + id.name() + " of the same length");
            }
            next.put(id, new double[][] {m.clone(), v.clone()});
        }
        state.clear();
        state.putAll(next);
        step = (int) t[0];
    }

    /** Copies m and v of every matrix and the step counter (buffers reused between calls). */
    @Override
    public void mark() {
        savedStep = step;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[][] mv = state.get(id);
            if (mv == null) {
                saved.remove(id);
                continue;
            }
            double[][] copy = saved.get(id);
            if (copy == null || copy[0].length != mv[0].length) {
                copy = new double[][] {new double[mv[0].length], new double[mv[0].length]};
                saved.put(id, copy);
            }
            System.arraycopy(mv[0], 0, copy[0], 0, mv[0].length);
            System.arraycopy(mv[1], 0, copy[1], 0, mv[1].length);
        }
    }

    /** Puts back m, v and the step counter of the last {@link #mark()}; state created since then is dropped. */
    @Override
    public void rollback() {
        step = savedStep;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            final double[][] copy = saved.get(id);
            if (copy == null) {
                state.remove(id);
            } else {
                final double[][] mv = state.get(id);
                if (mv == null || mv[0].length != copy[0].length) {
                    state.put(id, new double[][] {copy[0].clone(), copy[1].clone()});
                } else {
                    System.arraycopy(copy[0], 0, mv[0], 0, copy[0].length);
                    System.arraycopy(copy[1], 0, mv[1], 0, copy[1].length);
                }
            }
        }
    }
}
