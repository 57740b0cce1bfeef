package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * Store–recall (Bellec et al. 2018/2020; team notes TASKS.md §4.6) on 1-ms steps. A sequence is
 * {@code 2 + 1 + delayBits + 1 + 2} characters of {@code charMs} ms each: 2 random bits, STORE, {@code delayBits}
 * random bits of which the first (the one right after STORE) is the bit to remember, RECALL, 2 random bits (12
 * characters for the default 6). Input: 4 groups of {@code neuronsPerGroup} neurons (bit 0, bit 1, STORE, RECALL);
 * the group of the shown character fires Poisson at {@code rateHz} (p = rate · 1 ms per step and neuron), the
 * others are silent. With {@code encoding} analog the input is the one-hot symbol: 4 inputs, the shown character's
 * channel 1 for the whole character and the others 0 (no rate, no Poisson noise). Target: the stored bit, during the RECALL character only (2-way softmax cross-entropy; loss and
 * accuracy there). Chance 0.5.
 *
 * <p>Where it differs from Bellec et al.: they place STORE and RECALL at random positions in a longer stream and
 * score every recall; here the positions are fixed as TASKS.md §4.6 states them (one recall per sequence).
 *
 * @param charMs          character duration, ms, &ge; 1 (Bellec: 200).
 * @param delayBits       bits from STORE to RECALL (the first is stored), &ge; 1 (TASKS.md: 6).
 * @param rateHz          rate of the active group, Hz, in (0, 1000] (Bellec: 50).
 * @param neuronsPerGroup input neurons per group, &ge; 1 (Bellec: 25; encoding analog: 1).
 * @param encoding        spikes (Poisson groups) or analog (one-hot values; rateHz then 0, unused).
 */
public record StoreRecallTask(int charMs, int delayBits, double rateHz, int neuronsPerGroup, InputEncoding encoding)
        implements SequenceSource {

    /** Encoding spikes. */
    public StoreRecallTask(final int charMs, final int delayBits, final double rateHz, final int neuronsPerGroup) {
        this(charMs, delayBits, rateHz, neuronsPerGroup, InputEncoding.SPIKES);
    }

    /** Group index of the STORE symbol (bits 0 and 1 are groups 0 and 1). */
    public static final int STORE = 2;
    /** Group index of the RECALL symbol. */
    public static final int RECALL = 3;

    /** Validates the parameters. */
    public StoreRecallTask {
        RateCodedObservation.period("char_ms", charMs, 1);
        RateCodedObservation.period("delay_bits", delayBits, 1);
        RateCodedObservation.groups(encoding, rateHz, neuronsPerGroup);
    }

    /** @return 200-ms characters, 6 delay bits, 50 Hz, 25 neurons per group (Bellec et al.'s). */
    public static StoreRecallTask standard() {
        return new StoreRecallTask(200, 6, 50, 25);
    }

    /** @return characters per sequence: 2 + 1 + delay bits + 1 + 2. */
    public int characters() {
        return delayBits + 6;
    }

    /** @return index of the RECALL character (the STORE character is 2, the stored bit 3). */
    public int recallCharacter() {
        return 3 + delayBits;
    }

    @Override
    public int inputs() {
        return 4 * neuronsPerGroup;
    }

    @Override
    public int outputs() {
        return 2;
    }

    @Override
    public int steps() {
        return characters() * charMs;
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
        final double p = rateHz * 1e-3;
        final boolean analog = encoding == InputEncoding.ANALOG;
        final int[] symbol = new int[characters()];
        for (int b = 0; b < batchSize; b++) {
            for (int c = 0; c < symbol.length; c++) {
                symbol[c] = rnd.nextInt(2);
            }
            symbol[2] = STORE;
            symbol[recallCharacter()] = RECALL;
            final int stored = symbol[3];
            for (int c = 0; c < symbol.length; c++) {
                for (int t = c * charMs; t < (c + 1) * charMs; t++) {
                    final int base = (b * steps + t) * in + symbol[c] * neuronsPerGroup;
                    if (analog) {
                        x[base] = 1f;
                    }
                    for (int i = 0; i < neuronsPerGroup && !analog; i++) {
                        if (rnd.nextDouble() < p) {
                            x[base + i] = 1f;
                        }
                    }
                    if (c == recallCharacter()) {
                        mask[b * steps + t] = true;
                        y[(b * steps + t) * 2 + stored] = 1.0;
                    }
                }
            }
        }
        return new SequenceBatch(batchSize, steps, in, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
    }
}
