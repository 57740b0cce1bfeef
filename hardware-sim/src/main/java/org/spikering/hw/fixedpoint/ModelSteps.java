package org.spikering.hw.fixedpoint;

/** Checks that a network's time step is the one the LIF parameters were made for. */
final class ModelSteps {

    private ModelSteps() {
    }

    /**
     * @param params parameters with their step.
     * @param dtMs   the network's step, ms.
     */
    static void requireSame(FixedLifParams params, double dtMs) {
        if (dtMs != params.dtMs()) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: the LIF parameters are made for dtMs = "
                    + params.dtMs() + " ms (decays are per step); build the network with that step");
        }
    }
}
