package org.spikering.nir;

import java.util.Arrays;

/**
 * An N-D array of a NIR parameter, row-major (C order) as numpy and HDF5 store it.
 *
 * @param shape   dimensions (empty for a 0-d scalar).
 * @param values  the elements, row-major; length = product of {@code shape}.
 * @param float32 whether the file stored it as 32-bit floats (exports from torch-based tools do).
 */
public record Tensor(int[] shape, double[] values, boolean float32) {

    /** Checks that the element count matches the shape. */
    public Tensor {
        shape = shape.clone();
        if (size(shape) != values.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " has " + values.length
                    + " values: must have " + size(shape));
        }
    }

    /**
     * @param shape dimensions.
     * @return the product of the dimensions (1 for a 0-d shape).
     */
    public static int size(final int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * @param shape dimensions.
     * @param value every element.
     * @return a float64 tensor filled with {@code value}.
     */
    public static Tensor filled(final int[] shape, final double value) {
        final double[] v = new double[size(shape)];
        Arrays.fill(v, value);
        return new Tensor(shape, v, false);
    }

    /**
     * @param values elements of a 1-D float64 tensor.
     * @return the tensor.
     */
    public static Tensor vector(final double... values) {
        return new Tensor(new int[] {values.length}, values.clone(), false);
    }

    /** @return the number of elements. */
    public int size() {
        return values.length;
    }

    /** @return the shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /**
     * @param i flat row-major index.
     * @return that element.
     */
    public double get(final int i) {
        return values[i];
    }

    /** @return the number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /**
     * @param d a dimension index.
     * @return its length.
     */
    public int dim(final int d) {
        return shape[d];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values)
                && float32 == t.float32;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return (float32 ? "float32" : "float64") + Arrays.toString(shape);
    }
}
