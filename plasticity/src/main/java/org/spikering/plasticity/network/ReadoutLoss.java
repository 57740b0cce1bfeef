package org.spikering.plasticity.network;

import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * The loss part of a readout step, shared by every network kind (spiking: {@link ForwardPass.Readout}, whose readout
 * voltage is leaky; rate: {@code org.spikering.plasticity.rate.RateForwardPass}, whose readout is instantaneous), so
 * both compute outputs, errors, loss and the classification outcome with the same operations in the same order. From
 * the readout value yv_k^t already in {@code tr.yv}:
 * <pre>
 * regression:      y_k^t = yv_k^t,                E += ½ Σ_k (y_k^t − y*_k^t)²        where masked
 * classification:  π_k^t = softmax_k(yv^t),       E −= Σ_k π*_k^t (yv_k^t − log Σ_k' exp yv_k'^t)   where masked
 * err_k^t = masked ? (y_k^t − y*_k^t) : 0         (= ∂E/∂yv_k^t)
 * correct = [argmax_k Σ_masked π_k^t = argmax_k Σ_masked π*_k^t]   (classification with a masked step; else NaN)
 * </pre>
 * One instance per sequence (it accumulates the loss).
 */
public final class ReadoutLoss {
    private final SequenceBatch batch;
    private final int b;
    private final Trajectory tr;
    private final int nOut;
    private final boolean classification;
    private final double[] classScore;
    private final double[] targetScore;
    private double loss;
    private boolean anyMasked;

    /**
     * @param batch the batch (targets, mask, loss kind).
     * @param b     sequence index.
     * @param tr    the trajectory whose {@code yv} is filled up to the step passed to {@link #step}.
     */
    public ReadoutLoss(SequenceBatch batch, int b, Trajectory tr) {
        this.batch = batch;
        this.b = b;
        this.tr = tr;
        this.nOut = tr.outputs;
        this.classification = batch.loss() == LossKind.CLASSIFICATION_CE;
        this.classScore = new double[nOut];
        this.targetScore = new double[nOut];
    }

    /**
     * Output y^t, error err^t and the loss term of step t from {@code tr.yv} of step t.
     *
     * @param t step.
     */
    public void step(int t) {
        final int steps = batch.steps();
        final double[] target = batch.targets();
        final boolean[] mask = batch.lossMask();
        int ob = t * nOut;
        boolean masked = mask[b * steps + t];
        anyMasked |= masked;
        int tb = (b * steps + t) * nOut;
        if (classification) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < nOut; k++) {
                max = Math.max(max, tr.yv[ob + k]);
            }
            double sum = 0.0;
            for (int k = 0; k < nOut; k++) {
                double e = Math.exp(tr.yv[ob + k] - max);
                tr.y[ob + k] = e;
                sum += e;
            }
            double logSum = Math.log(sum) + max;
            for (int k = 0; k < nOut; k++) {
                tr.y[ob + k] /= sum;
                if (masked) {
                    tr.err[ob + k] = tr.y[ob + k] - target[tb + k];
                    loss -= target[tb + k] * (tr.yv[ob + k] - logSum);
                    classScore[k] += tr.y[ob + k];
                    targetScore[k] += target[tb + k];
                } else {
                    tr.err[ob + k] = 0.0;
                }
            }
        } else {
            for (int k = 0; k < nOut; k++) {
                tr.y[ob + k] = tr.yv[ob + k];
                if (masked) {
                    double e = tr.yv[ob + k] - target[tb + k];
                    tr.err[ob + k] = e;
                    loss += 0.5 * e * e;
                } else {
                    tr.err[ob + k] = 0.0;
                }
            }
        }
    }

    /** Stores the loss and the classification outcome in the trajectory. */
    public void finish() {
        tr.loss = loss;
        if (classification && anyMasked) {
            tr.correct = argmax(classScore) == argmax(targetScore) ? 1.0 : 0.0;
        } else {
            tr.correct = Double.NaN;
        }
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return best;
    }
}
