package org.spikering.app.report;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@link Progress} as a bar on a terminal (me.tongfei:progressbar): count, percentage, elapsed time, time left and
 * rate, redrawn once a second by the library's thread; a {@link #note} clears the line, prints and lets the bar
 * redraw below it.
 */
final class ProgressBarDisplay implements Progress {

    private final ProgressBar bar;
    private final PrintStream out;

    ProgressBarDisplay(final String task, final String unit, final long from, final long total, final PrintStream out) {
        this.out = out;
        this.bar = new ProgressBarBuilder().setTaskName("spikering " + task).setInitialMax(total)
                .setUnit(" " + unit, 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .startsFrom(from, Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void stepTo(final long done, final String detail) {
        bar.stepTo(done);
        if (detail != null) {
            bar.setExtraMessage(detail);
        }
    }

    @Override
    public void note(final String line) {
        synchronized (out) {
            out.print("\r\033[K");
            out.println(line);
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
