package org.spikering.plasticity.train;

import org.spikering.neuron.alif.AlifNeuron;
import org.spikering.neuron.readout.LeakyReadout;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.DaleLaw;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Optimizer;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * e-prop with per-step weight updates ("gradient accumulation per step", as NEST's {@code eprop_iaf} family with
 * {@code optimize_each_step}): the network runs with the current weights, and after every step t the optimizer is
 * called with that step's gradient
 * <pre>
 * g_ji^t = L_j^t ebar_ji^t       (input and recurrent weights; traces as in {@code DenseEprop})
 * g_kj^t = err_k^t zbar_j^t      (output weights)
 * </pre>
 * Sequences of a batch are processed one after the other. Firing-rate regularisation is not applied in this mode.
 * Dense traces (every synapse every step): meant for small networks and for comparison with per-sequence updates.
 * Dale's law as in {@link Trainer}: with {@code net.cellTypes()} set, W_rec is projected ({@link DaleLaw#project})
 * after the optimizer and the clip, before {@code hook.afterUpdate}.
 */
public final class OnlineEpropTrainer {
    private static final WeightMatrixId[] IDS = WeightMatrixId.values();
    private final RecurrentNetwork net;
    private final Feedback feedback;
    private final Optimizer optimizer;
    private final WeightClip clip;
    private final WeightUpdateHook hook;
    private int iteration;

    public OnlineEpropTrainer(RecurrentNetwork net, Feedback feedback, Optimizer optimizer, WeightClip clip,
            WeightUpdateHook hook) {
        if (net == null || feedback == null || optimizer == null || clip == null || hook == null) {
            throw new IllegalArgumentException("net, feedback, optimizer, clip, hook: none may be null");
        }
        if (net.isRate()) {
            throw new IllegalArgumentException("online e-prop: spiking networks only, not rate networks");
        }
        this.net = net;
        this.feedback = feedback;
        this.optimizer = optimizer;
        this.clip = clip;
        this.hook = hook;
    }

    /** One pass over the batch with an update after every step; returns the mean loss during the pass. */
    public IterationResult step(SequenceBatch batch) {
        iteration++;
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        final int steps = batch.steps();
        if (batch.inputs() != nIn || batch.outputs() != nOut) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs and " + batch.outputs()
                    + " outputs: network needs " + nIn + " and " + nOut);
        }
        final NetworkParams p = net.params();
        final double alpha = p.alpha();
        final double rho = p.rho();
        final double kappa = p.kappa();
        final double zeta = p.zeta();
        final double zetaOut = p.zetaOut();
        final double betaA = p.betaAdapt();
        final AlifNeuron neuron = p.neuron();
        final LeakyReadout readout = p.readout();
        final boolean classification = batch.loss() == LossKind.CLASSIFICATION_CE;
        double[] gIn = new double[nRec * nIn];
        double[] gRec = new double[nRec * nRec];
        double[] gOut = new double[nOut * nRec];
        double[] ebarIn = new double[nRec * nIn];
        double[] epsIn = new double[nRec * nIn];
        double[] ebarRec = new double[nRec * nRec];
        double[] epsRec = new double[nRec * nRec];
        double[] zbarIn = new double[nIn];
        double[] zbarRec = new double[nRec];
        double[] zbarOut = new double[nRec];
        double[] v = new double[nRec];
        double[] a = new double[nRec];
        double[] z = new double[nRec];
        double[] zPrev = new double[nRec];
        double[] psi = new double[nRec];
        int[] refractory = new int[nRec];
        final boolean[] adaptive = net.adaptiveFlags();
        final double[] input = new double[nRec];
        final int[] fired = new int[nRec];
        double[] yv = new double[nOut];
        double[] y = new double[nOut];
        double[] err = new double[nOut];
        double[] learning = new double[nRec];
        double loss = 0.0;
        long spikes = 0;
        for (int b = 0; b < batch.batchSize(); b++) {
            java.util.Arrays.fill(ebarIn, 0.0);
            java.util.Arrays.fill(epsIn, 0.0);
            java.util.Arrays.fill(ebarRec, 0.0);
            java.util.Arrays.fill(epsRec, 0.0);
            java.util.Arrays.fill(zbarIn, 0.0);
            java.util.Arrays.fill(zbarRec, 0.0);
            java.util.Arrays.fill(zbarOut, 0.0);
            java.util.Arrays.fill(v, 0.0);
            java.util.Arrays.fill(a, 0.0);
            java.util.Arrays.fill(z, 0.0);
            java.util.Arrays.fill(refractory, 0);
            java.util.Arrays.fill(yv, 0.0);
            for (int t = 0; t < steps; t++) {
                double[] wIn = net.wIn();
                double[] wRec = net.wRec();
                double[] wOut = net.wOut();
                System.arraycopy(z, 0, zPrev, 0, nRec);
                int xb = (b * steps + t) * nIn;
                for (int i = 0; i < nIn; i++) {
                    zbarIn[i] = alpha * zbarIn[i] + zeta * batch.inputSpikes()[xb + i];
                }
                for (int i = 0; i < nRec; i++) {
                    zbarRec[i] = alpha * zbarRec[i] + zeta * zPrev[i];
                }
                for (int j = 0; j < nRec; j++) {
                    double cur = 0.0;
                    for (int i = 0; i < nIn; i++) {
                        cur += wIn[j * nIn + i] * batch.inputSpikes()[xb + i];
                    }
                    for (int i = 0; i < nRec; i++) {
                        cur += wRec[j * nRec + i] * zPrev[i];
                    }
                    input[j] = cur;
                }
                spikes += neuron.step(adaptive, 0, nRec, v, a, zPrev, 0, input, refractory, v, a, psi, z, 0, fired, 0);
                boolean masked = batch.lossMask()[b * steps + t];
                int tb = (b * steps + t) * nOut;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < nOut; k++) {
                    double in = 0.0;
                    for (int j = 0; j < nRec; j++) {
                        in += wOut[k * nRec + j] * z[j];
                    }
                    yv[k] = readout.next(yv[k], in);
                    max = Math.max(max, yv[k]);
                }
                if (classification) {
                    double sum = 0.0;
                    for (int k = 0; k < nOut; k++) {
                        y[k] = Math.exp(yv[k] - max);
                        sum += y[k];
                    }
                    for (int k = 0; k < nOut; k++) {
                        y[k] /= sum;
                        if (masked) {
                            loss -= batch.targets()[tb + k] * (yv[k] - max - Math.log(sum));
                        }
                    }
                } else {
                    for (int k = 0; k < nOut; k++) {
                        y[k] = yv[k];
                        if (masked) {
                            double e = y[k] - batch.targets()[tb + k];
                            loss += 0.5 * e * e;
                        }
                    }
                }
                for (int k = 0; k < nOut; k++) {
                    err[k] = masked ? y[k] - batch.targets()[tb + k] : 0.0;
                }
                double[] bMat = feedback.matrix(net);
                for (int j = 0; j < nRec; j++) {
                    double l = 0.0;
                    for (int k = 0; k < nOut; k++) {
                        l += bMat[j * nOut + k] * err[k];
                    }
                    learning[j] = l;
                    zbarOut[j] = kappa * zbarOut[j] + zetaOut * z[j];
                }
                traces(gIn, ebarIn, epsIn, zbarIn, nIn, false, psi, learning, kappa, zetaOut, rho, betaA);
                traces(gRec, ebarRec, epsRec, zbarRec, nRec, true, psi, learning, kappa, zetaOut, rho, betaA);
                for (int k = 0; k < nOut; k++) {
                    for (int j = 0; j < nRec; j++) {
                        gOut[k * nRec + j] = err[k] * zbarOut[j];
                    }
                }
                apply(WeightMatrixId.INPUT, gIn);
                apply(WeightMatrixId.RECURRENT, gRec);
                apply(WeightMatrixId.OUTPUT, gOut);
                optimizer.endUpdate();
            }
        }
        int n = batch.batchSize();
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(iteration, "loss = " + loss);
        }
        return new IterationResult(iteration, loss / n, Double.NaN,
                spikes / (double) n / nRec / (steps * p.dtMs() / 1000.0));
    }

    private void traces(double[] g, double[] ebar, double[] eps, double[] zbar, int nPre, boolean recurrent,
            double[] psi, double[] learning, double kappa, double zetaOut, double rho, double betaA) {
        int nRec = net.recurrent();
        for (int j = 0; j < nRec; j++) {
            boolean adaptive = net.isAdaptive(j);
            for (int i = 0; i < nPre; i++) {
                int n = j * nPre + i;
                if (recurrent && i == j) {
                    g[n] = 0.0;
                    continue;
                }
                double e;
                if (adaptive) {
                    e = psi[j] * (zbar[i] - betaA * eps[n]);
                    eps[n] = rho * eps[n] + e;
                } else {
                    e = psi[j] * zbar[i];
                }
                ebar[n] = kappa * ebar[n] + zetaOut * e;
                g[n] = learning[j] * ebar[n];
            }
        }
    }

    private void apply(WeightMatrixId id, double[] g) {
        hook.afterGradient(id, g);
        double[] w = net.weights(id);
        optimizer.apply(id, w, g);
        clip.apply(w);
        if (id == WeightMatrixId.RECURRENT && net.cellTypes() != null) {
            DaleLaw.project(w, net.cellTypes());
        }
        hook.afterUpdate(id, w);
        for (int n = 0; n < w.length; n++) {
            if (!Double.isFinite(w[n])) {
                int cols = net.columns(id);
                throw new TrainingDivergedException(iteration, "weight of " + id + "[" + n / cols + "][" + n % cols
                        + "] = " + w[n] + " (learning rate too large?)");
            }
        }
    }
}
