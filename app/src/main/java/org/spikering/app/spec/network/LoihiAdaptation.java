package org.spikering.app.spec.network;

/**
 * {@code adaptation} of a loihi_lif / loihi_lif_float population: hardware-sim's
 * {@link org.spikering.hw.fixedpoint.FixedAdaptation} in the spec's vocabulary (a ← sign(a)·((|a|·(4096 − da)) ≫ 12),
 * a ← a + jump_mant ≪ shift_bits on each spike; spike when v &gt; (vth ≪ shift_bits) + a). Unit-free integers.
 *
 * @param da       decay, 0..4096.
 * @param jumpMant threshold increment per spike (units of vth), 0..131071.
 */
public record LoihiAdaptation(int da, long jumpMant) {
}
