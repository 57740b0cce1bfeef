package org.spikering.reservoir.esn;

/**
 * Echo state network parameters (reservoirpy's names in brackets).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>allowed</th></tr>
 *   <tr><td>size</td><td>units N</td><td>&ge; 1</td></tr>
 *   <tr><td>spectralRadius</td><td>ρ(W) after scaling [sr]</td><td>finite, &gt; 0</td></tr>
 *   <tr><td>connectivity</td><td>density of W [rc_connectivity]</td><td>(0, 1]</td></tr>
 *   <tr><td>inputScaling</td><td>W_in entries uniform in [−s, s] [input_scaling]</td><td>&ge; 0</td></tr>
 *   <tr><td>leakRate</td><td>α: x ← (1 − α)x + α f(W x + W_in u + b) [lr]</td><td>(0, 1]</td></tr>
 *   <tr><td>bias</td><td>b, constant per unit</td><td>finite</td></tr>
 *   <tr><td>activation</td><td>TANH or LINEAR</td><td></td></tr>
 *   <tr><td>topology</td><td>GAUSSIAN (sparse Gaussian entries) or ORTHOGONAL (random orthogonal × ρ)</td><td></td></tr>
 *   <tr><td>seed</td><td>seed of W and W_in</td><td></td></tr>
 * </table>
 *
 * <p>A LINEAR reservoir must be stable: the spectral radius of its update (1 − α) I + α W at most 1. For α = 1
 * that is the spectral radius itself, checked here; otherwise {@link EchoStateNetwork} checks it once W is drawn.
 *
 * @param size           N.
 * @param spectralRadius target ρ(W).
 * @param connectivity   density of W.
 * @param inputScaling   input scale.
 * @param leakRate       α.
 * @param bias           b.
 * @param activation     non-linearity.
 * @param topology       matrix family.
 * @param seed           seed.
 */
public record EsnParameters(int size, double spectralRadius, double connectivity, double inputScaling, double leakRate,
                            double bias, Activation activation, Topology topology, long seed) {

    /** Unit non-linearity. */
    public enum Activation {
        /** tanh. */
        TANH,
        /** identity (linear reservoir). */
        LINEAR
    }

    /** Family of W. */
    public enum Topology {
        /** Sparse, Gaussian non-zeros, rescaled to ρ. */
        GAUSSIAN,
        /** Dense random orthogonal matrix times ρ (all |λ| = ρ). */
        ORTHOGONAL
    }

    /** Validates every parameter. */
    public EsnParameters {
        if (size < 1) {
            throw new IllegalArgumentException("size = " + size + ": must be >= 1");
        }
        if (!(spectralRadius > 0) || Double.isInfinite(spectralRadius)) {
            throw new IllegalArgumentException("spectral_radius = " + spectralRadius + ": must be a finite number > 0");
        }
        if (!(connectivity > 0 && connectivity <= 1)) {
            throw new IllegalArgumentException("connectivity = " + connectivity + ": must be in (0, 1]");
        }
        if (!(inputScaling >= 0) || Double.isInfinite(inputScaling)) {
            throw new IllegalArgumentException("input_scaling = " + inputScaling + ": must be a finite number >= 0");
        }
        if (!(leakRate > 0 && leakRate <= 1)) {
            throw new IllegalArgumentException("leak_rate = " + leakRate + ": must be in (0, 1]");
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias = " + bias + ": must be finite");
        }
        if (activation == null || topology == null) {
            throw new IllegalArgumentException("activation and topology must not be null");
        }
        if (activation == Activation.LINEAR && leakRate == 1.0 && spectralRadius > 1 + EchoStateNetwork.STABILITY_TOLERANCE) {
            // with leak 1 the linear update is W itself, scaled to this radius: the states grow as ρ^t
            throw new IllegalArgumentException("spectral_radius = " + spectralRadius + ", leak_rate = 1.0: a linear"
                    + " reservoir is unstable here: its update W has spectral radius " + spectralRadius + " > 1, so its"
                    + " states grow without bound and every score is NaN; it must be <= 1 for a linear reservoir (or use the"
                    + " tanh activation)");
        }
    }

    /**
     * @param n    size.
     * @param seed seed.
     * @return a tanh ESN: ρ 0.9, 10 % connectivity, input scale 0.1, leak 1, no bias.
     */
    public static EsnParameters tanh(final int n, final long seed) {
        return new EsnParameters(n, 0.9, Math.min(1.0, Math.max(0.1, 10.0 / n)), 0.1, 1.0, 0.0, Activation.TANH,
                Topology.GAUSSIAN, seed);
    }

    /**
     * @param rho new spectral radius.
     * @return a copy with it.
     */
    public EsnParameters withSpectralRadius(final double rho) {
        return new EsnParameters(size, rho, connectivity, inputScaling, leakRate, bias, activation, topology, seed);
    }

    /**
     * @param s new input scaling.
     * @return a copy with it.
     */
    public EsnParameters withInputScaling(final double s) {
        return new EsnParameters(size, spectralRadius, connectivity, s, leakRate, bias, activation, topology, seed);
    }
}
