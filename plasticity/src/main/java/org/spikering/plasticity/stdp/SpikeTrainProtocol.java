package org.spikering.plasticity.stdp;

/**
 * Drives one synapse of a {@link SumOfProductsEngine} with given pre- and postsynaptic spike steps (the STDP
 * protocols: a single pair, the pairing protocols of Sjöström et al. 2001 / Pfister &amp; Gerstner 2006).
 */
public final class SpikeTrainProtocol {

    private SpikeTrainProtocol() {
    }

    /**
     * Runs the steps 0..N−1, N the first epoch boundary after the last spike, and returns the final weight.
     *
     * @param rule       the rule.
     * @param arithmetic the precision.
     * @param w0         initial weight.
     * @param pre        presynaptic spike steps, ascending, &gt;= 0.
     * @param post       postsynaptic spike steps, ascending, &gt;= 0.
     * @param dtMs       step, ms.
     * @return the weight after the run.
     */
    public static double finalWeight(final SumOfProductsRule rule, final LearningArithmetic arithmetic, final double w0,
            final int[] pre, final int[] post, final double dtMs) {
        return run(rule, arithmetic, w0, pre, post, dtMs).weight(0, 0);
    }

    /** As {@link #finalWeight}, returning the engine (traces, counters). */
    public static SumOfProductsEngine run(final SumOfProductsRule rule, final LearningArithmetic arithmetic,
            final double w0, final int[] pre, final int[] post, final double dtMs) {
        final SumOfProductsEngine e = new SumOfProductsEngine(rule, arithmetic, 1, 1, new double[] {w0}, null, dtMs);
        final int last = Math.max(pre.length == 0 ? 0 : pre[pre.length - 1], post.length == 0 ? 0 : post[post.length - 1]);
        final int epoch = rule.epochSteps();
        final int steps = (last / epoch + 1) * epoch;
        int a = 0;
        int b = 0;
        for (int t = 0; t < steps; t++) {
            while (a < pre.length && pre[a] == t) {
                e.preSpike(0);
                a++;
            }
            while (b < post.length && post[b] == t) {
                e.postSpike(0);
                b++;
            }
            e.endStep();
        }
        return e;
    }

    /**
     * The pairing protocol: n pairs, one every {@code periodSteps}, the post spike {@code deltaSteps} after the pre
     * spike (negative: before), the first pre spike at step {@code first}.
     *
     * @return {pre steps, post steps}.
     */
    public static int[][] pairing(final int n, final int periodSteps, final int deltaSteps, final int first) {
        if (first + Math.min(0, deltaSteps) < 0) {
            throw new IllegalArgumentException("first = " + first + " with delta = " + deltaSteps + " gives a negative step");
        }
        final int[] pre = new int[n];
        final int[] post = new int[n];
        for (int k = 0; k < n; k++) {
            pre[k] = first + k * periodSteps;
            post[k] = pre[k] + deltaSteps;
        }
        return new int[][] {pre, post};
    }
}
