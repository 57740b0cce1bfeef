package org.spikering.app.spec.hardware;

import org.spikering.hw.fixedpoint.QuantizingHook;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * {@code hardware.weights}: weight precision. With {@code bits} = 32 the weights stay floating point (counted as
 * 32-bit floats in the weight memory); with 2..31 bits every matrix is quantised to signed {@code bits}-bit
 * mantissas times a per-matrix power of two fitted to its initial weights ({@link QuantizingHook}), at the start and
 * after every update, rounding as {@code rounding} ({@link Rounding}: nearest = floor(x + 1/2); truncate = toward
 * zero; stochastic = up with probability of the fraction, unbiased; its random stream is seeded by 77 + the run's
 * seed).
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>range</th></tr>
 *   <tr><td>bits</td><td>bits per weight incl. sign</td><td>2..32 (32 = float)</td></tr>
 *   <tr><td>rounding</td><td>-</td><td>nearest, stochastic, truncate</td></tr>
 * </table>
 *
 * @param bits     bits per weight (32 = float).
 * @param rounding rounding of the quantised weights.
 */
public record WeightsSpec(int bits, String rounding) {

    /** Bits that mean floating-point weights. */
    public static final int FLOAT = 32;
    /** Offset of the stochastic-rounding seed from the run's seed (the study's seed s rounds with 77 + s). */
    public static final long SEED_OFFSET = 77;

    /** @return the rounding mode. */
    public Rounding roundingMode() {
        return Rounding.parse(rounding);
    }

    /** @return whether the weights are quantised. */
    public boolean quantised() {
        return bits != FLOAT;
    }

    /**
     * Quantises the network's weights in place and returns the hook that keeps them quantised, or null for float.
     *
     * @param net  the network the run starts from.
     * @param seed the run's seed.
     * @return the quantiser, or null.
     */
    public QuantizingHook quantiser(final RecurrentNetwork net, final long seed) {
        return quantised() ? new QuantizingHook(net, bits, roundingMode(), SEED_OFFSET + seed) : null;
    }
}
