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
 * <p><b>Where the {@code evidence} preset differs from NEST.</b> Compared parameter by parameter with NEST's
 * {@code pynest/examples/eprop_plasticity/eprop_supervised_classification_evidence-accumulation_bsshslm_2020.py}
 * (read at nest/nest-simulator commit 0441cabc, the {@code _bsshslm_2020} model family of NEST 3.9 that
 * {@code sine-nest} reproduces; NEST's values, ours from {@link TaskPreset}). Equal: dt 1 ms; 40 inputs in 4 groups
 * of 10; 50 LIF + 50 ALIF recurrent neurons, 2 readouts; τ_m 20 ms, v_th 0.6 mV, t_ref 5 ms, τ_a 2000 ms,
 * τ_out 20 ms; ζ = 1 for recurrent input ({@code regular_spike_arrival} True); neurons reset every sequence; 7 cues
 * of 100 ms with 50 ms spacing, 1050 ms delay, 150 ms recall (2250 ms), loss over the recall window only; cue and
 * recall p = 0.04 per step (40 Hz), background 0.01 (10 Hz), p_majority 0.7; f_target 10 Hz; Adam η = 5e-3,
 * β1 0.9, β2 0.999, batch 32; weights clipped to ±100; W_in ~ N(0, 1/40), W_rec ~ N(0, 1/100) without autapses.
 * <table>
 *   <caption>Differences from NEST's example</caption>
 *   <tr><th>setting</th><th>NEST</th><th>spikering preset</th></tr>
 *   <tr><td>eligibility-trace filter (the {@code eprop_synapse_bsshslm_2020} factor)</td>
 *       <td>ē ← κ ē + (1 − κ) e</td><td>ē ← κ ē + ζ_out e with ζ_out = 1 here, i.e. 1/(1 − κ) = 20.5× larger
 *       relative to the regularisation term</td></tr>
 *   <tr><td>readout input</td><td>(1 − κ)·Σ W_out z ({@code regular_spike_arrival} False for the readout)</td>
 *       <td>1·Σ W_out z (one ζ flag for recurrent neurons and readout)</td></tr>
 *   <tr><td>gradient averaging</td><td>{@code average_gradient} True: divided by the 150-step window</td>
 *       <td>summed over the window (with Adam mostly a scale, except against ε)</td></tr>
 *   <tr><td>rate regularisation c_reg (same R_j = c_reg (n_j/T − f·dt)/T)</td><td>300</td><td>1</td></tr>
 *   <tr><td>surrogate ψ = γ max(0, 1 − β|v − A|)</td><td>γ = 0.3, β = 1 (not scaled by v_th)</td>
 *       <td>γ = 0.3/v_th = 0.5, β = 1/v_th = 1.67</td></tr>
 *   <tr><td>adaptation β_a in A = v_th + β_a a, a ← ρ a + z</td>
 *       <td>1.7·(1 − e^(−1/2000))/(1 − e^(−1/20)) = 0.0174</td><td>1.7 (98× stronger)</td></tr>
 *   <tr><td>Adam ε</td><td>1e-8</td><td>1e-7 (NEST's default)</td></tr>
 *   <tr><td>W_out</td><td>Glorot uniform, ±√(3/51) = ±0.243</td><td>N(0, 1/100)</td></tr>
 *   <tr><td>feedback B</td><td>fixed random N(0, 1)</td><td>{@code --rule eprop}: symmetric, B = W_outᵀ;
 *       {@code random-eprop}: fixed random N(0, 1/100)</td></tr>
 *   <tr><td>cue timing</td><td>spacing before each cue: cue c in [150c + 50, 150c + 150) ms</td>
 *       <td>spacing after: [150c, 150c + 100) ms</td></tr>
 *   <tr><td>step 0 of a sequence</td><td>input spikes removed</td><td>kept</td></tr>
 *   <tr><td>iterations</td><td>50 (Bellec et al.'s TF script: 2000)</td><td>300</td></tr>
 *   <tr><td>evaluation</td><td>training loss and recall error only</td><td>also a held-out test batch</td></tr>
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
