package org.spikering.plasticity.optim;

import java.util.Locale;

/**
 * The learning rate η_t of update t = 0, 1, 2, … (the optimizers' step counter minus one), in closed form:
 *
 * <table>
 * <caption>Schedules (η = {@code base}, γ = {@code factor}, N = {@code every})</caption>
 * <tr><th>kind</th><th>η_t</th><th>parameters</th></tr>
 * <tr><td>CONSTANT</td><td>η</td><td>—</td></tr>
 * <tr><td>STEP</td><td>η · γ^⌊t / N⌋</td><td>γ in (0, 1], N &ge; 1</td></tr>
 * <tr><td>EXPONENTIAL</td><td>η · γ^t</td><td>γ in (0, 1]</td></tr>
 * </table>
 * A constant schedule returns {@code base} itself (bit for bit the optimizers' fixed rate).
 *
 * @param kind   the form.
 * @param base   η, the rate of update 0, finite and &gt; 0.
 * @param factor γ (ignored by CONSTANT).
 * @param every  N (used by STEP only).
 */
public record LearningRateSchedule(Kind kind, double base, double factor, int every) {

    /** The forms of the schedule. */
    public enum Kind {
        CONSTANT, STEP, EXPONENTIAL;

        /** @return the spec name: constant, step, exponential. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates the parameters. */
    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule kind: must not be null");
        }
        if (!(base > 0.0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("eta = " + base + ": must be finite and > 0");
        }
        if (kind != Kind.CONSTANT && !(factor > 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException("schedule factor = " + factor + ": must be in (0, 1]");
        }
        if (kind == Kind.STEP && every < 1) {
            throw new IllegalArgumentException("schedule every = " + every + ": must be >= 1");
        }
    }

    /**
     * @param eta the fixed rate.
     * @return η_t = η for every t.
     */
    public static LearningRateSchedule constant(final double eta) {
        return new LearningRateSchedule(Kind.CONSTANT, eta, 1.0, 1);
    }

    /** @return whether η_t is the same for every t. */
    public boolean isConstant() {
        return kind == Kind.CONSTANT;
    }

    /**
     * @param t update index, &ge; 0 (the first update is 0).
     * @return η_t.
     */
    public double rate(final int t) {
        switch (kind) {
            case STEP:
                return base * Math.pow(factor, t / every);
            case EXPONENTIAL:
                return base * Math.pow(factor, t);
            default:
                return base;
        }
    }
}
