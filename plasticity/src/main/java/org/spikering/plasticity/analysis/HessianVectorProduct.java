package org.spikering.plasticity.analysis;

/**
 * Hessian–vector products at a point θ from gradients only, by central differences (TASKS.md §6.4):
 * <pre>
 * H v ≈ [g(θ + h v) − g(θ − h v)] / (2h),   h = ε / ‖v‖   (so the perturbation h·v has length ε)
 * error ≈ (ε² / 6) ‖∂³L[v̂, v̂, ·]‖ ‖v‖   (truncation)   +   δ_g ‖v‖ / ε   (rounding of the two gradients)
 * </pre>
 * Choice of ε ({@link #defaultStep}): with each gradient rounded by about δ_g ≈ u·‖g‖ (u = 2^−52, the unit roundoff
 * of double), the sum c·ε² + δ_g/ε of the two error terms is smallest for ε ∝ u^{1/3}; measured in the size of the
 * parameters (the rule for central differences, TASKS.md §6.4), ε = u^{1/3} · max(1, ‖θ‖) ≈ 6.06e-6 · max(1, ‖θ‖),
 * which makes both terms of order u^{2/3} ≈ 4e-11 relative when the third derivatives are of the size of the
 * second. For a quadratic loss the truncation term is 0 and any ε gives H v to rounding. For a spiking network the
 * surrogate-gradient field jumps where a spike appears or disappears, so H v depends on ε (scan it, e.g. 1e-6…1e-3,
 * and look at the symmetry check); what is computed is the Jacobian of the surrogate-gradient field, the "surrogate
 * Hessian".
 *
 * <p>Each product costs two gradient calls ({@link #gradientCalls}); the scratch arrays are allocated once.
 */
public final class HessianVectorProduct implements VectorOperator {
    /** u^{1/3} with u = 2^−52, the unit roundoff of double. */
    public static final double CBRT_EPSILON = Math.cbrt(Math.ulp(1.0));

    private final GradientOracle oracle;
    private final double[] theta;
    private final double step;
    private final double[] plus;
    private final double[] minus;
    private final double[] gPlus;
    private final double[] gMinus;
    private long calls;

    /**
     * @param oracle the gradient field.
     * @param theta  the point, length n (copied).
     * @param step   ε, the length of the perturbation, finite and &gt; 0.
     */
    public HessianVectorProduct(final GradientOracle oracle, final double[] theta, final double step) {
        if (theta.length != oracle.dimension()) {
            throw new IllegalArgumentException("theta has " + theta.length + " entries: the oracle has "
                    + oracle.dimension() + " parameters");
        }
        if (!(step > 0.0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("epsilon = " + step + ": must be finite and > 0");
        }
        this.oracle = oracle;
        this.theta = theta.clone();
        this.step = step;
        final int n = theta.length;
        plus = new double[n];
        minus = new double[n];
        gPlus = new double[n];
        gMinus = new double[n];
    }

    /**
     * @param theta the point.
     * @return ε = u^{1/3} · max(1, ‖θ‖) (see the class comment).
     */
    public static double defaultStep(final double[] theta) {
        return CBRT_EPSILON * Math.max(1.0, Vectors.norm(theta));
    }

    @Override
    public int dimension() {
        return theta.length;
    }

    @Override
    public void apply(final double[] v, final double[] out) {
        final double nv = Vectors.norm(v);
        if (nv == 0.0) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        final double h = step / nv;
        for (int i = 0; i < theta.length; i++) {
            plus[i] = theta[i] + h * v[i];
            minus[i] = theta[i] - h * v[i];
        }
        oracle.gradient(plus, gPlus);
        oracle.gradient(minus, gMinus);
        calls += 2;
        final double inv = 1.0 / (2.0 * h);
        for (int i = 0; i < theta.length; i++) {
            out[i] = (gPlus[i] - gMinus[i]) * inv;
        }
    }

    /** @return ε. */
    public double step() {
        return step;
    }

    /** @return the gradient calls made so far (two per product). */
    public long gradientCalls() {
        return calls;
    }
}
