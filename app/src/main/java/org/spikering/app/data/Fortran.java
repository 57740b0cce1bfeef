package org.spikering.app.data;

/**
 * Reorders a Fortran-order (column-major) array to C order. Element (j_0, …, j_{d−1}) is at flat index
 * Σ_a j_a · Π_{b&lt;a} s_b in Fortran order and Σ_a j_a · Π_{b&gt;a} s_b in C order.
 */
final class Fortran {

    private Fortran() {
    }

    /**
     * @param f an array whose data are in Fortran order (as read from the file).
     * @return the same array with its data in C order.
     */
    static NpyArray toC(final NpyArray f) {
        final int[] s = f.shape();
        final int d = s.length;
        final int n = f.size();
        if (d < 2 || n == 0) {
            return f;
        }
        final Object src = f.data();
        final Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), n);
        final int[] j = new int[d];
        final int[] fStride = new int[d];
        fStride[0] = 1;
        for (int a = 1; a < d; a++) {
            fStride[a] = fStride[a - 1] * s[a - 1];
        }
        for (int c = 0; c < n; c++) { // c walks C order; j is its multi-index, last axis fastest
            int fi = 0;
            for (int a = 0; a < d; a++) {
                fi += j[a] * fStride[a];
            }
            System.arraycopy(src, fi, dst, c, 1);
            for (int a = d - 1; a >= 0; a--) {
                if (++j[a] < s[a]) {
                    break;
                }
                j[a] = 0;
            }
        }
        return new NpyArray(f.dtype(), s, dst);
    }
}
