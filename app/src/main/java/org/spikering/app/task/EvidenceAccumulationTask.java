package org.spikering.app.task;

import java.util.SplittableRandom;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;

/**
 * Evidence accumulation (Morcos &amp; Harvey 2016; Bellec et al. 2020, e-prop tutorial): 40 input neurons in
 * 4 groups of 10 — left cues, right cues, recall, background. Per trial one side gets probability
 * {@code pMajority} (0.7) and the other 1 − p; each of the {@code cues} cues independently shows that
 * side: its 10 neurons fire at {@code cueRateHz} for {@code cueMs} ms, then {@code gapMs} ms of silence.
 * After the cues comes a delay, then a recall window of {@code recallMs} ms in which the recall group
 * fires at {@code cueRateHz}; background fires at {@code backgroundRateHz} throughout. Label: the side
 * with more cues; loss = cross-entropy of the 2-way softmax readout over the recall window.
 *
 * <table>
 *   <caption>Defaults (issue 3)</caption>
 *   <tr><th>parameter</th><th>value</th></tr>
 *   <tr><td>cues, cue, gap</td><td>7 cues of 100 ms separated by 50 ms</td></tr>
 *   <tr><td>delay</td><td>1050 ms</td></tr>
 *   <tr><td>recall</td><td>150 ms</td></tr>
 *   <tr><td>total</td><td>7·150 + 1050 + 150 = 2250 ms</td></tr>
 *   <tr><td>rates</td><td>cues and recall 40 Hz, background 10 Hz</td></tr>
 * </table>
 *
 * @param cues             number of cues, odd, &ge; 1.
 * @param cueMs            cue duration, ms.
 * @param gapMs            silence after each cue, ms.
 * @param delayMs          delay after the last cue period, ms.
 * @param recallMs         recall window, ms, &ge; 1.
 * @param pMajority        probability of the trial's majority side per cue, in [0.5, 1].
 * @param cueRateHz        rate of cue and recall neurons, Hz.
 * @param backgroundRateHz rate of background neurons, Hz.
 */
public record EvidenceAccumulationTask(int cues, int cueMs, int gapMs, int delayMs, int recallMs, double pMajority,
                                       double cueRateHz, double backgroundRateHz) implements SequenceSource {

    /** Input neurons per group. */
    public static final int GROUP = 10;

    /** Validates the parameters. */
    public EvidenceAccumulationTask {
        if (cues < 1 || cues % 2 == 0) {
            throw new IllegalArgumentException("cues = " + cues + ": must be odd and >= 1 (a majority must exist)");
        }
        if (cueMs < 1 || gapMs < 0 || delayMs < 0) {
            throw new IllegalArgumentException("cue/gap/delay = " + cueMs + "/" + gapMs + "/" + delayMs + " ms: cue must be >= 1, gap and delay >= 0");
        }
        if (recallMs < 1) {
            throw new IllegalArgumentException("recall = " + recallMs + " ms: must be >= 1 (the loss is taken over the recall window)");
        }
        if (!(pMajority >= 0.5 && pMajority <= 1)) {
            throw new IllegalArgumentException("p_majority = " + pMajority + ": must be in [0.5, 1]");
        }
        if (!(cueRateHz >= 0 && cueRateHz <= 1000) || !(backgroundRateHz >= 0 && backgroundRateHz <= 1000)) {
            throw new IllegalArgumentException("rates = " + cueRateHz + ", " + backgroundRateHz + " Hz: must be in [0, 1000]");
        }
    }

    /** @return the setup of issue 3 / Bellec et al. 2020. */
    public static EvidenceAccumulationTask standard() {
        return new EvidenceAccumulationTask(7, 100, 50, 1050, 150, 0.7, 40, 10);
    }

    @Override
    public int inputs() {
        return 4 * GROUP;
    }

    @Override
    public int outputs() {
        return 2;
    }

    @Override
    public int steps() {
        return cues * (cueMs + gapMs) + delayMs + recallMs;
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
        for (int b = 0; b < batchSize; b++) {
            final boolean rightMajority = rnd.nextBoolean();
            int right = 0;
            for (int c = 0; c < cues; c++) {
                final boolean isRight = rnd.nextDouble() < (rightMajority ? pMajority : 1 - pMajority);
                right += isRight ? 1 : 0;
                final int t0 = c * (cueMs + gapMs);
                SpikeTrains.poisson(x, b, steps, in, isRight ? GROUP : 0, isRight ? 2 * GROUP : GROUP, t0, t0 + cueMs,
                        cueRateHz, 1.0, rnd);
            }
            SpikeTrains.poisson(x, b, steps, in, 2 * GROUP, 3 * GROUP, steps - recallMs, steps, cueRateHz, 1.0, rnd);
            SpikeTrains.poisson(x, b, steps, in, 3 * GROUP, 4 * GROUP, 0, steps, backgroundRateHz, 1.0, rnd);
            final int label = right > cues / 2 ? 1 : 0;
            for (int t = steps - recallMs; t < steps; t++) {
                mask[b * steps + t] = true;
                y[(b * steps + t) * 2 + label] = 1.0;
            }
        }
        return new SequenceBatch(batchSize, steps, in, 2, x, y, mask, LossKind.CLASSIFICATION_CE);
    }

    /**
     * @param batch a batch of this task.
     * @param b     sequence index.
     * @return the label of sequence b (0 left, 1 right).
     */
    public static int label(final SequenceBatch batch, final int b) {
        final int t = batch.steps() - 1;
        return batch.targets()[(b * batch.steps() + t) * 2 + 1] > 0.5 ? 1 : 0;
    }
}
