package org.spikering.plasticity.bptt;

import java.util.Arrays;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.TrajectoryListener;
import org.spikering.plasticity.reg.RateRegularisation;

/**
 * Exact real-time recurrent learning on a LIF/ALIF network with the pseudo-derivative ψ (rule {@code rtrl} on
 * spiking networks): the forward-mode form of {@link Bptt} with the reset path detached (rule {@code bptt}), the
 * sensitivities of v, a, z and the readout y to every input and recurrent weight θ carried forward in time
 * (dz/dv = ψ, dz/da = −β_a ψ, as in {@link Bptt}):
 * <pre>
 * Mv^t = α Mv^{t−1} + ζ W_rec Mz^{t−1} + ζ ∂(W_in x^t + W_rec z^{t−1})/∂θ       (immediate: x_i^t or z_i^{t−1} in row j)
 * Ma^t = ρ Ma^{t−1} + Mz^{t−1}   (ALIF units; 0 for LIF)
 * Mz^t = ψ^t ⊙ (Mv^t − β_a Ma^t)
 * My^t = κ My^{t−1} + ζ_out W_out Mz^t
 * dE/dθ = Σ_t (err^t · My^t + Σ_j R_j Mz_j^t);     dE/dW^out_kj = Σ_t err_k^t ȳ_j^t,  ȳ^t = κ ȳ^{t−1} + ζ_out z^t
 * </pre>
 * R_j the rate-regularisation factor ({@link RateRegularisation}; it needs the sequence's spike count, so that term is
 * added after the forward pass). Equal to {@link Bptt}{@code (true)} to rounding (a test checks 1e-10). With a
 * {@link StateUpdateHook} it runs through the rounded trajectory straight-through, as {@link Bptt} does. State: the
 * n × n(n_in + n) sensitivities of v, a and z (and n_out × n(n_in + n) of y); cost O(n⁴) per step (W_rec Mz).
 */
public final class SpikingRtrl implements GradientComputer {
    private Trajectory tr;
    private TrajectoryListener listener = TrajectoryListener.NONE;
    private StateUpdateHook stateHook = StateUpdateHook.NONE;
    private double[] mv = new double[0];
    private double[] ma = new double[0];
    private double[] mz = new double[0];
    private double[] mzPrev = new double[0];
    private double[] my = new double[0];
    private double[] g = new double[0];
    private double[] ybar = new double[0];
    private double[] reg = new double[0];

    @Override
    public String name() {
        return "RTRL (spiking)";
    }

    @Override
    public void setStateHook(StateUpdateHook q) {
        if (q == null) {
            throw new IllegalArgumentException("state hook = null: use StateUpdateHook.NONE for double precision");
        }
        this.stateHook = q;
    }

    @Override
    public void setTrajectoryListener(TrajectoryListener l) {
        if (l == null) {
            throw new IllegalArgumentException("trajectory listener = null: use TrajectoryListener.NONE for none");
        }
        this.listener = l;
    }

    @Override
    public void compute(RecurrentNetwork net, SequenceBatch batch, Gradients out) {
        if (net.isRate()) {
            throw new IllegalArgumentException("RTRL (spiking): for a rate network use Rules.create (RateRtrl)");
        }
        if (!out.fits(net)) {
            throw new IllegalArgumentException("gradients shaped for another network");
        }
        out.clear();
        final int steps = batch.steps();
        final int nIn = net.inputs();
        final int n = net.recurrent();
        final int nOut = net.outputs();
        final int m = nIn + n;
        final int p = n * m;
        if (tr == null || !tr.fits(steps, n, nOut)) {
            tr = new Trajectory(steps, n, nOut);
        }
        if (g.length != p || my.length != nOut * p) {
            mv = new double[n * p];
            ma = new double[n * p];
            mz = new double[n * p];
            mzPrev = new double[n * p];
            my = new double[nOut * p];
            g = new double[p];
            ybar = new double[n];
            reg = new double[n];
        }
        final NetworkParams par = net.params();
        final double alpha = par.alpha();
        final double kappa = par.kappa();
        final double rho = par.rho();
        final double zeta = par.zeta();
        final double zetaOut = par.zetaOut();
        final double betaA = par.betaAdapt();
        final double[] wRec = net.wRec();
        final double[] wOut = net.wOut();
        final float[] x = batch.inputSpikes();
        double correct = 0.0;
        long spikes = 0;
        for (int s = 0; s < batch.batchSize(); s++) {
            ForwardPass.run(net, batch, s, tr, stateHook);
            listener.onForwardPass(net, batch, s, tr);
            RateRegularisation.factors(par, tr.spikeCount, steps, reg);
            Arrays.fill(mv, 0.0);
            Arrays.fill(ma, 0.0);
            Arrays.fill(mz, 0.0);
            Arrays.fill(my, 0.0);
            Arrays.fill(g, 0.0);
            Arrays.fill(ybar, 0.0);
            for (int t = 0; t < steps; t++) {
                final double[] tmp = mzPrev;
                mzPrev = mz;
                mz = tmp;
                final int base = t * n;
                final int xb = (s * steps + t) * nIn;
                for (int j = 0; j < n; j++) {
                    final int rj = j * p;
                    for (int q = 0; q < p; q++) {
                        mv[rj + q] *= alpha;
                    }
                    if (t > 0) {
                        for (int i = 0; i < n; i++) {
                            final double w = zeta * wRec[j * n + i];
                            if (w != 0.0) {
                                final int ri = i * p;
                                for (int q = 0; q < p; q++) {
                                    mv[rj + q] += w * mzPrev[ri + q];
                                }
                            }
                        }
                    }
                    final int own = rj + j * m; // row j of θ
                    for (int i = 0; i < nIn; i++) {
                        mv[own + i] += zeta * x[xb + i];
                    }
                    if (t > 0) {
                        for (int i = 0; i < n; i++) {
                            mv[own + nIn + i] += zeta * tr.z[base - n + i];
                        }
                    }
                    final boolean adaptive = net.isAdaptive(j);
                    if (adaptive) {
                        for (int q = 0; q < p; q++) {
                            ma[rj + q] = rho * ma[rj + q] + mzPrev[rj + q];
                        }
                    }
                    final double psi = tr.psi[base + j];
                    final double b = adaptive ? betaA : 0.0;
                    for (int q = 0; q < p; q++) {
                        mz[rj + q] = psi * (mv[rj + q] - b * ma[rj + q]);
                    }
                    if (reg[j] != 0.0 && psi != 0.0) {
                        for (int q = 0; q < p; q++) {
                            g[q] += reg[j] * mz[rj + q];
                        }
                    }
                }
                for (int k = 0; k < nOut; k++) {
                    final int rk = k * p;
                    for (int q = 0; q < p; q++) {
                        my[rk + q] *= kappa;
                    }
                    for (int j = 0; j < n; j++) {
                        final double w = zetaOut * wOut[k * n + j];
                        if (w != 0.0 && tr.psi[base + j] != 0.0) {
                            final int rj = j * p;
                            for (int q = 0; q < p; q++) {
                                my[rk + q] += w * mz[rj + q];
                            }
                        }
                    }
                    final double e = tr.err[t * nOut + k];
                    if (e != 0.0) {
                        for (int q = 0; q < p; q++) {
                            g[q] += e * my[rk + q];
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    ybar[j] = kappa * ybar[j] + zetaOut * tr.z[base + j];
                }
                for (int k = 0; k < nOut; k++) {
                    final double e = tr.err[t * nOut + k];
                    if (e != 0.0) {
                        for (int j = 0; j < n; j++) {
                            out.wOut[k * n + j] += e * ybar[j];
                        }
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                final int row = j * m;
                for (int i = 0; i < nIn; i++) {
                    out.wIn[j * nIn + i] += g[row + i];
                }
                for (int i = 0; i < n; i++) {
                    if (i != j) {
                        out.wRec[j * n + i] += g[row + nIn + i];
                    }
                }
            }
            out.loss += tr.loss;
            correct += tr.correct;
            spikes += tr.totalSpikes();
        }
        final double inv = 1.0 / batch.batchSize();
        for (double[] a : new double[][] {out.wIn, out.wRec, out.wOut}) {
            for (int q = 0; q < a.length; q++) {
                a[q] *= inv;
            }
        }
        out.loss *= inv;
        out.accuracy = correct * inv;
        out.meanRateHz = spikes * inv / n / (steps * par.dtMs() / 1000.0);
    }
}
