package org.spikering.plasticity.network;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A recurrent network of LIF/ALIF neurons with leaky readouts: W_in [rec×in], W_rec [rec×rec, zero
 * diagonal], W_out [out×rec], all row-major [post][pre] and all trainable. The weight arrays are live:
 * optimizers update them in place.
 */
public final class RecurrentSpikingNetwork {
    private final int inputs;
    private final int recurrent;
    private final int outputs;
    private final boolean[] adaptive;
    private final NetworkParams params;
    private final double[] wIn;
    private final double[] wRec;
    private final double[] wOut;

    public RecurrentSpikingNetwork(int inputs, int recurrent, int outputs, boolean[] adaptive, NetworkParams params,
            double[] wIn, double[] wRec, double[] wOut) {
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
    public static RecurrentSpikingNetwork random(int inputs, int recurrent, int outputs, int adaptiveCount,
            NetworkParams params, long seed) {
        return random(inputs, recurrent, outputs, adaptiveCount, params, seed, 1.0, 1.0, 1.0);
    }

    /**
     * As {@link #random(int, int, int, int, NetworkParams, long)} with gains: W_in ~ N(0, g_in²/n_in),
     * W_rec ~ N(0, g_rec²/n_rec), W_out ~ N(0, g_out²/n_rec), drawn from one stream in that order (gains 1: the
     * same network bit for bit).
     */
    public static RecurrentSpikingNetwork random(int inputs, int recurrent, int outputs, int adaptiveCount,
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
        return new RecurrentSpikingNetwork(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut);
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
    public RecurrentSpikingNetwork copy() {
        return new RecurrentSpikingNetwork(inputs, recurrent, outputs, adaptive, params, wIn, wRec, wOut);
    }

    /** Same weights, other constants. */
    public RecurrentSpikingNetwork withParams(NetworkParams p) {
        return new RecurrentSpikingNetwork(inputs, recurrent, outputs, adaptive, p, wIn, wRec, wOut);
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
