package org.spikering.app.data;

import java.util.Locale;

/**
 * The NumPy element types we read and write, with their {@code descr} codes. Multi-byte types are read in either
 * byte order ({@code <} little, {@code >} big; {@code =} is native, taken as little-endian as on every platform
 * NumPy ships wheels for) and written little-endian, as {@code np.save} writes them on those platforms.
 */
public enum NpyDtype {
    /** IEEE double, {@code <f8}. */
    FLOAT64("f8", 8, "float64"),
    /** IEEE single, {@code <f4}. */
    FLOAT32("f4", 4, "float32"),
    /** Signed 64-bit, {@code <i8}. */
    INT64("i8", 8, "int64"),
    /** Signed 32-bit, {@code <i4}. */
    INT32("i4", 4, "int32"),
    /** Signed 16-bit, {@code <i2}. */
    INT16("i2", 2, "int16"),
    /** Signed 8-bit, {@code |i1}. */
    INT8("i1", 1, "int8"),
    /** Unsigned 8-bit, {@code |u1}. */
    UINT8("u1", 1, "uint8"),
    /** Boolean, one byte 0 or 1, {@code |b1}. */
    BOOL("b1", 1, "bool");

    private final String code;
    private final int bytes;
    private final String numpyName;

    NpyDtype(final String code, final int bytes, final String numpyName) {
        this.code = code;
        this.bytes = bytes;
        this.numpyName = numpyName;
    }

    /** @return bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** @return NumPy's name, e.g. {@code float64}. */
    public String numpyName() {
        return numpyName;
    }

    /** @return the {@code descr} NumPy writes: {@code <f8}, or {@code |u1} for one-byte types. */
    public String descr() {
        return (bytes == 1 ? "|" : "<") + code;
    }

    /** @return true for the integer types (not bool, not floats). */
    public boolean isInteger() {
        return code.charAt(0) == 'i' || code.charAt(0) == 'u';
    }

    /** @return true for float64 and float32. */
    public boolean isFloat() {
        return code.charAt(0) == 'f';
    }

    /**
     * @param descr a NumPy {@code descr} string, e.g. {@code <f8}.
     * @return the type, or null if we do not read it.
     */
    static NpyDtype parse(final String descr) {
        if (descr.length() != 3) {
            return null;
        }
        final char order = descr.charAt(0);
        final String c = descr.substring(1);
        for (NpyDtype d : values()) {
            if (d.code.equals(c)) {
                final boolean orderOk = d.bytes == 1 ? order == '|' || order == '<' || order == '>' || order == '='
                        : order == '<' || order == '>' || order == '=';
                return orderOk ? d : null;
            }
        }
        return null;
    }

    /** @return the names of all types, for messages. */
    static String names() {
        final StringBuilder b = new StringBuilder();
        for (NpyDtype d : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(d.numpyName);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
