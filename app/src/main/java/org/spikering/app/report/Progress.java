package org.spikering.app.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a long command (training iterations, the runs of a study, simulated time), always on stderr so that
 * stdout keeps only the result line. Three modes ({@link Mode}): a bar with rate and time left on a terminal
 * ({@link ProgressBarDisplay}, me.tongfei:progressbar), one line per interval otherwise ({@link ProgressLines}:
 * CI, batch systems, pipes), or nothing. The mode is {@code SPIKERING_PROGRESS} ({@code bar}, {@code lines},
 * {@code off}) if set, else a bar when {@code System.console() != null} and lines when not.
 *
 * <p>Use from the thread that does the work: {@link #stepTo} after each unit, {@link #note} for a line that must
 * stay (a divergence, a summary), {@link #close} at the end.
 */
public interface Progress extends AutoCloseable {

    /** The environment variable that chooses the mode. */
    String ENV = "SPIKERING_PROGRESS";

    /** Shows nothing. */
    Progress OFF = new Progress() {
        @Override
        public void stepTo(final long done, final String detail) {
        }

        @Override
        public void note(final String line) {
        }

        @Override
        public void close() {
        }
    };

    /** How progress is shown. */
    enum Mode {
        /** A redrawn bar with rate and time left (a terminal). */
        BAR,
        /** One line every 10 s or 10 % of the work (not a terminal). */
        LINES,
        /** Nothing. */
        OFF;

        /**
         * @param env     the environment ({@link Progress#ENV} is read).
         * @param console whether a console is attached ({@code System.console() != null}).
         * @return the mode.
         * @throws IllegalArgumentException naming the variable if its value is not a mode.
         */
        public static Mode of(final Map<String, String> env, final boolean console) {
            final String v = env.get(ENV);
            if (v == null || v.isBlank()) {
                return console ? BAR : LINES;
            }
            switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "bar": return BAR;
                case "lines": return LINES;
                case "off": return OFF;
                default:
                    throw new IllegalArgumentException(ENV + " = '" + v + "': must be bar, lines or off (unset: a bar on a"
                            + " terminal, lines otherwise)");
            }
        }

        /** @return the mode of this process's environment and console. */
        public static Mode current() {
            return of(System.getenv(), System.console() != null);
        }
    }

    /**
     * @param task  what is done, e.g. {@code train} (lines begin {@code spikering train:}).
     * @param unit  the unit counted, plural, e.g. {@code iterations}.
     * @param from  units already done (a resumed run), &ge; 0.
     * @param total units in all, &ge; from.
     * @param out   where it goes (stderr), or null for {@link #OFF}.
     * @return the progress display of the {@linkplain Mode#current current mode}.
     */
    static Progress start(final String task, final String unit, final long from, final long total, final PrintStream out) {
        if (out == null) {
            return OFF;
        }
        switch (Mode.current()) {
            case BAR: return new ProgressBarDisplay(task, unit, from, total, out);
            case LINES: return new ProgressLines(task, unit, from, total, out, System::nanoTime);
            default: return OFF;
        }
    }

    /**
     * @param done   units done so far (not more than the total).
     * @param detail what to show besides the count (e.g. {@code loss 0.12}), or null.
     */
    void stepTo(long done, String detail);

    /** @param line a line that stays on screen (printed between the bar's redraws; not in mode off). */
    void note(String line);

    /** Ends the display (a bar is drawn at its last state). */
    @Override
    void close();
}
