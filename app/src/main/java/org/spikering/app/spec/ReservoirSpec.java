package org.spikering.app.spec;

import java.util.List;
import org.spikering.app.spec.reservoir.Benchmark;
import org.spikering.app.spec.reservoir.ReservoirChecks;
import org.spikering.reservoir.esn.EsnParameters;
import org.spikering.reservoir.lsm.LsmParameters;

/**
 * The {@code reservoir} section of a spec: one reservoir-computing benchmark ({@code spikering reservoir SPEC}).
 * Schema: {@code spec/schema/reservoir.json}; the field {@code benchmark} chooses the branch, and each branch allows
 * only its own fields, so the fields of the other benchmarks are null here (the core fills every default of the
 * chosen branch, including the ones that follow {@code kind}). Reference: {@code docs/SPEC-reservoir.md}.
 *
 * <table>
 *   <caption>Fields (all counts and ratios are dimensionless; times carry their unit in the name)</caption>
 *   <tr><th>field</th><th>unit</th><th>benchmarks</th><th>meaning</th></tr>
 *   <tr><td>benchmark</td><td>-</td><td>all</td><td>mc, narma, mackey-glass, bits, lsm, scaling</td></tr>
 *   <tr><td>size</td><td>units</td><td>mc narma mackey-glass lsm bits</td><td>reservoir size N</td></tr>
 *   <tr><td>spectral_radius</td><td>1</td><td>mc narma mackey-glass</td><td>ρ(W)</td></tr>
 *   <tr><td>connectivity</td><td>1</td><td>mc narma mackey-glass</td><td>density of W</td></tr>
 *   <tr><td>input_scaling</td><td>1</td><td>mc narma mackey-glass</td><td>W_in uniform in [−s, s]</td></tr>
 *   <tr><td>leak_rate</td><td>1</td><td>mc narma mackey-glass</td><td>α: x ← (1 − α) x + α f(W x + W_in u)</td></tr>
 *   <tr><td>activation, topology</td><td>-</td><td>mc narma mackey-glass</td><td>tanh|linear, gaussian|orthogonal</td></tr>
 *   <tr><td>washout_steps, train_steps, test_steps</td><td>steps</td><td>mc (narma: washout, test)</td><td>series split</td></tr>
 *   <tr><td>ridge</td><td>1</td><td>mc</td><td>ridge λ of the readouts</td></tr>
 *   <tr><td>length_steps</td><td>steps</td><td>narma</td><td>length of the NARMA-10 series</td></tr>
 *   <tr><td>gain</td><td>1</td><td>lsm bits</td><td>LSM weight scale; bits with an ESN: its spectral radius</td></tr>
 *   <tr><td>random_connectivity</td><td>-</td><td>lsm</td><td>distance-free connection probability</td></tr>
 *   <tr><td>samples</td><td>samples</td><td>lsm bits</td><td>input samples (bits)</td></tr>
 *   <tr><td>sample_ms, tau_ms</td><td>ms</td><td>lsm</td><td>sample duration, feature filter time constant</td></tr>
 *   <tr><td>delays</td><td>samples</td><td>lsm</td><td>memory-capacity delays 1..delays</td></tr>
 *   <tr><td>kind</td><td>-</td><td>bits scaling</td><td>esn or lsm</td></tr>
 *   <tr><td>delay_samples</td><td>samples</td><td>bits</td><td>XOR delay d and parity τ</td></tr>
 *   <tr><td>sizes, gains, seeds</td><td>units, 1, runs</td><td>scaling</td><td>the grid and seeds per point</td></tr>
 *   <tr><td>size, gain, connectivity, tau_ms</td><td>units, 1, 1, ms</td><td>force</td><td>N, g, p, τ of the rate network</td></tr>
 *   <tr><td>feedback</td><td>1</td><td>force</td><td>w_f uniform in [−feedback, feedback]</td></tr>
 *   <tr><td>dt_ms, learn_every, alpha</td><td>ms, steps, 1</td><td>force</td><td>Euler step, steps between RLS updates, P₀ = I/α</td></tr>
 *   <tr><td>amplitude, period_ms</td><td>1, ms</td><td>force</td><td>the four-harmonic target's A and T</td></tr>
 *   <tr><td>train_ms, test_ms</td><td>ms</td><td>force</td><td>learning with the loop closed, then free running</td></tr>
 * </table>
 *
 * @param benchmark          which benchmark.
 * @param size               reservoir size.
 * @param spectralRadius     ESN ρ(W).
 * @param connectivity       ESN density of W.
 * @param inputScaling       ESN input scale.
 * @param leakRate           ESN leak rate α.
 * @param activation         ESN non-linearity (tanh, linear).
 * @param topology           ESN matrix family (gaussian, orthogonal).
 * @param washoutSteps       steps before measuring.
 * @param trainSteps         training steps (mc).
 * @param testSteps          held-out steps.
 * @param ridge              ridge λ (mc).
 * @param lengthSteps        series length (narma).
 * @param gain               LSM weight gain, or the bits ESN's spectral radius.
 * @param randomConnectivity distance-free LSM connectivity.
 * @param samples            input samples.
 * @param sampleMs           sample duration, ms.
 * @param tauMs              feature filter time constant, ms.
 * @param delays             memory-capacity delays (lsm).
 * @param kind               esn or lsm (bits, scaling).
 * @param delaySamples       XOR delay / parity τ (bits).
 * @param sizes              sizes of the scaling study.
 * @param gains              gains of the scaling study.
 * @param seeds              seeds per point of the scaling study.
 * @param feedback           FORCE feedback weight scale.
 * @param dtMs               FORCE Euler step, ms.
 * @param learnEvery         FORCE steps between RLS updates.
 * @param alpha              FORCE P₀ = I/α.
 * @param amplitude          FORCE target amplitude A.
 * @param periodMs           FORCE target period T, ms.
 * @param trainMs            FORCE training time, ms.
 * @param testMs             FORCE free-running test time, ms.
 */
public record ReservoirSpec(Benchmark benchmark, Integer size, Double spectralRadius, Double connectivity,
                            Double inputScaling, Double leakRate, String activation, String topology,
                            Integer washoutSteps, Integer trainSteps, Integer testSteps, Double ridge,
                            Integer lengthSteps, Double gain, Boolean randomConnectivity, Integer samples,
                            Double sampleMs, Double tauMs, Integer delays, String kind, Integer delaySamples,
                            List<Integer> sizes, List<Double> gains, Integer seeds, Double feedback, Double dtMs,
                            Integer learnEvery, Double alpha, Double amplitude, Double periodMs, Double trainMs,
                            Double testMs) implements SpecSection {

    /** Field path of this section. */
    public static final String PATH = "reservoir";

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        ReservoirChecks.check(this, problems, path, spec);
    }

    /** @return whether the reservoir is an ESN (mc, narma, mackey-glass; bits and scaling with kind esn). */
    public boolean esn() {
        return kind == null ? benchmark != Benchmark.LSM : "esn".equals(kind);
    }

    /**
     * The ESN of mc, narma and mackey-glass; it validates itself (a linear reservoir with leak rate 1 and a spectral
     * radius above 1 is an {@link IllegalArgumentException} naming {@code spectral_radius}).
     *
     * @param seed the spec's seed.
     * @return its parameters (no bias).
     */
    public EsnParameters esnParameters(final long seed) {
        return new EsnParameters(size, spectralRadius, connectivity, inputScaling, leakRate, 0.0,
                EsnParameters.Activation.valueOf(activation.toUpperCase(java.util.Locale.ROOT)),
                EsnParameters.Topology.valueOf(topology.toUpperCase(java.util.Locale.ROOT)), seed);
    }

    /**
     * The network of force.
     *
     * @param seed the spec's seed.
     * @return its parameters (they validate themselves).
     */
    public org.spikering.reservoir.force.ForceNetwork.Parameters forceParameters(final long seed) {
        return new org.spikering.reservoir.force.ForceNetwork.Parameters(size, gain, connectivity, feedback, tauMs, dtMs,
                learnEvery, alpha, seed);
    }

    /**
     * The column of lsm: Maass et al.'s settings ({@link LsmParameters#maass}) with this gain and connectivity.
     *
     * @param seed the spec's seed.
     * @return its parameters.
     */
    public LsmParameters lsmParameters(final long seed) {
        final LsmParameters base = LsmParameters.maass(size, gain, seed);
        return new LsmParameters(size, base.excitatoryFraction(), base.lambda(), gain, randomConnectivity,
                base.inputNeurons(), base.inputFraction(), base.inputRateHz(), seed);
    }
}
