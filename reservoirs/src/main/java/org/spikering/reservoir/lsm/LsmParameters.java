package org.spikering.reservoir.lsm;

/**
 * A liquid state machine column after Maass, Natschläger &amp; Markram 2002.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>allowed</th></tr>
 *   <tr><td>size</td><td>column neurons, placed on a 3-D grid (nx × 3 × 3 for size = 9·nx, else a near-cubic box)</td><td>&ge; 10</td></tr>
 *   <tr><td>excitatoryFraction</td><td>share of excitatory neurons (0.8)</td><td>(0, 1)</td></tr>
 *   <tr><td>lambda</td><td>λ of C·exp(−(D/λ)²), grid units (2)</td><td>&gt; 0</td></tr>
 *   <tr><td>gain</td><td>scale of all recurrent weights</td><td>&ge; 0</td></tr>
 *   <tr><td>randomConnectivity</td><td>if true, pairs connect with the mean probability, independent of distance</td><td></td></tr>
 *   <tr><td>inputNeurons</td><td>Poisson input neurons</td><td>&ge; 1</td></tr>
 *   <tr><td>inputFraction</td><td>share of column neurons each input neuron projects to (0.3)</td><td>(0, 1]</td></tr>
 *   <tr><td>inputRateHz</td><td>input rate for u = 1 (rate = u·inputRateHz)</td><td>&gt; 0</td></tr>
 *   <tr><td>seed</td><td>seed of positions, connections and spikes</td><td></td></tr>
 * </table>
 * Connection probabilities by type (pre→post): C_EE 0.3, C_EI 0.2, C_IE 0.4, C_II 0.1.
 *
 * @param size               neurons.
 * @param excitatoryFraction excitatory share.
 * @param lambda             λ.
 * @param gain               weight scale.
 * @param randomConnectivity distance-free connectivity.
 * @param inputNeurons       input neurons.
 * @param inputFraction      input projection share.
 * @param inputRateHz        input rate at u = 1.
 * @param seed               seed.
 */
public record LsmParameters(int size, double excitatoryFraction, double lambda, double gain, boolean randomConnectivity,
                            int inputNeurons, double inputFraction, double inputRateHz, long seed) {

    /** Validates every parameter. */
    public LsmParameters {
        if (size < 10) {
            throw new IllegalArgumentException("size = " + size + ": must be >= 10");
        }
        if (!(excitatoryFraction > 0 && excitatoryFraction < 1)) {
            throw new IllegalArgumentException("excitatory_fraction = " + excitatoryFraction + ": must be in (0, 1)");
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda = " + lambda + ": must be a finite number > 0");
        }
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain = " + gain + ": must be a finite number >= 0");
        }
        if (inputNeurons < 1 || !(inputFraction > 0 && inputFraction <= 1) || !(inputRateHz > 0)) {
            throw new IllegalArgumentException("input: neurons = " + inputNeurons + ", fraction = " + inputFraction
                    + ", rate = " + inputRateHz + " Hz: need >= 1 neuron, fraction in (0, 1], rate > 0");
        }
    }

    /**
     * @param size neurons.
     * @param gain weight scale.
     * @param seed seed.
     * @return Maass et al.'s column settings.
     */
    public static LsmParameters maass(final int size, final double gain, final long seed) {
        return new LsmParameters(size, 0.8, 2.0, gain, false, 20, 0.3, 200.0, seed);
    }
}
