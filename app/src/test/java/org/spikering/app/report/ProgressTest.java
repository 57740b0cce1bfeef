package org.spikering.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lines mode of {@link Progress} on a clock the test moves: when a line is printed (10 s, 10 % of the work, the
 * end; nothing in the first second) and what it says (count, rate = done / elapsed, time left = left / rate, worked
 * out by hand below); the mode chosen from SPIKERING_PROGRESS and the console; off prints nothing.
 */
final class ProgressTest {

    private long now;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static long s(final double seconds) {
        return Math.round(seconds * 1e9);
    }

    @Test
    void linesEveryTenPercentOrTenSecondsAndAtTheEnd() {
        final ProgressLines p = new ProgressLines("train", "iterations", 0, 300, out, () -> now);
        now = s(0.5);
        p.stepTo(29, "loss 1");     // < 1 s since the start: quiet
        now = s(7.5);
        p.stepTo(30, "loss 0.9");   // 30 = 10 % of 300: a line; 30 / 7.5 s = 4.0/s, 270 / 4 = 67.5 s left
        now = s(8);
        p.stepTo(31, null);         // neither 10 % nor 10 s since the last line
        now = s(17.6);
        p.stepTo(40, null);         // 10.1 s since the last line: 40 / 17.6 = 2.27/s, 260 / 2.2727 = 114.4 s left
        now = s(20);
        p.stepTo(40, null);         // nothing new done
        now = s(73);
        p.stepTo(300, "loss 0.1");  // the end: 300 / 73 = 4.1/s, done in 73 s
        p.stepTo(300, "loss 0.1");  // printed once
        assertEquals(List.of(
                "spikering train: 30/300 iterations, 4.0/s, 68 s left; loss 0.9",
                "spikering train: 40/300 iterations, 2.3/s, 114 s left",
                "spikering train: 300/300 iterations, 4.1/s, done in 73 s; loss 0.1"), lines());
    }

    @Test
    void aResumedRunCountsItsRateFromWhereItResumed() {
        final ProgressLines p = new ProgressLines("train", "iterations", 100, 200, out, () -> now);
        now = s(20);
        p.stepTo(110, null); // 10 units in 20 s: 0.5/s; 90 left: 180 s = 3 min
        assertEquals(List.of("spikering train: 110/200 iterations, 0.50/s, 3 min left"), lines());
    }

    @Test
    void shortWorkPrintsNothingAndLongWorkTellsHours() {
        final ProgressLines quiet = new ProgressLines("run", "simulated ms", 0, 1000, out, () -> now);
        now = s(0.9);
        quiet.stepTo(1000, null);
        assertEquals(List.of(), lines());
        final ProgressLines slow = new ProgressLines("hw study", "runs", 0, 1000, out, () -> now);
        now = s(0.9 + 36);
        slow.stepTo(1, null); // 1 run per 36 s: 999 runs = 35964 s = 10.0 h
        assertEquals(List.of("spikering hw study: 1/1000 runs, 0.028/s, 10.0 h left"), lines());
    }

    @Test
    void modeFollowsTheVariableThenTheConsole() {
        assertEquals(Progress.Mode.BAR, Progress.Mode.of(Map.of(), true));
        assertEquals(Progress.Mode.LINES, Progress.Mode.of(Map.of(), false));
        assertEquals(Progress.Mode.LINES, Progress.Mode.of(Map.of(Progress.ENV, "lines"), true));
        assertEquals(Progress.Mode.BAR, Progress.Mode.of(Map.of(Progress.ENV, "BAR"), false));
        assertEquals(Progress.Mode.OFF, Progress.Mode.of(Map.of(Progress.ENV, "off"), true));
        assertEquals("SPIKERING_PROGRESS = 'loud': must be bar, lines or off (unset: a bar on a terminal, lines otherwise)",
                assertThrows(IllegalArgumentException.class, () -> Progress.Mode.of(Map.of(Progress.ENV, "loud"), false))
                        .getMessage());
    }

    @Test
    void offPrintsNothing() {
        Progress.OFF.stepTo(5, "x");
        Progress.OFF.note("training diverged");
        Progress.OFF.close();
        assertEquals(Progress.OFF, Progress.start("train", "iterations", 0, 10, null));
        assertEquals(0, bytes.size());
    }
}
