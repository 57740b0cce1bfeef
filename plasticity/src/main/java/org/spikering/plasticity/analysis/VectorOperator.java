package org.spikering.plasticity.analysis;

/** A linear map R^n → R^n given only by its products: a Hessian ({@link HessianVectorProduct}) or an explicit matrix. */
public interface VectorOperator {
    /** @return n. */
    int dimension();

    /**
     * Overwrites {@code out} with A·v.
     *
     * @param v   the vector, length n; not modified.
     * @param out output, length n (not {@code v}).
     */
    void apply(double[] v, double[] out);

    /**
     * @param a a dense n×n matrix, row-major; not copied.
     * @return the operator v ↦ a·v.
     */
    static VectorOperator ofMatrix(final double[][] a) {
        return new VectorOperator() {
            @Override
            public int dimension() {
                return a.length;
            }

            @Override
            public void apply(final double[] v, final double[] out) {
                for (int i = 0; i < a.length; i++) {
                    double s = 0.0;
                    for (int j = 0; j < v.length; j++) {
                        s += a[i][j] * v[j];
                    }
                    out[i] = s;
                }
            }
        };
    }
}
