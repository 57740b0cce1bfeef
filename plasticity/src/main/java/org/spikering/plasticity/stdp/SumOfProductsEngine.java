package org.spikering.plasticity.stdp;

import java.util.BitSet;
import java.util.List;

/**
 * A learning engine in the style of Loihi's (Davies et al. 2018; semantics of Lava's {@code Connection} process
 * model, {@code lava.magma.core.model.py.connection}): traces per neuron, a tag and a weight per synapse, and the
 * {@link SumOfProductsRule}'s products applied at the end of every learning epoch of E steps. One engine for every
 * rule (pair, triplet, R-STDP: {@link StdpRules}) and every precision ({@link LearningArithmetic}).
 *
 * <p>Per step the caller reports the spikes of that step ({@link #preSpike}, {@link #postSpike}, {@link #rewardSpike})
 * and then calls {@link #endStep}. Within an epoch, steps are numbered 1..E. At the end of the epoch:
 * <ol>
 *   <li>every trace is evaluated at each step a dependency needs (the pre and post spike steps and E) from its value
 *   at the start of the epoch v₀ and its neuron's last spike step s in the epoch (0: none):
 *   <pre>
 *     x(t) = decay(v₀, e^{−t/τ})                                             if s = 0 or t &lt; s
 *     x(t) = decay(impulse(decay(v₀, e^{−s/τ})), e^{−(t−s)/τ})               otherwise
 *   </pre>
 *   so a trace read at its own neuron's spike step includes that spike's impulse (Lava's {@code _evaluate_trace});
 *   a second spike of the same neuron in one epoch adds its impulse at once to v₀ (Lava's
 *   {@code _record_pre_spike_times}), only the last spike's step is kept;</li>
 *   <li>for every plastic synapse with an active product, w and t are updated by their sums of products
 *   (both reading the old w and t);</li>
 *   <li>each trace's new start value is x(E).</li>
 * </ol>
 * With E = 1 this is an exact discrete-time trace STDP: a pre spike Δ steps before a post spike is read as
 * x1 = e^{−Δ·dt/τ}·impulse by the post spike's products.
 *
 * <p>Difference from Lava's emulator, stated: each rounding draws its own random number from the arithmetic's stream,
 * where Lava's Python model uses one draw for all traces of an epoch. Synapses outside the plastic mask are never
 * processed: their weight and tag never change and they cost no learning operation.
 *
 * <p>Counters: {@link #traceUpdates()} counts the end-of-epoch updates of the used traces (every used trace of every
 * neuron each epoch, as the chip updates them); {@link #synapseUpdates()} the synapse-epochs processed (the chip's
 * "synaptic update" operation, 120 pJ each in Davies et al. 2018, Table 2); {@link #weightChanges()} the entries whose
 * weight changed.
 *
 * <p>Hot path: primitive arrays, no allocation after the first epoch that reads a given step. Not thread-safe.
 */
public final class SumOfProductsEngine {
    private static final int X1 = 0;
    private static final int X2 = 1;
    private static final int Y1 = 2;
    private static final int Y2 = 3;
    private static final int R = 4;
    private static final int TRACES = 5;
    private static final int FW = 5;
    private static final int FTAG = 6;

    private final LearningArithmetic ar;
    private final int nPre;
    private final int nPost;
    private final int epoch;
    private final double wMin;
    private final double wMax;
    private final double tagBound;
    private final double[] w;
    private final double[] tag;
    private final BitSet plastic;
    private final boolean everySynapse;

    private final boolean[] used = new boolean[TRACES];
    private final double[] impulse = new double[TRACES];
    private final double[] cap = new double[TRACES];
    private final double[][] decay = new double[TRACES][];
    private final double[][] start = new double[TRACES][];
    /** at[k][t][n]: trace k of neuron n read at step t of the epoch. */
    private final double[][][] at = new double[TRACES][][];

    private final Compiled dwRule;
    private final Compiled dtRule;

    private final int[] tx;
    private final int[] ty;
    private final int[] tr;
    private final int[] preSpiked;
    private final int[] postSpiked;
    private int preCount;
    private int postCount;
    private int stepInEpoch = 1;

    private long traceUpdates;
    private long synapseUpdates;
    private long weightChanges;
    private long epochs;

    /**
     * @param rule       the rule (traces, products, bounds, epoch).
     * @param arithmetic the precision.
     * @param nPre       presynaptic neurons.
     * @param nPost      postsynaptic neurons.
     * @param w0         initial weights, row-major [post][pre] (copied; in the arithmetic's weight units).
     * @param plastic    the synapses that learn (index post·nPre + pre), or null for all.
     * @param dtMs       step, ms.
     */
    public SumOfProductsEngine(final SumOfProductsRule rule, final LearningArithmetic arithmetic, final int nPre,
            final int nPost, final double[] w0, final BitSet plastic, final double dtMs) {
        if (nPre < 1 || nPost < 1 || w0.length != (long) nPre * nPost) {
            throw new IllegalArgumentException("need nPre, nPost >= 1 and nPre*nPost weights, got " + nPre + ", " + nPost
                    + ", " + w0.length);
        }
        if (!(dtMs > 0)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be > 0");
        }
        this.ar = arithmetic;
        this.nPre = nPre;
        this.nPost = nPost;
        this.epoch = rule.epochSteps();
        this.wMin = rule.wMin();
        this.wMax = rule.wMax();
        this.tagBound = rule.tagBound();
        this.w = w0.clone();
        this.tag = new double[w0.length];
        this.plastic = plastic == null ? null : (BitSet) plastic.clone();
        this.everySynapse = rule.hasUnconditionalProducts();
        final TraceSpec[] specs = {rule.x1(), rule.x2(), rule.y1(), rule.y2(), rule.r()};
        for (int k = 0; k < TRACES; k++) {
            used[k] = specs[k].used();
            impulse[k] = specs[k].impulse();
            cap[k] = specs[k].cap();
            decay[k] = new double[epoch + 1];
            for (int n = 0; n <= epoch; n++) {
                decay[k][n] = specs[k].decayFactor(n, dtMs);
            }
            final int size = k < Y1 ? nPre : nPost;
            start[k] = new double[size];
            at[k] = new double[epoch + 1][];
        }
        this.dwRule = new Compiled(rule.dw(), arithmetic);
        this.dtRule = new Compiled(rule.dt(), arithmetic);
        this.tx = new int[nPre];
        this.ty = new int[nPost];
        this.tr = new int[nPost];
        this.preSpiked = new int[nPre];
        this.postSpiked = new int[nPost];
    }

    /** Presynaptic neuron {@code i} spiked in the current step. */
    public void preSpike(final int i) {
        if (tx[i] > 0) {
            addImpulseNow(X1, i);
            addImpulseNow(X2, i);
        } else {
            preSpiked[preCount++] = i;
        }
        tx[i] = stepInEpoch;
    }

    /** Postsynaptic neuron {@code j} spiked in the current step. */
    public void postSpike(final int j) {
        if (ty[j] > 0) {
            addImpulseNow(Y1, j);
            addImpulseNow(Y2, j);
        } else {
            postSpiked[postCount++] = j;
        }
        ty[j] = stepInEpoch;
    }

    /** A reward spike reached postsynaptic neuron {@code j} in the current step (impulse on its trace R). */
    public void rewardSpike(final int j) {
        if (tr[j] > 0) {
            addImpulseNow(R, j);
        }
        tr[j] = stepInEpoch;
    }

    private void addImpulseNow(final int k, final int n) {
        if (used[k]) {
            start[k][n] = ar.impulse(start[k][n], impulse[k], cap[k]);
        }
    }

    /** Ends the current step; at the end of an epoch applies the rules and updates the traces. */
    public void endStep() {
        if (stepInEpoch == epoch) {
            learn();
            stepInEpoch = 1;
        } else {
            stepInEpoch++;
        }
    }

    private void learn() {
        long needed = 1L << epoch;
        for (int c = 0; c < preCount; c++) {
            needed |= 1L << tx[preSpiked[c]];
        }
        for (int c = 0; c < postCount; c++) {
            needed |= 1L << ty[postSpiked[c]];
        }
        for (int t = 1; t <= epoch; t++) {
            if ((needed & (1L << t)) != 0) {
                evaluate(X1, t, tx);
                evaluate(X2, t, tx);
                evaluate(Y1, t, ty);
                evaluate(Y2, t, ty);
                evaluate(R, t, tr);
            }
        }
        if (everySynapse) {
            for (int j = 0; j < nPost; j++) {
                for (int i = 0; i < nPre; i++) {
                    synapse(j, i);
                }
            }
        } else {
            for (int c = 0; c < postCount; c++) {
                final int j = postSpiked[c];
                for (int i = 0; i < nPre; i++) {
                    synapse(j, i);
                }
            }
            for (int c = 0; c < preCount; c++) {
                final int i = preSpiked[c];
                for (int j = 0; j < nPost; j++) {
                    if (ty[j] == 0) {
                        synapse(j, i);
                    }
                }
            }
        }
        for (int k = 0; k < TRACES; k++) {
            if (used[k]) {
                System.arraycopy(at[k][epoch], 0, start[k], 0, start[k].length);
                traceUpdates += start[k].length;
            }
        }
        for (int c = 0; c < preCount; c++) {
            tx[preSpiked[c]] = 0;
        }
        for (int c = 0; c < postCount; c++) {
            ty[postSpiked[c]] = 0;
        }
        java.util.Arrays.fill(tr, 0);
        preCount = 0;
        postCount = 0;
        epochs++;
    }

    private void evaluate(final int k, final int t, final int[] spikeStep) {
        if (!used[k]) {
            return;
        }
        double[] out = at[k][t];
        if (out == null) {
            out = new double[start[k].length];
            at[k][t] = out;
        }
        final double[] v0 = start[k];
        final double[] d = decay[k];
        final double imp = impulse[k];
        final double cp = cap[k];
        for (int n = 0; n < v0.length; n++) {
            final int s = spikeStep[n];
            if (s == 0 || t < s) {
                out[n] = ar.decay(v0[n], d[t]);
            } else {
                out[n] = ar.decay(ar.impulse(ar.decay(v0[n], d[s]), imp, cp), d[t - s]);
            }
        }
    }

    private void synapse(final int j, final int i) {
        final int s = j * nPre + i;
        if (plastic != null && !plastic.get(s)) {
            return;
        }
        synapseUpdates++;
        final double oldW = w[s];
        final double oldT = tag[s];
        if (dtRule.size > 0) {
            tag[s] = ar.commit(oldT, dtRule.sum(this, j, i, oldW, oldT), -tagBound, tagBound);
        }
        if (dwRule.size > 0) {
            final double nw = ar.commit(oldW, dwRule.sum(this, j, i, oldW, oldT), wMin, wMax);
            if (nw != oldW) {
                weightChanges++;
            }
            w[s] = nw;
        }
    }

    /** Value of factor f for synapse (j, i) read at step t. */
    private double factor(final int f, final int t, final int j, final int i, final double wv, final double tv) {
        switch (f) {
            case X1:
            case X2:
                return at[f][t][i];
            case Y1:
            case Y2:
            case R:
                return at[f][t][j];
            case FW:
                return wv;
            default:
                return tv;
        }
    }

    /** A product series flattened into arrays. */
    private static final class Compiled {
        final int size;
        final double[] coef;
        final int[] dep;
        final int[][] fac;
        final double[][] off;

        Compiled(final List<Product> ps, final LearningArithmetic ar) {
            size = ps.size();
            coef = new double[size];
            dep = new int[size];
            fac = new int[size][];
            off = new double[size][];
            for (int p = 0; p < size; p++) {
                final Product pr = ps.get(p);
                coef[p] = ar.coefficient(pr.coefficient());
                dep[p] = pr.dependency().ordinal();
                final Factor[] fs = pr.factors();
                fac[p] = new int[fs.length];
                for (int m = 0; m < fs.length; m++) {
                    fac[p][m] = fs[m].ordinal();
                }
                off[p] = pr.offsets();
            }
        }

        double sum(final SumOfProductsEngine e, final int j, final int i, final double wv, final double tv) {
            double acc = 0.0;
            for (int p = 0; p < size; p++) {
                final int t;
                switch (dep[p]) {
                    case 0:
                        t = e.tx[i];
                        break;
                    case 1:
                        t = e.ty[j];
                        break;
                    default:
                        t = e.epoch;
                }
                if (t == 0) {
                    continue;
                }
                double v = coef[p];
                final int[] f = fac[p];
                final double[] o = off[p];
                for (int m = 0; m < f.length; m++) {
                    v *= e.factor(f[m], t, j, i, wv, tv) + o[m];
                }
                acc += e.ar.term(v);
            }
            return acc;
        }
    }

    /** @return the live weights, row-major [post][pre] (read them; do not write). */
    public double[] weights() {
        return w;
    }

    /** @return the live tags, row-major [post][pre]. */
    public double[] tags() {
        return tag;
    }

    /** @return weight of synapse pre → post. */
    public double weight(final int post, final int pre) {
        return w[post * nPre + pre];
    }

    /**
     * @param f   a trace factor.
     * @param n   neuron index (pre for X traces, post for Y and R).
     * @return the trace's value at the start of the current epoch.
     */
    public double trace(final Factor f, final int n) {
        if (!f.isPreTrace() && !f.isPostTrace()) {
            throw new IllegalArgumentException(f + " is not a trace");
        }
        return start[f.ordinal()][n];
    }

    /** @return end-of-epoch trace updates so far. */
    public long traceUpdates() {
        return traceUpdates;
    }

    /** @return synapse-epochs processed by the rules so far (learning operations). */
    public long synapseUpdates() {
        return synapseUpdates;
    }

    /** @return weight entries that changed, summed over epochs. */
    public long weightChanges() {
        return weightChanges;
    }

    /** @return completed epochs. */
    public long epochs() {
        return epochs;
    }

    /** @return the arithmetic. */
    public LearningArithmetic arithmetic() {
        return ar;
    }

    public int preCount() {
        return nPre;
    }

    public int postCount() {
        return nPost;
    }
}
