package org.spikering.nir.run;

import java.util.List;
import java.util.Map;

/**
 * The result of running a NIR graph.
 *
 * @param dtMs          step, ms.
 * @param steps         number of steps run.
 * @param outputColumns column names of {@code output}: {@code <output node>[<index>]}.
 * @param output        the top-level Output nodes' values, [step][column] (several Output nodes are concatenated in file order).
 * @param spikeSteps    step of each spike (a 1 in the output of a LIF, IF, CubaLIF or Threshold node), ascending.
 * @param spikeNodes    unit name of each spike (sub-graph nodes as {@code G.X}).
 * @param spikeNeurons  flat (row-major) neuron index of each spike within its node.
 * @param voltages      v of the recorded neuron nodes after each step, [step][neuron], by unit name.
 */
public record NirRun(double dtMs, int steps, List<String> outputColumns, double[][] output, int[] spikeSteps,
                     String[] spikeNodes, int[] spikeNeurons, Map<String, double[][]> voltages) {

    /** @return the number of spikes. */
    public int spikeCount() {
        return spikeSteps.length;
    }

    /**
     * @param node unit name.
     * @return the steps at which any neuron of that node spiked, with repetition per neuron, ascending.
     */
    public int[] spikeStepsOf(final String node) {
        int n = 0;
        for (String s : spikeNodes) {
            if (s.equals(node)) {
                n++;
            }
        }
        final int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < spikeNodes.length; i++) {
            if (spikeNodes[i].equals(node)) {
                out[k++] = spikeSteps[i];
            }
        }
        return out;
    }
}
