package org.spikering.app.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (format versions 1.0, 2.0 and 3.0, as NumPy's {@code numpy/lib/format.py} describes it):
 * the magic {@code \x93NUMPY}, major and minor version bytes, the header length (2 bytes little-endian in version 1,
 * 4 bytes in 2 and 3), then an ASCII (version 3: UTF-8) Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and a final {@code \n} so
 * that the data start at a multiple of 64 bytes, then the elements.
 *
 * <p>Reading accepts the {@link NpyDtype} types in either byte order, C or Fortran order (a Fortran-order array is
 * reordered to C order, so {@link NpyArray} is always row-major). Writing writes version 1.0 (what NumPy writes for
 * every array of at most 64 dimensions, its limit, whose header always fits in 65535 bytes), C order, little-endian, with the header NumPy 2.x's {@code np.save} writes byte for byte:
 * the dict, then {@code 21 − len(str(shape[0]))} spaces of room for growing the first axis (none for 0-d arrays),
 * then spaces and {@code \n} to the 64-byte boundary.
 *
 * <p>Every problem is an {@link IllegalArgumentException} of one line naming the file: not a NumPy file, a dtype we
 * do not read (with the list of those we do), a truncated file.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @param file a {@code .npy} file.
     * @return its array, in C order.
     * @throws IllegalArgumentException one line naming the file if it is missing, not NumPy, or of a dtype we do not read.
     */
    public static NpyArray read(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + file + "' does not exist or is not a file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, "'" + file + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param in   the stream, positioned at the magic.
     * @param name the file (and entry) for messages, quoted, e.g. {@code 'x.npz' array 'a'}.
     * @return the array, in C order.
     * @throws IOException on a read error.
     */
    public static NpyArray read(final InputStream in, final String name) throws IOException {
        final DataInputStream d = new DataInputStream(in);
        final byte[] magic = new byte[8];
        final int got = d.readNBytes(magic, 0, 8);
        for (int k = 0; k < MAGIC.length; k++) {
            if (got < 8 || magic[k] != MAGIC[k]) {
                throw new IllegalArgumentException(name + " is not a NumPy .npy file (it does not start with \\x93NUMPY)");
            }
        }
        final int major = magic[6];
        final int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(Short.reverseBytes(readShort(d, name)));
        } else if (major == 2 || major == 3) {
            headerLength = Integer.reverseBytes(readInt(d, name));
        } else {
            throw new IllegalArgumentException(name + " is NumPy format version " + major + "." + magic[7]
                    + ", we read 1.0, 2.0 and 3.0");
        }
        if (headerLength < 0 || headerLength > 1 << 24) {
            throw new IllegalArgumentException(name + " has a header of " + headerLength + " bytes, not a NumPy header");
        }
        final byte[] hb = d.readNBytes(headerLength);
        if (hb.length < headerLength) {
            throw new IllegalArgumentException(name + " is truncated (in the header)");
        }
        final String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        final Matcher descr = DESCR.matcher(header);
        final Matcher fortran = FORTRAN.matcher(header);
        final Matcher shape = SHAPE.matcher(header);
        if (!fortran.find() || !shape.find()) {
            throw new IllegalArgumentException(name + " has a header NumPy did not write: " + header.strip());
        }
        if (!descr.find()) {
            throw new IllegalArgumentException(name + " has a structured dtype, which we do not read (we read: "
                    + NpyDtype.names() + ")");
        }
        final NpyDtype dtype = NpyDtype.parse(descr.group(1));
        if (dtype == null) {
            throw new IllegalArgumentException(name + " has dtype '" + descr.group(1) + "', which we do not read (we read: "
                    + NpyDtype.names() + ")");
        }
        final int[] dims = parseShape(shape.group(1), name);
        final long count = NpyArray.count(dims);
        final ByteOrder order = descr.group(1).charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        final Object data = readData(d, dtype, (int) count, order, name);
        final NpyArray a = new NpyArray(dtype, dims, data);
        return "True".equals(fortran.group(1)) ? Fortran.toC(a) : a;
    }

    private static short readShort(final DataInputStream d, final String name) throws IOException {
        try {
            return d.readShort();
        } catch (EOFException e) {
            throw new IllegalArgumentException(name + " is truncated (in the header length)");
        }
    }

    private static int readInt(final DataInputStream d, final String name) throws IOException {
        try {
            return d.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(name + " is truncated (in the header length)");
        }
    }

    private static int[] parseShape(final String text, final String name) {
        final String t = text.strip();
        if (t.isEmpty()) {
            return new int[0];
        }
        final String[] parts = t.split(",");
        int n = parts.length;
        if (parts[n - 1].isBlank()) {
            n--;
        }
        final int[] dims = new int[n];
        for (int k = 0; k < n; k++) {
            try {
                final long v = Long.parseLong(parts[k].strip().replace("L", ""));
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                dims[k] = (int) v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " has shape (" + text + "), not a tuple of extents we can hold");
            }
        }
        return dims;
    }

    private static Object readData(final InputStream in, final NpyDtype dtype, final int count, final ByteOrder order,
                                   final String name) throws IOException {
        final Object data = switch (dtype) {
            case FLOAT64 -> new double[count];
            case FLOAT32 -> new float[count];
            case INT64 -> new long[count];
            case INT32 -> new int[count];
            case INT16 -> new short[count];
            case INT8, UINT8 -> new byte[count];
            case BOOL -> new boolean[count];
        };
        final int size = dtype.bytes();
        final int perChunk = Math.max(1, (1 << 16) / size);
        final byte[] chunk = new byte[perChunk * size];
        int done = 0;
        while (done < count) {
            final int n = Math.min(perChunk, count - done);
            final int got = in.readNBytes(chunk, 0, n * size);
            if (got < n * size) {
                throw new IllegalArgumentException(name + " is truncated: its header says " + count + " elements of "
                        + dtype.numpyName() + ", the file holds " + (done + got / size));
            }
            final ByteBuffer b = ByteBuffer.wrap(chunk, 0, n * size).order(order);
            switch (dtype) {
                case FLOAT64 -> b.asDoubleBuffer().get((double[]) data, done, n);
                case FLOAT32 -> b.asFloatBuffer().get((float[]) data, done, n);
                case INT64 -> b.asLongBuffer().get((long[]) data, done, n);
                case INT32 -> b.asIntBuffer().get((int[]) data, done, n);
                case INT16 -> b.asShortBuffer().get((short[]) data, done, n);
                case INT8, UINT8 -> System.arraycopy(chunk, 0, data, done, n);
                case BOOL -> {
                    final boolean[] z = (boolean[]) data;
                    for (int k = 0; k < n; k++) {
                        final byte v = chunk[k];
                        if (v != 0 && v != 1) {
                            throw new IllegalArgumentException(name + " is bool but element " + (done + k) + " is byte "
                                    + v + ", not 0 or 1");
                        }
                        z[done + k] = v == 1;
                    }
                }
                default -> throw new IllegalStateException();
            }
            done += n;
        }
        return data;
    }

    /**
     * @param file where to write (replaced if it exists).
     * @param a    the array.
     */
    public static void write(final Path file, final NpyArray a) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, a);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be written: " + e.getMessage());
        }
    }

    /**
     * @param a the array.
     * @return the {@code .npy} bytes NumPy's {@code np.save} writes for it.
     */
    public static byte[] bytes(final NpyArray a) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param out the stream (not closed).
     * @param a   the array.
     * @throws IOException on a write error.
     */
    public static void write(final OutputStream out, final NpyArray a) throws IOException {
        out.write(header(a));
        final int size = a.dtype().bytes();
        final int count = a.size();
        final int perChunk = Math.max(1, (1 << 16) / size);
        final byte[] chunk = new byte[perChunk * size];
        for (int done = 0; done < count; done += perChunk) {
            final int n = Math.min(perChunk, count - done);
            final ByteBuffer b = ByteBuffer.wrap(chunk, 0, n * size).order(ByteOrder.LITTLE_ENDIAN);
            final Object data = a.data();
            switch (a.dtype()) {
                case FLOAT64 -> b.asDoubleBuffer().put((double[]) data, done, n);
                case FLOAT32 -> b.asFloatBuffer().put((float[]) data, done, n);
                case INT64 -> b.asLongBuffer().put((long[]) data, done, n);
                case INT32 -> b.asIntBuffer().put((int[]) data, done, n);
                case INT16 -> b.asShortBuffer().put((short[]) data, done, n);
                case INT8, UINT8 -> System.arraycopy(data, done, chunk, 0, n);
                case BOOL -> {
                    final boolean[] z = (boolean[]) data;
                    for (int k = 0; k < n; k++) {
                        chunk[k] = (byte) (z[done + k] ? 1 : 0);
                    }
                }
                default -> throw new IllegalStateException();
            }
            out.write(chunk, 0, n * size);
        }
    }

    /** The magic, version, length and padded header dict, as NumPy 2.x writes them. */
    static byte[] header(final NpyArray a) {
        final StringBuilder h = new StringBuilder("{'descr': '").append(a.dtype().descr())
                .append("', 'fortran_order': False, 'shape': ").append(a.shapeText()).append(", }");
        if (a.ndim() > 0) {
            h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(a.dim(0)).length()));
        }
        final int prefix = MAGIC.length + 2 + 2;
        final int pad = ALIGN - ((prefix + h.length() + 1) % ALIGN); // NumPy: 64 (not 0) when already aligned
        h.append(" ".repeat(pad)).append('\n');
        final byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        final ByteBuffer b = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }
}
