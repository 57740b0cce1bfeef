package org.spikering.app.task;

import java.util.Locale;

/**
 * How an observation task turns its observation into the network's input x^t (spec field
 * {@code training.task.encoding}).
 *
 * <ul>
 *   <li>{@link #SPIKES}: each observation channel drives a group of input neurons that spike (0/1) with a probability
 *       set by the channel's value (the behaviour of every task before the field existed).</li>
 *   <li>{@link #ANALOG}: x^t is the observation itself, one input per channel (no groups, no rate): a real value
 *       that may be negative (neurogym's observation with its noise, Liu et al.'s Gaussian channels). A rate network
 *       takes it as its input; a spiking network gets it as an input current W_in·x^t, as Liu et al.'s seq-MNIST LIF
 *       code feeds pixel values.</li>
 * </ul>
 */
public enum InputEncoding {
    /** Input spikes from groups of input neurons. */
    SPIKES,
    /** The observation values, one input per channel. */
    ANALOG;

    /** @return the spec name ({@code spikes}, {@code analog}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id      {@code spikes} or {@code analog}; null gives {@code fallback}.
     * @param fallback the task's default.
     * @return the encoding.
     */
    public static InputEncoding of(final String id, final InputEncoding fallback) {
        if (id == null) {
            return fallback;
        }
        for (InputEncoding e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("encoding = '" + id + "': must be spikes or analog");
    }
}
