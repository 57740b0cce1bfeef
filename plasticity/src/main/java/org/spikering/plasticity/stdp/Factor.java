package org.spikering.plasticity.stdp;

/**
 * A variable a product of a sum-of-products rule may multiply, read at the time of the product's {@link Dependency}.
 * Names follow Loihi/Lava ({@code x1, x2, y1, y2, w, t}); the reward trace {@code R} is Loihi 1's reward trace, here a
 * third post-side trace driven by reward spikes (Lava models the third factor as post trace {@code y3}).
 * <table>
 *   <caption>Factors</caption>
 *   <tr><th>name</th><th>belongs to</th><th>impulse on</th></tr>
 *   <tr><td>X1, X2</td><td>presynaptic neuron</td><td>presynaptic spike</td></tr>
 *   <tr><td>Y1, Y2</td><td>postsynaptic neuron</td><td>postsynaptic spike</td></tr>
 *   <tr><td>R</td><td>postsynaptic neuron</td><td>reward spike ({@link SumOfProductsEngine#rewardSpike})</td></tr>
 *   <tr><td>W</td><td>synapse</td><td>— (the weight)</td></tr>
 *   <tr><td>TAG</td><td>synapse</td><td>— (the tag, an eligibility trace updated by its own rule)</td></tr>
 * </table>
 */
public enum Factor {
    X1, X2, Y1, Y2, R, W, TAG;

    /** @return whether this is a trace of the presynaptic neuron. */
    public boolean isPreTrace() {
        return this == X1 || this == X2;
    }

    /** @return whether this is a trace of the postsynaptic neuron (R included). */
    public boolean isPostTrace() {
        return this == Y1 || this == Y2 || this == R;
    }
}
