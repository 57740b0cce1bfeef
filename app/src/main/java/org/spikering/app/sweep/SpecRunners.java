package org.spikering.app.sweep;

import org.spikering.app.spec.Spec;

/**
 * Which {@link SpecRunner} runs a spec, by its sections: {@code training} → {@link TrainSpecRunner} ({@code train}),
 * {@code reservoir} → {@link ReservoirSpecRunner} ({@code reservoir}), {@code network} (with or without
 * {@code simulation}) → {@link RunSpecRunner} ({@code run}); checked in that order, so a spec with a training section
 * trains whatever else it holds (a {@code hardware} section is part of training).
 */
public final class SpecRunners {

    private static final SpecRunner TRAIN = new TrainSpecRunner();
    private static final SpecRunner RESERVOIR = new ReservoirSpecRunner();
    private static final SpecRunner RUN = new RunSpecRunner();

    private SpecRunners() {
    }

    /**
     * @param spec a loaded spec.
     * @return the runner of its kind of run (stateless, shared by all threads).
     * @throws IllegalArgumentException (one line) if the spec has none of the sections a run needs.
     */
    public static SpecRunner of(final Spec spec) {
        if (spec.has("training")) {
            return TRAIN;
        }
        if (spec.has("reservoir")) {
            return RESERVOIR;
        }
        if (spec.has("network")) {
            return RUN;
        }
        if (spec.has("simulation")) {
            throw new IllegalArgumentException("SPEC = '" + spec.source() + "': has a simulation section but no network"
                    + " section; run needs the network it simulates ('spikering spec show cuba' prints one)");
        }
        throw new IllegalArgumentException("SPEC = '" + spec.source() + "': must have a training section (train), a"
                + " reservoir section (reservoir) or a network section (run); it has " + sections(spec)
                + " ('spikering spec list' shows examples of each)");
    }

    /**
     * @param command {@code train}, {@code run} or {@code reservoir}.
     * @return its runner.
     * @throws IllegalArgumentException if there is no such runner.
     */
    public static SpecRunner named(final String command) {
        return switch (command) {
            case "train" -> TRAIN;
            case "reservoir" -> RESERVOIR;
            case "run" -> RUN;
            default -> throw new IllegalArgumentException("command = '" + command + "': must be train, run or reservoir");
        };
    }

    /**
     * A run is one spec: one with a {@code sweep} section describes many runs, and running its base alone would
     * silently leave the axes out.
     *
     * @param spec    a loaded spec.
     * @param command the command that would run it.
     * @throws org.spikering.app.spec.SpecException naming the section if the spec has one.
     */
    public static void requireNoSweep(final Spec spec, final String command) {
        if (spec.has("sweep")) {
            throw new org.spikering.app.spec.SpecException(spec.source(), java.util.List.of("sweep: present; '" + command
                    + "' runs one spec, this one describes a sweep: run every point with 'spikering sweep "
                    + spec.source().replaceFirst("^example:", "") + "', or leave the section out to run the base once"));
        }
    }

    private static String sections(final Spec spec) {
        final java.util.List<String> names = new java.util.ArrayList<>();
        spec.tree().fieldNames().forEachRemaining(n -> {
            if (!n.equals("spikering")) {
                names.add(n);
            }
        });
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
