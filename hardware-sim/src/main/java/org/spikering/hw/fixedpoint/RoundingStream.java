package org.spikering.hw.fixedpoint;

import java.util.random.RandomGenerator;

/**
 * The random stream of stochastic rounding, with a state that can be saved and restored (a training checkpoint keeps
 * it, so a resumed run rounds as an uninterrupted one). It is SplitMix64 (Steele, Lea, Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014) with the golden-ratio increment, the generator of
 * {@link java.util.SplittableRandom}: {@code new RoundingStream(s)} gives the same {@code nextLong} and
 * {@code nextDouble} values as {@code new SplittableRandom(s)} (test), which {@link java.util.SplittableRandom} does
 * not let one save.
 * <pre>
 *   state ← state + 0x9E3779B97F4A7C15
 *   z = state;  z = (z ^ (z &gt;&gt;&gt; 30)) · 0xBF58476D1CE4E5B9;  z = (z ^ (z &gt;&gt;&gt; 27)) · 0x94D049BB133111EB
 *   nextLong = z ^ (z &gt;&gt;&gt; 31);   nextDouble = (nextLong &gt;&gt;&gt; 11) · 2^−53
 * </pre>
 * Not thread-safe: one stream per user.
 */
public final class RoundingStream implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /** @param seed the seed (the state before the first draw). */
    public RoundingStream(final long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return the state: {@code new RoundingStream(0).restore(s)} continues exactly where this stream is. */
    public long state() {
        return state;
    }

    /**
     * @param s a state from {@link #state()}.
     * @return this.
     */
    public RoundingStream restore(final long s) {
        this.state = s;
        return this;
    }
}
