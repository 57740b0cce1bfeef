package org.spikering.app.data;

import java.util.Arrays;

/**
 * An n-dimensional NumPy array in C (row-major) order: element type, shape and the elements in a Java array of the
 * matching type ({@code double[]} float64, {@code float[]} float32, {@code long[]} int64, {@code int[]} int32,
 * {@code short[]} int16, {@code byte[]} int8 and uint8 (uint8 stored as the same bits: read it with
 * {@link #doubleAt}/{@link #longAt}, which give 0..255), {@code boolean[]} bool).
 * Shape {@code []} is a 0-d array of one element.
 *
 * @param dtype the element type.
 * @param shape the shape, every extent &ge; 0.
 * @param data  the elements, {@code product(shape)} of them, of the type above.
 */
public record NpyArray(NpyDtype dtype, int[] shape, Object data) {

    /** NumPy's limit on dimensions ({@code NPY_MAXDIMS} of NumPy 2). */
    public static final int MAX_DIMS = 64;

    /** Checks that data has the type and length the dtype and shape say. */
    public NpyArray {
        shape = shape.clone();
        if (shape.length > MAX_DIMS) {
            throw new IllegalArgumentException(shape.length + " dimensions: NumPy holds at most " + MAX_DIMS);
        }
        final long n = count(shape);
        final Class<?> want = switch (dtype) {
            case FLOAT64 -> double[].class;
            case FLOAT32 -> float[].class;
            case INT64 -> long[].class;
            case INT32 -> int[].class;
            case INT16 -> short[].class;
            case INT8, UINT8 -> byte[].class;
            case BOOL -> boolean[].class;
        };
        if (data == null || data.getClass() != want) {
            throw new IllegalArgumentException("a " + dtype.numpyName() + " array needs a " + want.getSimpleName()
                    + ", not " + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        if (java.lang.reflect.Array.getLength(data) != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " elements, not "
                    + java.lang.reflect.Array.getLength(data));
        }
    }

    /** @param shape extents. @param v elements. @return a float64 array. */
    public static NpyArray of(final int[] shape, final double[] v) {
        return new NpyArray(NpyDtype.FLOAT64, shape, v);
    }

    /** @param shape extents. @param v elements. @return a float32 array. */
    public static NpyArray of(final int[] shape, final float[] v) {
        return new NpyArray(NpyDtype.FLOAT32, shape, v);
    }

    /** @param shape extents. @param v elements. @return an int64 array. */
    public static NpyArray of(final int[] shape, final long[] v) {
        return new NpyArray(NpyDtype.INT64, shape, v);
    }

    /** @param shape extents. @param v elements. @return an int32 array. */
    public static NpyArray of(final int[] shape, final int[] v) {
        return new NpyArray(NpyDtype.INT32, shape, v);
    }

    /** @param shape extents. @param v elements. @return a bool array. */
    public static NpyArray of(final int[] shape, final boolean[] v) {
        return new NpyArray(NpyDtype.BOOL, shape, v);
    }

    /**
     * @param shape extents.
     * @return their product.
     * @throws IllegalArgumentException if an extent is negative or the product exceeds a Java array.
     */
    static long count(final int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": extents must be >= 0");
            }
            n *= s;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": more than "
                        + (Integer.MAX_VALUE - 8) + " elements, the most a Java array holds");
            }
        }
        return n;
    }

    /** @return number of elements. */
    public int size() {
        return (int) count(shape);
    }

    /** @return the shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** @param axis an axis. @return its extent. */
    public int dim(final int axis) {
        return shape[axis];
    }

    /**
     * @param i flat C-order index.
     * @return element i as a double (bool: 0 or 1; uint8: 0..255; int64 rounded to the nearest double).
     */
    public double doubleAt(final int i) {
        return switch (dtype) {
            case FLOAT64 -> ((double[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> longAt(i);
        };
    }

    /**
     * @param i flat C-order index.
     * @return element i of an integer or bool array as a long (bool: 0 or 1; uint8: 0..255).
     * @throws IllegalStateException for float arrays.
     */
    public long longAt(final int i) {
        return switch (dtype) {
            case INT64 -> ((long[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case INT16 -> ((short[]) data)[i];
            case INT8 -> ((byte[]) data)[i];
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> throw new IllegalStateException("longAt of a " + dtype.numpyName() + " array");
        };
    }

    /** @return the shape as NumPy prints it, e.g. {@code (2, 3)}, {@code (3,)}, {@code ()}. */
    public String shapeText() {
        return shapeText(shape);
    }

    /** @param shape extents. @return the shape as Python's tuple repr, e.g. {@code (2, 3)}, {@code (3,)}. */
    static String shapeText(final int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        final StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            b.append(k == 0 ? "" : ", ").append(shape[k]);
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof NpyArray a && a.dtype == dtype && Arrays.equals(a.shape, shape)
                && Arrays.deepEquals(new Object[] {a.data}, new Object[] {data});
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.deepHashCode(new Object[] {data});
    }

    @Override
    public String toString() {
        return dtype.numpyName() + shapeText();
    }
}
