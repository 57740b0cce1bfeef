package org.spikering.sim.metrics;

import org.HdrHistogram.Histogram;

/**
 * Wall time per simulated step in an HdrHistogram sized up front (1 ns to 60 s, 3 significant
 * digits), so recording never allocates. Single writer: the engine's coordinator thread.
 */
public final class StepTimer {

    private final Histogram histogram = new Histogram(1, 60_000_000_000L, 3);

    /** @param nanos wall time of one step, ns. */
    public void record(final long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos, 60_000_000_000L)));
    }

    /**
     * @param percentile in (0, 100].
     * @return the step time at that percentile, µs.
     */
    public double percentileMicros(final double percentile) {
        return histogram.getTotalCount() == 0 ? 0.0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** @return mean step time, µs. */
    public double meanMicros() {
        return histogram.getTotalCount() == 0 ? 0.0 : histogram.getMean() / 1000.0;
    }

    /** Forgets every step recorded so far (call between runs). */
    public void reset() {
        histogram.reset();
    }

    /** @return number of steps recorded. */
    public long count() {
        return histogram.getTotalCount();
    }
}
