package org.spikering.plasticity.network;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A recurrent network with readouts: W_in [rec×in], W_rec [rec×rec, zero diagonal], W_out [out×rec], all row-major
 * [post][pre] and all trainable. The weight arrays are live: optimizers update them in place. Its recurrent units are
 * of one of two kinds:
 * <ul>
 * <li>spiking ({@link #rateUnits()} null): LIF/ALIF neurons with leaky readouts, constants {@link #params()};</li>
 * <li>rate ({@link #isRate()}): leaky rate units with a linear readout, {@link RateUnits} (of {@link #params()} only
 *     dt is read).</li>
 * </ul>
 * Either kind may have excitatory and inhibitory {@link CellTypes} ({@link #cellTypes()}, null = none); W_rec then
 * keeps Dale's law (checked here, kept through training by the trainer).
 */
public final class RecurrentNetwork {
    private final int inputs;
    private final int recurrent;
    private final int outputs;
    private final boolean[] adaptive;
    private final NetworkParams params;
    private final double[] wIn;
    private final double[] wRec;
    private final double[] wOut;
    private final RateUnits rate;
    private final CellTypes cellTypes;

    /** A spiking LIF/ALIF network without cell types. */
    public RecurrentNetwork(int inputs, int recurrent, int outputs, boolean[] adaptive, NetworkParams params,
            double[] wIn, double[] wRec, double[] wOut) {
        this(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut, null, null);
    }

    /**
     * @param rate      null for LIF/ALIF neurons, else the rate units (then every {@code adaptive} flag must be false).
     * @param cellTypes null for none, else the E/I types of the recurrent units; W_rec must then obey Dale's law.
     */
    public RecurrentNetwork(int inputs, int recurrent, int outputs, boolean[] adaptive, NetworkParams params,
            double[] wIn, double[] wRec, double[] wOut, RateUnits rate, CellTypes cellTypes) {
        positive("inputs", inputs);
        positive("recurrent", recurrent);
        positive("outputs", outputs);
        if (params == null) {
            throw new IllegalArgumentException("params: must not be null");
        }
        if (adaptive == null || adaptive.length != recurrent) {
            throw new IllegalArgumentException("adaptive.length = " + (adaptive == null ? "null" : adaptive.length)
                    + ": must be recurrent = " + recurrent);
        }
        checkMatrix("W_in", wIn, recurrent, inputs);
        checkMatrix("W_rec", wRec, recurrent, recurrent);
        checkMatrix("W_out", wOut, outputs, recurrent);
        for (int j = 0; j < recurrent; j++) {
            if (wRec[j * recurrent + j] != 0.0) {
                throw new IllegalArgumentException("W_rec[" + j + "][" + j + "] = " + wRec[j * recurrent + j]
                        + ": diagonal must be 0 (no autapses)");
            }
        }
        if (rate != null) {
            rate.unit(params.dtMs()); // tau >= dt
            for (int j = 0; j < recurrent; j++) {
                if (adaptive[j]) {
                    throw new IllegalArgumentException("adaptive[" + j + "] = true: a rate network has no ALIF units");
                }
            }
        }
        if (cellTypes != null) {
            if (cellTypes.units() != recurrent) {
                throw new IllegalArgumentException("cell types for " + cellTypes.units() + " units: must be recurrent = "
                        + recurrent);
            }
            checkDale(wRec, recurrent, cellTypes);
        }
        this.rate = rate;
        this.cellTypes = cellTypes;
        this.inputs = inputs;
        this.recurrent = recurrent;
        this.outputs = outputs;
        this.adaptive = adaptive.clone();
        this.params = params;
        this.wIn = wIn.clone();
        this.wRec = wRec.clone();
        this.wOut = wOut.clone();
    }

    /**
     * Random network as in NEST's examples: weights N(0,1)/sqrt(n_pre), no autapses; the first
     * {@code adaptiveCount} recurrent neurons are ALIF.
     */
    public static RecurrentNetwork random(int inputs, int recurrent, int outputs, int adaptiveCount,
            NetworkParams params, long seed) {
        return random(inputs, recurrent, outputs, adaptiveCount, params, seed, 1.0, 1.0, 1.0);
    }

    /**
     * As {@link #random(int, int, int, int, NetworkParams, long)} with gains: W_in ~ N(0, g_in²/n_in),
     * W_rec ~ N(0, g_rec²/n_rec), W_out ~ N(0, g_out²/n_rec), drawn from one stream in that order (gains 1: the
     * same network bit for bit).
     */
    public static RecurrentNetwork random(int inputs, int recurrent, int outputs, int adaptiveCount,
            NetworkParams params, long seed, double inputGain, double recurrentGain, double outputGain) {
        positive("inputs", inputs);
        positive("recurrent", recurrent);
        positive("outputs", outputs);
        if (adaptiveCount < 0 || adaptiveCount > recurrent) {
            throw new IllegalArgumentException("adaptiveCount = " + adaptiveCount + ": must be in [0, " + recurrent + "]");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] wIn = gaussian(rng, recurrent * inputs, inputGain / Math.sqrt(inputs));
        double[] wRec = gaussian(rng, recurrent * recurrent, recurrentGain / Math.sqrt(recurrent));
        for (int j = 0; j < recurrent; j++) {
            wRec[j * recurrent + j] = 0.0;
        }
        double[] wOut = gaussian(rng, outputs * recurrent, outputGain / Math.sqrt(recurrent));
        boolean[] adaptive = new boolean[recurrent];
        Arrays.fill(adaptive, 0, adaptiveCount, true);
        return new RecurrentNetwork(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut);
    }

    /**
     * A random rate network: the weights of {@link #random(int, int, int, int, NetworkParams, long, double, double,
     * double)} with no ALIF units (the same draws, same stream order: W_in ~ N(0, g_in²/n_in), W_rec ~ N(0, g²/n_rec)
     * with g = {@code recurrentGain} the initial gain, diagonal 0, W_out ~ N(0, g_out²/n_rec)), with rate units
     * {@code units} and no cell types. Of {@code params} only dt is read.
     */
    public static RecurrentNetwork randomRate(int inputs, int recurrent, int outputs, RateUnits units,
            NetworkParams params, long seed, double inputGain, double recurrentGain, double outputGain) {
        if (units == null) {
            throw new IllegalArgumentException("rate units: must not be null");
        }
        return random(inputs, recurrent, outputs, 0, params, seed, inputGain, recurrentGain, outputGain)
                .withRateUnits(units);
    }

    /** Gaussian N(0, scale²) draws with Box–Muller from a seeded stream. */
    public static double[] gaussian(SplittableRandom rng, int n, double scale) {
        double[] w = new double[n];
        for (int i = 0; i < n; i += 2) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            w[i] = scale * r * Math.cos(2 * Math.PI * u2);
            if (i + 1 < n) {
                w[i + 1] = scale * r * Math.sin(2 * Math.PI * u2);
            }
        }
        return w;
    }

    /** A deep copy (weights included). */
    public RecurrentNetwork copy() {
        return new RecurrentNetwork(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut, rate, cellTypes);
    }

    /** Same weights, kind and cell types, other constants. */
    public RecurrentNetwork withParams(NetworkParams p) {
        return new RecurrentNetwork(inputs, recurrent, outputs, adaptive, p, wIn, wRec, wOut, rate, cellTypes);
    }

    /** Same weights (copied), constants and cell types, units made rate units ({@code null}: LIF/ALIF). */
    public RecurrentNetwork withRateUnits(RateUnits r) {
        return new RecurrentNetwork(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut, r, cellTypes);
    }

    /** Same weights (copied), constants and kind, with cell types ({@code null}: none); W_rec must obey Dale's law. */
    public RecurrentNetwork withCellTypes(CellTypes c) {
        return new RecurrentNetwork(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut, rate, c);
    }

    /** @return true if the recurrent units are rate units ({@link #rateUnits()} not null). */
    public boolean isRate() {
        return rate != null;
    }

    /** @return the rate units, or null for a LIF/ALIF network. */
    public RateUnits rateUnits() {
        return rate;
    }

    /** @return the E/I cell types, or null for none. */
    public CellTypes cellTypes() {
        return cellTypes;
    }

    public int inputs() {
        return inputs;
    }

    public int recurrent() {
        return recurrent;
    }

    public int outputs() {
        return outputs;
    }

    public NetworkParams params() {
        return params;
    }

    /** True if recurrent neuron j is ALIF. */
    public boolean isAdaptive(int j) {
        return adaptive[j];
    }

    /** Copy of the ALIF flags. */
    public boolean[] adaptiveFlags() {
        return adaptive.clone();
    }

    /** The live weight array of a matrix. */
    public double[] weights(WeightMatrixId id) {
        switch (id) {
            case INPUT: return wIn;
            case RECURRENT: return wRec;
            case OUTPUT: return wOut;
            default: throw new IllegalArgumentException("id = " + id);
        }
    }

    /** Rows of a matrix. */
    public int rows(WeightMatrixId id) {
        return id == WeightMatrixId.OUTPUT ? outputs : recurrent;
    }

    /** Columns of a matrix. */
    public int columns(WeightMatrixId id) {
        switch (id) {
            case INPUT: return inputs;
            case RECURRENT: return recurrent;
            default: return recurrent;
        }
    }

    /** Live W_in [rec×in]. */
    public double[] wIn() {
        return wIn;
    }

    /** Live W_rec [rec×rec]. */
    public double[] wRec() {
        return wRec;
    }

    /** Live W_out [out×rec]. */
    public double[] wOut() {
        return wOut;
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " = " + v + ": must be > 0");
        }
    }

    private static void checkDale(double[] wRec, int n, CellTypes c) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                final double w = wRec[j * n + i];
                if (w * c.sign(i) < 0.0) {
                    throw new IllegalArgumentException("W_rec[" + j + "][" + i + "] = " + w + ": must be "
                            + (c.sign(i) > 0 ? ">= 0 (unit " + i + " is excitatory" : "<= 0 (unit " + i + " is inhibitory")
                            + ", Dale's law)");
                }
            }
        }
    }

    private static void checkMatrix(String name, double[] w, int rows, int cols) {
        if (w == null || w.length != rows * cols) {
            throw new IllegalArgumentException(name + ".length = " + (w == null ? "null" : w.length)
                    + ": must be " + rows + "x" + cols + " = " + rows * cols);
        }
        for (int n = 0; n < w.length; n++) {
            if (!Double.isFinite(w[n])) {
                throw new IllegalArgumentException(name + "[" + n / cols + "][" + n % cols + "] = " + w[n]
                        + ": must be finite");
            }
        }
    }
}
