package org.spikering.plasticity.network;

import org.spikering.neuron.alif.AlifNeuron;
import org.spikering.neuron.readout.LeakyReadout;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.rate.RateForwardPass;

/**
 * Forward pass of one sequence in NEST's {@code *_bsshslm_2020} step order, re-indexed to logical time
 * (EPROP.md §2.3–2.5). State is reset at the start of every sequence. With a {@link StateUpdateHook} the state
 * v, a is rounded after its update, before ψ and z are computed from it (marked [Q] below). The neuron and readout equations are
 * neuron-models' {@link AlifNeuron#step} and {@link LeakyReadout#next}; this class adds the wiring (input
 * sums, spike lists) and the loss. For t = 0..T−1:
 * <pre>
 * r_j ← max(r_j − 1, 0)
 * v_j^t = α v_j^{t−1} + ζ (Σ_i W^in_ji x_i^t + Σ_i W^rec_ji z_i^{t−1}) − v_th z_j^{t−1}
 * a_j^t = ρ a_j^{t−1} + z_j^{t−1};                                  (LIF: a = 0)
 * [Q] v_j^t, a_j^t ← Q(v_j^t), Q(a_j^t)
 * A_j^t = v_th + β_a a_j^t                                            (LIF: A = v_th)
 * ψ_j^t = r_j &gt; 0 ? 0 : γ max(0, 1 − β |v_j^t − A_j^t|)
 * z_j^t = [v_j^t ≥ A_j^t and r_j = 0];  on a spike r_j = t_ref/dt
 * yv_k^t = κ yv_k^{t−1} + ζ_out Σ_j W^out_kj z_j^t
 * regression: y = yv,  E = ½ Σ_masked (y − y*)²;   classification: π = softmax(yv), E = −Σ_masked Σ_k π* log π
 * err_k^t = mask^t ? (y_k^t − y*_k^t) : 0
 * </pre>
 * A rate network ({@link RecurrentNetwork#isRate()}) is run by {@link RateForwardPass} instead (its state cannot take
 * a {@link StateUpdateHook}); the loss part is {@link ReadoutLoss} for both kinds.
 */
public final class ForwardPass {
    private ForwardPass() {
    }

    /** Why a rate network refuses a {@link StateUpdateHook} other than {@link StateUpdateHook#NONE}. */
    public static final String RATE_STATE_HOOK =
            "hardware.state holds LIF/ALIF v and a; not for rate networks";

    /** Runs sequence b of the batch through the network into {@code tr}, in double precision. */
    public static void run(RecurrentNetwork net, SequenceBatch batch, int b, Trajectory tr) {
        run(net, batch, b, tr, StateUpdateHook.NONE);
    }

    /**
     * Runs sequence b of the batch through the network into {@code tr}, with the state rounded by {@code q} after each
     * step's update (between {@link AlifNeuron#integrate} and {@link AlifNeuron#fire}; {@link StateUpdateHook#NONE}:
     * double precision).
     */
    public static void run(RecurrentNetwork net, SequenceBatch batch, int b, Trajectory tr, StateUpdateHook stateHook) {
        if (net.isRate()) {
            if (stateHook != StateUpdateHook.NONE) {
                throw new IllegalArgumentException(RATE_STATE_HOOK);
            }
            RateForwardPass.run(net, batch, b, tr);
            return;
        }
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        final int steps = batch.steps();
        if (batch.inputs() != nIn || batch.outputs() != nOut) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs and " + batch.outputs()
                    + " outputs: network needs " + nIn + " and " + nOut);
        }
        final NetworkParams p = net.params();
        final AlifNeuron neuron = p.neuron();
        final double[] wIn = net.wIn();
        final double[] wRec = net.wRec();
        final float[] x = batch.inputSpikes();
        final double[] v = tr.v;
        final double[] psi = tr.psi;
        final double[] z = tr.z;
        final double[] a = tr.a;
        final double[] cur = new double[nRec];
        final int[] refractory = new int[nRec];
        final boolean[] adaptive = net.adaptiveFlags();
        final double[] rest = new double[nRec];
        final int[] fired = new int[nRec];
        final Readout readout = new Readout(net, batch, b, tr);
        java.util.Arrays.fill(tr.spikeCount, 0);
        int nSpikes = 0;
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(cur, 0.0);
            int xBase = (b * steps + t) * nIn;
            for (int i = 0; i < nIn; i++) {
                float s = x[xBase + i];
                if (s != 0f) {
                    for (int j = 0; j < nRec; j++) {
                        cur[j] += s * wIn[j * nIn + i];
                    }
                }
            }
            int base = t * nRec;
            int prev = base - nRec;
            tr.spikeStart[t] = nSpikes;
            if (t > 0) {
                for (int q = tr.spikeStart[t - 1]; q < nSpikes; q++) {
                    int i = tr.spikeIndex[q];
                    for (int j = 0; j < nRec; j++) {
                        cur[j] += wRec[j * nRec + i];
                    }
                }
            }
            if (t > 0) {
                neuron.integrate(adaptive, 0, nRec, v, a, z, prev, cur, v, a, base);
            } else {
                neuron.integrate(adaptive, 0, nRec, rest, rest, rest, 0, cur, v, a, base);
            }
            stateHook.afterStateUpdate(adaptive, 0, nRec, v, a, base);
            final int c = neuron.fire(adaptive, 0, nRec, v, a, base, refractory, psi, z, fired, 0);
            if (nSpikes + c > tr.spikeIndex.length) {
                tr.spikeIndex = java.util.Arrays.copyOf(tr.spikeIndex, Math.max(2 * tr.spikeIndex.length, nSpikes + c));
            }
            for (int k = 0; k < c; k++) {
                final int j = fired[k];
                tr.spikeCount[j]++;
                tr.spikeIndex[nSpikes++] = j;
            }
            readout.step(t, tr.spikeStart[t], nSpikes);
        }
        tr.spikeStart[steps] = nSpikes;
        readout.finish();
    }

    /**
     * The readout part of the step (after the recurrent spikes of step t are known) and the loss, shared by
     * this forward pass and the engine's ({@code org.spikering.plasticity.engine.EngineForwardPass}), so both
     * compute them with the same operations in the same order. The loss part is {@link ReadoutLoss} (shared with rate
     * networks).
     */
    public static final class Readout {
        private final RecurrentNetwork net;
        private final Trajectory tr;
        private final LeakyReadout leaky;
        private final ReadoutLoss loss;

        /**
         * @param net   the network.
         * @param batch the batch.
         * @param b     sequence index.
         * @param tr    the trajectory whose spike lists are filled up to the step passed to {@link #step}.
         */
        public Readout(RecurrentNetwork net, SequenceBatch batch, int b, Trajectory tr) {
            this.net = net;
            this.tr = tr;
            this.leaky = net.params().readout();
            this.loss = new ReadoutLoss(batch, b, tr);
        }

        /**
         * Readout voltage, output, error and loss of step t, from the recurrent spikes
         * {@code tr.spikeIndex[first .. end)} of that step.
         *
         * @param t     step.
         * @param first first spike of step t in {@code tr.spikeIndex}.
         * @param end   end of step t's spikes.
         */
        public void step(int t, int first, int end) {
            final int nRec = net.recurrent();
            final int nOut = net.outputs();
            final double[] wOut = net.wOut();
            final int nSpikes = end;
            int ob = t * nOut;
            for (int k = 0; k < nOut; k++) {
                double in = 0.0;
                for (int q = first; q < nSpikes; q++) {
                    in += wOut[k * nRec + tr.spikeIndex[q]];
                }
                double yPrev = t > 0 ? tr.yv[ob - nOut + k] : 0.0;
                tr.yv[ob + k] = leaky.next(yPrev, in);
            }
            loss.step(t);
        }

        /** Stores the loss and the classification outcome in the trajectory. */
        public void finish() {
            loss.finish();
        }
    }
}
