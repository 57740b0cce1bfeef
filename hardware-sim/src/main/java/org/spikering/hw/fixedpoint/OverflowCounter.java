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
}
