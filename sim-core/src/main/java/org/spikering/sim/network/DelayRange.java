package org.spikering.sim.network;

import org.spikering.sim.synapse.Csr;

/** Minimum and maximum delay of a CSR, in steps. */
final class DelayRange {

    private DelayRange() {
    }

    static int[] of(final Csr c) {
        if (c.hasConstantDelay()) {
            return new int[] {c.constantDelay(), c.constantDelay()};
        }
        if (c.isBanded()) { // the smallest and largest band with a synapse
            final int[] bs = c.bandStart();
            final int nb = c.bands();
            int lo = Integer.MAX_VALUE;
            int hi = 1;
            for (int i = 0; i + 1 < bs.length; i++) {
                if (bs[i + 1] > bs[i]) {
                    lo = Math.min(lo, c.bandLo() + i % nb);
                    hi = Math.max(hi, c.bandLo() + i % nb);
                }
            }
            return new int[] {lo, hi};
        }
        int lo = Integer.MAX_VALUE;
        int hi = 1;
        for (short d : c.delays()) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return new int[] {c.synapseCount() == 0 ? Integer.MAX_VALUE : lo, hi};
    }
}
