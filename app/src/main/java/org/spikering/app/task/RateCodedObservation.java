package org.spikering.app.task;

import java.util.SplittableRandom;

/**
 * Turns a neurogym-style observation channel into the network's input, the one encoding of the neurogym tasks
 * ({@link PerceptualDecisionTask}, {@link DelayComparisonTask}). Per 1-ms step the channel's value is
 * o = s + σ_step ξ (ξ ~ N(0, 1), σ_step = σ/√dt with dt = 1 ms, so σ_step = σ; noise only where the task says).
 * Encoding {@link InputEncoding#SPIKES}: each of the channel's {@code neuronsPerChannel} input neurons spikes with
 * probability p = clamp(o, 0, 1) · rate_hz · 1 ms. Where this differs from neurogym: neurogym feeds o itself to a rate
 * network; here it is a firing probability, clipped to [0, 1], so with large noise the mean rate is not linear in s
 * (the clipping keeps it monotone, so the information the task asks for is still there). Encoding
 * {@link InputEncoding#ANALOG}: the channel's one input is o itself, unclipped (neurogym's observation).
 */
final class RateCodedObservation {

    private RateCodedObservation() {
    }

    /**
     * Adds the spikes of one channel at one step.
     *
     * @param x                 [b][t][i] input spikes to fill.
     * @param base              index of the channel's first neuron at this step ({@code (b·steps + t)·inputs + c·n}).
     * @param neuronsPerChannel input neurons of the channel.
     * @param signal            s, the noise-free value.
     * @param sigmaStep         σ_step (0: no noise).
     * @param rateHz            rate at o = 1, Hz (at most 1000).
     * @param rnd               the batch's random stream.
     */
    static void spikes(final float[] x, final int base, final int neuronsPerChannel, final double signal,
                       final double sigmaStep, final double rateHz, final SplittableRandom rnd) {
        final double o = sigmaStep == 0 ? signal : signal + sigmaStep * gaussian(rnd);
        final double p = Math.min(1.0, Math.max(0.0, o)) * rateHz * 1e-3;
        for (int i = 0; i < neuronsPerChannel; i++) {
            if (rnd.nextDouble() < p) {
                x[base + i] = 1f;
            }
        }
    }

    /**
     * Writes one channel at one step in the given encoding: {@link #spikes} (the same draws), or x[base] = o.
     *
     * @param encoding          spikes or analog (analog: {@code neuronsPerChannel} is 1, {@code rateHz} unused).
     * @param x                 [b][t][i] inputs to fill.
     * @param base              index of the channel's first input at this step.
     * @param neuronsPerChannel input neurons of the channel (spikes).
     * @param signal            s, the noise-free value.
     * @param sigmaStep         σ_step (0: no noise, no draw).
     * @param rateHz            rate at o = 1, Hz (spikes).
     * @param rnd               the batch's random stream.
     */
    static void write(final InputEncoding encoding, final float[] x, final int base, final int neuronsPerChannel,
                      final double signal, final double sigmaStep, final double rateHz, final SplittableRandom rnd) {
        if (encoding == InputEncoding.SPIKES) {
            spikes(x, base, neuronsPerChannel, signal, sigmaStep, rateHz, rnd);
        } else {
            x[base] = (float) (sigmaStep == 0 ? signal : signal + sigmaStep * gaussian(rnd));
        }
    }

    /** @return a standard normal draw (Box–Muller, one of the pair). */
    static double gaussian(final SplittableRandom rnd) {
        final double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rnd.nextDouble());
    }

    /**
     * Validation of the input groups (one line naming the field) in an encoding: spikes needs a rate in (0, 1000] Hz and groups of &ge; 1 neuron;
     * analog has one input per channel and no rate (the records hold 1 and 0).
     */
    static void groups(final InputEncoding encoding, final double rateHz, final int neuronsPerChannel) {
        java.util.Objects.requireNonNull(encoding, "encoding");
        if (encoding == InputEncoding.ANALOG) {
            if (neuronsPerChannel != 1) {
                throw new IllegalArgumentException("neurons_per_group = " + neuronsPerChannel + ": not with encoding"
                        + " analog (one input per channel); leave it out");
            }
            if (rateHz != 0) {
                throw new IllegalArgumentException("rate_hz = " + rateHz + ": not with encoding analog (the input is the"
                        + " observation value, not a rate); leave it out");
            }
            return;
        }
        if (!(rateHz > 0 && rateHz <= 1000)) {
            throw new IllegalArgumentException("rate_hz = " + rateHz + ": must be > 0 and <= 1000 (one spike per 1-ms step)");
        }
        if (neuronsPerChannel < 1) {
            throw new IllegalArgumentException("neurons_per_group = " + neuronsPerChannel + ": must be >= 1");
        }
    }

    /** @return the check for a period length in ms, naming the field. */
    /**
     * Validation of a task's step (one line naming the field): dt ≥ 1 ms; above 1 ms only with encoding analog (the
     * spike encoding draws per 1-ms step) and with every period a whole number of steps.
     *
     * @param stepMs   dt, ms.
     * @param encoding the encoding.
     * @param fields   the periods' field names.
     * @param periods  the periods, ms.
     */
    static void step(final int stepMs, final InputEncoding encoding, final String[] fields, final int... periods) {
        if (stepMs < 1) {
            throw new IllegalArgumentException("step = " + stepMs + " ms (training.network.dt_ms): must be a whole number of ms >= 1");
        }
        if (stepMs == 1) {
            return;
        }
        if (encoding != InputEncoding.ANALOG) {
            throw new IllegalArgumentException("step = " + stepMs + " ms (training.network.dt_ms): above 1 ms only with encoding"
                    + " analog (the spike encoding fires per 1-ms step)");
        }
        for (int i = 0; i < periods.length; i++) {
            if (periods[i] % stepMs != 0) {
                throw new IllegalArgumentException(fields[i] + " = " + periods[i] + ": must be a whole number of steps of "
                        + stepMs + " ms (training.network.dt_ms)");
            }
        }
    }

    static void period(final String field, final int ms, final int min) {
        if (ms < min) {
            throw new IllegalArgumentException(field + " = " + ms + ": must be >= " + min);
        }
    }
}
