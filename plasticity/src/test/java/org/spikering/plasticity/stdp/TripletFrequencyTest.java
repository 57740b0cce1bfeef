package org.spikering.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The triplet rule in the pairing protocol of Pfister &amp; Gerstner 2006 (Sjöström et al. 2001): 60 pairs at
 * frequency ρ with Δt = ±10 ms, against a closed form derived here (geometric series of the all-to-all traces, not
 * the engine's trace code), and the published shape.
 *
 * <p>Derivation (pre spikes at kT, post at kT + Δ, k = 0..n−1, |Δ| &lt; T; q_τ = e^{−T/τ}, G_m(q) = (1 − q^m)/(1 − q)):
 * <pre>
 *   Δ &gt; 0: at post k  r1 = e^{−Δ/τ+} G_{k+1}(q+),       o2⁻ = q_y G_k(q_y)
 *          at pre k   o1 = e^{Δ/τ−} q− G_k(q−),          r2⁻ = q_x G_k(q_x)
 *   Δ &lt; 0: at post k  r1 = e^{−Δ/τ+} q+ G_k(q+),        o2⁻ = q_y G_k(q_y)
 *          at pre k   o1 = e^{Δ/τ−} G_{k+1}(q−),         r2⁻ = q_x G_k(q_x)
 *   Δw = Σ_k r1 (A2+ + A3+ o2⁻) − o1 (A2− + A3− r2⁻)
 * </pre>
 */
final class TripletFrequencyTest {
    private static final int[] HZ = {1, 2, 4, 5, 10, 20, 25, 40, 50};

    static double closedForm(final TripletStdp p, final int n, final double periodMs, final double deltaMs) {
        final double qp = Math.exp(-periodMs / p.tauPlusMs());
        final double qm = Math.exp(-periodMs / p.tauMinusMs());
        final double qx = Math.exp(-periodMs / p.tauXMs());
        final double qy = Math.exp(-periodMs / p.tauYMs());
        double dw = 0;
        for (int k = 0; k < n; k++) {
            final double o2 = qy * g(qy, k);
            final double r2 = qx * g(qx, k);
            final double r1;
            final double o1;
            if (deltaMs > 0) {
                r1 = Math.exp(-deltaMs / p.tauPlusMs()) * g(qp, k + 1);
                o1 = Math.exp(deltaMs / p.tauMinusMs()) * qm * g(qm, k);
            } else {
                r1 = Math.exp(-deltaMs / p.tauPlusMs()) * qp * g(qp, k);
                o1 = Math.exp(deltaMs / p.tauMinusMs()) * g(qm, k + 1);
            }
            dw += r1 * (p.a2Plus() + p.a3Plus() * o2) - o1 * (p.a2Minus() + p.a3Minus() * r2);
        }
        return dw;
    }

    private static double g(final double q, final int m) {
        return (1 - Math.pow(q, m)) / (1 - q);
    }

    private static double engine(final TripletStdp p, final int hz, final int delta, final int epoch) {
        final SumOfProductsRule rule = StdpRules.triplet(p, 1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, epoch);
        final int[][] s = SpikeTrainProtocol.pairing(60, 1000 / hz, delta, 50);
        return SpikeTrainProtocol.finalWeight(rule, FloatArithmetic.INSTANCE, 0.0, s[0], s[1], 1.0);
    }

    @Test
    void shouldMatchTheClosedFormAtEveryFrequencyForBothSets() {
        for (TripletStdp p : new TripletStdp[] {TripletStdp.visualAllToAll(), TripletStdp.visualMinimal()}) {
            for (int hz : HZ) {
                for (int delta : new int[] {10, -10}) {
                    final double expected = closedForm(p, 60, 1000.0 / hz, delta);
                    for (int epoch : new int[] {1, 8}) {
                        assertEquals(expected, engine(p, hz, delta, epoch), 1e-12 * Math.max(1, Math.abs(expected)),
                                p.name() + " " + hz + " Hz, dt " + delta + ", epoch " + epoch);
                    }
                }
            }
        }
    }

    @Test
    void shouldShowTheSjostromShape() {
        // published shape (Sjöström et al. 2001, Fig. 7 of Pfister & Gerstner 2006): post-pre (dt = -10 ms) depresses
        // at low frequency and potentiates at 50 Hz; pre-post (+10 ms) potentiates, more at higher frequency
        for (TripletStdp p : new TripletStdp[] {TripletStdp.visualAllToAll(), TripletStdp.visualMinimal()}) {
            assertTrue(engine(p, 1, -10, 1) < 0, p.name() + " post-pre at 1 Hz");
            assertTrue(engine(p, 50, -10, 1) > 0, p.name() + " post-pre at 50 Hz");
            double previous = Double.NEGATIVE_INFINITY;
            for (int hz : HZ) {
                final double v = engine(p, hz, 10, 1);
                assertTrue(v > previous, p.name() + " pre-post grows with frequency at " + hz + " Hz");
                previous = v;
            }
            assertTrue(engine(p, 50, 10, 1) > 0, p.name() + " pre-post at 50 Hz");
        }
    }
}
