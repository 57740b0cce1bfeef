package org.spikering.hw.fixedpoint;

import java.util.random.RandomGenerator;

/**
 * Rounding of a real value {@code x} (in units of one LSB) to an integer.
 * <table>
 *   <caption>Modes</caption>
 *   <tr><th>mode</th><th>result</th></tr>
 *   <tr><td>NEAREST</td><td>floor(x + 1/2) (ties up)</td></tr>
 *   <tr><td>TRUNCATE</td><td>toward zero</td></tr>
 *   <tr><td>STOCHASTIC</td><td>floor(x) + 1 with probability x − floor(x), else floor(x); E = x (HARDWARE.md §4)</td></tr>
 * </table>
 */
public enum Rounding {
    NEAREST, TRUNCATE, STOCHASTIC;

    /**
     * @param x   value in LSB units, finite.
     * @param rng seeded stream ({@link RoundingStream}); used only by STOCHASTIC, one draw per x that is not an integer
     *            (may be null otherwise).
     * @return the rounded integer.
     */
    public long round(double x, RandomGenerator rng) {
        switch (this) {
            case NEAREST:
                return (long) Math.floor(x + 0.5);
            case TRUNCATE:
                return (long) x;
            default:
                final double f = Math.floor(x);
                final double frac = x - f;
                return (long) f + (frac > 0.0 && rng.nextDouble() < frac ? 1L : 0L);
        }
    }

    /** Parses "nearest", "truncate", "stochastic" (case-insensitive). */
    public static Rounding parse(String s) {
        for (Rounding r : values()) {
            if (r.name().equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("rounding = " + s + ": must be one of nearest, truncate, stochastic");
    }
}
