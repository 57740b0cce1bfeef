package org.spikering.app.spec.reservoir;

import java.util.ArrayList;
import java.util.List;
import org.spikering.app.spec.Problems;
import org.spikering.app.spec.ReservoirSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecSchema;

/**
 * The checks of the {@code reservoir} section that its schema cannot express: only the fields of the chosen benchmark
 * (the schema's section lists the fields of all, its branch {@code reservoir_<benchmark>} those of one), limits that
 * depend on two fields
 * (the held-out steps of mc against the delays it measures, the NARMA-10 split, the fewest samples an LSM or the
 * bit tasks need) and the stability of a linear ESN. Each adds a problem at the field to change.
 */
public final class ReservoirChecks {

    /** Longest input series, steps or samples (the schema's maximum too). */
    public static final int MAX_STEPS = 100_000_000;

    private ReservoirChecks() {
    }

    /**
     * @param r        the section (defaults filled, schema passed).
     * @param problems where problems go.
     * @param path     the section's path.
     * @param spec     the whole spec (the section as written, the seed).
     */
    public static void check(final ReservoirSpec r, final Problems problems, final String path, final Spec spec) {
        final long seed = spec.seed();
        final List<String> allowed = fieldsOf(r.benchmark());
        final List<String> foreign = new ArrayList<>();
        spec.tree().path(path).fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                foreign.add(f);
            }
        });
        for (String f : foreign) {
            problems.add(path + "." + f, spec.tree().path(path).get(f), "is not a field of benchmark " + r.benchmark().specName()
                    + "; its fields: " + String.join(", ", allowed));
        }
        if (!foreign.isEmpty()) {
            return;
        }
        switch (r.benchmark()) {
            case MC -> {
                final long delays = 2L * r.size();
                if (r.testSteps() < delays + 3) {
                    problems.add(path + ".test_steps", r.testSteps(), "must be more than the 2 size + 2 = " + (delays + 2)
                            + " delays measured for " + path + ".size = " + r.size());
                }
                esn(r, problems, path, seed);
            }
            case NARMA -> {
                if (r.testSteps() > r.lengthSteps() - 10) {
                    problems.add(path + ".test_steps", r.testSteps(), "must be <= length_steps - 10 = " + (r.lengthSteps() - 10));
                } else if (r.washoutSteps() > r.lengthSteps() - r.testSteps() - 10) {
                    problems.add(path + ".washout_steps", r.washoutSteps(), "must be <= length_steps - test_steps - 10 = "
                            + (r.lengthSteps() - r.testSteps() - 10));
                }
                esn(r, problems, path, seed);
            }
            case MACKEY_GLASS -> esn(r, problems, path, seed);
            case LSM -> {
                final int min = minLsmSamples(r.delays());
                if (r.samples() < min) {
                    problems.add(path + ".samples", r.samples(), "must be >= " + min + ": a washout of 20 + delays, at least 10"
                            + " for training and a quarter held out, for " + path + ".delays = " + r.delays());
                }
            }
            case BITS -> {
                final int min = minBitSamples(r.delaySamples());
                if (r.samples() < min) {
                    problems.add(path + ".samples", r.samples(), "must be >= max(500, 20 (delay_samples + 16)) = " + min
                            + " for " + path + ".delay_samples = " + r.delaySamples());
                }
            }
            case SCALING -> {
                // the grid's ranges, distinct entries and seeds are the schema's
            }
            case FORCE -> {
                if (r.dtMs() > r.tauMs()) {
                    problems.add(path + ".dt_ms", r.dtMs(), "must be <= tau_ms = " + r.tauMs() + " (forward Euler)");
                }
                if (r.trainMs() < r.dtMs() * r.learnEvery()) {
                    problems.add(path + ".train_ms", r.trainMs(), "must be >= dt_ms x learn_every = " + r.dtMs() * r.learnEvery()
                            + " (at least one RLS update)");
                }
                if (Math.max(r.trainMs(), r.testMs()) / r.dtMs() > MAX_STEPS) {
                    problems.add(path + ".dt_ms", r.dtMs(), "must leave train_ms / dt_ms and test_ms / dt_ms at most " + MAX_STEPS
                            + " steps");
                }
            }
            default -> throw new IllegalStateException("benchmark " + r.benchmark());
        }
    }

    /**
     * @param b a benchmark.
     * @return the fields its branch of the schema allows ({@code $defs.reservoir_<benchmark>.properties}).
     */
    public static List<String> fieldsOf(final Benchmark b) {
        final List<String> names = new ArrayList<>();
        SpecSchema.get().document().path("$defs").path("reservoir_" + b.specName().replace('-', '_')).path("properties")
                .fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The ESN validates itself: a linear reservoir whose update W has a spectral radius above 1 is unstable. */
    private static void esn(final ReservoirSpec r, final Problems problems, final String path, final long seed) {
        try {
            r.esnParameters(seed);
        } catch (IllegalArgumentException e) {
            final String m = e.getMessage();
            final int colon = m.indexOf(": ");
            problems.add(path + ".spectral_radius", r.spectralRadius(), colon >= 0 ? m.substring(colon + 2) : m);
        }
    }

    /**
     * @param delays memory-capacity delays.
     * @return the fewest samples {@code LsmMemory} takes: a washout of 20 + delays, at least 10 training samples
     *         and a quarter (at least 2) held out.
     */
    public static int minLsmSamples(final int delays) {
        int s = 8;
        while (s - s / 4 < 30 + delays) {
            s++;
        }
        return s;
    }

    /**
     * @param delay the XOR delay.
     * @return the fewest bits {@code BinaryMemoryTasks} takes: it starts at max(50, delay + 6), holds a quarter out
     *         and draws the XOR curve up to delay 8.
     */
    public static int minBitSamples(final int delay) {
        return Math.max(500, 20 * (delay + 16));
    }
}
