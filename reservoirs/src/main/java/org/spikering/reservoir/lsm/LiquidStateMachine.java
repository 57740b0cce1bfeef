package org.spikering.reservoir.lsm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spikering.neuron.lif.LifDeltaParameters;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.ResetMode;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;
import org.spikering.sim.spi.SpikeListener;

/**
 * A liquid state machine on the spikering engine. Column: LIF neurons with exponential current
 * synapses (τ_m 30 ms, 15 mV from rest to threshold, reset 13.5 mV above rest, t_ref 3 ms (E) / 2 ms (I),
 * τ_ex 3 ms, τ_in 6 ms, C_m 250 pF, background current drawn per neuron so that the resting drive lies
 * {@link #BACKGROUND_MV} above rest with shot noise (a 2-kHz Poisson drive; Maass et al. used a constant I_b
 * plus noise), on a 3-D grid; pairs connect with probability
 * C·exp(−(D/λ)²) (or, with random connectivity, with the same mean probability independent of D).
 * Weights (pA, times {@code gain}): EE 250, EI 500, IE −160, II −160 (Maass et al.'s nA values converted
 * for R = τ_m/C_m). Delays 1.5 ms (EE) and 1.0 ms otherwise, dt 0.5 ms. Input: {@code inputNeurons}
 * Poisson-like neurons (spiking with probability u(t)·rate·dt per step) projecting to a random
 * {@code inputFraction} of the column with {@link #INPUT_WEIGHT_PA}.
 *
 * <p>Features: each column neuron's spikes low-pass filtered with τ (ms), sampled at the end of each
 * input sample. Not thread-safe.
 */
public final class LiquidStateMachine {

    /** Step, ms. */
    public static final double DT_MS = 0.5;
    /** Mean depolarisation by the background drive, mV above rest (threshold at 15 mV). */
    public static final double BACKGROUND_MV = 12.0;
    /** Weight of input synapses, pA. */
    public static final double INPUT_WEIGHT_PA = 30.0;

    private final LsmParameters p;
    private final Network net;
    private final int ne;
    private final int[][] positions;

    /** @param params parameters. */
    public LiquidStateMachine(final LsmParameters params) {
        this.p = params;
        this.ne = (int) Math.round(params.size() * params.excitatoryFraction());
        final int ni = params.size() - ne;
        this.positions = grid(params.size());
        final SplittableRandom rnd = new SplittableRandom(params.seed());
        final int[] perm = new int[params.size()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            final int j = rnd.nextInt(i + 1);
            final int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        // neuron k of E is at grid point perm[k]; neuron k of I at perm[ne + k]
        final NetworkBuilder b = Network.builder(DT_MS).seed(params.seed());
        final double rTotal = 30.0 / 250.0; // GΩ = mV/pA
        final LifExpParameters exc = new LifExpParameters(30, 250, -70, -55, -56.5, 3, 3, 6, 0, ResetMode.TO_VALUE, -70);
        final LifExpParameters inh = new LifExpParameters(30, 250, -70, -55, -56.5, 2, 3, 6, 0, ResetMode.TO_VALUE, -70);
        b.population("E", ne, exc).population("I", ni, inh)
                .population("in", params.inputNeurons(), new LifDeltaParameters(1, 1, 0, 1, 0, 0, 0, ResetMode.TO_VALUE, 0))
                .initialPotential("E", Distribution.uniform(-70, -56))
                .initialPotential("I", Distribution.uniform(-70, -56));
        final String[] names = {"E", "I"};
        final int[] offsets = {0, ne};
        final int[] sizes = {ne, ni};
        final double[][] c = {{0.3, 0.2}, {0.4, 0.1}};
        final double[][] w = {{250, 500}, {-160, -160}};
        final double meanP = meanProbability(params.lambda());
        for (int a = 0; a < 2; a++) {
            for (int z = 0; z < 2; z++) {
                final int[][] pairs = pairs(sizes[a], sizes[z], offsets[a], offsets[z], perm, c[a][z], meanP, a == z, rnd);
                b.connect(names[a], names[z], Connector.explicit(pairs[0], pairs[1]),
                        Distribution.constant(params.gain() * w[a][z]), Distribution.constant(a == 0 && z == 0 ? 1.5 : 1.0));
            }
        }
        b.connect("in", "E", Connector.fixedProbability(params.inputFraction()), Distribution.constant(INPUT_WEIGHT_PA), Distribution.constant(1.0));
        b.connect("in", "I", Connector.fixedProbability(params.inputFraction()), Distribution.constant(INPUT_WEIGHT_PA), Distribution.constant(1.0));
        // background: a Poisson drive whose mean current depolarises by BACKGROUND_MV (rate · w · τ_ex = I)
        b.poissonInput("E", 2000, BACKGROUND_MV / rTotal / (2000 * 3e-3));
        b.poissonInput("I", 2000, BACKGROUND_MV / rTotal / (2000 * 3e-3));
        this.net = b.build();
    }

    /** @return the built network (populations "E", "I", "in"). */
    public Network network() {
        return net;
    }

    /** @return grid coordinates of the column's grid points. */
    public int[][] positions() {
        return positions;
    }

    private static int[][] grid(final int n) {
        final int nx;
        final int ny;
        final int nz;
        if (n % 9 == 0) {
            nx = n / 9;
            ny = 3;
            nz = 3;
        } else {
            final int side = (int) Math.ceil(Math.cbrt(n));
            nx = side;
            ny = side;
            nz = side;
        }
        final int[][] pos = new int[n][];
        for (int i = 0; i < n; i++) {
            pos[i] = new int[] {i % nx, (i / nx) % ny, i / (nx * ny)};
        }
        assert nz > 0;
        return pos;
    }

    private double meanProbability(final double lambda) {
        // mean of exp(−(D/λ)²) over distinct pairs of the grid, sampled
        final SplittableRandom r = new SplittableRandom(1);
        double s = 0;
        final int m = 20000;
        for (int k = 0; k < m; k++) {
            final int i = r.nextInt(positions.length);
            int j = r.nextInt(positions.length);
            if (j == i) {
                j = (j + 1) % positions.length;
            }
            s += Math.exp(-dist2(positions[i], positions[j]) / (lambda * lambda));
        }
        return s / m;
    }

    private static double dist2(final int[] a, final int[] b) {
        final double dx = a[0] - b[0];
        final double dy = a[1] - b[1];
        final double dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }

    private int[][] pairs(final int nPre, final int nPost, final int offPre, final int offPost, final int[] perm,
                          final double c, final double meanP, final boolean same, final SplittableRandom rnd) {
        int[] src = new int[1024];
        int[] tgt = new int[1024];
        int k = 0;
        for (int i = 0; i < nPre; i++) {
            final int[] pi = positions[perm[offPre + i]];
            for (int j = 0; j < nPost; j++) {
                if (same && i == j) {
                    continue;
                }
                final double prob = p.randomConnectivity() ? c * meanP
                        : c * Math.exp(-dist2(pi, positions[perm[offPost + j]]) / (p.lambda() * p.lambda()));
                if (rnd.nextDouble() < prob) {
                    if (k == src.length) {
                        src = Arrays.copyOf(src, 2 * k);
                        tgt = Arrays.copyOf(tgt, 2 * k);
                    }
                    src[k] = i;
                    tgt[k] = j;
                    k++;
                }
            }
        }
        return new int[][] {Arrays.copyOf(src, k), Arrays.copyOf(tgt, k)};
    }

    /** What a run produced. */
    public record Run(double[][] features, long spikes, double meanRateHz, double[] populationActivity) {
    }

    /**
     * Drives the column with a piecewise-constant input u (one value in [0, 1] per sample, each held
     * {@code sampleMs}) and returns features: per sample the column's spikes filtered with τ, read at the
     * end of the sample.
     *
     * @param u        input per sample.
     * @param sampleMs sample duration, ms (multiple of dt).
     * @param tauMs    feature filter τ, ms.
     * @param perturbAtSample if &ge; 0, one extra input spike into every input target at the start of that sample.
     * @return features [sample][neuron], spike counts and activity per 2-ms bin.
     */
    public Run drive(final double[] u, final double sampleMs, final double tauMs, final int perturbAtSample) {
        if (!(tauMs > 0)) {
            throw new IllegalArgumentException("feature tau = " + tauMs + " ms: must be > 0");
        }
        final int stepsPerSample = (int) Math.round(sampleMs / DT_MS);
        if (stepsPerSample < 1) {
            throw new IllegalArgumentException("sample = " + sampleMs + " ms: must be >= dt = " + DT_MS + " ms");
        }
        final int n = p.size();
        final double decay = Math.exp(-DT_MS / tauMs);
        final double[] trace = new double[n];
        final double[][] features = new double[u.length][];
        final int bins = (int) Math.ceil(u.length * sampleMs / 2.0);
        final double[] activity = new double[bins];
        final long[] spikes = new long[1];
        final SplittableRandom rnd = new SplittableRandom(p.seed() ^ 0xA11CEL);
        // input neurons are driven through their membrane: a 2-mV jump fires a threshold-1 mV neuron at once
        final double rate = p.inputRateHz();
        try (Simulation sim = Simulation.create(net, SimulationConfig.reference())) {
            final long[] lastStep = {-1};
            sim.addSpikeListener((step, ids, count) -> {
                for (int t = (int) lastStep[0] + 1; t <= step; t++) {
                    for (int i = 0; i < n; i++) {
                        trace[i] *= decay;
                    }
                }
                lastStep[0] = step;
                for (int k = 0; k < count; k++) {
                    if (ids[k] < n) {
                        trace[ids[k]] += 1;
                        spikes[0]++;
                        activity[(int) Math.min(bins - 1, step * DT_MS / 2.0)] += 1;
                    }
                }
            });
            final InputDriver driver = new InputDriver(sim, p.inputNeurons());
            for (int s = 0; s < u.length; s++) {
                if (!(u[s] >= 0 && u[s] <= 1)) {
                    throw new IllegalArgumentException("input u[" + s + "] = " + u[s] + ": must be in [0, 1]");
                }
                for (int k = 0; k < stepsPerSample; k++) {
                    driver.fire(u[s] * rate * DT_MS * 1e-3, rnd, s == perturbAtSample && k == 0);
                    sim.run(DT_MS);
                }
                // bring the traces to the end of the sample
                final long end = sim.currentStep() - 1;
                for (long t = lastStep[0] + 1; t <= end; t++) {
                    for (int i = 0; i < n; i++) {
                        trace[i] *= decay;
                    }
                }
                lastStep[0] = end;
                features[s] = trace.clone();
            }
            final double seconds = u.length * sampleMs * 1e-3;
            return new Run(features, spikes[0], spikes[0] / (n * seconds), activity);
        }
    }

    /** Makes input neurons spike by a supra-threshold jump of their membrane for the next step. */
    private static final class InputDriver {
        private final Simulation sim;
        private final int count;

        InputDriver(final Simulation sim, final int count) {
            this.sim = sim;
            this.count = count;
        }

        void fire(final double probability, final SplittableRandom rnd, final boolean all) {
            for (int i = 0; i < count; i++) {
                final boolean draw = rnd.nextDouble() < probability; // drawn always: perturbed and plain runs stay in step
                if (all || draw) {
                    sim.inject("in", i, 2.0);
                }
            }
        }
    }
}
