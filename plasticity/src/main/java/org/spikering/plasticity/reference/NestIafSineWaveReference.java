package org.spikering.plasticity.reference;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.nestiaf.NestIafLearner;
import org.spikering.plasticity.nestiaf.NestIafOptimizer;
import org.spikering.plasticity.nestiaf.NestIafParams;

/**
 * NEST 3.9's sine-wave regression run with its current e-prop models (pynest/examples/eprop_plasticity/
 * eprop_supervised_regression_sine-waves.py: {@code eprop_iaf}, {@code eprop_readout}, {@code eprop_synapse}),
 * loaded from the classpath folder {@code org/spikering/plasticity/reference/nest-eprop-iaf-sine-waves/} (origin,
 * licence and the run's settings in the README.md there): frozen input pattern (100 inputs × 1000 steps), initial
 * weights and feedback B, NEST's readout over the first sequence and its first five losses.
 *
 * <p>Precision: weights and B are NEST's float32 values (the example's float32 draws times 1 − κ in float32),
 * recovered exactly from their 9 significant digits; the target is the float64 one NEST received, which is the
 * bsshslm_2020 run's ({@link NestSineWaveReference#target()}; the two runs' 9-digit target files are identical).
 */
public final class NestIafSineWaveReference {
    private static final String ROOT = "/org/spikering/plasticity/reference/nest-eprop-iaf-sine-waves/";
    public static final int INPUTS = 100;
    public static final int RECURRENT = 100;
    public static final int OUTPUTS = 1;
    public static final int STEPS = 1000;
    /** NEST's learning rate: 1e-4·(1 − κ)², κ = 0.97, as the example computes it in double. */
    public static final double ETA = 1e-4 * (1.0 - 0.97) * (1.0 - 0.97);

    private final float[] pattern;
    private final double[] target;
    private final double[] wIn;
    private final double[] wRec;
    private final double[] wOut;
    private final double[] feedback;

    private NestIafSineWaveReference() {
        double[][] x = NestSineWaveReference.matrix(ROOT, "inputs/input_spikes_in_x_step.csv");
        pattern = new float[STEPS * INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            for (int t = 0; t < STEPS; t++) {
                pattern[t * INPUTS + i] = (float) x[i][t];
            }
        }
        target = NestSineWaveReference.load().target();
        wIn = NestSineWaveReference.toFloat32(flat("inputs/w_in_rec_initial.csv"));
        wRec = NestSineWaveReference.toFloat32(flat("inputs/w_rec_rec_initial.csv"));
        wOut = NestSineWaveReference.toFloat32(flat("inputs/w_rec_out_initial.csv"));
        feedback = NestSineWaveReference.toFloat32(flat("inputs/w_out_rec_feedback.csv"));
    }

    /** Loads the files. */
    public static NestIafSineWaveReference load() {
        return new NestIafSineWaveReference();
    }

    /** The example's constants ({@link NestIafParams#nestSineWave}, T = 1000). */
    public static NestIafParams params() {
        return NestIafParams.nestSineWave(STEPS);
    }

    /** The example's optimizer: gradient descent, η = {@link #ETA}, one call per presynaptic spike, ±100. */
    public static NestIafOptimizer optimizer() {
        return NestIafOptimizer.gradientDescent(ETA, false);
    }

    /** A learner with NEST's initial weights, B, constants and optimizer (all neurons eprop_iaf). */
    public NestIafLearner learner() {
        return learner(params(), optimizer());
    }

    /** A learner with NEST's initial weights and B and the given constants and optimizer (all eprop_iaf). */
    public NestIafLearner learner(NestIafParams p, NestIafOptimizer opt) {
        return new NestIafLearner(p, opt, new boolean[RECURRENT], wIn, wRec, wOut, feedback, INPUTS, OUTPUTS);
    }

    /** {@code n} copies of the frozen sequence, loss over every step. */
    public SequenceBatch batch(int n) {
        return NestSineWaveReference.frozenBatch(pattern, target, n, STEPS, INPUTS, OUTPUTS);
    }

    /** The frozen pattern [s][i] (a copy). */
    public float[] pattern() {
        return pattern.clone();
    }

    /** The float64 target (a copy). */
    public double[] target() {
        return target.clone();
    }

    /** Initial weights: 0 = W_in [j][i], 1 = W_rec [j][i], 2 = W_out [k][j] (copies). */
    public double[] weights(int which) {
        switch (which) {
            case 0: return wIn.clone();
            case 1: return wRec.clone();
            case 2: return wOut.clone();
            default: throw new IllegalArgumentException("weights(" + which + "): must be 0, 1 or 2");
        }
    }

    /** Feedback B [j][k] (a copy). */
    public double[] feedback() {
        return feedback.clone();
    }

    /** The target as exported with the run, 9 significant digits. */
    public static double[] exportedTarget() {
        return NestSineWaveReference.column(ROOT, "inputs/target_signal.csv");
    }

    /** NEST's readout over the first sequence, 9 significant digits. */
    public static double[] readoutFirstIteration() {
        return NestSineWaveReference.column(ROOT, "inputs/readout_first_iter.csv");
    }

    /** NEST's loss in iterations 1 … 5. */
    public static double[] lossesFirstFive() {
        return NestSineWaveReference.losses(ROOT, "loss_first_5_iterations.csv");
    }

    private static double[] flat(String name) {
        return NestSineWaveReference.flat(NestSineWaveReference.matrix(ROOT, name));
    }
}
