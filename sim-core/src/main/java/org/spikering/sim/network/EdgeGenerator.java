package org.spikering.sim.network;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the (source, target) pairs of one projection from its connector and a seeded stream.
 * Fixed probability uses geometric skipping (O(synapses), not O(pairs)). Not thread-safe.
 */
final class EdgeGenerator {

    int[] src = new int[1024];
    int[] tgt = new int[1024];
    int count;

    private void add(final int s, final int t) {
        if (count == src.length) {
            final int n = (int) Math.min(Integer.MAX_VALUE - 8, src.length * 2L);
            if (n == count) {
                throw new IllegalArgumentException("projection has more than " + count + " synapses: too many for one projection");
            }
            src = Arrays.copyOf(src, n);
            tgt = Arrays.copyOf(tgt, n);
        }
        src[count] = s;
        tgt[count] = t;
        count++;
    }

    void generate(final Connector c, final int nSrc, final int nTgt, final boolean samePopulation,
                  final SplittableRandom rnd, final String label) {
        final boolean noAutapse = samePopulation && !c.autapses();
        switch (c.rule()) {
            case ALL_TO_ALL:
                for (int s = 0; s < nSrc; s++) {
                    for (int t = 0; t < nTgt; t++) {
                        if (!(noAutapse && s == t)) {
                            add(s, t);
                        }
                    }
                }
                break;
            case ONE_TO_ONE:
                if (nSrc != nTgt) {
                    throw new IllegalArgumentException(label + ": one-to-one needs equal sizes, source has " + nSrc
                            + " neurons, target " + nTgt);
                }
                for (int s = 0; s < nSrc; s++) {
                    if (!noAutapse) {
                        add(s, s);
                    }
                }
                break;
            case FIXED_PROBABILITY:
                fixedProbability(c.parameter(), nSrc, nTgt, noAutapse, rnd);
                break;
            case FIXED_IN_DEGREE:
                fixedDegree((int) c.parameter(), nTgt, nSrc, noAutapse, c.multapses(), rnd, label, true);
                break;
            case FIXED_OUT_DEGREE:
                fixedDegree((int) c.parameter(), nSrc, nTgt, noAutapse, c.multapses(), rnd, label, false);
                break;
            case FIXED_TOTAL_NUMBER:
                fixedTotalNumber((int) c.parameter(), nSrc, nTgt, noAutapse, rnd, label);
                break;
            case EXPLICIT:
                final int[] cs = c.sources();
                final int[] ct = c.targets();
                for (int e = 0; e < cs.length; e++) {
                    if (cs[e] < 0 || cs[e] >= nSrc) {
                        throw new IllegalArgumentException(label + ": explicit source index " + cs[e] + " at position " + e
                                + ": must be in [0, " + nSrc + ")");
                    }
                    if (ct[e] < 0 || ct[e] >= nTgt) {
                        throw new IllegalArgumentException(label + ": explicit target index " + ct[e] + " at position " + e
                                + ": must be in [0, " + nTgt + ")");
                    }
                    if (noAutapse && cs[e] == ct[e]) {
                        throw new IllegalArgumentException(label + ": explicit pair (" + cs[e] + ", " + ct[e]
                                + ") is an autapse but autapses are disabled");
                    }
                    add(cs[e], ct[e]);
                }
                break;
            default:
                throw new IllegalStateException("unknown rule " + c.rule());
        }
    }

    /**
     * n pairs (s, t), t and then s uniform and independent; an autapse, when not allowed, is drawn again.
     * The arrays are sized to n at once.
     */
    private void fixedTotalNumber(final int n, final int nSrc, final int nTgt, final boolean noAutapse,
                                  final SplittableRandom rnd, final String label) {
        if (n > 0 && noAutapse && nSrc == 1) {
            throw new IllegalArgumentException(label + ": fixed total number N = " + n
                    + " in a population of 1 neuron with autapses disabled: no pair is available");
        }
        if (src.length - count < n) {
            src = Arrays.copyOf(src, count + n);
            tgt = Arrays.copyOf(tgt, count + n);
        }
        for (int k = 0; k < n; k++) {
            int t;
            int s;
            do {
                t = rnd.nextInt(nTgt);
                s = rnd.nextInt(nSrc);
            } while (noAutapse && s == t);
            add(s, t);
        }
    }

    private void fixedProbability(final double p, final int nSrc, final int nTgt, final boolean noAutapse,
                                  final SplittableRandom rnd) {
        if (p <= 0) {
            return;
        }
        final double logQ = p >= 1 ? 0 : Math.log1p(-p);
        for (int s = 0; s < nSrc; s++) {
            int t = -1;
            while (true) {
                if (p >= 1) {
                    t++;
                } else {
                    // gap to the next connected target ~ Geometric(p)
                    final double u = 1.0 - rnd.nextDouble();
                    final double skip = Math.floor(Math.log(u) / logQ);
                    if (skip >= nTgt) {
                        break;
                    }
                    t += 1 + (int) skip;
                }
                if (t >= nTgt) {
                    break;
                }
                if (!(noAutapse && s == t)) {
                    add(s, t);
                }
            }
        }
    }

    private void fixedDegree(final int k, final int nFixed, final int nDrawn, final boolean noAutapse,
                             final boolean multapses, final SplittableRandom rnd, final String label, final boolean inDegree) {
        final int available = nDrawn - (noAutapse ? 1 : 0);
        if (k > 0 && available <= 0) {
            throw new IllegalArgumentException(label + ": " + (inDegree ? "indegree" : "outdegree") + " = " + k
                    + " but no partner is available without autapses");
        }
        if (!multapses && k > available) {
            throw new IllegalArgumentException(label + ": " + (inDegree ? "indegree" : "outdegree") + " = " + k
                    + " exceeds the " + available + " distinct partners available without multapses: must be <= " + available);
        }
        final int[] mark = multapses ? null : new int[nDrawn];
        int stamp = 0;
        for (int f = 0; f < nFixed; f++) {
            stamp++;
            int drawn = 0;
            while (drawn < k) {
                final int o = rnd.nextInt(nDrawn);
                if (noAutapse && o == f) {
                    continue;
                }
                if (mark != null) {
                    if (mark[o] == stamp) {
                        continue;
                    }
                    mark[o] = stamp;
                }
                if (inDegree) {
                    add(o, f);
                } else {
                    add(f, o);
                }
                drawn++;
            }
        }
    }
}
