package org.spikering.app.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link Progress} as one line per interval, for logs (CI, batch systems, pipes):
 * {@code spikering train: 120/300 iterations, 4.1/s, 44 s left; loss 0.12}, printed when {@link #INTERVAL_NS} (10 s)
 * have passed or {@link #FRACTION} (10 %) of the work was done since the last line, and when the work is complete
 * ({@code done in 73 s}); nothing in the first {@link #QUIET_NS} (1 s), so short work prints no line at all. Rate = units done since the start / seconds since the start; time left = units left / rate.
 */
final class ProgressLines implements Progress {

    /** Longest time between two lines, ns. */
    static final long INTERVAL_NS = 10_000_000_000L;
    /** Time from the start in which nothing is printed (work shorter than this shows no progress), ns. */
    static final long QUIET_NS = 1_000_000_000L;
    /** Share of the work between two lines at the most. */
    static final double FRACTION = 0.1;

    private final String task;
    private final String unit;
    private final long from;
    private final long total;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long t0;
    private long lastTime;
    private long lastDone;

    /**
     * @param task  what is done.
     * @param unit  unit, plural.
     * @param from  units done before.
     * @param total units in all.
     * @param out   where lines go.
     * @param clock nanosecond clock ({@code System::nanoTime}; a test's own).
     */
    ProgressLines(final String task, final String unit, final long from, final long total, final PrintStream out,
                  final LongSupplier clock) {
        this.task = task;
        this.unit = unit;
        this.from = from;
        this.total = total;
        this.out = out;
        this.clock = clock;
        this.t0 = clock.getAsLong();
        this.lastTime = t0;
        this.lastDone = from;
    }

    @Override
    public void stepTo(final long done, final String detail) {
        if (lastDone >= total || done <= lastDone) {
            return; // complete (its line printed), or no unit done since the last line
        }
        final long now = clock.getAsLong();
        if (now - t0 < QUIET_NS) {
            return; // a short piece of work shows nothing
        }
        final long step = Math.max(1, (long) Math.ceil(FRACTION * (total - from)));
        if (done < total && now - lastTime < INTERVAL_NS && done - lastDone < step) {
            return;
        }
        lastTime = now;
        lastDone = done;
        out.println(line(done, now, detail));
    }

    /** @return the line for {@code done} units at time {@code now}. */
    String line(final long done, final long now, final String detail) {
        final double seconds = (now - t0) / 1e9;
        final double rate = seconds > 0 ? (done - from) / seconds : Double.NaN;
        final StringBuilder b = new StringBuilder("spikering ").append(task).append(": ").append(done).append('/')
                .append(total).append(' ').append(unit);
        if (Double.isFinite(rate) && rate > 0) {
            b.append(", ").append(rate(rate)).append("/s");
        }
        if (done >= total) {
            b.append(", done in ").append(duration(seconds));
        } else if (Double.isFinite(rate) && rate > 0) {
            b.append(", ").append(duration((total - done) / rate)).append(" left");
        }
        if (detail != null && !detail.isEmpty()) {
            b.append("; ").append(detail);
        }
        return b.toString();
    }

    @Override
    public void note(final String line) {
        out.println(line);
    }

    @Override
    public void close() {
        out.flush();
    }

    /** @return a rate with two or three significant digits: 0.25, 4.1, 41, 4100. */
    static String rate(final double r) {
        return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : r >= 10 ? String.format(Locale.ROOT, "%.1f", r)
                : String.format(Locale.ROOT, "%.2g", r);
    }

    /** @return seconds as {@code 44 s}, {@code 12 min}, {@code 3.5 h}. */
    static String duration(final double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
