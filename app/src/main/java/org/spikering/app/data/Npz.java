package org.spikering.app.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip archive with one {@code .npy} file per array, named {@code <key>.npy}
 * ({@code np.savez}: stored; {@code np.savez_compressed}: deflated). Both read; written either way. Array keys are the
 * entry names without {@code .npy}, in archive order.
 */
public final class Npz {

    private Npz() {
    }

    /**
     * @param file a {@code .npz} file.
     * @return its array names, in archive order.
     * @throws IllegalArgumentException one line naming the file if it is missing or not a zip archive.
     */
    public static List<String> keys(final Path file) {
        try (ZipFile z = open(file)) {
            final List<String> keys = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                keys.add(key(e.nextElement().getName()));
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param file a {@code .npz} file.
     * @param key  the array's name.
     * @return the array, in C order.
     * @throws IllegalArgumentException one line: the file is missing or not a zip archive, it has no array
     *                                  {@code key} (listing those it has), or the array is not NumPy or of a dtype we
     *                                  do not read.
     */
    public static NpyArray read(final Path file, final String key) {
        try (ZipFile z = open(file)) {
            ZipEntry entry = z.getEntry(key + ".npy");
            if (entry == null) {
                entry = z.getEntry(key);
            }
            if (entry == null) {
                throw new IllegalArgumentException("'" + file + "' has no array '" + key + "' (it has: "
                        + String.join(", ", keys(file)) + ")");
            }
            try (InputStream in = z.getInputStream(entry)) {
                return Npy.read(in, "'" + file + "' array '" + key + "'");
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("'" + file + "' is not a valid .npz (zip) file: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param file a {@code .npz} file.
     * @return every array by name, in archive order.
     */
    public static Map<String, NpyArray> readAll(final Path file) {
        final Map<String, NpyArray> all = new LinkedHashMap<>();
        for (String k : keys(file)) {
            all.put(k, read(file, k));
        }
        return all;
    }

    private static ZipFile open(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + file + "' does not exist or is not a file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException("'" + file + "' is not a NumPy .npz file (not a zip archive)");
        }
    }

    private static String key(final String entry) {
        return entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
    }

    /**
     * Writes the arrays as {@code <key>.npy} entries, in map order, with the zip times NumPy writes (1980-01-01 00:00).
     *
     * @param file       where to write (replaced if it exists).
     * @param arrays     arrays by name.
     * @param compressed deflate ({@code np.savez_compressed}) or store ({@code np.savez}).
     */
    public static void write(final Path file, final Map<String, NpyArray> arrays, final boolean compressed) {
        try (OutputStream f = Files.newOutputStream(file)) {
            write(f, arrays, compressed);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' cannot be written: " + e.getMessage());
        }
    }

    /**
     * @param arrays     arrays by name.
     * @param compressed deflate or store.
     * @return the archive's bytes ({@link #write(Path, Map, boolean)}).
     */
    public static byte[] bytes(final Map<String, NpyArray> arrays, final boolean compressed) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(out, arrays, compressed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void write(final OutputStream f, final Map<String, NpyArray> arrays, final boolean compressed)
            throws IOException {
        final ZipOutputStream z = new ZipOutputStream(f);
        for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
            final byte[] bytes = Npy.bytes(a.getValue());
            final ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            e.setTime(java.time.LocalDateTime.of(1980, 1, 1, 0, 0)
                    .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli());
            if (compressed) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                final CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            z.putNextEntry(e);
            z.write(bytes);
            z.closeEntry();
        }
        z.finish();
    }
}
