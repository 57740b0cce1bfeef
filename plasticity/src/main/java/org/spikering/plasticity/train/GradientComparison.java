package org.spikering.plasticity.train;

/** Alignment of a rule's gradient with BPTT's, per weight matrix. */
public final class GradientComparison {
    private GradientComparison() {
    }

    /** cos(a, b) = ⟨a, b⟩ / (‖a‖ ‖b‖); NaN if either is 0. */
    public static double cosine(double[] a, double[] b) {
        double ab = 0.0;
        double aa = 0.0;
        double bb = 0.0;
        for (int n = 0; n < a.length; n++) {
            ab += a[n] * b[n];
            aa += a[n] * a[n];
            bb += b[n] * b[n];
        }
        return aa == 0.0 || bb == 0.0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }

    /** α = ⟨g_rule, g_bptt⟩ / ‖g_bptt‖²: relative step length along the BPTT gradient; NaN if g_bptt = 0. */
    public static double stepLength(double[] rule, double[] bptt) {
        double ab = 0.0;
        double bb = 0.0;
        for (int n = 0; n < rule.length; n++) {
            ab += rule[n] * bptt[n];
            bb += bptt[n] * bptt[n];
        }
        return bb == 0.0 ? Double.NaN : ab / bb;
    }

    /** max_n |a_n − b_n| / max_n |b_n| (0 if both are 0). */
    public static double maxRelativeDifference(double[] a, double[] b) {
        double d = 0.0;
        double m = 0.0;
        for (int n = 0; n < a.length; n++) {
            d = Math.max(d, Math.abs(a[n] - b[n]));
            m = Math.max(m, Math.abs(b[n]));
        }
        return m == 0.0 ? d : d / m;
    }
}
