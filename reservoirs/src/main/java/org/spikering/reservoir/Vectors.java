package org.spikering.reservoir;

/** Small vector helpers shared by the reservoir analyses. Stateless. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * Scales {@code v} to unit Euclidean norm in place (a zero vector stays zero).
     *
     * @param v the vector.
     * @return its norm before scaling.
     */
    public static double normalise(final double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        final double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }
}
