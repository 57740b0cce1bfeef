package org.spikering.plasticity.feedback;

import java.util.SplittableRandom;
import org.spikering.plasticity.network.RecurrentNetwork;

/** Fixed feedback weights ("random e-prop", RFLO-style): B does not follow W_out. */
public final class RandomFeedback implements Feedback {
    private final int recurrent;
    private final int outputs;
    private final double[] b;

    /** Fixed B [rec × out] row-major; must be finite. */
    public RandomFeedback(int recurrent, int outputs, double[] b) {
        if (b == null || b.length != recurrent * outputs) {
            throw new IllegalArgumentException("feedback matrix B has " + (b == null ? "no" : b.length)
                    + " entries: must be recurrent x outputs = " + recurrent + "x" + outputs + " = " + recurrent * outputs);
        }
        for (int n = 0; n < b.length; n++) {
            if (!Double.isFinite(b[n])) {
                throw new IllegalArgumentException("B[" + n / outputs + "][" + n % outputs + "] = " + b[n] + ": must be finite");
            }
        }
        this.recurrent = recurrent;
        this.outputs = outputs;
        this.b = b.clone();
    }

    /** B_jk ~ N(0, 1)/sqrt(n_rec), as in NEST's examples. */
    public static RandomFeedback gaussian(int recurrent, int outputs, long seed) {
        return gaussian(recurrent, outputs, seed, 1.0);
    }

    /** B_jk ~ N(0, gain²)/sqrt(n_rec) (gain 1: {@link #gaussian(int, int, long)}); gain finite and &gt; 0. */
    public static RandomFeedback gaussian(int recurrent, int outputs, long seed, double gain) {
        if (!(gain > 0.0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("feedback gain = " + gain + ": must be finite and > 0");
        }
        return new RandomFeedback(recurrent, outputs,
                RecurrentNetwork.gaussian(new SplittableRandom(seed ^ 0x5DEECE66DL), recurrent * outputs,
                        gain / Math.sqrt(recurrent)));
    }

    @Override
    public double[] matrix(RecurrentNetwork net) {
        if (net.recurrent() != recurrent || net.outputs() != outputs) {
            throw new IllegalArgumentException("feedback matrix B is " + recurrent + "x" + outputs
                    + ": network needs recurrent x outputs = " + net.recurrent() + "x" + net.outputs());
        }
        return b;
    }

    /** Copy of B. */
    public double[] values() {
        return b.clone();
    }
}
