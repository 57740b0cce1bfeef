package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Event-based e-prop (as NEST's {@code eprop_synapse_bsshslm_2020::send} and
 * {@code eprop_iaf_bsshslm_2020::compute_gradient}): the eligibility state of synapse i → j is brought up to date
 * only when a spike of i arrives at it and at the weight update (end of the sequence), from the postsynaptic
 * neuron's archive of ψ_j^t and L_j^t. Between two arrivals the presynaptic trace only decays,
 * zbar^s = zbar^{t0} α^{s−t0}; steps where ψ_j = 0 (silent stretches) are skipped in closed form:
 * <pre>
 * over a stretch [s, s+n) with ψ_j = 0:  e = 0, ebar ← κ^n ebar, eps ← ρ^n eps, zbar ← α^n zbar,
 *                                         g += ebar_{s−1} · Σ_{u=s}^{s+n−1} L_j^u κ^{u−s+1}
 * </pre>
 * where the inner sum is read from a per-neuron archive Q_j^s = κ (L_j^s + Q_j^{s+1}) (within the stretch) as
 * Q_j^s − κ^n Q_j^{s+n}. Other steps follow {@link DenseEprop}'s equations. Arrivals are consumed from the per-step
 * spike lists of the forward pass (input spikes x_i^t arrive at t, recurrent spikes z_i^{t−1} at t; spikes of the
 * last step do not cross into the next sequence, as in NEST).
 */
public final class EventEprop extends SequenceGradientComputer {
    private final String name;
    // archives [j][t]: psi, L (input synapses), Q for input; L, Q for recurrent; nextNonzero psi index
    private double[] psiA = new double[0];
    private double[] lIn = new double[0];
    private double[] qIn = new double[0];
    private double[] lRec = new double[0];
    private double[] qRec = new double[0];
    private int[] nextNz = new int[0];
    private double[] powAlpha = new double[0];
    private double[] powKappa = new double[0];
    private double[] powRho = new double[0];
    // synapse state [j][i]: ebar, eps, sumE; presyn state: zbar, last arrival step
    private double[] inEbar = new double[0];
    private double[] inEps = new double[0];
    private double[] inSum = new double[0];
    private double[] recEbar = new double[0];
    private double[] recEps = new double[0];
    private double[] recSum = new double[0];
    private double[] inZbar = new double[0];
    private double[] recZbar = new double[0];
    private int[] inLast = new int[0];
    private int[] recLast = new int[0];
    // shape the arrays above are sized for: n_in, n_rec, T (-1: none yet)
    private int shapeIn = -1;
    private int shapeRec = -1;
    private int shapeSteps = -1;

    /**
     * @param feedback  the feedback B of the learning signals.
     * @param mdglExact true for {@link org.spikering.plasticity.train.LearningRule#MDGL_EXACT}'s learning signal of
     *                  the recurrent weights ({@link LearningSignals#mdglExact}), false for e-prop's.
     */
    public EventEprop(Feedback feedback, boolean mdglExact) {
        this(feedback, RecurrentSignal.of(mdglExact));
    }

    /**
     * @param feedback the feedback B of the learning signals.
     * @param signal   the learning signal of the recurrent weights (e-prop's, {@link LearningSignals#mdglExact} or
     *                 {@link LearningSignals#mdglCellType}).
     */
    public EventEprop(Feedback feedback, RecurrentSignal signal) {
        super(feedback, signal);
        this.name = signal.label() + " (event-stepwise)";
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
        allocate(nIn, nRec, steps, p);
        archive(tr, inSignal, lIn, qIn, true, p.kappa());
        boolean shared = inSignal == recSignal;
        double[] lr = shared ? lIn : lRec;
        double[] qr = shared ? qIn : qRec;
        if (!shared) {
            archive(tr, recSignal, lRec, qRec, false, p.kappa());
        }
        java.util.Arrays.fill(inLast, -1);
        java.util.Arrays.fill(recLast, -1);
        final float[] x = batch.inputSpikes();
        final double zeta = p.zeta();
        for (int t = 0; t < steps; t++) {
            int xb = (seq * steps + t) * nIn;
            for (int i = 0; i < nIn; i++) {
                float s = x[xb + i];
                if (s != 0f) {
                    arrive(net, i, t, s * zeta, nIn, inZbar, inLast, inEbar, inEps, inSum, lIn, qIn, out.wIn, false);
                }
            }
            if (t > 0) {
                for (int q = tr.spikeStart[t - 1]; q < tr.spikeStart[t]; q++) {
                    int i = tr.spikeIndex[q];
                    arrive(net, i, t, zeta, nRec, recZbar, recLast, recEbar, recEps, recSum, lr, qr, out.wRec, true);
                }
            }
        }
        for (int i = 0; i < nIn; i++) {
            if (inLast[i] >= 0) {
                flush(net, i, steps, nIn, inZbar, inLast, inEbar, inEps, inSum, lIn, qIn, out.wIn, false, reg,
                        dropsLast(nestLateLastSignal(), batch, seq, tr, i, false));
            }
        }
        for (int i = 0; i < nRec; i++) {
            if (recLast[i] >= 0) {
                flush(net, i, steps, nRec, recZbar, recLast, recEbar, recEps, recSum, lr, qr, out.wRec, true, reg,
                        dropsLast(nestLateLastSignal(), batch, seq, tr, i, true));
            }
        }
    }

    /** Spike of presyn i arrives at step t with increment {@code inc} = ζ·count. */
    private void arrive(RecurrentNetwork net, int i, int t, double inc, int nPre, double[] zbar, int[] last,
            double[] ebar, double[] eps, double[] sum, double[] l, double[] q, double[] g, boolean recurrent) {
        int from = last[i];
        if (from < 0) {
            zbar[i] = inc;
            last[i] = t;
            return;
        }
        int nRec = net.recurrent();
        for (int j = 0; j < nRec; j++) {
            if (recurrent && j == i) {
                continue;
            }
            advance(net, j, j * nPre + i, zbar[i], from, t, ebar, eps, sum, l, q, g);
        }
        zbar[i] = powAlpha[t - from] * zbar[i] + inc;
        last[i] = t;
    }

    private void flush(RecurrentNetwork net, int i, int steps, int nPre, double[] zbar, int[] last,
            double[] ebar, double[] eps, double[] sum, double[] l, double[] q, double[] g, boolean recurrent,
            double[] reg, boolean dropLast) {
        int nRec = net.recurrent();
        for (int j = 0; j < nRec; j++) {
            if (recurrent && j == i) {
                continue;
            }
            int n = j * nPre + i;
            if (dropLast) {
                advance(net, j, n, zbar[i], last[i], steps - 1, ebar, eps, sum, l, q, g);
                lastStepWithoutSignal(net, j, n, zbar[i] * powAlpha[steps - 1 - last[i]], steps, ebar, eps, sum);
            } else {
                advance(net, j, n, zbar[i], last[i], steps, ebar, eps, sum, l, q, g);
            }
            g[n] += reg[j] * sum[n];
            ebar[n] = 0.0;
            eps[n] = 0.0;
            sum[n] = 0.0;
        }
        zbar[i] = 0.0;
        last[i] = -1;
    }

    /** Step T−1 of synapse n with zbar = zb, updating ebar, eps and Σe but adding no L·ebar term. */
    private void lastStepWithoutSignal(RecurrentNetwork net, int j, int n, double zb, int steps,
            double[] ebarA, double[] epsA, double[] sumA) {
        NetworkParams p = net.params();
        double psi = psiA[j * steps + steps - 1];
        double e = net.isAdaptive(j) ? psi * (zb - p.betaAdapt() * epsA[n]) : psi * zb;
        if (net.isAdaptive(j)) {
            epsA[n] = p.rho() * epsA[n] + e;
        }
        ebarA[n] = p.kappa() * ebarA[n] + p.zetaOut() * e;
        sumA[n] += e;
    }

    /** Brings synapse n (post j) from step {@code from} (zbar = zb0 there) up to step {@code to} (exclusive). */
    private void advance(RecurrentNetwork net, int j, int n, double zb0, int from, int to, double[] ebarA,
            double[] epsA, double[] sumA, double[] l, double[] q, double[] g) {
        final NetworkParams p = net.params();
        final int steps = psiA.length / net.recurrent();
        final double alpha = p.alpha();
        final double kappa = p.kappa();
        final double rho = p.rho();
        final double zetaOut = p.zetaOut();
        final double betaA = p.betaAdapt();
        final boolean adaptive = net.isAdaptive(j);
        final int base = j * steps;
        final int qBase = j * (steps + 1);
        double zb = zb0;
        double ebar = ebarA[n];
        double eps = epsA[n];
        double sumE = sumA[n];
        double gn = 0.0;
        int s = from;
        while (s < to) {
            double psi = psiA[base + s];
            if (psi == 0.0) {
                int end = Math.min(nextNz[base + s], to);
                int len = end - s;
                gn += ebar * (q[qBase + s] - powKappa[len] * q[qBase + end]);
                ebar *= powKappa[len];
                if (adaptive) {
                    eps *= powRho[len];
                }
                zb *= powAlpha[len];
                s = end;
                continue;
            }
            double e;
            if (adaptive) {
                e = psi * (zb - betaA * eps);
                eps = rho * eps + e;
            } else {
                e = psi * zb;
            }
            ebar = kappa * ebar + zetaOut * e;
            gn += l[base + s] * ebar;
            sumE += e;
            zb *= alpha;
            s++;
        }
        ebarA[n] = ebar;
        epsA[n] = eps;
        sumA[n] = sumE;
        g[n] += gn;
    }

    /** Transposes ψ and L into per-neuron archives and builds the stretch sums Q and next-non-zero indices. */
    private void archive(Trajectory tr, double[] signal, double[] l, double[] q, boolean withPsi, double kappa) {
        int nRec = tr.recurrent;
        int steps = tr.steps;
        for (int j = 0; j < nRec; j++) {
            int base = j * steps;
            int qBase = j * (steps + 1);
            if (withPsi) {
                for (int t = 0; t < steps; t++) {
                    psiA[base + t] = tr.psi[t * nRec + j];
                }
            }
            for (int t = 0; t < steps; t++) {
                l[base + t] = signal[t * nRec + j];
            }
            q[qBase + steps] = 0.0;
            int next = steps;
            for (int t = steps - 1; t >= 0; t--) {
                if (psiA[base + t] != 0.0) {
                    next = t;
                    q[qBase + t] = 0.0;
                } else {
                    q[qBase + t] = kappa * (l[base + t] + q[qBase + t + 1]);
                }
                if (withPsi) {
                    nextNz[base + t] = next;
                }
            }
        }
    }

    /**
     * Sizes the archives and synapse states for this network and sequence length; all are reallocated together
     * whenever any of n_in, n_rec or T differs from the last call (arrays sized by a product of them can have the
     * right length for the wrong shape).
     */
    private void allocate(int nIn, int nRec, int steps, NetworkParams p) {
        if (nIn != shapeIn || nRec != shapeRec || steps != shapeSteps) {
            psiA = new double[nRec * steps];
            lIn = new double[nRec * steps];
            lRec = new double[nRec * steps];
            qIn = new double[nRec * (steps + 1)];
            qRec = new double[nRec * (steps + 1)];
            nextNz = new int[nRec * steps];
            inEbar = new double[nRec * nIn];
            inEps = new double[nRec * nIn];
            inSum = new double[nRec * nIn];
            inZbar = new double[nIn];
            inLast = new int[nIn];
            recEbar = new double[nRec * nRec];
            recEps = new double[nRec * nRec];
            recSum = new double[nRec * nRec];
            recZbar = new double[nRec];
            recLast = new int[nRec];
            shapeIn = nIn;
            shapeRec = nRec;
            shapeSteps = steps;
        }
        powAlpha = powers(powAlpha, p.alpha(), steps);
        powKappa = powers(powKappa, p.kappa(), steps);
        powRho = powers(powRho, p.rho(), steps);
    }

    private static double[] powers(double[] old, double base, int steps) {
        double[] pw = old.length == steps + 1 && old.length > 1 && old[1] == base ? old : new double[steps + 1];
        if (pw != old) {
            pw[0] = 1.0;
            for (int n = 1; n <= steps; n++) {
                pw[n] = pw[n - 1] * base;
            }
        }
        return pw;
    }
}
