package org.spikering.plasticity.network;

import java.util.SplittableRandom;

/**
 * Sparse random recurrent weights with a fixed in-degree: every neuron receives exactly {@code inDegree}
 * synapses from distinct other neurons (no autapses), each weight drawn from N(0, std²); all other entries are 0.
 *
 * <p>A random network of threshold units with in-degree 2 sits near the boundary between ordered and chaotic
 * dynamics (Kauffman 1969; Derrida &amp; Pomeau 1986), where a network of binary units keeps the longest fading
 * memory of its input (Bertschinger &amp; Natschläger 2004; Büsing, Schrauwen &amp; Legenstein 2010); dense
 * recurrence makes such networks chaotic and forgetful.
 */
public final class SparseRecurrence {
    private SparseRecurrence() {
    }

    /**
     * @param neurons  recurrent neurons n, &gt; inDegree.
     * @param inDegree synapses per neuron K, &ge; 1.
     * @param std      standard deviation of a weight, mV per spike (same units as v_th), finite and &gt; 0.
     * @param seed     seed of the presynaptic choice and the weights.
     * @return W_rec [post][pre] row-major, n×n, zero diagonal, exactly K non-zero entries per row.
     */
    public static double[] fixedInDegree(int neurons, int inDegree, double std, long seed) {
        if (inDegree < 1 || neurons <= inDegree) {
            throw new IllegalArgumentException("inDegree = " + inDegree + ", neurons = " + neurons
                    + ": need 1 <= inDegree < neurons");
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std = " + std + ": must be finite and > 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[neurons * neurons];
        boolean[] chosen = new boolean[neurons];
        int[] pre = new int[inDegree];
        for (int j = 0; j < neurons; j++) {
            for (int c = 0; c < inDegree; c++) {
                int i;
                do {
                    i = rng.nextInt(neurons);
                } while (i == j || chosen[i]);
                chosen[i] = true;
                pre[c] = i;
            }
            double[] g = RecurrentNetwork.gaussian(rng, inDegree, std);
            for (int c = 0; c < inDegree; c++) {
                w[j * neurons + pre[c]] = g[c];
                chosen[pre[c]] = false;
            }
        }
        return w;
    }
}
