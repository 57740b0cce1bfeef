package org.spikering.hw.fixedpoint;

/**
 * Parameters of the integer CUBA-LIF of Lava's {@code PyLifModelBitAcc} (HARDWARE.md §1.1), generalised
 * in the state width and the input alignment shift so that a "wide" variant can be compared with float.
 * <table>
 *   <caption>Parameters (integers; Lava defaults in brackets)</caption>
 *   <tr><th>name</th><th>meaning</th><th>range</th></tr>
 *   <tr><td>du</td><td>current decay; factor (4096 − (du+1))/4096</td><td>0..4095</td></tr>
 *   <tr><td>dv</td><td>voltage decay; factor (4096 − dv)/4096</td><td>0..4096</td></tr>
 *   <tr><td>vth</td><td>threshold mantissa, compared as vth &lt;&lt; shift</td><td>0..131071</td></tr>
 *   <tr><td>biasMant, biasExp</td><td>bias = biasMant &lt;&lt; biasExp, then &lt;&lt; shift</td><td>−4096..4095, 0..7</td></tr>
 *   <tr><td>stateWidth</td><td>bits of u and v (u wraps, v saturates) [24]</td><td>8..50</td></tr>
 *   <tr><td>shift</td><td>MSB alignment of input, bias and threshold [6]</td><td>0..24</td></tr>
 *   <tr><td>inputWidth</td><td>bits of a_in, saturating [16]</td><td>2..40</td></tr>
 *   <tr><td>dtMs</td><td>time step (ms)</td><td>&gt; 0</td></tr>
 * </table>
 */
public record FixedLifParams(int du, int dv, long vth, int biasMant, int biasExp, int stateWidth, int shift,
                             int inputWidth, double dtMs) {

    public FixedLifParams {
        check("du", du, 0, 4095);
        check("dv", dv, 0, 4096);
        check("vth", vth, 0, 131071);
        check("biasMant", biasMant, -4096, 4095);
        check("biasExp", biasExp, 0, 7);
        check("stateWidth", stateWidth, 8, 50);
        check("shift", shift, 0, 24);
        check("inputWidth", inputWidth, 2, 40);
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs = " + dtMs + " ms: must be finite and > 0");
        }
    }

    /** Lava's bit-accurate Loihi widths: 24-bit state, shift 6, 16-bit input. */
    public static FixedLifParams lava(int du, int dv, long vth, int biasMant, int biasExp) {
        return new FixedLifParams(du, dv, vth, biasMant, biasExp, 24, 6, 16, 1.0);
    }

    private static void check(String name, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " = " + v + ": must be in [" + lo + ", " + hi + "]");
        }
    }
}
