package org.spikering.app.spec.reservoir;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The benchmarks of the {@code reservoir} section, by their spec names ({@code reservoir.benchmark}). */
public enum Benchmark {
    /** Memory capacity of an ESN (Jaeger 2001). */
    @JsonProperty("mc") MC("mc"),
    /** NARMA-10 one-step prediction with an ESN. */
    @JsonProperty("narma") NARMA("narma"),
    /** Mackey-Glass (τ = 17) one-step prediction with an ESN. */
    @JsonProperty("mackey-glass") MACKEY_GLASS("mackey-glass"),
    /** Delayed XOR, parity and (4,6)-back on encoded bits, ESN or LSM. */
    @JsonProperty("bits") BITS("bits"),
    /** Liquid state machine: memory capacity, separation, branching ratio. */
    @JsonProperty("lsm") LSM("lsm"),
    /** The size × gain scaling study. */
    @JsonProperty("scaling") SCALING("scaling"),
    /** FORCE learning (Sussillo &amp; Abbott 2009): a chaotic rate network learns a periodic target with RLS. */
    @JsonProperty("force") FORCE("force");

    private final String specName;

    Benchmark(final String specName) {
        this.specName = specName;
    }

    /** @return the name in a spec and the sub-command's name ({@code mackey-glass}). */
    public String specName() {
        return specName;
    }

    /** @return the shipped example that holds this benchmark's defaults ({@code reservoir-mackey-glass}). */
    public String example() {
        return "reservoir-" + specName;
    }
}
