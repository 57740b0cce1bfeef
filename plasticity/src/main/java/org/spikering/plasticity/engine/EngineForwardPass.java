package org.spikering.plasticity.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikering.neuron.source.SpikeGeneratorModel;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.ForwardModel;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;

/**
 * The forward pass of an e-prop network on sim-core's spike engine (Disruptor pipeline, any number of
 * threads): the inputs are a spike-generator population, the recurrent neurons are
 * neuron-models' {@link org.spikering.neuron.alif.AlifPopulation} populations ({@link NetworkParams#neuronModel};
 * "alif" = the adaptive neurons, which come first, then "lif"; the same {@code AlifNeuron.step} as {@link ForwardPass}),
 * and every spike — input or recurrent — travels through the engine's projections with a delay of one step.
 *
 * <p>Timing: engine step s is e-prop step t = s − 1. An input spike x_i^t is emitted by generator i at
 * engine step t and arrives at step t + 1 = the recurrent update of e-prop step t; a recurrent spike
 * z_i^{t−1} likewise arrives one step later. Inputs have lower ids than recurrent neurons, so each
 * neuron sums its input in the same order as {@link ForwardPass} (inputs ascending, then recurrent spikes
 * ascending), and weights are kept in double precision ({@code connectExplicit}): the trajectory is
 * bit-for-bit the same as {@link ForwardPass}'s for any thread count (test). A step listener archives
 * V_m, ψ and a of every neuron each step, as NEST's e-prop neurons archive their history; a spike
 * listener collects the spikes, from which the readout is computed ({@link ForwardPass.Readout}).
 *
 * <p>One simulation is built per sequence (state starts at rest, as e-prop sequences do).
 */
public final class EngineForwardPass implements ForwardModel {

    private final SimulationConfig config;

    /** @param config engine and threads. */
    public EngineForwardPass(final SimulationConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("engine forward pass: config must not be null");
        }
        this.config = config;
    }

    @Override
    public void run(final RecurrentNetwork net, final SequenceBatch batch, final int b, final Trajectory tr) {
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int steps = batch.steps();
        if (batch.inputs() != nIn || batch.outputs() != net.outputs()) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs and " + batch.outputs()
                    + " outputs: network needs " + nIn + " and " + net.outputs());
        }
        int nAdaptive = 0;
        while (nAdaptive < nRec && net.isAdaptive(nAdaptive)) {
            nAdaptive++;
        }
        for (int j = nAdaptive; j < nRec; j++) {
            if (net.isAdaptive(j)) {
                throw new IllegalArgumentException("engine forward pass: adaptive neurons must come first; neuron " + j
                        + " is adaptive after a non-adaptive one");
            }
        }
        final Network network = build(net, inputSchedule(batch, b), nAdaptive);
        Arrays.fill(tr.spikeCount, 0);
        Arrays.fill(tr.z, 0.0);
        final int[] counter = {0};
        final int recOffset = nIn;
        try (Simulation sim = Simulation.create(network, config)) {
            final String[] popOf = new String[nRec];
            final int[] localOf = new int[nRec];
            for (int j = 0; j < nRec; j++) {
                popOf[j] = j < nAdaptive ? "alif" : "lif";
                localOf[j] = j < nAdaptive ? j : j - nAdaptive;
            }
            sim.addStepListener((step, view) -> {
                final int t = (int) step - 1;
                if (t < 0) {
                    return;
                }
                final int base = t * nRec;
                for (int j = 0; j < nRec; j++) {
                    tr.v[base + j] = view.value(popOf[j], "V_m", localOf[j]);
                    tr.psi[base + j] = view.value(popOf[j], "psi", localOf[j]);
                    tr.a[base + j] = view.value(popOf[j], "a", localOf[j]);
                }
            });
            sim.addSpikeListener((step, ids, count) -> {
                final int t = (int) step - 1;
                if (t < 0) {
                    return;
                }
                // spike listeners see every step in order, so the list of step t starts where t − 1 ended
                tr.spikeStart[t] = counter[0];
                for (int k = 0; k < count; k++) {
                    final int j = ids[k] - recOffset;
                    if (j >= 0) {
                        if (counter[0] == tr.spikeIndex.length) {
                            tr.spikeIndex = Arrays.copyOf(tr.spikeIndex, 2 * counter[0]);
                        }
                        tr.spikeIndex[counter[0]++] = j;
                        tr.z[t * nRec + j] = 1.0;
                        tr.spikeCount[j]++;
                    }
                }
            });
            sim.run((steps + 1) * net.params().dtMs());
        }
        tr.spikeStart[steps] = counter[0];
        final ForwardPass.Readout readout = new ForwardPass.Readout(net, batch, b, tr);
        for (int t = 0; t < steps; t++) {
            readout.step(t, tr.spikeStart[t], tr.spikeStart[t + 1]);
        }
        readout.finish();
    }

    /** Generator i spikes at engine step t when x_i^t ≠ 0 (binary inputs only). */
    private static int[][] inputSchedule(final SequenceBatch batch, final int b) {
        final int nIn = batch.inputs();
        final int steps = batch.steps();
        final float[] x = batch.inputSpikes();
        final List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < nIn; i++) {
            lists.add(new ArrayList<>());
        }
        for (int t = 0; t < steps; t++) {
            final int base = (b * steps + t) * nIn;
            for (int i = 0; i < nIn; i++) {
                final float s = x[base + i];
                if (s == 1f) {
                    lists.get(i).add(t);
                } else if (s != 0f) {
                    throw new IllegalArgumentException("engine forward pass: input spike value " + s + " of input " + i
                            + " at step " + t + ": must be 0 or 1");
                }
            }
        }
        final int[][] out = new int[nIn][];
        for (int i = 0; i < nIn; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static Network build(final RecurrentNetwork net, final int[][] schedule, final int nAdaptive) {
        final NetworkParams p = net.params();
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final double dt = p.dtMs();
        final NetworkBuilder nb = Network.builder(dt).population("in", nIn, new SpikeGeneratorModel(schedule));
        final String[] names;
        final int[] from;
        final int[] to;
        if (nAdaptive == 0 || nAdaptive == nRec) {
            names = new String[] {nAdaptive == 0 ? "lif" : "alif"};
            from = new int[] {0};
            to = new int[] {nRec};
        } else {
            names = new String[] {"alif", "lif"};
            from = new int[] {0, nAdaptive};
            to = new int[] {nAdaptive, nRec};
        }
        for (int g = 0; g < names.length; g++) {
            nb.population(names[g], to[g] - from[g], p.neuronModel(names[g].equals("alif")));
        }
        final double[] wIn = net.wIn();
        final double[] wRec = net.wRec();
        for (int g = 0; g < names.length; g++) {
            final int n = to[g] - from[g];
            // every pair, zero weights included, so that each neuron adds the same terms as the loop version
            final int[] pre = new int[nIn * n];
            final int[] post = new int[nIn * n];
            final double[] w = new double[nIn * n];
            int k = 0;
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < n; j++) {
                    pre[k] = i;
                    post[k] = j;
                    w[k++] = wIn[(from[g] + j) * nIn + i];
                }
            }
            nb.connectExplicit("in", names[g], pre, post, w, dt);
            for (int h = 0; h < names.length; h++) {
                final int m = to[h] - from[h];
                final int[] rp = new int[m * n];
                final int[] rq = new int[m * n];
                final double[] rw = new double[m * n];
                int r = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        rp[r] = i;
                        rq[r] = j;
                        rw[r++] = wRec[(from[g] + j) * nRec + from[h] + i];
                    }
                }
                nb.connectExplicit(names[h], names[g], rp, rq, rw, dt);
            }
        }
        return nb.build();
    }
}
