package org.spikering.plasticity.data;

import java.util.Objects;

/**
 * A batch of sequences. Arrays are flattened row-major.
 *
 * @param batchSize   number of sequences b, &gt; 0
 * @param steps       steps per sequence t, &gt; 0
 * @param inputs      input neurons i, &gt; 0
 * @param outputs     readout units k, &gt; 0
 * @param inputSpikes [b][t][i] input i at step t: spike counts (0/1) of input neurons, or analog input values (an
 *                    observation fed as it is, e.g. to a rate network or as input current; may be negative), finite
 * @param targets     [b][t][k] regression target, or one-hot class target, finite
 * @param lossMask    [b][t] true where the error counts (e.g. recall window); at least one true per batch
 * @param loss        the loss these targets are meant for
 */
public record SequenceBatch(int batchSize, int steps, int inputs, int outputs,
        float[] inputSpikes,
        double[] targets,
        boolean[] lossMask,
        LossKind loss) {

    public SequenceBatch {
        positive("batchSize", batchSize);
        positive("steps", steps);
        positive("inputs", inputs);
        positive("outputs", outputs);
        Objects.requireNonNull(inputSpikes, "inputSpikes");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(lossMask, "lossMask");
        Objects.requireNonNull(loss, "loss");
        long bti = (long) batchSize * steps * inputs;
        long btk = (long) batchSize * steps * outputs;
        long bt = (long) batchSize * steps;
        if (inputSpikes.length != bti) {
            throw new IllegalArgumentException("inputSpikes.length = " + inputSpikes.length
                    + ": must be batchSize*steps*inputs = " + bti);
        }
        if (targets.length != btk) {
            throw new IllegalArgumentException("targets.length = " + targets.length
                    + ": must be batchSize*steps*outputs = " + btk);
        }
        if (lossMask.length != bt) {
            throw new IllegalArgumentException("lossMask.length = " + lossMask.length
                    + ": must be batchSize*steps = " + bt);
        }
        for (int n = 0; n < inputSpikes.length; n++) {
            float s = inputSpikes[n];
            if (!Float.isFinite(s)) {
                throw new IllegalArgumentException("inputSpikes[" + n + "] = " + s
                        + ": must be finite");
            }
        }
        for (int n = 0; n < targets.length; n++) {
            if (!Double.isFinite(targets[n])) {
                throw new IllegalArgumentException("targets[" + n + "] = " + targets[n] + ": must be finite");
            }
        }
        boolean any = false;
        for (boolean m : lossMask) {
            any |= m;
        }
        if (!any) {
            throw new IllegalArgumentException("lossMask: no step has the error counted (zero recall steps)");
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " = " + v + ": must be > 0");
        }
    }

    /** Flat index of input i at step t of sequence b. */
    public int inputIndex(int b, int t, int i) {
        return (b * steps + t) * inputs + i;
    }

    /** Flat index of target k at step t of sequence b. */
    public int targetIndex(int b, int t, int k) {
        return (b * steps + t) * outputs + k;
    }

    /** Flat index of the mask entry of step t of sequence b. */
    public int maskIndex(int b, int t) {
        return b * steps + t;
    }
}
