package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.spikering.app.bench.Pd14Network.Derived;
import org.spikering.app.bench.Pd14Network.Drive;
import org.spikering.app.bench.Pd14Network.Options;
import org.spikering.app.bench.Pd14Network.RateVector;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.Projection;
import org.spikering.sim.synapse.Csr;

/**
 * PD14 as NEST builds it, checked against numbers written here from PD14.md's tables and formulas (not
 * through {@link Pd14Network}'s code), against PD14.md's derived values, and against statistics.
 */
final class Pd14NetworkTest {

    // PD14.md §2 and §3, typed again
    private static final String[] NAMES = {"L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"};
    private static final int[] N = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    private static final double[][] C = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0, 0.0076, 0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0, 0.0042, 0},
        {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0, 0.1057, 0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443}};

    private static long halfEven(final double x) {
        return new BigDecimal(Double.toString(x)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * Q = ln(1 − C) / ln((N_x N_y − 1)/(N_x N_y)), the denominator evaluated as NEST's numpy code does (PD14.md §3).
     * The more accurate log1p(−1/(N_x N_y)) gives 298 880 970 at full scale, 2 more than NEST: the quotient
     * (N_x N_y − 1)/(N_x N_y) carries a relative error of ~5·10⁻⁸ into the logarithm.
     */
    private static double q(final double c, final int nx, final int ny) {
        final long pairs = (long) nx * ny;
        return Math.log(1 - c) / Math.log((pairs - 1) / (double) pairs);
    }

    @Test
    void synapseCountsPerProjectionAreNestsAtScaleTenth() {
        final Network net = Pd14Network.build(Options.of(0.1, Drive.DC), 7);
        assertEquals(106, net.population("L5I").size(), "0.1 × 1065 = 106.5 rounds half to even");
        assertEquals(2192, net.population("L4E").size(), "0.1 × 21915 = 2191.5 rounds half to even");
        for (int y = 0; y < 8; y++) {
            assertEquals(halfEven(N[y] * 0.1), net.population(NAMES[y]).size(), NAMES[y]);
        }
        final long[][] built = new long[8][8];
        for (Projection p : net.projections()) {
            built[p.targetPopulation()][p.sourcePopulation()] += p.synapses().synapseCount();
        }
        long total = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                final long expected = halfEven(q(C[y][x], N[x], N[y]) * 0.1 * 0.1);
                assertEquals(expected, built[y][x], NAMES[x] + " -> " + NAMES[y]);
                total += expected;
            }
        }
        assertEquals(2_988_807, total, "PD14.md §7");
        assertEquals(2_988_807, net.synapseCount());
        assertEquals(298_880_968L, Pd14Network.derive(Options.of(1.0, Drive.DC)).totalSynapses(), "PD14.md §3");
        long full = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                full += halfEven(q(C[y][x], N[x], N[y]));
            }
        }
        assertEquals(298_880_968L, full);
        // the thalamus, PD14.md §6: 2 045 393, 315 791, 682 419 and 52 636 at full scale
        final long[] th = Pd14Network.derive(Options.of(1.0, Drive.DC)).thalamicSynapses();
        assertEquals(List.of(0L, 0L, 2_045_393L, 315_791L, 0L, 0L, 682_419L, 52_636L),
                java.util.Arrays.stream(th).boxed().toList());
    }

    @Test
    void weightsAndCurrentsAreThoseNestDerives() {
        assertEquals(585.39, Pd14Network.pscOverPsp(), 0.005, "PD14.md §4");
        final Derived full = Pd14Network.derive(Options.of(1.0, Drive.DC));
        assertEquals(87.81, full.weights()[1][0], 0.005);
        assertEquals(175.62, full.weights()[0][2], 0.005, "L4E -> L2/3E doubled");
        assertEquals(-351.23, full.weights()[0][1], 0.005, "g = -4");
        assertEquals(87.81, full.weightExt(), 0.005);
        final double[] dcFull = {561.97, 526.85, 737.59, 667.35, 702.47, 667.35, 1018.58, 737.59};
        final double[] poissonTenth = {21.5, 110.3, 110.8, 113.1, 123.9, 151.1, 42.4, 153.6};
        final double[] dcTenth = {199.2, 276.9, 344.0, 324.1, 346.0, 362.1, 364.5, 386.9};
        final Derived p = Pd14Network.derive(new Options(0.1, 0.1, Drive.POISSON, Pd14Network.InitialPotential.OPTIMIZED,
                false, RateVector.NEST_EXAMPLE));
        final Derived d = Pd14Network.derive(new Options(0.1, 0.1, Drive.DC, Pd14Network.InitialPotential.OPTIMIZED,
                false, RateVector.NEST_EXAMPLE));
        for (int y = 0; y < 8; y++) {
            // PD14.md prints 667.35 for L4I and L5I; its formula 8 Hz·1900·87.8085 pA·0.5 ms gives 667.345
            assertEquals(dcFull[y], full.biasPa()[y], 0.006, "DC full scale " + NAMES[y]);
            assertEquals(poissonTenth[y], p.biasPa()[y], 0.05, "Poisson compensation at 0.1 " + NAMES[y]);
            assertEquals(dcTenth[y], d.biasPa()[y], 0.05, "DC at 0.1 " + NAMES[y]);
            assertEquals(BigDecimal.valueOf(Math.rint(new int[] {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100}[y] * 0.1)).intValue(),
                    p.kExt()[y]);
        }
        assertEquals(277.7, p.weights()[1][0], 0.05, "PD14.md §7");
        assertEquals(-1110.7, p.weights()[1][1], 0.05);
        assertEquals(87.81 / Math.sqrt(0.1), p.weightExt(), 0.005);
    }

    @Test
    void weightsAndDelaysPerProjectionFollowTheRedrawnNormals() {
        final Network net = Pd14Network.build(Options.of(0.1, Drive.POISSON), 11);
        final double w0 = 585.39 * 0.15 / Math.sqrt(0.1);
        final NormalDistribution z = new NormalDistribution();
        int checked = 0;
        for (Projection p : net.projections()) {
            final Csr c = p.synapses();
            final int n = c.synapseCount();
            final boolean excSource = p.sourcePopulation() % 2 == 0;
            final double w = p.targetPopulation() == 0 && p.sourcePopulation() == 2 ? 2 * w0 : excSource ? w0 : -4 * w0;
            double sum = 0;
            double sq = 0;
            double dSum = 0;
            double dSq = 0;
            int oneStep = 0;
            for (int k = 0; k < n; k++) {
                final double v = c.weight(k);
                assertTrue(excSource ? v >= 0 : v <= 0, "sign bound");
                sum += v;
                sq += v * v;
                final int d = c.delay(k);
                assertTrue(d >= 1);
                dSum += d;
                dSq += (double) d * d;
                if (d == 1) {
                    oneStep++;
                }
            }
            final String label = net.populations().get(p.sourcePopulation()).name() + " -> "
                    + net.populations().get(p.targetPopulation()).name() + " (" + n + " synapses)";
            final double mean = sum / n;
            final double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
            final double sigma = 0.1 * Math.abs(w);
            assertEquals(w, mean, 5 * sigma / Math.sqrt(n) + 1e-4, label + " weight mean");
            if (n >= 30) {
                assertEquals(sigma, sd, 5 * sigma / Math.sqrt(2.0 * n), label + " weight sd");
            }
            // delays: normal(mu, mu/2) ms redrawn below 0.05 ms, then floor(d·10 + 0.5) steps; the step
            // distribution by integrating the truncated normal over [(k − 0.5)/10, (k + 0.5)/10)
            final double mu = excSource ? 1.5 : 0.75;
            final double s = mu / 2;
            final double kept = 1 - z.cumulativeProbability((0.05 - mu) / s);
            double em = 0;
            double e2 = 0;
            double p1 = 0;
            for (int k = 1; k < 400; k++) {
                final double lo = Math.max(0.05, (k - 0.5) / 10);
                final double pk = (z.cumulativeProbability(((k + 0.5) / 10 - mu) / s) - z.cumulativeProbability((lo - mu) / s)) / kept;
                em += k * pk;
                e2 += (double) k * k * pk;
                if (k == 1) {
                    p1 = pk;
                }
            }
            final double dsd = Math.sqrt(e2 - em * em);
            assertEquals(em, dSum / n, 5 * dsd / Math.sqrt(n), label + " delay mean (steps)");
            if (n >= 1000) {
                assertEquals(dsd, Math.sqrt(dSq / n - (dSum / n) * (dSum / n)), 5 * dsd / Math.sqrt(2.0 * n) * 1.5,
                        label + " delay sd (steps)");
                assertEquals(p1, (double) oneStep / n, 5 * Math.sqrt(p1 * (1 - p1) / n), label + " share of 1-step delays");
            }
            checked++;
        }
        int nonZero = 0;
        for (double[] row : C) {
            for (double c : row) {
                nonZero += c > 0 ? 1 : 0;
            }
        }
        assertEquals(nonZero, checked, "one projection per non-zero connection probability");
    }

    @Test
    void pd14NeuronFollowsTheHandComputedIafPscExpStepByStep() {
        // PD14.md §1: P22, P11, P21, P20 at h = 0.1 ms, written here from the formulas
        final double h = 0.1;
        final double tm = 10;
        final double ts = 0.5;
        final double cm = 250;
        final double p22 = Math.exp(-h / tm);
        final double p11 = Math.exp(-h / ts);
        final double p21 = ts * tm / (cm * (tm - ts)) * (Math.exp(-h / tm) - Math.exp(-h / ts));
        final double p20 = tm / cm * (1 - p22);
        assertEquals(0.990049834, p22, 1e-9);
        assertEquals(0.818730753, p11, 1e-9);
        assertEquals(3.6067175e-4, p21, 1e-11);
        assertEquals(3.9800665e-4, p20, 1e-11);
        // one PD14 neuron with I_e = 400 pA (above the 375 pA rheobase, so it fires and goes refractory), driven
        // by known excitatory and inhibitory spikes of PD14's weights through delays of 1.5 and 0.8 ms
        final double ie = 400;
        final double[][] exTimes = {{0.5, 3.0, 3.1, 20.0, 45.2, 60.0, 61.0}};
        final double[][] inTimes = {{2.0, 30.0, 47.7, 70.0}};
        final double wEx = 87.81;
        final double wIn = -351.23;
        final Network net = Network.builder(h)
                .spikeArraySource("ex", exTimes)
                .spikeArraySource("in", inTimes)
                .population("n", 1, Pd14Network.neuron(ie))
                .connect("ex", "n", Connector.allToAll(), Distribution.constant(wEx), Distribution.constant(1.5))
                .connect("in", "n", Connector.allToAll(), Distribution.constant(wIn), Distribution.constant(0.8))
                .build();
        final int steps = 1000;
        final double[] v = new double[steps];
        final boolean[] spiked = new boolean[steps];
        try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
            sim.addStepListener((step, view) -> v[(int) step] = view.value("n", "V_m", 0));
            final int target = net.population("n").offset();
            sim.addSpikeListener((step, ids, count) -> {
                for (int k = 0; k < count; k++) {
                    if (ids[k] == target) {
                        spiked[(int) step] = true;
                    }
                }
            });
            sim.run(steps * h);
        }
        // NEST's iaf_psc_exp update, PD14.md §1: V relative to E_L; a spike emitted in step s with delay d steps
        // is added to the current in step s + d
        final double[] arriveEx = new double[steps + 100];
        final double[] arriveIn = new double[steps + 100];
        for (double t : exTimes[0]) {
            arriveEx[(int) Math.round(t / h) + 15] += wEx;
        }
        for (double t : inTimes[0]) {
            arriveIn[(int) Math.round(t / h) + 8] += wIn;
        }
        double y = 0;
        double iEx = 0;
        double iIn = 0;
        int refractory = 0;
        int spikes = 0;
        for (int s = 0; s < steps; s++) {
            if (refractory == 0) {
                y = p22 * y + p21 * (iEx + iIn) + p20 * ie;
            } else {
                refractory--;
            }
            iEx = p11 * iEx + arriveEx[s];
            iIn = p11 * iIn + arriveIn[s];
            boolean spike = false;
            if (y >= 15) {
                spike = true;
                spikes++;
                y = 0;
                refractory = 20;
            }
            assertEquals(spike, spiked[s], "spike at step " + s);
            assertEquals(-65 + y, v[s], 1e-10, "V_m after step " + s);
        }
        assertTrue(spikes >= 2, "the neuron fired " + spikes + " times: the test must cover reset and refractoriness");
    }
}
