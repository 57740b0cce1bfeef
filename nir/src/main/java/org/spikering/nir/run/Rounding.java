package org.spikering.nir.run;

/** Rounds every intermediate result to IEEE single when asked (torch-based tools compute in float32). */
final class Rounding {

    private final boolean float32;
    private final boolean coefficients32;

    Rounding(final RunOptions.Precision p) {
        this.float32 = p == RunOptions.Precision.FLOAT32;
        this.coefficients32 = float32 || p == RunOptions.Precision.FLOAT32_COEFFICIENTS;
    }

    /**
     * An Euler coefficient dt/τ.
     *
     * @param dtSeconds dt, s.
     * @param tau       τ, s.
     * @return dt·(1/τ) in float32 arithmetic (Norse's {@code dt * tau_mem_inv}) if FLOAT32; float32(dt)/float32(τ)
     *         rounded to float32 (numpy's {@code dt / tau} on a float32 array) if FLOAT32_COEFFICIENTS; dt/τ otherwise.
     */
    double coefficient(final double dtSeconds, final double tau) {
        if (float32) {
            return (float) ((float) dtSeconds * (double) (float) (1.0 / (float) tau));
        }
        if (coefficients32) {
            return (float) ((float) dtSeconds / (double) (float) tau);
        }
        return dtSeconds / tau;
    }

    /** @param v a value. @return v, rounded to float if float32. */
    double r(final double v) {
        return float32 ? (double) (float) v : v;
    }

    /** @param v parameter values. @return each rounded. */
    double[] r(final double[] v) {
        final double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = r(v[i]);
        }
        return out;
    }
}
