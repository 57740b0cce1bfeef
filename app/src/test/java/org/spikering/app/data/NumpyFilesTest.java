package org.spikering.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Npy} and {@link Npz} against files written by NumPy 2.4.6: the fixtures in
 * {@code src/test/resources/org/spikering/app/data/} were made by {@code make_fixtures.py} beside them
 * ({@code python3 make_fixtures.py}), which also wrote {@code values.json}: every array's dtype, shape and C-order
 * values from NumPy's {@code tolist()} (floats as Python repr strings, read back exactly by
 * {@link Double#parseDouble}). Reading must give exactly those; writing what we read must give NumPy's bytes for
 * {@code .npy} (deterministic: header and data) and the same arrays back for {@code .npz} (zip bytes differ: NumPy
 * writes zip64 extra fields).
 */
final class NumpyFilesTest {

    static Path fixture(final String name) {
        try {
            return Path.of(NumpyFilesTest.class.getResource("/org/spikering/app/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(fixture("values.json").toFile());
    }

    private static NpyArray readFixture(final String key) {
        final int colon = key.indexOf(':');
        return colon < 0 ? Npy.read(fixture(key)) : Npz.read(fixture(key.substring(0, colon)), key.substring(colon + 1));
    }

    @Test
    void everyFixtureReadsToNumpysDtypeShapeAndValues() throws IOException {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected().fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> e = it.next();
            final NpyArray a = readFixture(e.getKey());
            final JsonNode want = e.getValue();
            assertEquals(want.get("dtype").asText(), a.dtype().numpyName(), e.getKey());
            final int[] shape = new int[want.get("shape").size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = want.get("shape").get(k).asInt();
            }
            assertArrayEquals(shape, a.shape(), e.getKey());
            final JsonNode v = want.get("values");
            assertEquals(v.size(), a.size(), e.getKey());
            for (int i = 0; i < a.size(); i++) {
                if (a.dtype().isFloat()) {
                    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(v.get(i).asText())),
                            Double.doubleToRawLongBits(a.doubleAt(i)), e.getKey() + "[" + i + "]");
                } else if (a.dtype() == NpyDtype.BOOL) {
                    assertEquals(v.get(i).asBoolean() ? 1 : 0, a.longAt(i), e.getKey() + "[" + i + "]");
                } else {
                    assertEquals(v.get(i).asLong(), a.longAt(i), e.getKey() + "[" + i + "]");
                }
            }
            checked++;
        }
        assertEquals(29, checked); // including the format 2.0 and 3.0 headers
    }

    @Test
    void uint8AboveInt8IsReadUnsigned() {
        final NpyArray a = Npy.read(fixture("u1_4.npy"));
        assertEquals(200, a.longAt(2));
        assertEquals(255.0, a.doubleAt(3));
    }

    @Test
    void fortranOrderIsReorderedToC() {
        // np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)): element (i, j, k) = 12 i + 4 j + k
        final NpyArray a = Npy.read(fixture("f8_fortran_2x3x4.npy"));
        for (int i = 0; i < 24; i++) {
            assertEquals(i, a.doubleAt(i));
        }
    }

    @Test
    void ourNpyBytesAreNumpysForEveryLittleEndianCOrderFixture() throws IOException {
        for (String f : List.of("f8_2x3.npy", "f4_4.npy", "i8_3.npy", "i4_2x2.npy", "i2_3.npy", "i1_4.npy", "u1_4.npy",
                "b1_2x3.npy", "f8_2x3x4.npy", "f8_0d.npy", "f8_0x3.npy")) {
            assertArrayEquals(Files.readAllBytes(fixture(f)), Npy.bytes(Npy.read(fixture(f))), f);
        }
    }

    @Test
    void fortranAndBigEndianFilesAreWrittenAsNumpyWritesTheirCOrderLittleEndianCopy() throws IOException {
        // np.save of np.ascontiguousarray(a).astype('<i4') gives the i4 header of shape (2, 3) with data 0..5
        final NpyArray big = Npy.read(fixture("i4_bigendian_2x3.npy"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, (int[]) big.data());
        final NpyArray f = Npy.read(fixture("f8_fortran_2x3x4.npy"));
        final byte[] ours = Npy.bytes(f);
        final byte[] theirs = Files.readAllBytes(fixture("f8_fortran_2x3x4.npy"));
        assertEquals(theirs.length, ours.length); // same header length: only 'fortran_order' True/False and growth room
        assertEquals(128, Npy.header(f).length);
    }

    @Test
    void npzPlainAndCompressedHoldTheSameArrays() {
        assertEquals(List.of("a", "b", "c"), Npz.keys(fixture("plain.npz")));
        assertEquals(Npz.readAll(fixture("plain.npz")), Npz.readAll(fixture("compressed.npz")));
    }

    @Test
    void writeThenReadGivesTheSameArraysForEveryDtypeBothZipMethods(@TempDir final Path dir) {
        final Map<String, NpyArray> all = new LinkedHashMap<>();
        for (String f : List.of("f8_2x3.npy", "f4_4.npy", "i8_3.npy", "i4_2x2.npy", "i2_3.npy", "i1_4.npy", "u1_4.npy",
                "b1_2x3.npy", "f8_2x3x4.npy", "f8_0d.npy", "f8_0x3.npy", "f8_fortran_2x3x4.npy")) {
            all.put(f.replace(".npy", ""), Npy.read(fixture(f)));
        }
        for (boolean compressed : new boolean[] {false, true}) {
            final Path p = dir.resolve(compressed + ".npz");
            Npz.write(p, all, compressed);
            assertEquals(all, Npz.readAll(p));
        }
        for (Map.Entry<String, NpyArray> e : all.entrySet()) {
            final Path p = dir.resolve(e.getKey() + ".npy");
            Npy.write(p, e.getValue());
            assertEquals(e.getValue(), Npy.read(p));
        }
    }

    @Test
    void headersOf64DimensionsStillFitVersion1AndMoreAreRefused() throws IOException {
        final int[] many = new int[NpyArray.MAX_DIMS + 1];
        java.util.Arrays.fill(many, 1);
        assertEquals("65 dimensions: NumPy holds at most 64",
                assertThrows(IllegalArgumentException.class, () -> NpyArray.of(many, new double[1])).getMessage());
        final int[] ones = new int[NpyArray.MAX_DIMS];
        java.util.Arrays.fill(ones, 1);
        final NpyArray a = NpyArray.of(ones, new double[] {4.0});
        assertEquals(1, Npy.header(a)[6]); // format 1.0
        assertEquals(0, Npy.header(a).length % 64);
        assertEquals(a, Npy.read(new java.io.ByteArrayInputStream(Npy.bytes(a)), "x"));
    }

    @Test
    void badFilesGiveOneLineNamingTheFile(@TempDir final Path dir) throws IOException {
        final Path notNumpy = fixture("not_numpy.npy");
        assertEquals("'" + notNumpy + "' is not a NumPy .npy file (it does not start with \\x93NUMPY)",
                assertThrows(IllegalArgumentException.class, () -> Npy.read(notNumpy)).getMessage());
        final Path c16 = fixture("c16_2.npy");
        assertEquals("'" + c16 + "' has dtype '<c16', which we do not read (we read: float64, float32, int64, int32,"
                + " int16, int8, uint8, bool)", assertThrows(IllegalArgumentException.class, () -> Npy.read(c16)).getMessage());
        final Path npz = fixture("plain.npz");
        assertEquals("'" + npz + "' has no array 'inputs' (it has: a, b, c)",
                assertThrows(IllegalArgumentException.class, () -> Npz.read(npz, "inputs")).getMessage());
        assertEquals("'" + notNumpy + "' is not a NumPy .npz file (not a zip archive)",
                assertThrows(IllegalArgumentException.class, () -> Npz.read(notNumpy, "a")).getMessage());
        final Path missing = dir.resolve("missing.npy");
        assertEquals("'" + missing + "' does not exist or is not a file",
                assertThrows(IllegalArgumentException.class, () -> Npy.read(missing)).getMessage());
        final byte[] full = Files.readAllBytes(fixture("f8_2x3.npy"));
        final Path cut = dir.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length - 3));
        final String m = assertThrows(IllegalArgumentException.class, () -> Npy.read(cut)).getMessage();
        assertEquals("'" + cut + "' is truncated: its header says 6 elements of float64, the file holds 5", m);
        assertFalse(m.contains("\n"));
        assertTrue(Npy.read(fixture("f8_2x3.npy")).size() == 6);
    }
}
