package org.spikering.neuron.lif;

/**
 * What happens to the membrane potential after a spike.
 * <ul>
 *   <li>{@link #TO_VALUE}: V ← V_reset (NEST {@code iaf_psc_*}).</li>
 *   <li>{@link #BY_SUBTRACTION}: V ← V − (V_th − V_reset), keeping the overshoot (Bellec et al. 2020
 *       with V_reset = E_L: subtraction of v_th relative to rest).</li>
 * </ul>
 */
public enum ResetMode {
    /** V ← V_reset. */
    TO_VALUE,
    /** V ← V − (V_th − V_reset). */
    BY_SUBTRACTION
}
