package org.spikering.sim.network;

import org.spikering.sim.synapse.Csr;

/** Minimum and maximum delay of a CSR, in steps. */
final class DelayRange {

    private DelayRange() {
    }

    static int[] of(final Csr c) {
        if (c.delays() == null) {
            return new int[] {c.constantDelay(), c.constantDelay()};
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
