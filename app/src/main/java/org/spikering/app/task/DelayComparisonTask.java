package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * Romo parametric working memory (Romo et al. 1999), in neurogym's {@code DelayComparison} form (team notes
 * TASKS.md §4.3), on 1-ms steps for a spiking network.
 *
 * <p>Protocol per trial: a pair (f_a, f_b) uniform in {(18,10), (22,14), (26,18), (30,22), (34,26)} Hz and a ground
 * truth g uniform in {0, 1}: g = 0 (neurogym's choice 1) shows f1 = f_a then f2 = f_b (f1 &gt; f2), g = 1 (choice 2)
 * shows them swapped (f1 &lt; f2). Periods: fixation {@code fixationMs}, stimulus 1 {@code stimulusMs}, delay
 * {@code delayMs}, stimulus 2 {@code stimulusMs}, decision {@code decisionMs}. Observation channel 0 (fixation cue) is
 * 1 until the decision period, 0 in it; the one stimulus channel carries s(f) = (1 + (f − 10)/24)/2 ∈ [0.5, 1]
 * during stimulus 1 (f = f1) and stimulus 2 (f = f2) plus noise N(0, (σ/√dt)²) per step, 0 otherwise. Each channel
 * drives {@code neuronsPerGroup} input neurons through {@link RateCodedObservation}; with {@code encoding} analog the
 * input is the observation itself, 2 inputs (fixation cue 1/0; the stimulus value with its noise, unclipped, 0
 * outside the stimuli: neurogym's observation). Target: class g over the
 * decision period, where loss (softmax cross-entropy) and accuracy are taken. Chance: 0.5.
 *
 * <p>Where it differs from neurogym: observations are firing probabilities in encoding spikes (the frequency is a rate code of s(f),
 * not the vibration frequency itself; see {@link RateCodedObservation}); two readout units (no "fixate" class and no
 * loss outside the decision period); the step dt is {@code stepMs}, 1 ms by default (neurogym's default 100 ms;
 * σ_step = σ/√dt as neurogym; above 1 ms only with encoding analog and periods of whole steps). Romo et al. used 10–34 Hz with
 * ±8 Hz differences and 3-s delays; the default delay here is neurogym's 1000 ms.
 *
 * @param fixationMs      fixation period, ms, &ge; 0 (neurogym: 500).
 * @param stimulusMs      each stimulus period, ms, &ge; 1 (neurogym: 500).
 * @param delayMs         delay between the stimuli, ms, &ge; 0 (neurogym: 1000).
 * @param decisionMs      decision period, ms, &ge; 1 (neurogym: 100).
 * @param noiseSigma      σ of the stimulus noise per √ms, &ge; 0 (neurogym: 1).
 * @param rateHz          input rate at observation 1, Hz (encoding analog: 0, unused).
 * @param neuronsPerGroup input neurons per observation channel (encoding analog: 1).
 * @param encoding        spikes (input groups) or analog (the observation values).
 * @param stepMs          the step dt, ms, &ge; 1 (the network's dt; neurogym: 100).
 */
public record DelayComparisonTask(int fixationMs, int stimulusMs, int delayMs, int decisionMs, double noiseSigma,
                                  double rateHz, int neuronsPerGroup, InputEncoding encoding, int stepMs)
        implements SequenceSource {

    /** On 1-ms steps. */
    public DelayComparisonTask(final int fixationMs, final int stimulusMs, final int delayMs, final int decisionMs,
                               final double noiseSigma, final double rateHz, final int neuronsPerGroup,
                               final InputEncoding encoding) {
        this(fixationMs, stimulusMs, delayMs, decisionMs, noiseSigma, rateHz, neuronsPerGroup, encoding, 1);
    }

    /** Encoding spikes. */
    public DelayComparisonTask(final int fixationMs, final int stimulusMs, final int delayMs, final int decisionMs,
                               final double noiseSigma, final double rateHz, final int neuronsPerGroup) {
        this(fixationMs, stimulusMs, delayMs, decisionMs, noiseSigma, rateHz, neuronsPerGroup, InputEncoding.SPIKES, 1);
    }

    /** Frequency pairs (f_a, f_b), Hz, neurogym's. */
    public static final int[][] PAIRS = {{18, 10}, {22, 14}, {26, 18}, {30, 22}, {34, 26}};

    /** Validates the parameters. */
    public DelayComparisonTask {
        RateCodedObservation.period("fixation_ms", fixationMs, 0);
        RateCodedObservation.period("stimulus_ms", stimulusMs, 1);
        RateCodedObservation.period("delay_ms", delayMs, 0);
        RateCodedObservation.period("decision_ms", decisionMs, 1);
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noise_sigma = " + noiseSigma + ": must be a finite number >= 0");
        }
        RateCodedObservation.groups(encoding, rateHz, neuronsPerGroup);
        RateCodedObservation.step(stepMs, encoding, new String[] {"fixation_ms", "stimulus_ms", "delay_ms", "decision_ms"},
                fixationMs, stimulusMs, delayMs, decisionMs);
    }

    /** @return neurogym's periods 500/500/1000/500/100 ms, σ = 1, 100 Hz, 10 neurons per channel. */
    public static DelayComparisonTask standard() {
        return new DelayComparisonTask(500, 500, 1000, 100, 1.0, 100.0, 10);
    }

    /**
     * @param f frequency, Hz.
     * @return s(f) = (1 + (f − 10)/24)/2.
     */
    public static double encode(final double f) {
        return (1 + (f - 10) / 24.0) / 2;
    }

    @Override
    public int inputs() {
        return 2 * neuronsPerGroup;
    }

    @Override
    public int outputs() {
        return 2;
    }

    @Override
    public int steps() {
        return (fixationMs + 2 * stimulusMs + delayMs + decisionMs) / stepMs;
    }

    @Override
    public LossKind loss() {
        return LossKind.CLASSIFICATION_CE;
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        final int steps = steps();
        final int in = inputs();
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps * 2];
        final boolean[] mask = new boolean[batchSize * steps];
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int s1 = fixationMs / stepMs;
        final int stim = stimulusMs / stepMs;
        final int s2 = (fixationMs + stimulusMs + delayMs) / stepMs;
        final int decision = s2 + stim;
        final double sigmaStep = noiseSigma / Math.sqrt(stepMs);
        for (int b = 0; b < batchSize; b++) {
            final int[] pair = PAIRS[rnd.nextInt(PAIRS.length)];
            final int g = rnd.nextInt(2);
            final double v1 = encode(pair[g]);
            final double v2 = encode(pair[1 - g]);
            for (int t = 0; t < steps; t++) {
                final int base = (b * steps + t) * in;
                if (t < decision) {
                    RateCodedObservation.write(encoding, x, base, neuronsPerGroup, 1.0, 0, rateHz, rnd);
                }
                if (t >= s1 && t < s1 + stim) {
                    RateCodedObservation.write(encoding, x, base + neuronsPerGroup, neuronsPerGroup, v1, sigmaStep, rateHz, rnd);
                } else if (t >= s2 && t < decision) {
                    RateCodedObservation.write(encoding, x, base + neuronsPerGroup, neuronsPerGroup, v2, sigmaStep, rateHz, rnd);
                } else if (t >= decision) {
                    mask[b * steps + t] = true;
                    y[(b * steps + t) * 2 + g] = 1.0;
                }
            }
        }
        return new SequenceBatch(batchSize, steps, in, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
    }
}
