package org.spikering.plasticity.analysis;

/**
 * The step Jacobians D_t = ∂s^t/∂s^{t−1} of a recorded trajectory s^0 … s^T of a dynamical system, applied to
 * tangent vectors (TASKS.md §6.1). The maps are numbered t = 1 … {@link #steps()}; map t takes a tangent vector at
 * state t−1 to state t.
 */
public interface TangentMap {

    /** @return n, the dimension of the state (and of the tangent vectors). */
    int dimension();

    /** @return the number of maps T (states 0 … T). */
    int steps();

    /**
     * out_c = D_t q_c for the k vectors q_c stored one after another ({@code q[c·n .. (c+1)·n)}).
     *
     * @param t   the map, 1 … {@link #steps()}.
     * @param q   k vectors of length n, contiguous.
     * @param k   the number of vectors.
     * @param out k vectors of length n, the products (not aliased with q).
     */
    void apply(int t, double[] q, int k, double[] out);
}
