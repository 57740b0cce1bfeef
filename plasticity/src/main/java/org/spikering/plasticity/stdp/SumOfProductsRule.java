package org.spikering.plasticity.stdp;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A learning rule in Loihi's sum-of-products form (Davies et al. 2018, §"Learning"; Lava
 * {@code LoihiLearningRule}): the traces it uses, and for each synaptic variable a sum of {@link Product}s applied
 * once per learning epoch of {@code epochSteps} steps,
 * <pre>
 *   w ← commit(w + Σ_k term(c_k · D_k · Π_m (f_km + o_km)))      (dw rule)
 *   t ← commit(t + Σ_k term(c_k · D_k · Π_m (f_km + o_km)))      (tag rule, "dt" in Lava)
 * </pre>
 * Both sums read the variables as they were before the epoch's update (Lava's order).
 *
 * @param x1         presynaptic trace 1.
 * @param x2         presynaptic trace 2.
 * @param y1         postsynaptic trace 1.
 * @param y2         postsynaptic trace 2.
 * @param r          reward trace (impulse on reward spikes).
 * @param dw         products of the weight rule.
 * @param dt         products of the tag rule (empty: no tag).
 * @param wMin       lower weight bound (weight units).
 * @param wMax       upper weight bound.
 * @param tagBound   the tag stays in [−tagBound, tagBound].
 * @param epochSteps steps per learning epoch, in [1, 63] (Loihi's limit, HARDWARE.md §1.4).
 */
public record SumOfProductsRule(TraceSpec x1, TraceSpec x2, TraceSpec y1, TraceSpec y2, TraceSpec r, List<Product> dw,
                                List<Product> dt, double wMin, double wMax, double tagBound, int epochSteps) {

    /** Loihi's largest learning epoch, steps. */
    public static final int MAX_EPOCH = 63;

    public SumOfProductsRule {
        dw = List.copyOf(dw);
        dt = List.copyOf(dt);
        if (!(wMin <= wMax)) {
            throw new IllegalArgumentException("weight bounds [" + wMin + ", " + wMax + "]: need wMin <= wMax");
        }
        if (!(tagBound >= 0)) {
            throw new IllegalArgumentException("tag bound = " + tagBound + ": must be >= 0");
        }
        if (epochSteps < 1 || epochSteps > MAX_EPOCH) {
            throw new IllegalArgumentException("epoch = " + epochSteps + " steps: must be in [1, " + MAX_EPOCH + "]");
        }
        for (List<Product> ps : List.of(dw, dt)) {
            for (Product p : ps) {
                for (Factor f : p.factors()) {
                    if (f.isPreTrace() || f.isPostTrace()) {
                        if (!trace(f, x1, x2, y1, y2, r).used()) {
                            throw new IllegalArgumentException("product " + p + " reads trace " + f + ", which has no impulse");
                        }
                    }
                }
            }
        }
    }

    /** @return the same rule with another epoch length. */
    public SumOfProductsRule withEpoch(final int steps) {
        return new SumOfProductsRule(x1, x2, y1, y2, r, dw, dt, wMin, wMax, tagBound, steps);
    }

    /** @return the spec of trace {@code f} (a trace factor). */
    public TraceSpec trace(final Factor f) {
        return trace(f, x1, x2, y1, y2, r);
    }

    private static TraceSpec trace(final Factor f, final TraceSpec x1, final TraceSpec x2, final TraceSpec y1,
            final TraceSpec y2, final TraceSpec r) {
        return switch (f) {
            case X1 -> x1;
            case X2 -> x2;
            case Y1 -> y1;
            case Y2 -> y2;
            case R -> r;
            default -> throw new IllegalArgumentException(f + " is not a trace");
        };
    }

    /** @return whether some product has dependency U (then every plastic synapse is processed every epoch). */
    public boolean hasUnconditionalProducts() {
        return dw.stream().anyMatch(p -> p.dependency() == Dependency.U)
                || dt.stream().anyMatch(p -> p.dependency() == Dependency.U);
    }

    /**
     * @param ar a precision.
     * @return the rule with the coefficients that precision represents ({@link LearningArithmetic#coefficient}).
     */
    public String toString(final LearningArithmetic ar) {
        final java.util.function.Function<Product, String> f = p -> new Product(ar.coefficient(p.coefficient()),
                p.dependency(), p.factors(), p.offsets()).toString();
        final String w = "dw = " + dw.stream().map(f).collect(Collectors.joining(" + "));
        return dt.isEmpty() ? w : w + "; dt = " + dt.stream().map(f).collect(Collectors.joining(" + "));
    }

    /** @return the rule in Lava's notation, e.g. {@code dw = 0.005 * x1 * y0 + -0.00525 * y1 * x0}. */
    @Override
    public String toString() {
        final String w = "dw = " + dw.stream().map(Product::toString).collect(Collectors.joining(" + "));
        return dt.isEmpty() ? w : w + "; dt = " + dt.stream().map(Product::toString).collect(Collectors.joining(" + "));
    }
}
