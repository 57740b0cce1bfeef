package org.spikering.app.train;

/**
 * Seeds of the batches of one training run: training batch n (0-based) is drawn with
 * {@code seed · 0x9E3779B97F4A7C15 + n}; the held-out test batch with {@code seed XOR 0x7E57}, unless
 * that value is one of the training seeds of the run, in which case it is remixed (SplitMix64
 * finaliser) until it is not. So the test set is fixed by the seed and never used for training.
 */
public final class BatchSeeds {
    private final long base;
    private final int iterations;
    private final long heldOut;

    /**
     * @param seed       the run's seed.
     * @param iterations training batches of the run, &ge; 1.
     */
    public BatchSeeds(final long seed, final int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations = " + iterations + ": must be >= 1");
        }
        this.base = seed * 0x9E3779B97F4A7C15L;
        this.iterations = iterations;
        long h = seed ^ 0x7E57L;
        while (isTraining(h)) {
            h = mix(h);
        }
        this.heldOut = h;
    }

    /**
     * @param n batch index, in [0, iterations).
     * @return the seed of training batch n.
     */
    public long training(final int n) {
        if (n < 0 || n >= iterations) {
            throw new IllegalArgumentException("batch index = " + n + ": must be in [0, " + iterations + ")");
        }
        return base + n;
    }

    /** @return the seed of the held-out test batch, different from every training seed. */
    public long heldOut() {
        return heldOut;
    }

    /**
     * @param s a seed.
     * @return true if {@code s} is the seed of one of the run's training batches.
     */
    public boolean isTraining(final long s) {
        return Long.compareUnsigned(s - base, iterations) < 0;
    }

    private static long mix(final long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
