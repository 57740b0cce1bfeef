package org.spikering.plasticity.train;

import java.util.ArrayList;
import java.util.List;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.CellTypes;
import org.spikering.plasticity.network.DaleLaw;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.Optimizer;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * Trains a network: per batch, gradients (mean over the batch, accumulated over each sequence) → hook.afterGradient →
 * optimizer → clip → (W_rec of a network with cell types: Dale's law) → hook.afterUpdate, for W_in, W_rec, W_out.
 * Stops with {@link TrainingDivergedException} when anything becomes non-finite.
 *
 * <p>Dale's law: if {@code net.cellTypes()} is not null, W_rec is projected after the optimizer and the clip and
 * before {@code hook.afterUpdate} (so a quantiser sees signed weights): w_ji ← 0 where its sign disagrees with the
 * type of the presynaptic unit i ({@link DaleLaw#project}, as the deep-rewiring parametrisation of Liu et al.'s code
 * silences such a synapse). A network without cell types is trained exactly as before.
 *
 * <p>A diverged step changes nothing that the next step would read: the loss and all three gradients are checked
 * before any weight is touched; the weights and the optimizer state ({@link Optimizer#mark()}) are saved before the
 * update and restored if a hook makes a gradient non-finite or an updated weight is non-finite, and the iteration
 * counter is put back. What does stay: {@link #lastGradients()} holds the failing gradients (for diagnosis), and the
 * hook and the gradient computer's trajectory listener have seen the failed step (counters count its forward pass and,
 * up to the failing matrix, its update; a hook with its own state, e.g. a random rounding stream, has advanced).
 */
public final class Trainer {
    private static final WeightMatrixId[] IDS = WeightMatrixId.values();
    private final RecurrentNetwork net;
    private final GradientComputer computer;
    private final Optimizer optimizer;
    private final WeightClip clip;
    private final WeightUpdateHook hook;
    private final Gradients grads;
    /** The network's cell types (null: no Dale's law). */
    private final CellTypes dale;
    /** Weights before the current update, restored if it diverges (allocated once). */
    private final double[][] saved = new double[IDS.length][];
    private int iteration;

    public Trainer(RecurrentNetwork net, GradientComputer computer, Optimizer optimizer, WeightClip clip,
            WeightUpdateHook hook) {
        if (net == null || computer == null || optimizer == null || clip == null || hook == null) {
            throw new IllegalArgumentException("net, computer, optimizer, clip, hook: none may be null");
        }
        this.net = net;
        this.computer = computer;
        this.optimizer = optimizer;
        this.clip = clip;
        this.hook = hook;
        this.grads = Gradients.zerosFor(net);
        this.dale = net.cellTypes();
        for (WeightMatrixId id : IDS) {
            saved[id.ordinal()] = new double[net.weights(id).length];
        }
    }

    /**
     * One iteration on a batch; returns the loss before the update.
     *
     * @throws TrainingDivergedException if the loss, a gradient or an updated weight is non-finite; the weights, the
     *         optimizer state and the iteration count are then as before the call (see the class comment).
     */
    public IterationResult step(SequenceBatch batch) {
        final int n = iteration + 1;
        computer.compute(net, batch, grads);
        if (!Double.isFinite(grads.loss)) {
            throw new TrainingDivergedException(n, "loss = " + grads.loss);
        }
        for (WeightMatrixId id : IDS) {
            checkFinite(n, grads.get(id), id, "gradient");
        }
        for (WeightMatrixId id : IDS) {
            final double[] w = net.weights(id);
            System.arraycopy(w, 0, saved[id.ordinal()], 0, w.length);
        }
        optimizer.mark();
        try {
            for (WeightMatrixId id : IDS) {
                double[] g = grads.get(id);
                hook.afterGradient(id, g);
                checkFinite(n, g, id, "gradient after the hook");
                double[] w = net.weights(id);
                optimizer.apply(id, w, g);
                clip.apply(w);
                if (dale != null && id == WeightMatrixId.RECURRENT) {
                    DaleLaw.project(w, dale);
                }
                hook.afterUpdate(id, w);
                checkFinite(n, w, id, "weight");
            }
        } catch (TrainingDivergedException e) {
            for (WeightMatrixId id : IDS) {
                final double[] w = net.weights(id);
                System.arraycopy(saved[id.ordinal()], 0, w, 0, w.length);
            }
            optimizer.rollback();
            throw e;
        }
        optimizer.endUpdate();
        iteration = n;
        return new IterationResult(iteration, grads.loss, grads.accuracy, grads.meanRateHz);
    }

    /** {@code iterations} iterations on fresh batches from the source (batch seed derived from seed and iteration). */
    public List<IterationResult> train(SequenceSource source, int iterations, int batchSize, long seed) {
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations = " + iterations + ": must be > 0");
        }
        List<IterationResult> out = new ArrayList<>(iterations);
        for (int n = 0; n < iterations; n++) {
            out.add(step(source.batch(batchSize, seed * 0x9E3779B97F4A7C15L + n)));
        }
        return out;
    }

    /**
     * Continues the numbering of a resumed run: the next step is iteration {@code completed + 1}.
     *
     * @param completed iterations done before (from a checkpoint), &ge; 0.
     */
    public void resumeAfter(int completed) {
        if (completed < 0) {
            throw new IllegalArgumentException("completed iterations = " + completed + ": must be >= 0");
        }
        this.iteration = completed;
    }

    /** The network being trained (live). */
    public RecurrentNetwork network() {
        return net;
    }

    /** Gradients of the last step (after the hook). */
    public Gradients lastGradients() {
        return grads;
    }

    private void checkFinite(int it, double[] a, WeightMatrixId id, String what) {
        for (int n = 0; n < a.length; n++) {
            if (!Double.isFinite(a[n])) {
                int cols = net.columns(id);
                throw new TrainingDivergedException(it, what + " of " + id + "[" + n / cols + "][" + n % cols
                        + "] = " + a[n] + " (learning rate too large?)");
            }
        }
    }
}
