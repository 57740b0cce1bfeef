package org.spikering.app.spec.network;

import org.spikering.app.spec.DistributionSpec;
import org.spikering.sim.network.Distribution;

/** sim-core distributions written back as spec distributions (the inverse of {@link DistributionSpec#toDistribution}). */
final class Distributions {

    private Distributions() {
    }

    /**
     * @param d a sim-core distribution (constant, uniform, uniform_int, normal, or one of these redrawn).
     * @return its spec.
     * @throws IllegalArgumentException for a distribution a spec cannot write (one made in Java code).
     */
    static DistributionSpec spec(final Distribution d) {
        if (d instanceof Distribution.Constant c) {
            return DistributionSpec.of(c.value());
        }
        if (d instanceof Distribution.Uniform u) {
            return new DistributionSpec("uniform", null, u.low(), u.high(), null, null, null, null);
        }
        if (d instanceof Distribution.UniformInt u) {
            return new DistributionSpec("uniform_int", null, (double) u.low(), (double) u.high(), null, null, null, null);
        }
        if (d instanceof Distribution.Normal n) {
            return new DistributionSpec("normal", null, null, null, n.mean(), n.sd(), null, null);
        }
        if (d instanceof Distribution.Redraw r) {
            final DistributionSpec b = spec(r.base());
            return new DistributionSpec(b.kind(), b.value(), b.low(), b.high(), b.mean(), b.std(),
                    Double.isInfinite(r.min()) ? null : r.min(), Double.isInfinite(r.max()) ? null : r.max());
        }
        throw new IllegalArgumentException("distribution " + d.describe() + ": a spec cannot describe it (constant,"
                + " uniform, uniform_int, normal and their redraws only)");
    }

    /**
     * @param steps a count of steps.
     * @param dtMs  the step, ms.
     * @return steps·dt in ms, rounded to 1e-9 ms so that 3 · 0.1 is written 0.3.
     */
    static double gridMs(final long steps, final double dtMs) {
        return Math.round(steps * dtMs * 1e9) / 1e9;
    }
}
