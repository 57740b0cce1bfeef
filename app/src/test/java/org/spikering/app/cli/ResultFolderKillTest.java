package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spikering.app.cli.ChildProcessRuns.finish;
import static org.spikering.app.cli.ChildProcessRuns.killWhen;
import static org.spikering.app.cli.ChildProcessRuns.matching;
import static org.spikering.app.cli.ChildProcessRuns.names;
import static org.spikering.app.cli.ChildProcessRuns.snapshot;
import static org.spikering.app.cli.ChildProcessRuns.stagedFiles;
import static org.spikering.app.cli.ChildProcessRuns.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.ResultFolder;

/**
 * {@code spikering run} killed with SIGKILL at several moments (JVM start, simulation, while the result files are being
 * written, during the commit) leaves {@code --out} as the previous complete set, byte for byte, or a complete new set;
 * the next run leaves nothing stray; a second run on a busy folder is refused in one line; files follow the umask.
 */
final class ResultFolderKillTest {

    @TempDir
    Path tmp;

    private static String[] runArgs(final int seed) {
        return new String[] {"run", "--scale", "0.1", "--seconds", "0.3", "--seed", Integer.toString(seed), "--out", "out"};
    }

    @Test
    void shouldLeaveThePreviousOrTheNewCompleteSetWhenKilledAtAnyMoment() throws Exception {
        final Path cwd = Files.createDirectory(tmp.resolve("w"));
        final Path out = cwd.resolve("out");
        assertEquals(0, finish(start(cwd, "base", runArgs(1))), () -> ChildProcessRuns.stderr(cwd, "base"));
        TreeMap<String, byte[]> previous = snapshot(out);
        assertEquals(7, previous.size(), previous.keySet().toString()); // six result files and the manifest

        // each moment as seen from outside; staging folders left by earlier kills (until a run recovers them) and
        // their lock files are told apart by the child's pid and by the folders present before it started
        final Map<String, Function<Moment, BooleanSupplier>> moments = new java.util.LinkedHashMap<>();
        moments.put("JVM start (50 ms)", m -> after(50));
        moments.put("holding the lock (simulating)", m -> () -> lockedBy(cwd.resolve(".out.lock"), m.process()));
        moments.put("writing: first file staged", m -> () -> stagedFiles(out, "", m.stale()) >= 1);
        moments.put("writing: four files staged", m -> () -> stagedFiles(out, "", m.stale()) >= 4);
        moments.put("commit: manifest written", m -> () -> stagedFiles(out, ResultFolder.MANIFEST, m.stale()) >= 1);
        moments.put("commit: old set renamed aside", m -> () -> !matching(cwd, ".out.old-*").isEmpty());
        final List<String> outcomes = new ArrayList<>();
        int seed = 2;
        for (Map.Entry<String, Function<Moment, BooleanSupplier>> m : moments.entrySet()) {
            final List<Path> stale = matching(cwd, ".out.staging-*");
            // the two commit moments last microseconds: the child pauses there (ResultFolder.PAUSE_PROPERTY) so that
            // the poll sees them
            final List<String> jvm = m.getKey().startsWith("commit") ? List.of("-D" + ResultFolder.PAUSE_PROPERTY + "=3000")
                    : List.of();
            final Process p = start(cwd, "kill" + seed, jvm, runArgs(seed));
            assertTrue(killWhen(p, m.getValue().apply(new Moment(p, stale))), m.getKey() + ": the child ended before it");
            seed++;
            final TreeMap<String, byte[]> now;
            if (Files.exists(out)) {
                now = snapshot(out);
                assertTrue(ResultFolder.isComplete(out), m.getKey() + ": incomplete folder " + now.keySet());
            } else { // killed between the two renames of the commit: the previous set waits aside, complete
                final List<Path> aside = matching(cwd, ".out.old-*");
                assertEquals(1, aside.size(), m.getKey() + ": no result folder and no aside folder " + names(cwd));
                now = snapshot(aside.get(0));
            }
            if (sameBytes(now, previous)) {
                outcomes.add(m.getKey() + ": previous set" + (Files.exists(out) ? "" : " (aside)"));
            } else {
                // a new set from another seed: every result file differs from the previous one (none is mixed in)
                for (String f : RunCommand.RESULT_FILES) {
                    assertFalse(Arrays.equals(now.get(f), previous.get(f)), m.getKey() + ": " + f + " of the old set in a new set");
                }
                outcomes.add(m.getKey() + ": new set");
                previous = now;
            }
        }
        assertEquals(0, finish(start(cwd, "final", runArgs(seed))), () -> ChildProcessRuns.stderr(cwd, "final"));
        System.err.println("ResultFolderKillTest: " + outcomes);
        assertEquals(List.of("out"), names(cwd), "after the next run nothing stray remains; trials: " + outcomes);
        assertTrue(ResultFolder.isComplete(out));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)), "umask 027");
        for (String f : RunCommand.RESULT_FILES) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))), f);
        }
    }

    @Test
    void shouldRefuseASecondWriterInOneLine() throws Exception {
        final Path cwd = Files.createDirectory(tmp.resolve("two"));
        // a holds the lock at least 2 × 3 s longer (it pauses at both commit moments), so that b, whose JVM may take
        // seconds to start on a loaded machine, meets it held: without the pause a could finish first and both succeed
        final Process a = start(cwd, "a", List.of("-D" + ResultFolder.PAUSE_PROPERTY + "=3000"), runArgs(11));
        while (a.isAlive() && !Files.exists(cwd.resolve(".out.lock"))) {
            Thread.sleep(1);
        }
        final Process b = start(cwd, "b", runArgs(12));
        final int codeB = finish(b);
        final int codeA = finish(a);
        // normally a holds the lock; if b got it in the instant between a's creating the lock file and locking it,
        // the roles swap
        final String loser = codeA == 2 ? "a" : "b";
        assertEquals(List.of(0, 2), List.of(Math.min(codeA, codeB), Math.max(codeA, codeB)));
        assertEquals("spikering run: error: --out = 'out': in use by another spikering run\n",
                ChildProcessRuns.stderr(cwd, loser));
        assertEquals(List.of("out"), names(cwd));
        assertTrue(ResultFolder.isComplete(cwd.resolve("out")));
    }

    private static boolean sameBytes(final TreeMap<String, byte[]> x, final TreeMap<String, byte[]> y) {
        if (!x.keySet().equals(y.keySet())) {
            return false;
        }
        for (String k : x.keySet()) {
            if (!Arrays.equals(x.get(k), y.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static BooleanSupplier after(final long ms) {
        final long t = System.nanoTime() + ms * 1_000_000;
        return () -> System.nanoTime() >= t;
    }

    /** A child and the staging folders that were there before it started. */
    private record Moment(Process process, List<Path> stale) {
    }

    private static boolean lockedBy(final Path lockFile, final Process p) {
        try {
            return Files.readString(lockFile).startsWith(p.pid() + " ");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
