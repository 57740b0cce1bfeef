package org.spikering.app.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of IDX files (LeCun's MNIST format, also Fashion-MNIST's), plain or gzip-compressed (recognised by the gzip
 * magic bytes 1f 8b, whatever the file name). Layout, big-endian: magic (int32: 2051 = 0x00000803 for images, unsigned
 * bytes in 3 dimensions; 2049 = 0x00000801 for labels, 1 dimension), the dimension sizes (int32 each), then the
 * unsigned bytes row-major. Every problem is one line naming the file.
 */
public final class Idx {

    /** Magic number of an image file (ubyte, 3 dimensions: count, rows, columns). */
    public static final int IMAGES = 2051;
    /** Magic number of a label file (ubyte, 1 dimension: count). */
    public static final int LABELS = 2049;

    private Idx() {
    }

    /**
     * Images as unsigned bytes.
     *
     * @param count  number of images n.
     * @param rows   rows per image.
     * @param cols   columns per image.
     * @param pixels n·rows·cols bytes, image-major then row-major; the value is {@code pixels[k] & 0xFF} in 0..255.
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /**
     * @param file an IDX file.
     * @param magic {@link #IMAGES} or {@link #LABELS}.
     * @return the dimension sizes of its header (3 for images, 1 for labels), checked against the magic.
     * @throws IllegalArgumentException one line naming the file if it is unreadable, not IDX or of another kind.
     */
    public static int[] header(final Path file, final int magic) {
        try (DataInputStream in = open(file)) {
            return header(in, file, magic);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read as an IDX file (" + e.getMessage() + ")");
        }
    }

    /**
     * @param file an IDX image file (magic 2051).
     * @param max  read the first min(max, n) images.
     * @return the images.
     */
    public static Images images(final Path file, final int max) {
        try (DataInputStream in = open(file)) {
            final int[] d = header(in, file, IMAGES);
            final int n = Math.min(max, d[0]);
            final long bytes = (long) n * d[1] * d[2];
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": " + n + " images of " + d[1] + "x" + d[2] + " pixels do not fit"
                        + " in one array; read fewer");
            }
            final byte[] px = new byte[(int) bytes];
            read(in, px, file);
            return new Images(n, d[1], d[2], px);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read as an IDX file (" + e.getMessage() + ")");
        }
    }

    /**
     * @param file an IDX label file (magic 2049).
     * @param max  read the first min(max, n) labels.
     * @return the labels as unsigned bytes.
     */
    public static byte[] labels(final Path file, final int max) {
        try (DataInputStream in = open(file)) {
            final int[] d = header(in, file, LABELS);
            final byte[] l = new byte[Math.min(max, d[0])];
            read(in, l, file);
            return l;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read as an IDX file (" + e.getMessage() + ")");
        }
    }

    private static DataInputStream open(final Path file) throws IOException {
        final InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        final int b0 = raw.read();
        final int b1 = raw.read();
        raw.reset();
        final boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static int[] header(final DataInputStream in, final Path file, final int magic) throws IOException {
        final int m;
        try {
            m = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": empty or shorter than an IDX header");
        }
        if (m != magic) {
            throw new IllegalArgumentException(file + ": magic number " + m + ", must be " + magic + " (an IDX "
                    + (magic == IMAGES ? "image" : "label") + " file of unsigned bytes)"
                    + (m == IMAGES || m == LABELS ? "; it is an IDX " + (m == IMAGES ? "image" : "label") + " file" : ""));
        }
        final int[] d = new int[magic == IMAGES ? 3 : 1];
        try {
            for (int k = 0; k < d.length; k++) {
                d[k] = in.readInt();
                if (d[k] < 0) {
                    throw new IllegalArgumentException(file + ": dimension " + k + " is " + d[k] + ", must be >= 0");
                }
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": ends inside its IDX header");
        }
        return d;
    }

    private static void read(final DataInputStream in, final byte[] into, final Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": ends before the " + into.length + " data bytes its header"
                    + " announces");
        }
    }
}
