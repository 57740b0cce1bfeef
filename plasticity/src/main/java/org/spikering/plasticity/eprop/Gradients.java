package org.spikering.plasticity.eprop;

import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/** Gradients dE/dW of one batch (mean over its sequences) with the same layouts as the weights, plus batch statistics. */
public final class Gradients {
    public final double[] wIn;
    public final double[] wRec;
    public final double[] wOut;
    /** Mean task loss per sequence. */
    public double loss;
    /** Fraction of sequences classified correctly (NaN for regression). */
    public double accuracy;
    /** Mean firing rate of the recurrent neurons, Hz; NaN for a rate network (its units do not spike). */
    public double meanRateHz;

    public Gradients(int inputs, int recurrent, int outputs) {
        wIn = new double[recurrent * inputs];
        wRec = new double[recurrent * recurrent];
        wOut = new double[outputs * recurrent];
    }

    /** Zero gradients shaped for the network. */
    public static Gradients zerosFor(RecurrentNetwork net) {
        return new Gradients(net.inputs(), net.recurrent(), net.outputs());
    }

    /** The gradient array of a matrix. */
    public double[] get(WeightMatrixId id) {
        switch (id) {
            case INPUT: return wIn;
            case RECURRENT: return wRec;
            default: return wOut;
        }
    }

    /** True if the shapes fit the network. */
    public boolean fits(RecurrentNetwork net) {
        return wIn.length == net.recurrent() * net.inputs() && wRec.length == net.recurrent() * net.recurrent()
                && wOut.length == net.outputs() * net.recurrent();
    }

    /** Sets everything to 0. */
    public void clear() {
        java.util.Arrays.fill(wIn, 0.0);
        java.util.Arrays.fill(wRec, 0.0);
        java.util.Arrays.fill(wOut, 0.0);
        loss = 0.0;
        accuracy = 0.0;
        meanRateHz = 0.0;
    }
}
