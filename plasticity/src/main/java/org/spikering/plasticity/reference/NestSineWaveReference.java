package org.spikering.plasticity.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * NEST 3.9's e-prop sine-wave regression run (eprop_supervised_regression_sine-waves_bsshslm_2020.py), loaded from
 * the classpath: frozen input pattern (100 inputs × 1000 steps), target, initial weights, feedback B, NEST's loss
 * per iteration, its readout of the first and the 200th sequence and its weights after 200 updates. Pattern step t
 * arrives at the recurrent neurons at logical step t (NEST's generator/parrot offsets and interval shift cancel; the
 * readout sample t of NEST equals our y^t to the CSV precision). The files and their origin are described in the
 * README.md beside them.
 *
 * <p>Precision: initial weights and B are NEST's float32 draws, recovered exactly from their 9 significant digits;
 * the target is read from {@code target_signal_float64.csv}, the float64 values NEST received (regenerated from the
 * example's numpy stream, which also reproduces the exported weights, B and pattern bit for bit), not from the
 * 9-digit {@code target_signal.csv} ({@link #exportedTarget()}); NEST's outputs (losses, readouts, final weights,
 * all {@code double} in NEST) are read as printed.
 */
public final class NestSineWaveReference {
    private static final String ROOT = "/org/spikering/plasticity/reference/nest-eprop-sine-waves/";
    public static final int INPUTS = 100;
    public static final int RECURRENT = 100;
    public static final int OUTPUTS = 1;
    public static final int STEPS = 1000;

    private final float[] pattern;
    private final double[] target;
    private final double[] wIn;
    private final double[] wRec;
    private final double[] wOut;
    private final double[] feedback;

    private NestSineWaveReference() {
        double[][] x = matrix("inputs/input_spikes_in_x_step.csv");
        pattern = new float[STEPS * INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            for (int t = 0; t < STEPS; t++) {
                pattern[t * INPUTS + i] = (float) x[i][t];
            }
        }
        // the target NEST received, at full precision (see make_target_signal_float64.py beside the files)
        target = column("inputs/target_signal_float64.csv");
        // NEST's example draws its weights as float32 (dtype_weights = np.float32); 9 significant digits identify
        // a float32 uniquely, so rounding the exported values to float recovers NEST's weights exactly
        wIn = toFloat32(flat(matrix("inputs/w_in_rec_initial.csv")));
        wRec = toFloat32(flat(matrix("inputs/w_rec_rec_initial.csv")));
        wOut = toFloat32(flat(matrix("inputs/w_rec_out_initial.csv")));
        feedback = toFloat32(flat(matrix("inputs/w_out_rec_feedback.csv")));
    }

    /** Loads the reference files from the classpath. */
    public static NestSineWaveReference load() {
        return new NestSineWaveReference();
    }

    /** NEST's initial network (all LIF, {@link NetworkParams#nestSineWave()}). */
    public RecurrentNetwork network() {
        return new RecurrentNetwork(INPUTS, RECURRENT, OUTPUTS, new boolean[RECURRENT],
                NetworkParams.nestSineWave(), wIn, wRec, wOut);
    }

    /** NEST's fixed feedback weights B (100 × 1). */
    public RandomFeedback feedback() {
        return new RandomFeedback(RECURRENT, OUTPUTS, feedback);
    }

    /** The frozen pattern and target as a source; every sequence of every batch is the same. */
    public SequenceSource source() {
        return new SequenceSource() {
            @Override
            public SequenceBatch batch(int batchSize, long seed) {
                return NestSineWaveReference.this.batch(batchSize);
            }

            @Override
            public int inputs() {
                return INPUTS;
            }

            @Override
            public int outputs() {
                return OUTPUTS;
            }

            @Override
            public int steps() {
                return STEPS;
            }

            @Override
            public LossKind loss() {
                return LossKind.REGRESSION_MSE;
            }
        };
    }

    /** {@code batchSize} copies of the frozen sequence (loss over all steps). */
    public SequenceBatch batch(int batchSize) {
        return frozenBatch(pattern, target, batchSize, STEPS, INPUTS, OUTPUTS);
    }

    /**
     * {@code batchSize} copies of a frozen sequence, squared-error loss over every step: the batch of NEST's sine-wave
     * runs (both families).
     *
     * @param pattern input spikes [step][input], flat.
     * @param target  target per step (one output).
     * @param batchSize copies.
     * @param steps   steps.
     * @param inputs  inputs.
     * @param outputs outputs.
     * @return the batch.
     */
    static SequenceBatch frozenBatch(float[] pattern, double[] target, int batchSize, int steps, int inputs, int outputs) {
        float[] x = new float[batchSize * pattern.length];
        double[] y = new double[batchSize * steps];
        boolean[] mask = new boolean[batchSize * steps];
        for (int b = 0; b < batchSize; b++) {
            System.arraycopy(pattern, 0, x, b * pattern.length, pattern.length);
            System.arraycopy(target, 0, y, b * steps, steps);
        }
        java.util.Arrays.fill(mask, true);
        return new SequenceBatch(batchSize, steps, inputs, outputs, x, y, mask, LossKind.REGRESSION_MSE);
    }

    /** Target y*^t, 1000 values. */
    public double[] target() {
        return target.clone();
    }

    /** NEST's readout over the first sequence, 9 significant digits. */
    public double[] readoutFirstIteration() {
        return column("inputs/readout_first_iter.csv");
    }

    /** The target as exported with NEST's run, 9 significant digits (≤ 5e-10 from {@link #target()}). */
    static double[] exportedTarget() {
        return column("inputs/target_signal.csv");
    }

    /** NEST's readout over the 200th (last) sequence of the 200-iteration run, 9 significant digits. */
    public double[] readoutLastIteration() {
        return column("inputs/readout_last_iter.csv");
    }

    /**
     * NEST's weights after the 200 updates of the 200-iteration run, row-major [post][pre] as
     * {@link RecurrentNetwork#weights}. NEST keeps weights as {@code double}; the file holds them to 9
     * significant digits, so they are returned as read (not rounded to float32 as the initial weights are).
     */
    public static double[] finalWeights(WeightMatrixId id) {
        switch (id) {
            case INPUT: return flat(matrix("inputs/w_in_rec_final.csv"));
            case RECURRENT: return flat(matrix("inputs/w_rec_rec_final.csv"));
            default: return flat(matrix("inputs/w_rec_out_final.csv"));
        }
    }

    /** NEST's loss per iteration, 200 iterations, 9 decimals. */
    public static double[] losses200() {
        return losses("loss_200_iterations.csv");
    }

    /** NEST's loss per iteration of the 2000-iteration run. */
    public static double[] losses2000() {
        return losses("loss_2000_iterations.csv");
    }

    private static double[] losses(String name) {
        return losses(ROOT, name);
    }

    /** A loss file ({@code iteration,loss} with a header line) from the classpath folder {@code root}. */
    static double[] losses(String root, String name) {
        List<String> lines = lines(root, name);
        double[] out = new double[lines.size() - 1];
        for (int n = 1; n < lines.size(); n++) {
            out[n - 1] = Double.parseDouble(lines.get(n).split(",")[1].trim());
        }
        return out;
    }

    private static double[] column(String name) {
        return column(ROOT, name);
    }

    /** A CSV column (one number a line) from the classpath folder {@code root}. */
    static double[] column(String root, String name) {
        List<String> lines = lines(root, name);
        double[] out = new double[lines.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = Double.parseDouble(lines.get(n).trim());
        }
        return out;
    }

    static double[][] matrix(String name) {
        return matrix(ROOT, name);
    }

    /** A CSV matrix (rows of comma-separated numbers) from the classpath folder {@code root}. */
    static double[][] matrix(String root, String name) {
        List<String> lines = lines(root, name);
        double[][] out = new double[lines.size()][];
        for (int r = 0; r < out.length; r++) {
            String[] f = lines.get(r).split(",");
            out[r] = new double[f.length];
            for (int c = 0; c < f.length; c++) {
                out[r][c] = Double.parseDouble(f[c].trim());
            }
        }
        return out;
    }

    static double[] toFloat32(double[] w) {
        for (int n = 0; n < w.length; n++) {
            w[n] = (float) w[n];
        }
        return w;
    }

    static double[] flat(double[][] m) {
        int cols = m[0].length;
        double[] out = new double[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * cols, cols);
        }
        return out;
    }

    private static List<String> lines(String root, String name) {
        try (InputStream in = NestSineWaveReference.class.getResourceAsStream(root + name)) {
            if (in == null) {
                throw new IllegalStateException("reference file missing on classpath: " + root + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + root + name, e);
        }
    }
}
