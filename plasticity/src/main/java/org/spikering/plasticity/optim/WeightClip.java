package org.spikering.plasticity.optim;

/** Clips weights to [wMin, wMax] after each update (NEST Wmin/Wmax, default ±100). */
public record WeightClip(double wMin, double wMax) {
    public WeightClip {
        if (Double.isNaN(wMin) || Double.isNaN(wMax) || wMin > wMax) {
            throw new IllegalArgumentException("weight clip [" + wMin + ", " + wMax + "]: need wMin <= wMax, not NaN");
        }
    }

    /** NEST's default ±100. */
    public static WeightClip nestDefault() {
        return new WeightClip(-100.0, 100.0);
    }

    /** No clipping. */
    public static WeightClip none() {
        return new WeightClip(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Clips in place (NaN stays NaN, to be caught by the trainer). */
    public void apply(double[] w) {
        for (int n = 0; n < w.length; n++) {
            if (w[n] < wMin) {
                w[n] = wMin;
            } else if (w[n] > wMax) {
                w[n] = wMax;
            }
        }
    }
}
