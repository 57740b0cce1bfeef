package org.spikering.nir.run;

/**
 * The choices NIR leaves to each simulator (NIR.md §4, §6), made explicit. Defaults reproduce Norse
 * (forward Euler, reset to v_reset, loop delay before the node, no synaptic delay), except precision
 * (float64 unless asked).
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>dtMs</td><td>ms</td><td>step; converted to seconds, the unit of every NIR time constant in real files</td></tr>
 *   <tr><td>scheme</td><td>—</td><td>{@link Scheme}</td></tr>
 *   <tr><td>reset</td><td>—</td><td>{@link Reset}</td></tr>
 *   <tr><td>loopDelay</td><td>—</td><td>{@link LoopDelay}: where a recurrent cycle gets its one step of delay</td></tr>
 *   <tr><td>precision</td><td>—</td><td>{@link Precision}</td></tr>
 *   <tr><td>integratorInput</td><td>—</td><td>{@link IntegratorInput}: how I and IF read their input</td></tr>
 *   <tr><td>synapticDelaySteps</td><td>steps</td><td>every neuron node's summed input is delayed by this many
 *       steps (Lava's processes add one: {@code lif_lava_cpu_float.csv})</td></tr>
 * </table>
 *
 * @param dtMs               step, ms, &gt; 0.
 * @param scheme             integration scheme.
 * @param reset              reset after a spike.
 * @param loopDelay          placement of the recurrent one-step delay.
 * @param precision          arithmetic precision.
 * @param integratorInput    I/IF input reading.
 * @param synapticDelaySteps extra steps on the input of neuron nodes, &ge; 0.
 */
public record RunOptions(double dtMs, Scheme scheme, Reset reset, LoopDelay loopDelay, Precision precision,
                         IntegratorInput integratorInput, int synapticDelaySteps) {

    /** Validates. */
    public RunOptions {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new IllegalArgumentException("dt = " + dtMs + " ms: must be a finite number > 0");
        }
        if (scheme == null || reset == null || loopDelay == null || precision == null || integratorInput == null) {
            throw new IllegalArgumentException("scheme, reset, loop delay, precision and integrator input must not be null");
        }
        if (synapticDelaySteps < 0 || synapticDelaySteps > 1_000_000) {
            throw new IllegalArgumentException("synaptic delay = " + synapticDelaySteps + " steps: must be in [0, 1000000]");
        }
    }

    /**
     * @param dtMs step, ms.
     * @return Norse's choices: Euler, reset to v_reset, delay before the node, float64, charge, no synaptic delay.
     */
    public static RunOptions defaults(final double dtMs) {
        return new RunOptions(dtMs, Scheme.EULER, Reset.ZERO, LoopDelay.BEFORE, Precision.FLOAT64,
                IntegratorInput.CHARGE, 0);
    }

    /** @return dt in seconds. */
    public double dtSeconds() {
        return dtMs * 1e-3;
    }

    /** @param s scheme. @return a copy. */
    public RunOptions withScheme(final Scheme s) {
        return new RunOptions(dtMs, s, reset, loopDelay, precision, integratorInput, synapticDelaySteps);
    }

    /** @param r reset. @return a copy. */
    public RunOptions withReset(final Reset r) {
        return new RunOptions(dtMs, scheme, r, loopDelay, precision, integratorInput, synapticDelaySteps);
    }

    /** @param l loop delay placement. @return a copy. */
    public RunOptions withLoopDelay(final LoopDelay l) {
        return new RunOptions(dtMs, scheme, reset, l, precision, integratorInput, synapticDelaySteps);
    }

    /** @param p precision. @return a copy. */
    public RunOptions withPrecision(final Precision p) {
        return new RunOptions(dtMs, scheme, reset, loopDelay, p, integratorInput, synapticDelaySteps);
    }

    /** @param i integrator input reading. @return a copy. */
    public RunOptions withIntegratorInput(final IntegratorInput i) {
        return new RunOptions(dtMs, scheme, reset, loopDelay, precision, i, synapticDelaySteps);
    }

    /** @param steps synaptic delay, steps. @return a copy. */
    public RunOptions withSynapticDelay(final int steps) {
        return new RunOptions(dtMs, scheme, reset, loopDelay, precision, integratorInput, steps);
    }

    /** Integration of LI, LIF, CubaLI, CubaLIF over one step, input x held constant over the step. */
    public enum Scheme {
        /** v ← v + (dt/τ)(v_leak − v + r x), then the spike test (Norse, snnTorch, SpiNNaker2, Lava). */
        EULER,
        /**
         * Exact (zero-order hold): v ← v_∞ + (v − v_∞) e^{−dt/τ}, v_∞ = v_leak + r x. For LIF the threshold
         * crossing is located inside the step and v is reset at that instant, then integrated over the rest of
         * the step ({@code paper/01_lif/lif_exact_sim.py}); CubaLIF tests at the end of the step.
         */
        EXACT
    }

    /** What a spike does to v. */
    public enum Reset {
        /** v ← v_reset (0 when the file stores no v_reset, as in every file before NIR 1.0.6). */
        ZERO,
        /** v ← v − v_threshold (not expressible in NIR; an importer option of Norse, SpiNNaker2, snnTorch). */
        SUBTRACT
    }

    /** Where a recurrent cycle's one step of delay sits (NIR.md §3). */
    public enum LoopDelay {
        /** On the edge that closes the cycle into the node where it is entered: that node reads the loop's previous output, 0 at step 0 (Norse, nirtorch). */
        BEFORE,
        /** On the edge leaving that node along the cycle: the next node reads its previous output, so e.g. a recurrent Affine's bias already acts at step 0 (snnTorch). */
        AFTER
    }

    /** Arithmetic precision of the neuron updates. */
    public enum Precision {
        /** IEEE double. */
        FLOAT64,
        /** Every operation rounded to IEEE single, as torch-based tools compute (Norse's {@code lif_norse.csv}). */
        FLOAT32,
        /**
         * The Euler coefficients dt/τ rounded to IEEE single, the update in double: Lava's importer computes
         * {@code dv = dt / tau_mem} with numpy, which keeps the float32 dtype of the file's τ
         * ({@code paper/nir_to_lava.py}), and its CPU float LIF then runs in float64 ({@code lif_lava_cpu_float.csv}).
         */
        FLOAT32_COEFFICIENTS
    }

    /** How I and IF read their input (NIR.md §4, "IF and I in practice"). */
    public enum IntegratorInput {
        /** The per-step input is charge: v ← v + r x (Sinabs' IAF, as {@code cnn_sinabs.nir} is meant). */
        CHARGE,
        /** The input is a current: v ← v + dt·r·x (the literal Euler step of dv/dt = R x). */
        CURRENT
    }
}
