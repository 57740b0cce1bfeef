package org.spikering.app.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Starts {@code spikering} as a child JVM (the test class path, the java of {@code java.home}) under {@code umask 027},
 * so that tests can kill it with SIGKILL ({@link Process#destroyForcibly()} on Linux) at chosen moments.
 */
final class ChildProcessRuns {

    private ChildProcessRuns() {
    }

    /**
     * @param cwd  working folder; stdout and stderr go to {@code cwd/<tag>.out} and {@code .err}.
     * @param tag  name of the log files.
     * @param args the spikering arguments.
     * @return the started process.
     */
    static Process start(final Path cwd, final String tag, final String... args) throws IOException {
        return start(cwd, tag, List.of(), args);
    }

    /**
     * @param jvm  extra JVM options, e.g. system properties.
     * @see #start(Path, String, String...)
     */
    static Process start(final Path cwd, final String tag, final List<String> jvm, final String... args) throws IOException {
        final List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 027; exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SpikeringCli.class.getName()));
        cmd.addAll(List.of(args));
        final Path logs = Files.createDirectories(cwd.resolveSibling(cwd.getFileName() + "-logs"));
        return new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(logs.resolve(tag + ".out").toFile())
                .redirectError(logs.resolve(tag + ".err").toFile())
                .start();
    }

    /** @return the stderr of a finished child started with {@code tag}. */
    static String stderr(final Path cwd, final String tag) {
        try {
            return Files.readString(cwd.resolveSibling(cwd.getFileName() + "-logs").resolve(tag + ".err"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for the child and returns its exit code (fails after 60 s). */
    static int finish(final Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish within 60 s");
        }
        return p.exitValue();
    }

    /**
     * Polls {@code until} (busy, yielding); kills the child with SIGKILL as soon as it holds.
     *
     * @return true if the child was alive when killed (false: it ended before the moment came).
     */
    static boolean killWhen(final Process p, final BooleanSupplier until) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && !until.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        final boolean alive = p.isAlive();
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        return alive && p.exitValue() == 137;
    }

    /** @return names in {@code dir} starting with {@code prefix} (sorted). */
    static List<Path> matching(final Path dir, final String glob) {
        final List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /**
     * @return the number of complete files (no temporary ones) whose names end with {@code suffix} in the staging
     *         folders of {@code out}, not counting the folders in {@code stale}.
     */
    static int stagedFiles(final Path out, final String suffix, final List<Path> stale) {
        int n = 0;
        for (Path s : matching(out.getParent(), "." + out.getFileName() + ".staging-*")) {
            if (stale.contains(s)) {
                continue;
            }
            for (Path f : matching(s, "*" + suffix)) {
                if (!f.getFileName().toString().endsWith(".tmp")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** @return file name to bytes of every file in {@code dir}. */
    static TreeMap<String, byte[]> snapshot(final Path dir) throws IOException {
        final TreeMap<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    /** @return the names in {@code dir}, sorted. */
    static List<String> names(final Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
