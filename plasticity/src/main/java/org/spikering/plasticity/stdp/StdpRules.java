package org.spikering.plasticity.stdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Pair STDP, triplet STDP and R-STDP written as sum-of-products rules for {@link SumOfProductsEngine}. Traces have
 * impulse {@code I} (1 in float; in fixed point a value that uses the 7-bit range, e.g. 64 or 127), so each
 * coefficient is divided by I (and by I² where two traces multiply) to keep its meaning in weight units. Products
 * with coefficient 0 are left out, and so are traces no product reads.
 */
public final class StdpRules {

    private StdpRules() {
    }

    /**
     * Pair STDP ({@link PairStdp}):
     * <pre>
     *   hard: dw = (A+/I) · x1 · y0 − (A−/I) · y1 · x0
     *   soft: dw = −(A+/(I·Δ)) · x1 · (w − w_max) · y0 − (A−/(I·Δ)) · y1 · (w − w_min) · x0,   Δ = w_max − w_min
     * </pre>
     *
     * @param p       the parameters.
     * @param impulse I, the trace impulse.
     * @param epoch   steps per learning epoch.
     * @return the rule.
     */
    public static SumOfProductsRule pair(final PairStdp p, final double impulse, final int epoch) {
        final TraceSpec x = p.nearest() ? TraceSpec.nearest(p.tauPlusMs(), impulse) : TraceSpec.allToAll(p.tauPlusMs(), impulse);
        final TraceSpec y = p.nearest() ? TraceSpec.nearest(p.tauMinusMs(), impulse) : TraceSpec.allToAll(p.tauMinusMs(), impulse);
        final List<Product> dw = new ArrayList<>();
        if (p.softBounds()) {
            final double span = p.wMax() - p.wMin();
            add(dw, new Product(-p.aPlus() / (impulse * span), Dependency.Y0, new Factor[] {Factor.X1, Factor.W},
                    new double[] {0.0, -p.wMax()}));
            add(dw, new Product(-p.aMinus() / (impulse * span), Dependency.X0, new Factor[] {Factor.Y1, Factor.W},
                    new double[] {0.0, -p.wMin()}));
        } else {
            add(dw, Product.of(p.aPlus() / impulse, Dependency.Y0, Factor.X1));
            add(dw, Product.of(-p.aMinus() / impulse, Dependency.X0, Factor.Y1));
        }
        return new SumOfProductsRule(x, TraceSpec.NONE, y, TraceSpec.NONE, TraceSpec.NONE, dw, List.of(),
                p.wMin(), p.wMax(), 0.0, epoch);
    }

    /**
     * Triplet STDP, all-to-all ({@link TripletStdp}). Traces read at their own neuron's spike include its impulse, so
     * o2(t − ε) = y2 − I and r2(t − ε) = x2 − I:
     * <pre>
     *   dw = (A2+/I) · x1 · y0 + (A3+/I²) · x1 · (y2 − I) · y0 − (A2−/I) · y1 · x0 − (A3−/I²) · y1 · (x2 − I) · x0
     * </pre>
     *
     * @param p       the parameter set.
     * @param impulse I.
     * @param wMin    lower weight bound.
     * @param wMax    upper weight bound.
     * @param epoch   steps per learning epoch.
     * @return the rule.
     */
    public static SumOfProductsRule triplet(final TripletStdp p, final double impulse, final double wMin, final double wMax,
            final int epoch) {
        final double i2 = impulse * impulse;
        final List<Product> dw = new ArrayList<>();
        add(dw, Product.of(p.a2Plus() / impulse, Dependency.Y0, Factor.X1));
        add(dw, new Product(p.a3Plus() / i2, Dependency.Y0, new Factor[] {Factor.X1, Factor.Y2}, new double[] {0.0, -impulse}));
        add(dw, Product.of(-p.a2Minus() / impulse, Dependency.X0, Factor.Y1));
        add(dw, new Product(-p.a3Minus() / i2, Dependency.X0, new Factor[] {Factor.Y1, Factor.X2}, new double[] {0.0, -impulse}));
        final TraceSpec x2 = p.a3Minus() == 0 ? TraceSpec.NONE : TraceSpec.allToAll(p.tauXMs(), impulse);
        final TraceSpec y2 = p.a3Plus() == 0 ? TraceSpec.NONE : TraceSpec.allToAll(p.tauYMs(), impulse);
        return new SumOfProductsRule(TraceSpec.allToAll(p.tauPlusMs(), impulse), x2, TraceSpec.allToAll(p.tauMinusMs(), impulse),
                y2, TraceSpec.NONE, dw, List.of(), wMin, wMax, 0.0, epoch);
    }

    /**
     * R-STDP ({@link RewardStdp}) with epoch E steps of dt ms:
     * <pre>
     *   dt = (A+/I) · x1 · y0 − (A−/I) · y1 · x0 + (e^{−E·dt/τ_c} − 1) · t · u
     *   dw = η·E·dt · t · (r + d_0) · u
     * </pre>
     * r the reward trace (impulse d_reward, τ_d). The tag decays exactly by e^{−E·dt/τ_c} per epoch in float.
     *
     * @param p        the parameters.
     * @param impulse  I, the pair-trace impulse.
     * @param tagBound the tag stays in [−tagBound, tagBound].
     * @param epoch    steps per learning epoch.
     * @param dtMs     step, ms.
     * @return the rule.
     */
    public static SumOfProductsRule rewardStdp(final RewardStdp p, final double impulse, final double tagBound,
            final int epoch, final double dtMs) {
        final List<Product> dt = new ArrayList<>();
        add(dt, Product.of(p.aPlus() / impulse, Dependency.Y0, Factor.X1));
        add(dt, Product.of(-p.aMinus() / impulse, Dependency.X0, Factor.Y1));
        add(dt, Product.of(Math.expm1(-epoch * dtMs / p.tauTagMs()), Dependency.U, Factor.TAG));
        final List<Product> dw = new ArrayList<>();
        add(dw, new Product(p.etaPerMs() * epoch * dtMs, Dependency.U, new Factor[] {Factor.TAG, Factor.R},
                new double[] {0.0, p.dopamineBaseline()}));
        return new SumOfProductsRule(TraceSpec.allToAll(p.tauPlusMs(), impulse), TraceSpec.NONE,
                TraceSpec.allToAll(p.tauMinusMs(), impulse), TraceSpec.NONE,
                TraceSpec.allToAll(p.tauDopamineMs(), p.dopamineJump()), dw, dt, p.wMin(), p.wMax(), tagBound, epoch);
    }

    private static void add(final List<Product> l, final Product p) {
        if (p.coefficient() != 0.0) {
            l.add(p);
        }
    }
}
