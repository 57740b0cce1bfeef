package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * Perceptual decision making, two-alternative forced choice (Britten et al. 1992, in neurogym's
 * {@code PerceptualDecisionMaking} form; team notes TASKS.md §4.1), on 1-ms steps for a spiking network.
 *
 * <p>Protocol per trial: ground truth g uniform in {0, …, dim_ring − 1} (choice g + 1 in neurogym's 1-based labels),
 * coherence c uniform in {0, 6.4, 12.8, 25.6, 51.2} %. Periods: fixation {@code fixationMs}, stimulus
 * {@code stimulusMs}, decision {@code decisionMs}. Observation channel 0 (fixation cue) is 1 until the decision
 * period and 0 in it; stimulus channel i (θ_i = 2πi/dim_ring) is s_i = 0.5 + (c/200)·cos(θ_i − θ_g) plus noise
 * N(0, (σ/√dt)²) per step, during the stimulus only. Each channel drives {@code neuronsPerGroup} input neurons
 * through {@link RateCodedObservation}; with {@code encoding} analog the input is the observation itself, one input
 * per channel (1 + dim_ring inputs: the fixation cue 1/0, the stimulus values with their noise, unclipped, 0 outside
 * the stimulus period: neurogym's observation). Target: the class g over the decision period; the loss (softmax
 * cross-entropy) and the accuracy are taken there only. Chance: 1/dim_ring; trials of coherence 0 carry no
 * information, so the best accuracy is 1 − 0.2·(1 − 1/dim_ring) (0.9 for two choices).
 *
 * <p>Where it differs from neurogym: observations are firing probabilities (encoding spikes; see
 * {@link RateCodedObservation});
 * neurogym's fixation channel is 1 only in the fixation period (TASKS.md prefers 1 until the decision, as here);
 * the readout has dim_ring units (no "fixate" class 0 and no loss outside the decision period); the step dt is
 * {@code stepMs}, 1 ms by default (neurogym's default is 100 ms; σ_step = σ/√dt keeps the same noise per unit time, as
 * neurogym computes it). A step above 1 ms needs encoding analog (the spike encoding fires per 1-ms step) and periods
 * that are whole numbers of steps.
 *
 * @param fixationMs      fixation period, ms, &ge; 0 (neurogym: 100).
 * @param stimulusMs      stimulus period, ms, &ge; 1 (neurogym: 2000).
 * @param decisionMs      decision period, ms, &ge; 1 (neurogym: 100).
 * @param dimRing         number of choices, &ge; 2 (neurogym: 2).
 * @param noiseSigma      σ of the stimulus noise per √ms, &ge; 0 (neurogym: 1).
 * @param rateHz          input rate at observation 1, Hz (encoding analog: 0, unused).
 * @param neuronsPerGroup input neurons per observation channel (encoding analog: 1).
 * @param encoding        spikes (input groups) or analog (the observation values).
 * @param stepMs          the step dt, ms, &ge; 1 (the network's dt; neurogym: 100).
 */
public record PerceptualDecisionTask(int fixationMs, int stimulusMs, int decisionMs, int dimRing, double noiseSigma,
                                     double rateHz, int neuronsPerGroup, InputEncoding encoding, int stepMs)
        implements SequenceSource {

    /** On 1-ms steps. */
    public PerceptualDecisionTask(final int fixationMs, final int stimulusMs, final int decisionMs, final int dimRing,
                                  final double noiseSigma, final double rateHz, final int neuronsPerGroup,
                                  final InputEncoding encoding) {
        this(fixationMs, stimulusMs, decisionMs, dimRing, noiseSigma, rateHz, neuronsPerGroup, encoding, 1);
    }

    /** Encoding spikes. */
    public PerceptualDecisionTask(final int fixationMs, final int stimulusMs, final int decisionMs, final int dimRing,
                                  final double noiseSigma, final double rateHz, final int neuronsPerGroup) {
        this(fixationMs, stimulusMs, decisionMs, dimRing, noiseSigma, rateHz, neuronsPerGroup, InputEncoding.SPIKES, 1);
    }

    /** Coherences in %, neurogym's. */
    public static final double[] COHERENCES = {0, 6.4, 12.8, 25.6, 51.2};

    /** Validates the parameters. */
    public PerceptualDecisionTask {
        RateCodedObservation.period("fixation_ms", fixationMs, 0);
        RateCodedObservation.period("stimulus_ms", stimulusMs, 1);
        RateCodedObservation.period("decision_ms", decisionMs, 1);
        if (dimRing < 2) {
            throw new IllegalArgumentException("dim_ring = " + dimRing + ": must be >= 2 (choices)");
        }
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noise_sigma = " + noiseSigma + ": must be a finite number >= 0");
        }
        RateCodedObservation.groups(encoding, rateHz, neuronsPerGroup);
        RateCodedObservation.step(stepMs, encoding, new String[] {"fixation_ms", "stimulus_ms", "decision_ms"},
                fixationMs, stimulusMs, decisionMs);
    }

    /** @return neurogym's periods 100/2000/100 ms, 2 choices, σ = 1, 100 Hz, 10 neurons per channel. */
    public static PerceptualDecisionTask standard() {
        return new PerceptualDecisionTask(100, 2000, 100, 2, 1.0, 100.0, 10);
    }

    @Override
    public int inputs() {
        return (1 + dimRing) * neuronsPerGroup;
    }

    @Override
    public int outputs() {
        return dimRing;
    }

    @Override
    public int steps() {
        return (fixationMs + stimulusMs + decisionMs) / stepMs;
    }

    @Override
    public LossKind loss() {
        return LossKind.CLASSIFICATION_CE;
    }

    /**
     * @param g ground truth, 0-based.
     * @param c coherence, %.
     * @param i stimulus channel.
     * @return s_i = 0.5 + (c/200)·cos(θ_i − θ_g), θ_i = 2πi/dim_ring.
     */
    public double stimulus(final int g, final double c, final int i) {
        return 0.5 + c / 200.0 * Math.cos(2 * Math.PI * (i - g) / dimRing);
    }

    @Override
    public SequenceBatch batch(final int batchSize, final long seed) {
        final int steps = steps();
        final int in = inputs();
        final float[] x = new float[batchSize * steps * in];
        final double[] y = new double[batchSize * steps * dimRing];
        final boolean[] mask = new boolean[batchSize * steps];
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int fixation = fixationMs / stepMs;
        final int decision = (fixationMs + stimulusMs) / stepMs;
        final double sigmaStep = noiseSigma / Math.sqrt(stepMs);
        for (int b = 0; b < batchSize; b++) {
            final int g = rnd.nextInt(dimRing);
            final double c = COHERENCES[rnd.nextInt(COHERENCES.length)];
            for (int t = 0; t < steps; t++) {
                final int base = (b * steps + t) * in;
                if (t < decision) {
                    RateCodedObservation.write(encoding, x, base, neuronsPerGroup, 1.0, 0, rateHz, rnd);
                }
                if (t >= fixation && t < decision) {
                    for (int i = 0; i < dimRing; i++) {
                        RateCodedObservation.write(encoding, x, base + (1 + i) * neuronsPerGroup, neuronsPerGroup,
                                stimulus(g, c, i), sigmaStep, rateHz, rnd);
                    }
                }
                if (t >= decision) {
                    mask[b * steps + t] = true;
                    y[(b * steps + t) * dimRing + g] = 1.0;
                }
            }
        }
        return new SequenceBatch(batchSize, steps, in, dimRing, x, y, mask, LossKind.CLASSIFICATION_CE);
    }
}
