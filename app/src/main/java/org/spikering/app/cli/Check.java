package org.spikering.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.spikering.sim.Engine;

/**
 * The checks every command runs on its options before any work: each throws an
 * {@link IllegalArgumentException} whose message names the option, the value and what is allowed, in the
 * form {@code --opt = value: must be ...}; {@link SpikeringCli#commandLine()} prints it as one line and
 * exits with 2. Nothing here creates a file or folder.
 */
final class Check {

    private Check() {
    }

    /** @return v if in [lo, hi] (NaN is never). */
    static double range(final String option, final double v, final double lo, final double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(option + " = " + v + ": must be in [" + num(lo) + ", " + num(hi) + "]");
        }
        return v;
    }

    /** @return v if in (lo, hi] (NaN is never). */
    static double rangeOpenLow(final String option, final double v, final double lo, final double hi) {
        if (!(v > lo && v <= hi)) {
            throw new IllegalArgumentException(option + " = " + v + ": must be in (" + num(lo) + ", " + num(hi) + "]");
        }
        return v;
    }

    /** @return v if in [lo, hi]. */
    static int range(final String option, final int v, final int lo, final int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(option + " = " + v + ": must be an integer in [" + lo + ", " + hi + "]");
        }
        return v;
    }

    /** Fails unless {@code threads} is 1 with the reference engine, which runs one thread. */
    static void engineThreads(final Engine engine, final int threads) {
        if (engine == Engine.REFERENCE && threads != 1) {
            throw new IllegalArgumentException("--threads = " + threads + " with --engine = 'reference': must be 1, the"
                    + " reference engine runs one thread (or use --engine disruptor)");
        }
    }

    /** @return the value, if one of {@code allowed} (exact match). */
    static String choice(final String option, final String value, final String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(option + " = '" + value + "': must be one of " + List.of(allowed));
    }

    /** Fails if the list is empty or has a value twice. */
    static <T> void distinct(final String option, final List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(option + " is empty: give at least one value");
        }
        final Set<T> seen = new HashSet<>();
        for (T v : values) {
            if (!seen.add(v)) {
                throw new IllegalArgumentException(option + " = " + joined(values) + ": lists " + v
                        + " twice; each value must appear once");
            }
        }
    }

    private static String joined(final List<?> values) {
        final StringBuilder b = new StringBuilder();
        for (Object v : values) {
            b.append(b.length() == 0 ? "" : ",").append(v);
        }
        return b.toString();
    }

    /** @return {@code --opt = 'value'} as the user gave it, for messages about options that do not go together. */
    static String given(final picocli.CommandLine.ParseResult parsed, final String option) {
        final var o = parsed.matchedOption(option);
        return o == null ? option : option + " = '" + String.join(",", o.stringValues()) + "'";
    }

    /**
     * An input file: it must exist, be a regular file (not a folder, named pipe or device) and be readable.
     *
     * @return the file.
     */
    static Path inputFile(final String option, final Path file, final String what) {
        final String shown = option + " = '" + file + "'";
        if (file.toString().isEmpty()) {
            throw new IllegalArgumentException(shown + ": must be a readable " + what + " (empty)");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(shown + ": must be a readable " + what + " (no such file)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(shown + ": must be a readable " + what
                    + (Files.isDirectory(file) ? " (it is a folder)" : " (not a regular file: a pipe or device)"));
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(shown + ": must be a readable " + what + " (not readable)");
        }
        return file;
    }

    /**
     * An output folder: the path is not empty; if it exists it is a writable folder; otherwise the nearest
     * existing ancestor is a folder in which folders can be created. Creates nothing.
     *
     * @return the folder.
     */
    static Path outputFolder(final String option, final Path dir) {
        final String shown = option + " = '" + dir + "'";
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException(shown + ": must be a folder path (empty)");
        }
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(shown + ": must be a folder; it is a file");
            }
            writable(shown, dir);
            return dir;
        }
        creatable(shown, dir);
        return dir;
    }

    /**
     * An output file: not empty, not a folder; its folder exists and is writable, or can be created.
     *
     * @return the file.
     */
    static Path outputFile(final String option, final Path file) {
        final String shown = option + " = '" + file + "'";
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException(shown + ": must be a file path (empty)");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(shown + ": must be a file path; it is a folder");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(shown + ": must be a regular file path (it is a pipe or device)");
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(parent)) {
            writable(shown, parent);
        } else {
            creatable(shown, parent);
        }
        return file;
    }

    private static void creatable(final String shown, final Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new IllegalArgumentException(shown + ": must be creatable, but " + p + " is a file, not a folder");
        }
        writable(shown, p);
    }

    /**
     * Writable means a file can be created in it: checked by access rights and, because these say yes to
     * root even on /proc or read-only mounts, by {@link Files#getFileStore} refusing read-only stores and
     * by procfs/sysfs, which never hold user files.
     */
    private static void writable(final String shown, final Path dir) {
        final String why;
        try {
            final var store = Files.getFileStore(dir);
            final String type = store.type().toLowerCase(Locale.ROOT);
            if (store.isReadOnly()) {
                why = " is on a read-only file system";
            } else if (type.equals("proc") || type.equals("sysfs") || type.equals("devtmpfs") || type.equals("cgroup2")) {
                why = " is on " + type + ", which holds no user files";
            } else if (!Files.isWritable(dir)) {
                why = " is not writable";
            } else {
                return;
            }
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException(shown + ": must be writable: " + e.getMessage());
        }
        throw new IllegalArgumentException(shown + ": must be writable, but " + dir.toAbsolutePath() + why);
    }

    private static String num(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
