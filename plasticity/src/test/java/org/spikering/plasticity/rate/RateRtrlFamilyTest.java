package org.spikering.plasticity.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * The RTRL family on the tiny rate networks of {@link RateFixtures} (3 inputs, 5 units, 2 outputs, 14 steps, 2
 * sequences, analog inputs, every weight nonzero): RTRL against {@link RateBptt} (a second implementation of the same
 * gradient, backward instead of forward), UORO and KF-RTRL against RTRL statistically, KeRNL against its definition.
 */
final class RateRtrlFamilyTest {

    static List<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        for (RateActivation phi : RateActivation.values()) {
            for (LeakyRateUnit.Form form : LeakyRateUnit.Form.values()) {
                for (LossKind loss : LossKind.values()) {
                    c.add(Arguments.of(phi, form, loss));
                }
            }
        }
        return c;
    }

    /** Claim: per matrix, max_n |g_rtrl − g_bptt| ≤ 1e-10 max_n |g_bptt| (both exact; rounding is about 1e-15). */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void rtrlEqualsBpttToRounding(RateActivation phi, LeakyRateUnit.Form form, LossKind loss) {
        RecurrentNetwork net = RateFixtures.net(phi, form, 11);
        SequenceBatch batch = RateFixtures.batch(loss, 23);
        Gradients bptt = run(new RateBptt(), net, batch);
        Gradients rtrl = run(new RateRtrl(), net, batch);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double[] b = bptt.get(id);
            double[] r = rtrl.get(id);
            double scale = maxAbs(b);
            assertTrue(scale > 1e-6, id + ": BPTT gradient must not vanish, max " + scale);
            for (int n = 0; n < b.length; n++) {
                assertEquals(b[n], r[n], 1e-10 * scale, phi + " " + form + " " + loss + " " + id + "[" + n + "]");
            }
        }
        assertEquals(bptt.loss, rtrl.loss, 0.0);
    }

    /**
     * UORO is unbiased: the mean of M = 16000 estimates (independent ν streams, seeds 1..M) equals RTRL's gradient.
     * Per component n of (W_in, W_rec): z_n = (mean_n − rtrl_n) / (sd_n / √M) with the sample sd; |z_n| ≤ 5 for all
     * 35 off-diagonal components (two-sided p = 5.7e-7 each: a false failure with probability below 2e-5).
     * Projected onto RTRL's own direction, the standard error is below 1.5 % of the mean (so a bias of 7.5 % would
     * give |z| > 5: the test has the power to see one) and |z| ≤ 4. Measured when written: max |z_n| 2.6, projected
     * mean 4.138 vs 4.148 ± 0.034 (z −0.28); a 10 % error in J ã fails it (z −7.9 on component 0).
     */
    @Test
    void uoroMeanConvergesToRtrl() {
        assertUnbiased("uoro", 16000, RateUoro::new, 0.015);
    }

    /** The same statistics for KF-RTRL (M = 8000). Measured: max |z_n| 2.2, projected 4.091 vs 4.148 ± 0.038. */
    @Test
    void kfRtrlMeanConvergesToRtrl() {
        assertUnbiased("kf-rtrl", 8000, RateKfRtrl::new, 0.015);
    }

    /**
     * Marschall et al. 2020 (Fig. 3) and Mujika et al. 2018 report KF-RTRL's estimate closer to RTRL than UORO's. Here:
     * the mean over 500 draws of ‖g − g_rtrl‖² (W_in, W_rec) must be smaller for KF-RTRL than for UORO, by more than
     * the sum of the two means' standard errors times 4. Measured when written: KF-RTRL 20.3 ± 1.2, UORO 129 ± 8
     * (‖g_rtrl‖² = 17.2).
     */
    @Test
    void kfRtrlErrorIsBelowUoros() {
        RecurrentNetwork net = RateFixtures.net(RateActivation.TANH, LeakyRateUnit.Form.RATE_LEAK, 11);
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 23);
        double[] exact = flat(run(new RateRtrl(), net, batch));
        int draws = 500;
        double[][] stats = new double[2][];
        for (int r = 0; r < 2; r++) {
            double s = 0.0;
            double s2 = 0.0;
            for (int k = 1; k <= draws; k++) {
                GradientComputer c = r == 0 ? new RateUoro(k) : new RateKfRtrl(k);
                double e = dist2(flat(run(c, net, batch)), exact);
                s += e;
                s2 += e * e;
            }
            double mean = s / draws;
            double sd = Math.sqrt(Math.max(0.0, s2 / draws - mean * mean));
            stats[r] = new double[] {mean, sd / Math.sqrt(draws)};
        }
        assertTrue(stats[1][0] + 4 * (stats[0][1] + stats[1][1]) < stats[0][0], "mean squared error: KF-RTRL "
                + stats[1][0] + " ± " + stats[1][1] + ", UORO " + stats[0][0] + " ± " + stats[0][1]);
    }

    /** Same seed, same gradients bit for bit; another seed, another estimate. */
    @Test
    void randomRulesAreDeterministicInTheirSeed() {
        RecurrentNetwork net = RateFixtures.net(RateActivation.TANH, LeakyRateUnit.Form.CURRENT_LEAK, 11);
        SequenceBatch batch = RateFixtures.batch(LossKind.CLASSIFICATION_CE, 23);
        for (java.util.function.LongFunction<GradientComputer> make : List.<java.util.function.LongFunction<GradientComputer>>of(
                RateUoro::new, RateKfRtrl::new, RateKernl::new)) {
            GradientComputer a = make.apply(7);
            GradientComputer b = make.apply(7);
            for (int it = 0; it < 2; it++) { // the second batch continues the streams (and KeRNL's A, γ)
                double[] ga = flat(run(a, net, batch));
                double[] gb = flat(run(b, net, batch));
                for (int n = 0; n < ga.length; n++) {
                    assertEquals(Double.doubleToRawLongBits(ga[n]), Double.doubleToRawLongBits(gb[n]), a.name());
                }
            }
            assertTrue(dist2(flat(run(make.apply(8), net, batch)), flat(run(make.apply(7), net, batch))) > 0,
                    a.name() + ": another seed must give another estimate");
        }
    }

    /**
     * With η = 0, A = I and γ = λ stay, and KeRNL's gradient Σ_t c_j^t B^t_ji is e-prop's (B = W_outᵀ) on both forms
     * ({@link RateLocalRule#eprop}, written differently): equal to 1e-12 of the largest entry.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void kernlWithFixedSensitivityIsEprop(RateActivation phi, LeakyRateUnit.Form form, LossKind loss) {
        RecurrentNetwork net = RateFixtures.net(phi, form, 11);
        SequenceBatch batch = RateFixtures.batch(loss, 23);
        Gradients eprop = run(RateLocalRule.eprop(new SymmetricFeedback()), net, batch);
        Gradients kernl = run(new RateKernl(3, 1e-3, 0.0), net, batch);
        for (WeightMatrixId id : WeightMatrixId.values()) {
            double scale = maxAbs(eprop.get(id));
            for (int n = 0; n < eprop.get(id).length; n++) {
                assertEquals(eprop.get(id)[n], kernl.get(id)[n], 1e-12 * scale, id + "[" + n + "]");
            }
        }
    }

    /**
     * KeRNL's learning of A and γ by hand on 2 linear units (rate_leak, λ = 1/4, 1 input, 2 steps), where the
     * perturbed copy is exact: h̃^1 − h^1 = J ζ^0 + ζ^1 with J = (1 − λ) I + λ W_rec. At t = 0, e^0 = A ζ^0 − ζ^0 = 0
     * (A = I): nothing changes. At t = 1, Ω^1 = (1 − λ) ζ^0 + ζ^1, Γ^1 = −ζ^0, e^1 = Ω^1 − J ζ^0 − ζ^1
     * = −λ W_rec ζ^0, then A_kj = δ_kj − η e_k Ω_j / σ², γ_j = λ − η e_j Γ_j / σ². ζ is the rule's stream
     * (SplittableRandom(seed).nextGaussian() × σ, unit by unit, step by step), drawn here again.
     */
    @Test
    void kernlLearnsItsSensitivityAsDefinedOnTwoLinearUnits() {
        double lambda = 0.25;
        RecurrentNetwork net = RecurrentNetwork.randomRate(1, 2, 1,
                new RateUnits(RateActivation.LINEAR, 4.0, LeakyRateUnit.Form.RATE_LEAK, 0.3), NetworkParams.nestSineWave(),
                5, 1.0, 1.0, 1.0);
        double[] w = net.wRec();
        assertTrue(w[1] != 0.0 && w[2] != 0.0);
        SequenceBatch batch = new SequenceBatch(1, 2, 1, 1, new float[] {0.7f, -0.4f}, new double[] {0.5, -0.2},
                new boolean[] {true, true}, LossKind.REGRESSION_MSE);
        double sigma = 0.05;
        double eta = 0.01;
        long seed = 9;
        RateKernl k = new RateKernl(seed, sigma, eta);
        run(k, net, batch);
        SplittableRandom r = new SplittableRandom(seed);
        double[] z0 = {sigma * r.nextGaussian(), sigma * r.nextGaussian()};
        double[] z1 = {sigma * r.nextGaussian(), sigma * r.nextGaussian()};
        double[] omega = {(1 - lambda) * z0[0] + z1[0], (1 - lambda) * z0[1] + z1[1]};
        // W_rec has a zero diagonal: (W ζ0)_0 = w01 ζ0_1, (W ζ0)_1 = w10 ζ0_0
        double[] e = {-lambda * w[1] * z0[1], -lambda * w[2] * z0[0]};
        double[] a = k.sensitivity();
        double[] g = k.timescales();
        for (int kk = 0; kk < 2; kk++) {
            for (int j = 0; j < 2; j++) {
                double expected = (kk == j ? 1.0 : 0.0) - eta * e[kk] * omega[j] / (sigma * sigma);
                assertEquals(expected, a[kk * 2 + j], 1e-9 * Math.abs(expected - (kk == j ? 1.0 : 0.0)) + 1e-15,
                        "A[" + kk + "][" + j + "]");
            }
            double expected = lambda - eta * e[kk] * (-z0[kk]) / (sigma * sigma);
            assertEquals(expected, g[kk], 1e-9 * Math.abs(expected - lambda), "gamma[" + kk + "]");
            assertTrue(Math.abs(expected - lambda) > 1e-4, "the case must move γ");
        }
    }

    private interface Factory {
        GradientComputer make(long seed);
    }

    private static void assertUnbiased(String what, int draws, Factory f, double maxRelativeError) {
        RecurrentNetwork net = RateFixtures.net(RateActivation.TANH, LeakyRateUnit.Form.RATE_LEAK, 11);
        SequenceBatch batch = RateFixtures.batch(LossKind.REGRESSION_MSE, 23);
        double[] exact = flat(run(new RateRtrl(), net, batch));
        int p = exact.length;
        double[] sum = new double[p];
        double[] sum2 = new double[p];
        double norm = Math.sqrt(dist2(exact, new double[p]));
        double proj = 0.0;
        double proj2 = 0.0;
        for (int k = 1; k <= draws; k++) {
            double[] g = flat(run(f.make(k), net, batch));
            double d = 0.0;
            for (int n = 0; n < p; n++) {
                sum[n] += g[n];
                sum2[n] += g[n] * g[n];
                d += g[n] * exact[n] / norm;
            }
            proj += d;
            proj2 += d * d;
        }
        int tested = 0;
        for (int n = 0; n < p; n++) {
            double mean = sum[n] / draws;
            double var = (sum2[n] - draws * mean * mean) / (draws - 1);
            if (var == 0.0) { // a diagonal W_rec entry: 0 in both
                assertEquals(exact[n], mean, 0.0);
                continue;
            }
            double z = (mean - exact[n]) / Math.sqrt(var / draws);
            assertTrue(Math.abs(z) <= 5, what + " component " + n + ": mean " + mean + ", rtrl " + exact[n] + ", z " + z);
            tested++;
        }
        assertEquals(p - RateFixtures.REC, tested, "every off-diagonal parameter");
        double mean = proj / draws;
        double se = Math.sqrt((proj2 - draws * mean * mean) / (draws - 1) / draws);
        assertTrue(se < maxRelativeError * norm, what + ": standard error " + se + " vs |g_rtrl| " + norm);
        assertTrue(Math.abs(mean - norm) <= 4 * se, what + ": projected mean " + mean + " vs " + norm + " ± " + se);
    }

    private static Gradients run(GradientComputer c, RecurrentNetwork net, SequenceBatch batch) {
        Gradients g = Gradients.zerosFor(net);
        c.compute(net, batch, g);
        return g;
    }

    private static double[] flat(Gradients g) {
        double[] out = new double[g.wIn.length + g.wRec.length];
        System.arraycopy(g.wIn, 0, out, 0, g.wIn.length);
        System.arraycopy(g.wRec, 0, out, g.wIn.length, g.wRec.length);
        return out;
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0.0;
        for (int n = 0; n < a.length; n++) {
            s += (a[n] - b[n]) * (a[n] - b[n]);
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0.0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
