package org.spikering.plasticity.feedback;

import org.spikering.plasticity.network.RecurrentNetwork;

/** e-prop's symmetric feedback B = W_outᵀ (current value of the output weights). */
public final class SymmetricFeedback implements Feedback {
    private double[] b = new double[0];

    @Override
    public double[] matrix(RecurrentNetwork net) {
        int nRec = net.recurrent();
        int nOut = net.outputs();
        if (b.length != nRec * nOut) {
            b = new double[nRec * nOut];
        }
        double[] wOut = net.wOut();
        for (int k = 0; k < nOut; k++) {
            for (int j = 0; j < nRec; j++) {
                b[j * nOut + k] = wOut[k * nRec + j];
            }
        }
        return b;
    }
}
