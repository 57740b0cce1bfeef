package org.spikering.plasticity.stdp;

/**
 * Pair STDP with exponential traces (Song, Miller &amp; Abbott 2000; Morrison, Diesmann &amp; Gerstner 2008). With
 * traces x (pre, τ+) and y (post, τ−) of unit impulse:
 * <pre>
 *   on a post spike:  w ← w + A+ · x · F+(w)         on a pre spike:  w ← w − A− · y · F−(w)
 *   hard bounds: F+ = F− = 1, then w clipped to [w_min, w_max]
 *   soft bounds: F+(w) = (w_max − w)/(w_max − w_min),  F−(w) = (w − w_min)/(w_max − w_min)
 * </pre>
 * so one pair with Δt = t_post − t_pre gives Δw = A+ e^{−Δt/τ+} (Δt &gt; 0) or −A− e^{Δt/τ−} (Δt &lt; 0) (hard
 * bounds, away from them). All-to-all: each spike adds 1 to its trace; nearest-spike: each spike sets it to 1, so a
 * spike pairs only with the nearest earlier spike of the other neuron (the symmetric nearest-neighbour scheme of
 * Morrison et al. 2008, Fig. 7A).
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>aPlus, aMinus</td><td>weight units</td><td>A+, A− (≥ 0)</td></tr>
 *   <tr><td>tauPlusMs, tauMinusMs</td><td>ms</td><td>τ+, τ−</td></tr>
 *   <tr><td>wMin, wMax</td><td>weight units</td><td>bounds</td></tr>
 * </table>
 *
 * @param aPlus       A+.
 * @param aMinus      A−.
 * @param tauPlusMs   τ+, ms.
 * @param tauMinusMs  τ−, ms.
 * @param wMin        lower bound.
 * @param wMax        upper bound.
 * @param nearest     nearest-spike instead of all-to-all.
 * @param softBounds  weight-dependent (soft) instead of hard bounds.
 */
public record PairStdp(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, double wMin, double wMax,
                       boolean nearest, boolean softBounds) {

    public PairStdp {
        if (!(aPlus >= 0) || !(aMinus >= 0) || !Double.isFinite(aPlus) || !Double.isFinite(aMinus)) {
            throw new IllegalArgumentException("A+ = " + aPlus + ", A- = " + aMinus + ": must be finite and >= 0");
        }
        if (!(tauPlusMs > 0) || !(tauMinusMs > 0)) {
            throw new IllegalArgumentException("tau+ = " + tauPlusMs + ", tau- = " + tauMinusMs + " ms: must be > 0");
        }
        if (!(wMin < wMax) && softBounds) {
            throw new IllegalArgumentException("soft bounds need wMin < wMax, got [" + wMin + ", " + wMax + "]");
        }
    }

    /**
     * Song, Miller &amp; Abbott 2000: τ± = 20 ms, A+ = 0.005·w_max, A−/A+ = 1.05, hard bounds [0, w_max], all-to-all.
     *
     * @param wMax the largest weight.
     * @return the parameters.
     */
    public static PairStdp song2000(final double wMax) {
        return new PairStdp(0.005 * wMax, 0.005 * 1.05 * wMax, 20.0, 20.0, 0.0, wMax, false, false);
    }
}
