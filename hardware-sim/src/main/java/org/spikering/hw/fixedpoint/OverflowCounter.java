package org.spikering.hw.fixedpoint;

/** Counts saturations and wrap-arounds so that no overflow passes silently. Not thread-safe. */
public final class OverflowCounter {
    private long saturations;
    private long wraps;

    public void saturated() {
        saturations++;
    }

    public void wrapped() {
        wraps++;
    }

    public long saturations() {
        return saturations;
    }

    public long wraps() {
        return wraps;
    }

    public void add(OverflowCounter o) {
        saturations += o.saturations;
        wraps += o.wraps;
    }

    /**
     * Sets the counts (restoring a training checkpoint).
     *
     * @param saturationCount saturations so far, &ge; 0.
     * @param wrapCount       wrap-arounds so far, &ge; 0.
     */
    public void restore(long saturationCount, long wrapCount) {
        if (saturationCount < 0 || wrapCount < 0) {
            throw new IllegalArgumentException("overflow counts " + saturationCount + ", " + wrapCount + ": must be >= 0");
        }
        saturations = saturationCount;
        wraps = wrapCount;
    }
}
