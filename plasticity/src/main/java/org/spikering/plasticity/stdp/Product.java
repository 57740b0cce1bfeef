package org.spikering.plasticity.stdp;

import java.util.Arrays;
import java.util.Locale;

/**
 * One product of a sum-of-products rule: {@code coefficient · D · Π_m (f_m + offset_m)}, D the {@link Dependency}
 * (Lava writes e.g. {@code 2^-3 * x1 * y0} or {@code -1 * (w - 128) * y1 * x0}).
 *
 * @param coefficient the constant factor (in fixed-point precision quantised by the arithmetic, see
 *                    {@link LearningArithmetic#coefficient}).
 * @param dependency  the gate.
 * @param factors     the variables multiplied, possibly none.
 * @param offsets     one additive constant per factor (0 for a plain factor).
 */
public record Product(double coefficient, Dependency dependency, Factor[] factors, double[] offsets) {

    public Product {
        if (!Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("coefficient = " + coefficient + ": must be finite");
        }
        if (factors.length != offsets.length) {
            throw new IllegalArgumentException(factors.length + " factors but " + offsets.length + " offsets");
        }
        factors = factors.clone();
        offsets = offsets.clone();
    }

    /** A product of plain factors (all offsets 0). */
    public static Product of(final double coefficient, final Dependency dependency, final Factor... factors) {
        return new Product(coefficient, dependency, factors, new double[factors.length]);
    }

    @Override
    public Factor[] factors() {
        return factors.clone();
    }

    @Override
    public double[] offsets() {
        return offsets.clone();
    }

    /** @return the product in Lava's notation, e.g. {@code 0.005 * x1 * y0}. */
    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.6g", coefficient));
        for (int m = 0; m < factors.length; m++) {
            final String f = factors[m].name().toLowerCase(Locale.ROOT);
            if (offsets[m] == 0.0) {
                b.append(" * ").append(f);
            } else {
                b.append(String.format(Locale.ROOT, " * (%s %s %.6g)", f, offsets[m] < 0 ? "-" : "+", Math.abs(offsets[m])));
            }
        }
        return b.append(" * ").append(dependency.name().toLowerCase(Locale.ROOT)).toString();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Product p && p.coefficient == coefficient && p.dependency == dependency
                && Arrays.equals(p.factors, factors) && Arrays.equals(p.offsets, offsets);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(coefficient) * 31 + Arrays.hashCode(factors);
    }
}
