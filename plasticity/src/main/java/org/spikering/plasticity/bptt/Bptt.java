package org.spikering.plasticity.bptt;

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
 * Backpropagation through time through the recorded trajectory, with the same pseudo-derivative ψ as e-prop
 * (dz/dv = ψ, dz/dA = −ψ). Reverse recursion (δ = total derivative of E; terms beyond T are 0):
 * <pre>
 * δy_k^t = err_k^t + κ δy_k^{t+1}
 * dz_j^t = ζ_out Σ_k W^out_kj δy_k^t + R_j + ζ Σ_l W^rec_lj δv_l^{t+1} − [reset attached] v_th δv_j^{t+1} + δa_j^{t+1}
 * δv_j^t = ψ_j^t dz_j^t + α δv_j^{t+1}
 * δa_j^t = −β_a ψ_j^t dz_j^t + ρ δa_j^{t+1}                     (ALIF)
 * dE/dW^in_ji = Σ_t δv_j^t ζ x_i^t;   dE/dW^rec_ji = Σ_t δv_j^t ζ z_i^{t−1};   dE/dW^out_kj = Σ_t δy_k^t ζ_out z_j^t
 * </pre>
 * R_j is the rate-regularisation factor ({@link RateRegularisation}). With the reset path detached (the
 * default, as in Bellec et al.'s code) and W_rec = 0 this equals e-prop exactly. With a {@link StateUpdateHook} the
 * forward pass rounds v and a every step and the recursion runs through the rounded trajectory with d round/dx := 1
 * (straight-through).
 */
public final class Bptt implements GradientComputer {
    private final boolean detachReset;
    private Trajectory tr;
    private TrajectoryListener listener = TrajectoryListener.NONE;
    private StateUpdateHook stateHook = StateUpdateHook.NONE;

    /** @param detachReset true to stop the gradient through the reset term −v_th z^{t−1} */
    public Bptt(boolean detachReset) {
        this.detachReset = detachReset;
    }

    @Override
    public String name() {
        return "BPTT";
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
            throw new IllegalArgumentException("BPTT (spiking): for a rate network use Rules.create (RateBptt)");
        }
        if (!out.fits(net)) {
            throw new IllegalArgumentException("gradients shaped for another network");
        }
        out.clear();
        final int steps = batch.steps();
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        if (tr == null || !tr.fits(steps, nRec, nOut)) {
            tr = new Trajectory(steps, nRec, nOut);
        }
        final NetworkParams p = net.params();
        final double alpha = p.alpha();
        final double kappa = p.kappa();
        final double rho = p.rho();
        final double zeta = p.zeta();
        final double zetaOut = p.zetaOut();
        final double vth = p.thresholdMv();
        final double betaA = p.betaAdapt();
        final double[] wRec = net.wRec();
        final double[] wOut = net.wOut();
        final float[] x = batch.inputSpikes();
        double[] reg = new double[nRec];
        double[] dy = new double[nOut];
        double[] dvNext = new double[nRec];
        double[] daNext = new double[nRec];
        double[] dv = new double[nRec];
        double[] da = new double[nRec];
        double[] fromRec = new double[nRec];
        double correct = 0.0;
        long spikes = 0;
        for (int s = 0; s < batch.batchSize(); s++) {
            ForwardPass.run(net, batch, s, tr, stateHook);
            listener.onForwardPass(net, batch, s, tr);
            RateRegularisation.factors(p, tr.spikeCount, steps, reg);
            java.util.Arrays.fill(dy, 0.0);
            java.util.Arrays.fill(dvNext, 0.0);
            java.util.Arrays.fill(daNext, 0.0);
            for (int t = steps - 1; t >= 0; t--) {
                for (int k = 0; k < nOut; k++) {
                    dy[k] = tr.err[t * nOut + k] + kappa * dy[k];
                }
                // ζ Σ_l W^rec_lj δv_l^{t+1}
                java.util.Arrays.fill(fromRec, 0.0);
                for (int l = 0; l < nRec; l++) {
                    double d = dvNext[l];
                    if (d != 0.0) {
                        int row = l * nRec;
                        for (int j = 0; j < nRec; j++) {
                            fromRec[j] += wRec[row + j] * d;
                        }
                    }
                }
                int base = t * nRec;
                for (int j = 0; j < nRec; j++) {
                    double dz = reg[j] + zeta * fromRec[j] + daNext[j];
                    for (int k = 0; k < nOut; k++) {
                        dz += zetaOut * wOut[k * nRec + j] * dy[k];
                    }
                    if (!detachReset) {
                        dz -= vth * dvNext[j];
                    }
                    double psi = tr.psi[base + j];
                    dv[j] = psi * dz + alpha * dvNext[j];
                    da[j] = net.isAdaptive(j) ? -betaA * psi * dz + rho * daNext[j] : 0.0;
                }
                // weight gradients at step t
                int xb = (s * steps + t) * nIn;
                for (int i = 0; i < nIn; i++) {
                    float xi = x[xb + i];
                    if (xi != 0f) {
                        double f = zeta * xi;
                        for (int j = 0; j < nRec; j++) {
                            out.wIn[j * nIn + i] += dv[j] * f;
                        }
                    }
                }
                if (t > 0) {
                    for (int q = tr.spikeStart[t - 1]; q < tr.spikeStart[t]; q++) {
                        int i = tr.spikeIndex[q];
                        for (int j = 0; j < nRec; j++) {
                            if (j != i) {
                                out.wRec[j * nRec + i] += dv[j] * zeta;
                            }
                        }
                    }
                }
                for (int q = tr.spikeStart[t]; q < tr.spikeStart[t + 1]; q++) {
                    int j = tr.spikeIndex[q];
                    for (int k = 0; k < nOut; k++) {
                        out.wOut[k * nRec + j] += dy[k] * zetaOut;
                    }
                }
                double[] tmp = dvNext;
                dvNext = dv;
                dv = tmp;
                tmp = daNext;
                daNext = da;
                da = tmp;
            }
            out.loss += tr.loss;
            correct += tr.correct;
            spikes += tr.totalSpikes();
        }
        double inv = 1.0 / batch.batchSize();
        for (double[] g : new double[][] {out.wIn, out.wRec, out.wOut}) {
            for (int n = 0; n < g.length; n++) {
                g[n] *= inv;
            }
        }
        out.loss *= inv;
        out.accuracy = correct * inv;
        out.meanRateHz = spikes * inv / nRec / (steps * p.dtMs() / 1000.0);
    }
}
