package org.spikering.plasticity.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.reg.RateRegularisation;
import org.spikering.plasticity.train.GradientComparison;

/**
 * BPTT (reverse mode) against an independent forward-mode (RTRL) computation of the same surrogate gradient,
 * with recurrent weights and ALIF neurons: for every weight θ the sensitivities dv/dθ, da/dθ, dz/dθ = ψ(dv/dθ −
 * β_a da/dθ) and dy/dθ are carried forward through the recorded trajectory, with the reset path detached (the
 * default) and attached (dv_j^t/dθ also gets −v_th dz_j^{t−1}/dθ).
 */
final class BpttVersusForwardModeTest {

    @ParameterizedTest(name = "reset detached = {0}")
    @ValueSource(booleans = {true, false})
    void shouldEqualForwardModeGradientWhenNetworkIsRecurrentAndAdaptive(boolean detach) {
        NetworkParams p = new NetworkParams(1.0, 20.0, 1.0, 1, true, 0.3, 1.0, 50.0, 0.4, 15.0, 0.7, 20.0);
        int nIn = 3;
        int nRec = 5;
        int nOut = 2;
        int steps = 60;
        for (LossKind loss : LossKind.values()) {
            RecurrentNetwork net = RecurrentNetwork.random(nIn, nRec, nOut, 2, p, 5);
            for (int n = 0; n < net.wIn().length; n++) {
                net.wIn()[n] *= 3.0;
            }
            for (int n = 0; n < net.wRec().length; n++) {
                net.wRec()[n] *= 1.5;
            }
            SplittableRandom r = new SplittableRandom(8);
            float[] x = new float[steps * nIn];
            for (int n = 0; n < x.length; n++) {
                x[n] = r.nextDouble() < 0.3 ? 1f : 0f;
            }
            double[] y = new double[steps * nOut];
            boolean[] mask = new boolean[steps];
            for (int t = 0; t < steps; t++) {
                y[t * nOut + (t / 20) % nOut] = 1.0;
                mask[t] = t >= 10;
            }
            SequenceBatch batch = new SequenceBatch(1, steps, nIn, nOut, x, y, mask, loss);
            Gradients g = Gradients.zerosFor(net);
            new Bptt(detach).compute(net, batch, g);
            Trajectory tr = new Trajectory(steps, nRec, nOut);
            ForwardPass.run(net, batch, 0, tr);
            assertTrue(tr.totalSpikes() > 10, "network must spike: " + tr.totalSpikes());
            double[] fin = new double[nRec * nIn];
            double[] frec = new double[nRec * nRec];
            for (int j = 0; j < nRec; j++) {
                for (int q = 0; q < nIn; q++) {
                    fin[j * nIn + q] = forwardMode(net, batch, tr, j, q, false, detach);
                }
                for (int q = 0; q < nRec; q++) {
                    frec[j * nRec + q] = q == j ? 0.0 : forwardMode(net, batch, tr, j, q, true, detach);
                }
            }
            double dIn = GradientComparison.maxRelativeDifference(g.wIn, fin);
            double dRec = GradientComparison.maxRelativeDifference(g.wRec, frec);
            assertTrue(dIn < 1e-10, loss + " detach=" + detach + " W_in: " + dIn);
            assertTrue(dRec < 1e-10, loss + " detach=" + detach + " W_rec: " + dRec);
        }
    }

    /** dE/dW_pq by forward-mode sensitivities through the recorded trajectory. */
    private static double forwardMode(RecurrentNetwork net, SequenceBatch batch, Trajectory tr, int post, int pre,
            boolean recurrentWeight, boolean detachReset) {
        NetworkParams p = net.params();
        int nIn = net.inputs();
        int nRec = net.recurrent();
        int nOut = net.outputs();
        int steps = batch.steps();
        double[] reg = new double[nRec];
        RateRegularisation.factors(p, tr.spikeCount, steps, reg);
        double[] sv = new double[nRec];
        double[] sa = new double[nRec];
        double[] sz = new double[nRec];
        double[] szPrev = new double[nRec];
        double[] sy = new double[nOut];
        double grad = 0.0;
        for (int t = 0; t < steps; t++) {
            System.arraycopy(sz, 0, szPrev, 0, nRec);
            for (int j = 0; j < nRec; j++) {
                double rec = 0.0;
                for (int i = 0; i < nRec; i++) {
                    rec += net.wRec()[j * nRec + i] * szPrev[i];
                }
                double direct = 0.0;
                if (j == post) {
                    if (recurrentWeight) {
                        direct = t > 0 ? tr.z[(t - 1) * nRec + pre] : 0.0;
                    } else {
                        direct = batch.inputSpikes()[t * nIn + pre];
                    }
                }
                sv[j] = p.alpha() * sv[j] + p.zeta() * (rec + direct) - (detachReset ? 0.0 : p.thresholdMv() * szPrev[j]);
                if (net.isAdaptive(j)) {
                    sa[j] = p.rho() * sa[j] + szPrev[j];
                } else {
                    sa[j] = 0.0;
                }
            }
            for (int j = 0; j < nRec; j++) {
                sz[j] = tr.psi[t * nRec + j] * (sv[j] - p.betaAdapt() * sa[j]);
                grad += reg[j] * sz[j];
            }
            for (int k = 0; k < nOut; k++) {
                double in = 0.0;
                for (int j = 0; j < nRec; j++) {
                    in += net.wOut()[k * nRec + j] * sz[j];
                }
                sy[k] = p.kappa() * sy[k] + p.zetaOut() * in;
                grad += tr.err[t * nOut + k] * sy[k];
            }
        }
        return grad;
    }
}
