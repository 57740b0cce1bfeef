package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Dense reference e-prop: every eligibility trace every step, straight from the equations (EPROP.md §1.5, §2.6).
 * Presynaptic arrivals s_i^t = x_i^t (input) or z_i^{t−1} (recurrent). For every synapse i → j and step t:
 * <pre>
 * zbar_i^t   = α zbar_i^{t−1} + ζ s_i^t
 * e_ji^t     = ψ_j^t (zbar_i^t − β_a eps_ji^t)            (LIF: β_a eps term absent)
 * eps_ji^t+1 = ρ eps_ji^t + e_ji^t                          (ALIF)
 * ebar_ji^t  = κ ebar_ji^{t−1} + ζ_out e_ji^t
 * g_ji      += L_j^t ebar_ji^t;      after the sequence: g_ji += R_j Σ_t e_ji^t
 * </pre>
 */
public final class DenseEprop extends SequenceGradientComputer {
    private final String name;

    /**
     * @param feedback  the feedback B of the learning signals.
     * @param mdglExact true for {@link org.spikering.plasticity.train.LearningRule#MDGL_EXACT}'s learning signal of
     *                  the recurrent weights ({@link LearningSignals#mdglExact}), false for e-prop's.
     */
    public DenseEprop(Feedback feedback, boolean mdglExact) {
        this(feedback, RecurrentSignal.of(mdglExact));
    }

    /**
     * @param feedback the feedback B of the learning signals.
     * @param signal   the learning signal of the recurrent weights (e-prop's, {@link LearningSignals#mdglExact} or
     *                 {@link LearningSignals#mdglCellType}).
     */
    public DenseEprop(Feedback feedback, RecurrentSignal signal) {
        super(feedback, signal);
        this.name = signal.label() + " (dense)";
    }

    @Override
    public String name() {
        return rewardPrefix() + name;
    }

    @Override
    void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr,
            double[] inSignal, double[] recSignal, double[] reg, Gradients out) {
        int nIn = net.inputs();
        int nRec = net.recurrent();
        int steps = tr.steps;
        float[] x = batch.inputSpikes();
        double[] presIn = new double[nIn];
        double[] presRec = new double[nRec];
        for (int t = 0; t < steps; t++) {
            int xb = (seq * steps + t) * nIn;
            for (int i = 0; i < nIn; i++) {
                presIn[i] = x[xb + i];
            }
            for (int i = 0; i < nRec; i++) {
                presRec[i] = t > 0 ? tr.z[(t - 1) * nRec + i] : 0.0;
            }
            boolean last = t == steps - 1 && nestLateLastSignal();
            stepMatrix(net, tr, t, presIn, inTrace(nIn), inState(nRec * nIn), inSignal, out.wIn, nIn, false,
                    last ? dropMask(batch, seq, tr, nIn, false) : null);
            stepMatrix(net, tr, t, presRec, recTrace(nRec), recState(nRec * nRec), recSignal, out.wRec, nRec, true,
                    last ? dropMask(batch, seq, tr, nRec, true) : null);
        }
        finish(reg, inState, out.wIn, nRec, nIn);
        finish(reg, recState, out.wRec, nRec, nRec);
        clearState();
    }

    // per-synapse state: [4][rec*pre] = ebar, eps, sumE, g (the last is flushed into out at the end)
    private double[] inZbar = new double[0];
    private double[] recZbar = new double[0];
    private double[][] inState;
    private double[][] recState;

    private double[] inTrace(int n) {
        if (inZbar.length != n) {
            inZbar = new double[n];
        }
        return inZbar;
    }

    private double[] recTrace(int n) {
        if (recZbar.length != n) {
            recZbar = new double[n];
        }
        return recZbar;
    }

    private double[][] inState(int n) {
        if (inState == null || inState[0].length != n) {
            inState = new double[3][n];
        }
        return inState;
    }

    private double[][] recState(int n) {
        if (recState == null || recState[0].length != n) {
            recState = new double[3][n];
        }
        return recState;
    }

    private void clearState() {
        java.util.Arrays.fill(inZbar, 0.0);
        java.util.Arrays.fill(recZbar, 0.0);
        for (double[] a : inState) {
            java.util.Arrays.fill(a, 0.0);
        }
        for (double[] a : recState) {
            java.util.Arrays.fill(a, 0.0);
        }
    }

    private static void stepMatrix(RecurrentNetwork net, Trajectory tr, int t, double[] pres, double[] zbar,
            double[][] st, double[] signal, double[] g, int nPre, boolean recurrent, boolean[] dropSignal) {
        NetworkParams p = net.params();
        double alpha = p.alpha();
        double zeta = p.zeta();
        double rho = p.rho();
        double kappa = p.kappa();
        double zetaOut = p.zetaOut();
        double betaA = p.betaAdapt();
        int nRec = net.recurrent();
        for (int i = 0; i < nPre; i++) {
            zbar[i] = alpha * zbar[i] + zeta * pres[i];
        }
        double[] ebar = st[0];
        double[] eps = st[1];
        double[] sumE = st[2];
        for (int j = 0; j < nRec; j++) {
            double psi = tr.psi[t * nRec + j];
            double l = signal[t * nRec + j];
            boolean adaptive = net.isAdaptive(j);
            int row = j * nPre;
            for (int i = 0; i < nPre; i++) {
                if (recurrent && i == j) {
                    continue;
                }
                int n = row + i;
                double e;
                if (adaptive) {
                    e = psi * (zbar[i] - betaA * eps[n]);
                    eps[n] = rho * eps[n] + e;
                } else {
                    e = psi * zbar[i];
                }
                ebar[n] = kappa * ebar[n] + zetaOut * e;
                if (dropSignal == null || !dropSignal[i]) {
                    g[n] += l * ebar[n];
                }
                sumE[n] += e;
            }
        }
    }

    private static boolean[] dropMask(SequenceBatch batch, int seq, Trajectory tr, int nPre, boolean recurrent) {
        boolean[] m = new boolean[nPre];
        for (int i = 0; i < nPre; i++) {
            m[i] = dropsLast(true, batch, seq, tr, i, recurrent);
        }
        return m;
    }

    private static void finish(double[] reg, double[][] st, double[] g, int nRec, int nPre) {
        double[] sumE = st[2];
        for (int j = 0; j < nRec; j++) {
            for (int i = 0; i < nPre; i++) {
                g[j * nPre + i] += reg[j] * sumE[j * nPre + i];
            }
        }
    }
}
