package org.spikering.sim.record;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary file in the same directory and an atomic rename: readers see the old file or
 * the complete new one. The temporary file is created with {@code CREATE_NEW} (not {@code Files.createTempFile},
 * which makes it 0600), so the result has the permissions the umask gives. The one implementation of atomic file
 * writing: {@code app}'s {@code AtomicFiles} delegates here.
 */
public final class AtomicWrite {

    /** Writes the content. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param w the writer.
         * @throws IOException on failure.
         */
        void write(Writer w) throws IOException;
    }

    /** Writes the content as bytes. */
    @FunctionalInterface
    public interface ByteBody {
        /**
         * @param out the stream.
         * @throws IOException on failure.
         */
        void write(OutputStream out) throws IOException;
    }

    /** Writes the content to a file given by its path. */
    @FunctionalInterface
    public interface PathBody {
        /**
         * @param tmp the temporary file (exists, empty).
         * @throws IOException on failure.
         */
        void write(Path tmp) throws IOException;
    }

    private AtomicWrite() {
    }

    /**
     * @param target the file, UTF-8; parent directories are created.
     * @param body   writes the content.
     */
    public static void text(final Path target, final Body body) {
        bytes(target, os -> {
            final Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            body.write(w);
            w.flush();
        });
    }

    /**
     * @param target the file; parent directories are created.
     * @param body   writes the content.
     */
    public static void bytes(final Path target, final ByteBody body) {
        throughTemp(target, tmp -> {
            try (OutputStream os = new java.io.BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16)) {
                body.write(os);
            }
        });
    }

    /**
     * Lets the body write a new empty temporary file beside the target (see {@link #createTemp}) by its path, for
     * writers that need a path (e.g. HDF5 libraries), then renames it over the target; on failure the temporary
     * file is deleted and the target is left as it was.
     *
     * @param target the file; parent directories are created.
     * @param body   writes the content to the path it is given.
     * @throws UncheckedIOException "cannot write &lt;target&gt;: &lt;cause&gt;" on I/O failure.
     */
    public static void throughTemp(final Path target, final PathBody body) {
        final Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = createTemp(abs);
            body.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * A new empty file {@code .<name>.<random>.tmp} beside the target, with the umask's permissions: for writers that
     * need a path (e.g. HDF5 libraries) and then rename it over the target themselves.
     *
     * @param abs the target (absolute).
     * @return the temporary file.
     * @throws IOException if it cannot be created.
     */
    public static Path createTemp(final Path abs) throws IOException {
        for (int attempt = 0; ; attempt++) {
            final Path tmp = abs.resolveSibling("." + abs.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(final Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
