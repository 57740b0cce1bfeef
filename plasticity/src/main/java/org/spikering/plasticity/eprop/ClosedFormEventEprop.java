package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Event-based e-prop with O(1) work per presynaptic spike and synapse. The gradient of synapse i → j over a
 * sequence is linear in the presynaptic trace, so each neuron j archives once per sequence an adjoint ("how much a
 * unit of zbar at step t is worth"), and a synapse is brought up to date only when a spike of i arrives (and at the
 * weight update), summing its closed-form geometric segment:
 * <pre>
 * c_j^t   = ζ_out Σ_{s≥t} κ^{s−t} L_j^s + R_j              (κ-filtered learning signal seen from step t, plus rate reg.)
 * λ_j^t   = −β_a c_j^t ψ_j^t + (ρ − β_a ψ_j^t) λ_j^{t+1}    (adaptation adjoint, ALIF; 0 for LIF), λ^T = 0
 * h_j^t   = ψ_j^t (c_j^t + λ_j^{t+1})
 * H_j^t   = h_j^t + α H_j^{t+1}                             (archive, H^T = 0)
 * between arrivals at t0 and t1 the trace is zbar_i^t = z0 α^{t−t0}, so   g_ji += z0 (H_j^{t0} − α^{t1−t0} H_j^{t1})
 * </pre>
 * This equals Σ_t L_j^t ebar_ji^t + R_j Σ_t e_ji^t of {@link DenseEprop} (same eligibility equations, summed in
 * another order). NEST's late last-step learning signal (see {@link #nestLateLastSignal}) is a second archive with
 * c_j^t − L_j^{T−1} ζ_out κ^{T−1−t} for the affected presynaptic neurons.
 */
public final class ClosedFormEventEprop extends SequenceGradientComputer {
    private final String name;
    private double[] hIn = new double[0];
    private double[] hRec = new double[0];
    private double[] hInDrop = new double[0];
    private double[] hRecDrop = new double[0];
    private double[] powAlpha = new double[0];
    private double[] c = new double[0];
    private double[] zbarIn = new double[0];
    private double[] zbarRec = new double[0];
    private int[] lastIn = new int[0];
    private int[] lastRec = new int[0];
    private boolean[] dropIn = new boolean[0];
    private boolean[] dropRec = new boolean[0];
    // shape the arrays above are sized for: n_in, n_rec, T (-1: none yet)
    private int shapeIn = -1;
    private int shapeRec = -1;
    private int shapeSteps = -1;

    /**
     * @param feedback  the feedback B of the learning signals.
     * @param mdglExact true for {@link org.spikering.plasticity.train.LearningRule#MDGL_EXACT}'s learning signal of
     *                  the recurrent weights ({@link LearningSignals#mdglExact}), false for e-prop's.
     */
    public ClosedFormEventEprop(Feedback feedback, boolean mdglExact) {
        this(feedback, RecurrentSignal.of(mdglExact));
    }

    /**
     * @param feedback the feedback B of the learning signals.
     * @param signal   the learning signal of the recurrent weights (e-prop's, {@link LearningSignals#mdglExact} or
     *                 {@link LearningSignals#mdglCellType}).
     */
    public ClosedFormEventEprop(Feedback feedback, RecurrentSignal signal) {
        super(feedback, signal);
        this.name = signal.label() + " (event)";
    }

    @Override
    public String name() {
        return rewardPrefix() + name;
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr,
            double[] inSignal, double[] recSignal, double[] reg, Gradients out) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int steps = tr.steps;
        final NetworkParams p = net.params();
        allocate(nIn, nRec, steps, p.alpha());
        final boolean late = nestLateLastSignal();
        archive(net, tr, inSignal, reg, hIn, false);
        if (late) {
            archive(net, tr, inSignal, reg, hInDrop, true);
        }
        double[] hr = hIn;
        double[] hrDrop = hInDrop;
        if (recSignal != inSignal) {
            archive(net, tr, recSignal, reg, hRec, false);
            if (late) {
                archive(net, tr, recSignal, reg, hRecDrop, true);
            }
            hr = hRec;
            hrDrop = hRecDrop;
        }
        for (int i = 0; i < nIn; i++) {
            dropIn[i] = dropsLast(late, batch, seq, tr, i, false);
        }
        for (int i = 0; i < nRec; i++) {
            dropRec[i] = dropsLast(late, batch, seq, tr, i, true);
        }
        java.util.Arrays.fill(lastIn, -1);
        java.util.Arrays.fill(lastRec, -1);
        final float[] x = batch.inputSpikes();
        final double zeta = p.zeta();
        for (int t = 0; t < steps; t++) {
            int xb = (seq * steps + t) * nIn;
            for (int i = 0; i < nIn; i++) {
                float s = x[xb + i];
                if (s != 0f) {
                    arrive(i, t, s * zeta, nIn, nRec, steps, zbarIn, lastIn, dropIn[i] ? hInDrop : hIn, out.wIn, false);
                }
            }
            if (t > 0) {
                for (int q = tr.spikeStart[t - 1]; q < tr.spikeStart[t]; q++) {
                    int i = tr.spikeIndex[q];
                    arrive(i, t, zeta, nRec, nRec, steps, zbarRec, lastRec, dropRec[i] ? hrDrop : hr, out.wRec, true);
                }
            }
        }
        for (int i = 0; i < nIn; i++) {
            if (lastIn[i] >= 0) {
                arrive(i, steps, 0.0, nIn, nRec, steps, zbarIn, lastIn, dropIn[i] ? hInDrop : hIn, out.wIn, false);
            }
        }
        for (int i = 0; i < nRec; i++) {
            if (lastRec[i] >= 0) {
                arrive(i, steps, 0.0, nRec, nRec, steps, zbarRec, lastRec, dropRec[i] ? hrDrop : hr, out.wRec, true);
            }
        }
    }

    /** Closes the segment [last, t) of every synapse of presyn i, then adds the arrival {@code inc} at step t. */
    private void arrive(int i, int t, double inc, int nPre, int nRec, int steps, double[] zbar, int[] last,
            double[] h, double[] g, boolean recurrent) {
        int from = last[i];
        if (from >= 0) {
            double z0 = zbar[i];
            double decay = powAlpha[t - from];
            int stride = steps + 1;
            for (int j = 0; j < nRec; j++) {
                if (recurrent && j == i) {
                    continue;
                }
                int b = j * stride;
                g[j * nPre + i] += z0 * (h[b + from] - decay * h[b + t]);
            }
            zbar[i] = decay * z0 + inc;
        } else {
            zbar[i] = inc;
        }
        last[i] = t;
    }

    /** Per-neuron archive H_j^t (layout [j][t], T + 1 entries per neuron). */
    private void archive(RecurrentNetwork net, Trajectory tr, double[] signal, double[] reg, double[] h,
            boolean dropLast) {
        NetworkParams p = net.params();
        int nRec = tr.recurrent;
        int steps = tr.steps;
        double kappa = p.kappa();
        double zetaOut = p.zetaOut();
        double alpha = p.alpha();
        double rho = p.rho();
        double betaA = p.betaAdapt();
        int stride = steps + 1;
        for (int j = 0; j < nRec; j++) {
            double lf = 0.0;
            for (int t = steps - 1; t >= 0; t--) {
                lf = kappa * lf + signal[t * nRec + j];
                c[t] = zetaOut * lf + reg[j];
            }
            if (dropLast) {
                double l = signal[(steps - 1) * nRec + j] * zetaOut;
                double k = 1.0;
                for (int t = steps - 1; t >= 0; t--) {
                    c[t] -= l * k;
                    k *= kappa;
                }
            }
            boolean adaptive = net.isAdaptive(j);
            int b = j * stride;
            h[b + steps] = 0.0;
            double lambdaNext = 0.0;
            double hNext = 0.0;
            for (int t = steps - 1; t >= 0; t--) {
                double psi = tr.psi[t * nRec + j];
                double ht = psi * (c[t] + lambdaNext);
                if (adaptive) {
                    lambdaNext = -betaA * c[t] * psi + (rho - betaA * psi) * lambdaNext;
                }
                hNext = ht + alpha * hNext;
                h[b + t] = hNext;
            }
        }
    }

    /**
     * Sizes the archives and presynaptic states for this network and sequence length; all are reallocated together
     * whenever any of n_in, n_rec or T differs from the last call (n_rec · (T + 1) can be the same for another shape).
     */
    private void allocate(int nIn, int nRec, int steps, double alpha) {
        if (nIn != shapeIn || nRec != shapeRec || steps != shapeSteps) {
            int n = nRec * (steps + 1);
            hIn = new double[n];
            hRec = new double[n];
            hInDrop = new double[n];
            hRecDrop = new double[n];
            c = new double[steps];
            zbarIn = new double[nIn];
            lastIn = new int[nIn];
            dropIn = new boolean[nIn];
            zbarRec = new double[nRec];
            lastRec = new int[nRec];
            dropRec = new boolean[nRec];
            shapeIn = nIn;
            shapeRec = nRec;
            shapeSteps = steps;
        }
        if (powAlpha.length != steps + 1 || powAlpha[1] != alpha) {
            powAlpha = new double[steps + 1];
            powAlpha[0] = 1.0;
            for (int k = 1; k <= steps; k++) {
                powAlpha[k] = powAlpha[k - 1] * alpha;
            }
        }
    }
}
