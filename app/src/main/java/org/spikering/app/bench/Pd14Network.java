package org.spikering.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;

/**
 * The cortical microcircuit of Potjans &amp; Diesmann (2014, Cereb. Cortex 24:785), as NEST 3.x's
 * {@code pynest/examples/Potjans_2014} and the INM-6 {@code microcircuit-PD14-model} package build it:
 * eight populations of {@code iaf_psc_exp} neurons (L23E … L6I; 77 169 at full scale), connected by NEST's
 * {@code fixed_total_number} rule with 298 880 968 synapses at full scale, normal weights and delays.
 *
 * <table>
 *   <caption>Model (units: ms, mV, pA, pF, Hz)</caption>
 *   <tr><th>item</th><th>value</th></tr>
 *   <tr><td>neuron</td><td>C_m 250 pF, τ_m 10 ms, τ_syn 0.5 ms (ex and in), t_ref 2 ms, E_L = V_reset = −65 mV,
 *       V_th −50 mV; exact propagators ({@link org.spikering.neuron.lif.LifExpPopulation})</td></tr>
 *   <tr><td>synapse count</td><td>Q_yx = ln(1 − C_yx) / ln((N_x N_y − 1)/(N_x N_y)) at full scale, then
 *       rint(Q_yx·N_scaling·K_scaling) (numpy's half-to-even round); N_y = rint(N_y·N_scaling)</td></tr>
 *   <tr><td>PSC per PSP</td><td>1 / { τ_m τ_s/(C (τ_s − τ_m)) · [(τ_m/τ_s)^{τ_m/(τ_s−τ_m)} − (τ_m/τ_s)^{τ_s/(τ_s−τ_m)}] }
 *       = 585.39 pA/mV</td></tr>
 *   <tr><td>weights</td><td>PSP 0.15 mV from excitatory, −0.6 mV (g = −4) from inhibitory sources, 0.3 mV for
 *       L4E → L2/3E; normal with sd 0.1·|w|, redrawn outside [0, ∞) or (−∞, 0]</td></tr>
 *   <tr><td>delays</td><td>normal, mean 1.5 ms (excitatory source) or 0.75 ms (inhibitory), sd mean/2,
 *       redrawn below dt/2 = 0.05 ms (NEST 3.x; "resulting minimum delay is equal to resolution"), rounded
 *       to steps floor(d/dt + 0.5)</td></tr>
 *   <tr><td>Poisson drive</td><td>independent Poisson input per neuron at 8 Hz·rint(K_ext·K_scaling), weight
 *       PSC(0.15 mV)/√K_scaling (NEST's 1.5 ms generator delay is left out: the input is stationary)</td></tr>
 *   <tr><td>DC drive</td><td>I_e = 8 Hz·K_ext·PSC(0.15 mV)·τ_syn·10⁻³ with the full-scale K_ext</td></tr>
 *   <tr><td>scaling</td><td>if K_scaling ≠ 1: all weights / √K_scaling and I_e += 10⁻³ τ_syn (1 − √K_scaling)
 *       Σ_x PSC_yx K_yx ν_x (full-scale in-degrees K_yx = Q_yx/N_y, unrounded, and reference rates ν_x),
 *       plus 10⁻³ τ_syn (1 − √K_scaling) PSC_ext K_ext 8 Hz with Poisson drive</td></tr>
 *   <tr><td>V_m(0)</td><td>'optimized': normal per population (NEST 3.x default); 'original': N(−58, 10)</td></tr>
 *   <tr><td>thalamus</td><td>optional: 902 sources (not scaled), each an independent Poisson train of 120 Hz
 *       in steps 7010 … 7109 (NEST: generator active in (700, 710] ms, 1 ms default delay to its parrot
 *       neurons; two spikes of one source in one step, probability 7·10⁻⁵, count once here), connection
 *       probabilities 0, 0, 0.0983, 0.0619, 0, 0, 0.0512, 0.0196, rint(Q·K_scaling) synapses, weight
 *       PSC(0.15 mV)/√K_scaling with sd 0.1·w, delays as excitatory ones</td></tr>
 * </table>
 * The reference rates ν_x of the DC compensation are those of the INM-6 package (NEST 3.9, whose
 * scale-0.1 rates this model is compared with); NEST 3.x's example uses 0.943, 3.026, 4.368, 5.882, 7.733,
 * 8.664, 1.096, 7.851 Hz ({@link RateVector#NEST_EXAMPLE}).
 */
public final class Pd14Network {

    /** Step, ms. */
    public static final double DT_MS = 0.1;
    /** Population names, in NEST's order. */
    public static final List<String> POPULATIONS = List.of("L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I");
    /** Full-scale sizes. */
    static final int[] FULL_N = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    /** Full-scale external in-degrees. */
    static final int[] K_EXT = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
    /** Connection probabilities, [target][source]. */
    static final double[][] CONN_PROBS = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
        {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443}};
    /** 'optimized' V_m(0) means, mV. */
    static final double[] V0_MEAN = {-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43};
    /** 'optimized' V_m(0) standard deviations, mV. */
    static final double[] V0_SD = {5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48};
    /** Thalamic connection probabilities per target population. */
    static final double[] CONN_PROBS_TH = {0.0, 0.0, 0.0983, 0.0619, 0.0, 0.0, 0.0512, 0.0196};
    /** Thalamic neurons (not scaled). */
    public static final int THALAMIC_NEURONS = 902;

    static final double C_M = 250.0;
    static final double TAU_M = 10.0;
    static final double TAU_SYN = 0.5;
    static final double PSP_EXC = 0.15;
    static final double G = -4.0;
    static final double BG_RATE_HZ = 8.0;
    static final double WEIGHT_REL_SD = 0.1;
    static final double DELAY_EXC_MS = 1.5;
    static final double DELAY_INH_MS = 0.75;
    static final double DELAY_REL_SD = 0.5;
    static final double TH_RATE_HZ = 120.0;
    static final int TH_FIRST_STEP = 7010;
    static final int TH_STEPS = 100;

    /** External drive. */
    public enum Drive {
        /** Independent Poisson input per neuron (NEST's {@code poisson_input = True}). */
        POISSON,
        /** A constant current matching the Poisson input's mean ({@code poisson_input = False}). */
        DC
    }

    /** Initial membrane potentials. */
    public enum InitialPotential {
        /** Population-specific normal distributions (NEST 3.x default, 'optimized'). */
        OPTIMIZED,
        /** N(−58 mV, 10 mV) for every population ('original'). */
        ORIGINAL
    }

    /** The reference rates used for the DC compensation of K_scaling ≠ 1, Hz. */
    public enum RateVector {
        /** INM-6 microcircuit-PD14-model {@code full_mean_rates} (run with NEST 3.9). */
        INM6(0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829),
        /** NEST 3.x example {@code full_mean_rates}. */
        NEST_EXAMPLE(0.943, 3.026, 4.368, 5.882, 7.733, 8.664, 1.096, 7.851);

        private final double[] hz;

        RateVector(final double... hz) {
            this.hz = hz;
        }

        /** @return the rates, Hz, L23E … L6I. */
        public double[] hz() {
            return hz.clone();
        }
    }

    /**
     * How to build the circuit.
     *
     * @param nScaling   fraction of the neurons, in (0, 1].
     * @param kScaling   fraction of the in-degrees, in (0, 1].
     * @param drive      external drive.
     * @param v0         initial potentials.
     * @param thalamus   whether to add the thalamic pulse.
     * @param rates      reference rates of the DC compensation.
     */
    public record Options(double nScaling, double kScaling, Drive drive, InitialPotential v0, boolean thalamus,
                          RateVector rates) {

        /** Validates. */
        public Options {
            if (!(nScaling > 0 && nScaling <= 1)) {
                throw new IllegalArgumentException("N_scaling = " + nScaling + ": must be in (0, 1]");
            }
            if (!(kScaling > 0 && kScaling <= 1)) {
                throw new IllegalArgumentException("K_scaling = " + kScaling + ": must be in (0, 1]");
            }
            if (drive == null || v0 == null || rates == null) {
                throw new IllegalArgumentException("drive, v0 and rates must not be null");
            }
            for (int i = 0; i < FULL_N.length; i++) {
                if (Math.rint(FULL_N[i] * nScaling) < 1) {
                    throw new IllegalArgumentException("scale = " + nScaling + ": gives no neuron in " + POPULATIONS.get(i)
                            + "; must be >= " + 0.5 / FULL_N[5] + " (half a neuron of L5I)");
                }
            }
        }

        /**
         * @param scale N_scaling = K_scaling.
         * @param drive the drive.
         * @return 'optimized' V_m(0), no thalamus, INM-6 reference rates.
         */
        public static Options of(final double scale, final Drive drive) {
            return new Options(scale, scale, drive, InitialPotential.OPTIMIZED, false, RateVector.INM6);
        }

        /**
         * @param on whether to add the thalamic pulse.
         * @return a copy.
         */
        public Options withThalamus(final boolean on) {
            return new Options(nScaling, kScaling, drive, v0, on, rates);
        }

        /**
         * @param value initial potentials.
         * @return a copy.
         */
        public Options withV0(final InitialPotential value) {
            return new Options(nScaling, kScaling, drive, value, thalamus, rates);
        }
    }

    private Pd14Network() {
    }

    /**
     * PSC amplitude per PSP peak, pA/mV (NEST's {@code postsynaptic_potential_to_current}).
     *
     * @return 585.39 pA/mV for C_m 250 pF, τ_m 10 ms, τ_syn 0.5 ms.
     */
    public static double pscOverPsp() {
        final double sub = 1.0 / (TAU_SYN - TAU_M);
        final double pre = TAU_M * TAU_SYN / C_M * sub;
        final double frac = Math.pow(TAU_M / TAU_SYN, sub);
        return 1.0 / (pre * (Math.pow(frac, TAU_M) - Math.pow(frac, TAU_SYN)));
    }

    /**
     * @param iePa bias current I_e, pA.
     * @return PD14's {@code iaf_psc_exp} neuron with that I_e (V_m(0) = E_L; the network draws it).
     */
    public static LifExpParameters neuron(final double iePa) {
        return new LifExpParameters(TAU_M, C_M, -65.0, -50.0, -65.0, 2.0, TAU_SYN, TAU_SYN, iePa, ResetMode.TO_VALUE, -65.0);
    }

    /**
     * @param c  probability of at least one synapse between a pair.
     * @param nx source size.
     * @param ny target size.
     * @return the synapse count Q (unrounded) that gives that probability under draws with replacement.
     */
    static double synapsesFromProbability(final double c, final double nx, final double ny) {
        final double prod = nx * ny;
        return Math.log(1.0 - c) / Math.log((prod - 1.0) / prod);
    }

    /** @return full-scale synapse counts Q_yx, unrounded, [target][source]. */
    static double[][] fullSynapses() {
        final double[][] q = new double[8][8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                q[y][x] = synapsesFromProbability(CONN_PROBS[y][x], FULL_N[x], FULL_N[y]);
            }
        }
        return q;
    }

    /** @return mean PSPs, mV, [target][source], with g and the L4E → L2/3E doubling. */
    static double[][] pspMatrix() {
        final double[][] j = new double[8][8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                j[y][x] = x % 2 == 0 ? PSP_EXC : G * PSP_EXC;
            }
        }
        j[0][2] = 2 * PSP_EXC;
        return j;
    }

    /**
     * The derived quantities of a build, for the builder, the summary and tests.
     *
     * @param neurons    neurons per population.
     * @param synapses   synapse counts, [target][source].
     * @param kExt       external in-degrees.
     * @param weights    mean PSC weights, pA, [target][source], after scaling.
     * @param weightExt  weight of the Poisson input, pA.
     * @param biasPa     I_e per population, pA.
     * @param thalamicSynapses thalamic synapse counts per target population.
     * @param weightThalamus   thalamic weight mean, pA.
     */
    public record Derived(int[] neurons, long[][] synapses, int[] kExt, double[][] weights, double weightExt,
                          double[] biasPa, long[] thalamicSynapses, double weightThalamus) {

        /** @return the total recurrent synapse count. */
        public long totalSynapses() {
            long s = 0;
            for (long[] row : synapses) {
                for (long v : row) {
                    s += v;
                }
            }
            return s;
        }
    }

    /**
     * @param o options.
     * @return the sizes, counts, weights and currents NEST derives for them.
     */
    public static Derived derive(final Options o) {
        final double[][] qFull = fullSynapses();
        final int[] n = new int[8];
        final int[] kExt = new int[8];
        final long[][] q = new long[8][8];
        for (int y = 0; y < 8; y++) {
            n[y] = (int) Math.rint(FULL_N[y] * o.nScaling());
            kExt[y] = (int) Math.rint(K_EXT[y] * o.kScaling());
            for (int x = 0; x < 8; x++) {
                q[y][x] = (long) Math.rint(qFull[y][x] * o.nScaling() * o.kScaling());
            }
        }
        final double psc = pscOverPsp();
        final double[][] pscMatrix = pspMatrix();
        for (double[] row : pscMatrix) {
            for (int x = 0; x < 8; x++) {
                row[x] *= psc;
            }
        }
        final double pscExt = PSP_EXC * psc;
        final double[] dc = new double[8];
        if (o.drive() == Drive.DC) {
            for (int y = 0; y < 8; y++) {
                dc[y] = BG_RATE_HZ * K_EXT[y] * pscExt * TAU_SYN * 0.001;
            }
        }
        final double[][] w = new double[8][8];
        double wExt = pscExt;
        if (o.kScaling() != 1) {
            final double sqrtK = Math.sqrt(o.kScaling());
            final double[] nu = o.rates().hz;
            for (int y = 0; y < 8; y++) {
                double inputRec = 0;
                for (int x = 0; x < 8; x++) {
                    inputRec += pscMatrix[y][x] * (qFull[y][x] / FULL_N[y]) * nu[x];
                }
                dc[y] += 0.001 * TAU_SYN * (1 - sqrtK) * inputRec;
                if (o.drive() == Drive.POISSON) {
                    dc[y] += 0.001 * TAU_SYN * (1 - sqrtK) * pscExt * K_EXT[y] * BG_RATE_HZ;
                }
            }
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    w[y][x] = pscMatrix[y][x] / sqrtK;
                }
            }
            wExt = pscExt / sqrtK;
        } else {
            for (int y = 0; y < 8; y++) {
                w[y] = pscMatrix[y].clone();
            }
        }
        final long[] th = new long[8];
        double wTh = PSP_EXC * psc;
        for (int y = 0; y < 8; y++) {
            double qTh = synapsesFromProbability(CONN_PROBS_TH[y], THALAMIC_NEURONS, FULL_N[y]);
            if (o.kScaling() != 1) {
                qTh *= o.kScaling();
            }
            th[y] = (long) Math.rint(qTh);
        }
        if (o.kScaling() != 1) {
            wTh /= Math.sqrt(o.kScaling());
        }
        return new Derived(n, q, kExt, w, wExt, dc, th, wTh);
    }

    /**
     * @param o    options.
     * @param seed seed of every random choice.
     * @return the network (populations L23E … L6I, then "TH" when the thalamus is on).
     */
    public static Network build(final Options o, final long seed) {
        final Derived d = derive(o);
        final NetworkBuilder b = Network.builder(DT_MS).seed(seed);
        for (int y = 0; y < 8; y++) {
            final String name = POPULATIONS.get(y);
            b.population(name, d.neurons()[y], neuron(d.biasPa()[y]));
            b.initialPotential(name, o.v0() == InitialPotential.OPTIMIZED ? Distribution.normal(V0_MEAN[y], V0_SD[y])
                    : Distribution.normal(-58.0, 10.0));
        }
        final double delayMin = 0.5 * DT_MS;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                if (d.synapses()[y][x] <= 0) {
                    continue;
                }
                final double w = d.weights()[y][x];
                final Distribution weights = w < 0
                        ? Distribution.redraw(Distribution.normal(w, Math.abs(w * WEIGHT_REL_SD)), Double.NEGATIVE_INFINITY, 0.0)
                        : Distribution.redraw(Distribution.normal(w, Math.abs(w * WEIGHT_REL_SD)), 0.0, Double.POSITIVE_INFINITY);
                final double mean = x % 2 == 0 ? DELAY_EXC_MS : DELAY_INH_MS;
                final Distribution delays = Distribution.redraw(Distribution.normal(mean, mean * DELAY_REL_SD), delayMin,
                        Double.POSITIVE_INFINITY);
                b.connect(POPULATIONS.get(x), POPULATIONS.get(y), Connector.fixedTotalNumber(d.synapses()[y][x]), weights,
                        delays);
            }
        }
        if (o.drive() == Drive.POISSON) {
            for (int y = 0; y < 8; y++) {
                b.poissonInput(POPULATIONS.get(y), BG_RATE_HZ * d.kExt()[y], d.weightExt());
            }
        }
        if (o.thalamus()) {
            b.spikeArraySource("TH", thalamicTrains(seed));
            final double w = d.weightThalamus();
            for (int y = 0; y < 8; y++) {
                if (d.thalamicSynapses()[y] <= 0) {
                    continue;
                }
                b.connect("TH", POPULATIONS.get(y), Connector.fixedTotalNumber(d.thalamicSynapses()[y]),
                        Distribution.redraw(Distribution.normal(w, w * WEIGHT_REL_SD), 0.0, Double.POSITIVE_INFINITY),
                        Distribution.redraw(Distribution.normal(DELAY_EXC_MS, DELAY_EXC_MS * DELAY_REL_SD), delayMin,
                                Double.POSITIVE_INFINITY));
            }
        }
        return b.build();
    }

    /** Per thalamic neuron, the steps of an independent 120 Hz Poisson train in steps 7010 … 7109, as times in ms. */
    static double[][] thalamicTrains(final long seed) {
        final SplittableRandom rnd = new SplittableRandom(NetworkBuilder.mix(seed, 0x7A1A_0000L));
        final double pNone = Math.exp(-TH_RATE_HZ * DT_MS * 1e-3);
        final double[][] t = new double[THALAMIC_NEURONS][];
        final List<Double> times = new ArrayList<>();
        for (int i = 0; i < THALAMIC_NEURONS; i++) {
            times.clear();
            for (int s = TH_FIRST_STEP; s < TH_FIRST_STEP + TH_STEPS; s++) {
                if (rnd.nextDouble() >= pNone) {
                    times.add(s * DT_MS);
                }
            }
            t[i] = times.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return t;
    }
}
