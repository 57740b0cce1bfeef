package org.spikering.app.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.spikering.sim.record.AtomicWrite;

/**
 * Writes single files atomically (temporary file beside the target, then a rename; {@link AtomicWrite}): readers
 * see either the old file or the complete new one, with the permissions the umask gives. A command's set of result
 * files is made complete-or-absent by {@link ResultFolder}; this class is for each file in it and for single files
 * written outside a result folder ({@code gradients --write-json}). Stateless and thread-safe.
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
        AtomicWrite.bytes(target, os -> os.write(bytes));
    }

    /**
     * @param target file to create or replace, UTF-8; its parent directories are created.
     * @param body   writes the content.
     */
    public static void writeText(final Path target, final TextBody body) {
        AtomicWrite.text(target, body::writeTo);
    }

    /**
     * @param target file to create or replace, UTF-8.
     * @param text   the complete content.
     */
    public static void writeString(final Path target, final String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
