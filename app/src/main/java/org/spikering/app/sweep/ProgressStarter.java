package org.spikering.app.sweep;

import java.io.PrintStream;
import org.spikering.app.report.Progress;

/**
 * How a runner starts its progress display once it knows where it starts and how much work there is (a resumed
 * training run starts at its checkpoint's iteration). A command starts the {@link Progress#start real one} on
 * stderr ({@link #on}); a sweep point shows the {@link Progress} it was given, which the runner does not close
 * ({@link #showing}).
 */
@FunctionalInterface
public interface ProgressStarter {

    /**
     * @param task  what is done, e.g. {@code train}.
     * @param unit  the unit counted, plural.
     * @param from  units already done, &ge; 0.
     * @param total units in all, &ge; from.
     * @return the display; the runner closes it when the work ends.
     */
    Progress start(String task, String unit, long from, long total);

    /**
     * @param out where the display goes (stderr), or null for none.
     * @return a starter of the display of the current {@link Progress.Mode} on {@code out}.
     */
    static ProgressStarter on(final PrintStream out) {
        return (task, unit, from, total) -> Progress.start(task, unit, from, total, out);
    }

    /**
     * @param progress a display owned by the caller (e.g. {@link Progress#OFF} inside a sweep).
     * @return a starter that hands it out and leaves it open when the runner closes what it started.
     */
    static ProgressStarter showing(final Progress progress) {
        final Progress kept = new Progress() {
            @Override
            public void stepTo(final long done, final String detail) {
                progress.stepTo(done, detail);
            }

            @Override
            public void note(final String line) {
                progress.note(line);
            }

            @Override
            public void close() {
                // the caller's
            }
        };
        return (task, unit, from, total) -> kept;
    }
}
