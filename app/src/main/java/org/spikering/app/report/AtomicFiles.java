package org.spikering.app.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, which
 * is then renamed over the target. Readers see either the old file or the complete new one.
 * Stateless and thread-safe.
 */
public final class AtomicFiles {

    /** Something that writes text to a writer. */
    @FunctionalInterface
    public interface TextBody {
        /**
         * @param out to which the content is written.
         * @throws IOException if writing fails.
         */
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * @param target file to create or replace; its parent directories are created.
     * @param bytes  the complete content.
     */
    public static void writeBytes(final Path target, final byte[] bytes) {
        final Path tmp = tempBeside(target);
        try {
            Files.write(tmp, bytes);
            moveAtomically(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param target file to create or replace, UTF-8; its parent directories are created.
     * @param body   writes the content.
     */
    public static void writeText(final Path target, final TextBody body) {
        final Path tmp = tempBeside(target);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.writeTo(w);
            }
            moveAtomically(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write " + target + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * @param target file to create or replace, UTF-8.
     * @param text   the complete content.
     */
    public static void writeString(final Path target, final String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path tempBeside(final Path target) {
        try {
            final Path abs = target.toAbsolutePath();
            final Path dir = abs.getParent();
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file beside " + target + ": " + e.getMessage(), e);
        }
    }

    private static void moveAtomically(final Path tmp, final Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(final Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and named after the target
        }
    }
}
