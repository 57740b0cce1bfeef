package org.spikering.plasticity.analysis;

/**
 * A deterministic gradient field g(θ) on R^n: the only thing the curvature methods ({@link HessianVectorProduct},
 * {@link PowerIteration}, {@link Lanczos}) need, so that they can be tested on functions with known Hessians. For a
 * loss L it is ∇L; for a spiking network trained with a surrogate gradient it is the surrogate-gradient field, which
 * is in general not the gradient of any function (its "Hessian" need not be symmetric).
 */
public interface GradientOracle {
    /** @return n, the number of parameters. */
    int dimension();

    /**
     * Overwrites {@code grad} with g(θ). The same θ must give the same bits every call (fixed data, no fresh noise).
     *
     * @param theta the parameters, length n; not modified.
     * @param grad  output, length n.
     * @return the loss at θ (NaN if the oracle has none).
     */
    double gradient(double[] theta, double[] grad);
}
