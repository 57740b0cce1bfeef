package org.spikering.app.spec.training;

import org.spikering.app.spec.Problems;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.SparseRecurrence;
import org.spikering.plasticity.reference.NestSineWaveReference;

/**
 * Builds a {@code training} section into a {@link TaskPreset} (task, initial network, optimizer, batch, iterations)
 * from the existing classes (the task records, {@link RecurrentSpikingNetwork#random}, {@link SparseRecurrence},
 * {@link NestSineWaveReference}), and checks what the schema cannot: a parameter of another task, ALIF count above
 * the recurrent size, t_ref not a multiple of dt, dt other than the tasks' 1 ms, sparse-weight fields that do not go
 * together, nest-eprop off NEST's sine-wave network, a computation with bptt, checkpoint interval above the
 * iterations.
 */
public final class TrainingPresetBuilder {

    /** Seed offset of a sparse W_rec (as the n-back network has always drawn it). */
    static final long SPARSE_SEED_XOR = 0x5EC0DEL;

    private TrainingPresetBuilder() {
    }

    /**
     * @param t        the section.
     * @param problems where problems go.
     * @param path     {@code training}.
     * @param spec     the whole spec.
     */
    public static void check(final TrainingSpec t, final Problems problems, final String path, final Spec spec) {
        t.task().check(problems, path + ".task");
        final RecurrentNetworkSpec n = t.network();
        final String np = path + ".network";
        if (n.alifCount() != null && n.alifFraction() != null) {
            problems.add(np + ".alif_fraction", n.alifFraction(), "must be left out when alif_count = " + n.alifCount()
                    + " is given (one of the two)");
        }
        if (n.alifCount() != null && n.alifCount() > n.recurrent()) {
            problems.add(np + ".alif_count", n.alifCount(), "must be <= " + np + ".recurrent = " + n.recurrent());
        }
        if (n.dtMs() != 1.0) {
            problems.add(np + ".dt_ms", n.dtMs(), "must be 1 (the built-in tasks are on a grid of 1-ms steps)");
        }
        final double steps = n.tRefMs() / n.dtMs();
        if (Math.abs(steps - Math.rint(steps)) > 1e-9 * Math.max(1, steps)) {
            problems.add(np + ".t_ref_ms", n.tRefMs(), "must be a whole number of steps of " + np + ".dt_ms = "
                    + Problems.show(n.dtMs()));
        }
        final WeightsSpec w = n.weights();
        final String wp = np + ".weights";
        if ("nest_sine_reference".equals(w.kind())) {
            if (!"sine-nest".equals(t.task().name())) {
                problems.add(wp + ".kind", w.kind(), "only with training.task.name sine-nest (NEST's recorded weights"
                        + " are for its 100 inputs and 1 readout), not " + t.task().name());
            }
            if (n.recurrent() != NestSineWaveReference.RECURRENT || n.alif() != 0) {
                problems.add(np + ".recurrent", n.recurrent(), "must be " + NestSineWaveReference.RECURRENT
                        + " with no ALIF neurons for weights kind nest_sine_reference (NEST's recorded network)");
            }
            if (w.recurrentInDegree() != 0) {
                problems.add(wp + ".recurrent_in_degree", w.recurrentInDegree(), "must be 0 for kind nest_sine_reference");
            }
        }
        if (w.recurrentInDegree() > 0) {
            if (w.recurrentInDegree() >= n.recurrent()) {
                problems.add(wp + ".recurrent_in_degree", w.recurrentInDegree(), "must be < " + np + ".recurrent = "
                        + n.recurrent() + " (synapses from distinct other neurons)");
            }
            if (w.recurrentStdMv() == null) {
                problems.add(wp + ".recurrent_std_mv", null, "required when recurrent_in_degree > 0 (the standard"
                        + " deviation of a sparse recurrent weight, mV)");
            }
        } else if (w.recurrentStdMv() != null) {
            problems.add(wp + ".recurrent_std_mv", w.recurrentStdMv(), "only with recurrent_in_degree > 0 (dense W_rec"
                    + " uses recurrent_gain)");
        }
        if ("nest-eprop".equals(t.rule())) {
            if (!"sine-nest".equals(t.task().name())) {
                problems.add(path + ".rule", t.rule(), "only with training.task.name sine-nest (it uses the feedback B"
                        + " recorded from NEST's sine-wave run), not " + t.task().name() + "; use eprop or random-eprop");
            } else if (n.recurrent() != NestSineWaveReference.RECURRENT) {
                problems.add(path + ".rule", t.rule(), "needs NEST's sine-wave network (" + np + ".recurrent = "
                        + NestSineWaveReference.RECURRENT + "), not " + n.recurrent());
            }
        }
        if ("bptt".equals(t.rule()) && !"event".equals(t.computation())) {
            problems.add(path + ".computation", t.computation(), "must be left at event with rule bptt (BPTT has one"
                    + " computation, exact backpropagation through time)");
        }
        t.optimizer().check(problems, path + ".optimizer");
        if (t.checkpointEvery() != null && t.checkpointEvery() > t.iterations()) {
            problems.add(path + ".checkpoint_every", t.checkpointEvery(), "must be <= " + path + ".iterations = "
                    + t.iterations() + ", or 0 for no checkpoints");
        }
    }

    /**
     * @param t           a checked section.
     * @param networkSeed seed of the initial weights (and the sine-bellec pattern).
     * @return the preset.
     */
    public static TaskPreset build(final TrainingSpec t, final long networkSeed) {
        final TaskSpec task = t.task();
        final boolean nest = "sine-nest".equals(task.name());
        final NestSineWaveReference ref = nest || "nest_sine_reference".equals(t.network().weights().kind())
                ? NestSineWaveReference.load() : null;
        final SequenceSource source = task.source(networkSeed, ref);
        final RecurrentSpikingNetwork network = network(t, source, ref, networkSeed);
        return new TaskPreset(task.name(), source, network, t.optimizer().settings(), t.optimizer().lr(), t.batch(),
                t.iterations(), task.scoredSteps(), nest, t.feedback().randomGain());
    }

    /**
     * The initial network: NEST's recorded weights with the section's constants, or W_in, W_rec, W_out drawn from
     * the seed (W_rec replaced by a sparse fixed-in-degree matrix when recurrent_in_degree &gt; 0).
     */
    static RecurrentSpikingNetwork network(final TrainingSpec t, final SequenceSource source,
                                           final NestSineWaveReference ref, final long seed) {
        final RecurrentNetworkSpec n = t.network();
        final NetworkParams params = n.params(t.regularisation().cReg(), t.regularisation().fTargetHz());
        final WeightsSpec w = n.weights();
        if ("nest_sine_reference".equals(w.kind())) {
            return ref.network().withParams(params);
        }
        final RecurrentSpikingNetwork dense = RecurrentSpikingNetwork.random(source.inputs(), n.recurrent(),
                source.outputs(), n.alif(), params, seed, w.inputGain(), w.recurrentGain(), w.outputGain());
        if (w.recurrentInDegree() == 0) {
            return dense;
        }
        final double[] wRec = SparseRecurrence.fixedInDegree(n.recurrent(), w.recurrentInDegree(), w.recurrentStdMv(),
                seed ^ SPARSE_SEED_XOR);
        return new RecurrentSpikingNetwork(dense.inputs(), dense.recurrent(), dense.outputs(), dense.adaptiveFlags(),
                dense.params(), dense.wIn(), wRec, dense.wOut());
    }
}
