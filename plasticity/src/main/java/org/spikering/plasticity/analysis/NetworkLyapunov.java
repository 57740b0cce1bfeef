package org.spikering.plasticity.analysis;

import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;

/**
 * Lyapunov spectrum of a {@link RecurrentNetwork} along the trajectory an input drives (TASKS.md §6.1): the network is
 * run once by its own forward pass ({@link ForwardPass}: rate or LIF/ALIF, from the zero state, in double precision)
 * on the whole input as one sequence, then {@link LyapunovSpectrum} propagates k tangent vectors through the recorded
 * step Jacobians ({@link NetworkTangentMap}; surrogate Jacobians for LIF/ALIF networks).
 */
public final class NetworkLyapunov {

    private NetworkLyapunov() {
    }

    /**
     * @param net the network.
     * @return n, the dimension of its state and of its exponents: the units, plus the ALIF units' adaptation variables
     *         ({@link NetworkTangentMap#dimension()}).
     */
    public static int stateDimension(final RecurrentNetwork net) {
        int n = net.recurrent();
        for (int j = 0; j < net.recurrent(); j++) {
            n += net.isAdaptive(j) ? 1 : 0;
        }
        return n;
    }

    /**
     * @param net   the network.
     * @param steps trajectory steps T.
     * @return bytes of the input, the recorded {@link Trajectory} and the tangent work of a spectrum over T steps, an
     *         upper estimate (8 bytes per value) for memory checks.
     */
    public static double trajectoryBytes(final RecurrentNetwork net, final long steps) {
        return 8.0 * steps * (net.recurrent() * 9.0 + net.inputs() + net.outputs() * 4.0);
    }

    /**
     * @param net         the network.
     * @param input       [t][i] input of every step, T × inputs (spike counts or analog values; zeros: autonomous).
     * @param k           exponents.
     * @param warmup      maps before counting, in [0, T − 1).
     * @param seed        seed of the initial tangent vectors.
     * @param traceEvery  record the running estimates every this many counted steps.
     * @param resetAttach differentiate the LIF/ALIF reset (see {@link NetworkTangentMap}).
     * @return the spectrum, per step.
     */
    public static LyapunovSpectrum.Result compute(final RecurrentNetwork net, final float[] input, final int k,
            final int warmup, final long seed, final int traceEvery, final boolean resetAttach) {
        final Trajectory tr = run(net, input);
        return LyapunovSpectrum.compute(new NetworkTangentMap(net, tr, resetAttach), k, warmup, seed, traceEvery);
    }

    /**
     * @param net   the network.
     * @param input T × inputs values.
     * @return the trajectory of the network's forward pass on that input as one sequence (targets 0, loss ignored).
     */
    public static Trajectory run(final RecurrentNetwork net, final float[] input) {
        final int nIn = net.inputs();
        if (input.length == 0 || input.length % nIn != 0) {
            throw new IllegalArgumentException("input of " + input.length + " values: must be steps x " + nIn
                    + " inputs, steps >= 1");
        }
        final int steps = input.length / nIn;
        final boolean[] mask = new boolean[steps];
        java.util.Arrays.fill(mask, true);
        final SequenceBatch b = new SequenceBatch(1, steps, nIn, net.outputs(), input,
                new double[steps * net.outputs()], mask, LossKind.REGRESSION_MSE);
        final Trajectory tr = new Trajectory(steps, net.recurrent(), net.outputs());
        ForwardPass.run(net, b, 0, tr);
        return tr;
    }
}
