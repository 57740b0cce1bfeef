package org.spikering.plasticity.rate;

import java.util.Arrays;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.ReadoutLoss;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Forward pass of one sequence through a leaky rate RNN ({@link RecurrentNetwork#isRate()}, {@link RateUnits}),
 * recorded in a {@link Trajectory} whose arrays are reinterpreted (see there). The state update is neuron-models'
 * {@link LeakyRateUnit#next} and {@link LeakyRateUnit#rate} (the one implementation of the units' equation); the
 * loss is {@link ReadoutLoss}, the same code as for spiking networks. State starts at 0 every sequence; x^t is
 * {@link SequenceBatch#inputSpikes()} (any finite value: spikes or analog input). With λ = dt/τ, for
 * t = 0..T−1 (r^{−1} = u^{−1} = 0):
 * <pre>
 * a_j^t  = b + Σ_i W^in_ji x_i^t + Σ_{i≠j} W^rec_ji r_i^{t−1}
 * rate_leak:     r_j^t = (1 − λ) r_j^{t−1} + λ φ(a_j^t)            v_j^t := a_j^t
 * current_leak:  u_j^t = (1 − λ) u_j^{t−1} + λ a_j^t, r_j^t = φ(u_j^t)   v_j^t := u_j^t
 * ψ_j^t := φ'(v_j^t),  z_j^t := r_j^t,  a (adaptation) := 0, no spikes
 * yv_k^t = Σ_j W^out_kj r_j^t                                       (linear, instantaneous readout)
 * then y, err, E as {@link ReadoutLoss}
 * </pre>
 */
public final class RateForwardPass {
    private RateForwardPass() {
    }

    /**
     * Runs sequence b of the batch through the rate network into {@code tr}, in double precision.
     *
     * @param net   a rate network.
     * @param batch the batch.
     * @param b     sequence index.
     * @param tr    output, shaped for the batch's steps and the network.
     * @throws IllegalArgumentException if the network is not a rate network or the batch does not fit it.
     */
    public static void run(RecurrentNetwork net, SequenceBatch batch, int b, Trajectory tr) {
        final RateUnits units = net.rateUnits();
        if (units == null) {
            throw new IllegalArgumentException("RateForwardPass: network has LIF/ALIF units, not rate units");
        }
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        final int steps = batch.steps();
        if (batch.inputs() != nIn || batch.outputs() != nOut) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs and " + batch.outputs()
                    + " outputs: network needs " + nIn + " and " + nOut);
        }
        if (!tr.fits(steps, nRec, nOut)) {
            throw new IllegalArgumentException("trajectory shaped " + tr.steps + "x" + tr.recurrent + "x" + tr.outputs
                    + ": needs " + steps + "x" + nRec + "x" + nOut);
        }
        final LeakyRateUnit unit = units.unit(net.params().dtMs());
        final RateActivation phi = units.activation();
        final boolean rateLeak = units.form() == LeakyRateUnit.Form.RATE_LEAK;
        final double bias = units.bias();
        final double[] wIn = net.wIn();
        final double[] wRec = net.wRec();
        final double[] wOut = net.wOut();
        final float[] x = batch.inputSpikes();
        final double[] v = tr.v;
        final double[] psi = tr.psi;
        final double[] z = tr.z;
        Arrays.fill(tr.a, 0.0);
        Arrays.fill(tr.spikeStart, 0);
        Arrays.fill(tr.spikeCount, 0);
        final ReadoutLoss loss = new ReadoutLoss(batch, b, tr);
        for (int t = 0; t < steps; t++) {
            final int base = t * nRec;
            final int prev = base - nRec;
            final int xb = (b * steps + t) * nIn;
            for (int j = 0; j < nRec; j++) {
                double in = bias;
                final int rowIn = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    final float s = x[xb + i];
                    if (s != 0f) {
                        in += wIn[rowIn + i] * s;
                    }
                }
                if (t > 0) {
                    in += dot(wRec, j * nRec, z, prev, nRec);
                }
                final double statePrev = t > 0 ? (rateLeak ? z[prev + j] : v[prev + j]) : 0.0;
                final double state = unit.next(statePrev, in);
                if (rateLeak) {
                    v[base + j] = in;
                    z[base + j] = state;
                } else {
                    v[base + j] = state;
                    z[base + j] = unit.rate(state);
                }
                psi[base + j] = phi.derivative(v[base + j]);
            }
            final int ob = t * nOut;
            for (int k = 0; k < nOut; k++) {
                double y = 0.0;
                final int row = k * nRec;
                for (int j = 0; j < nRec; j++) {
                    y += wOut[row + j] * z[base + j];
                }
                tr.yv[ob + k] = y;
            }
            loss.step(t);
        }
        loss.finish();
    }

    /**
     * Σ_i w[wOff + i] · r[rOff + i] over n terms, summed in four interleaved partial sums (i mod 4) that are then added
     * as (s0 + s1) + (s2 + s3): independent additions the CPU overlaps, in a fixed order, so the result is the same
     * on every run.
     */
    static double dot(final double[] w, final int wOff, final double[] r, final int rOff, final int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += w[wOff + i] * r[rOff + i];
            s1 += w[wOff + i + 1] * r[rOff + i + 1];
            s2 += w[wOff + i + 2] * r[rOff + i + 2];
            s3 += w[wOff + i + 3] * r[rOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += w[wOff + i] * r[rOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
