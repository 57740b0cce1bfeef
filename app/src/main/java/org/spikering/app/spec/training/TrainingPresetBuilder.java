package org.spikering.app.spec.training;

import org.spikering.app.spec.Problems;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.SparseRecurrence;
import org.spikering.plasticity.reference.NestSineWaveReference;

/**
 * Builds a {@code training} section into a {@link TaskPreset} (task, initial network, optimizer, batch, iterations)
 * from the existing classes (the task records, {@link RecurrentNetwork#random}, {@link SparseRecurrence},
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
        final String taskName = t.task() == null ? "data" : t.task().name();
        if (t.task() != null && t.data() != null) {
            problems.add(path + ".data", "...", "must be left out when " + path + ".task is given (a built-in task or"
                    + " the user's data, one of the two)");
        } else if (t.task() == null && t.data() == null) {
            problems.add(path + ".task", null, "required: a built-in task (" + String.join(", ", TaskPreset.NAMES)
                    + "), or give " + path + ".data (the user's inputs and targets)");
            return;
        } else if (t.task() != null) {
            t.task().check(problems, path + ".task", spec::resolve);
            if (t.task().analogInput() && "engine".equals(t.computation())) {
                problems.add(path + ".computation", t.computation(), "not with " + path + ".task.encoding analog (sim-core's"
                        + " spike engine takes 0/1 input spikes only); use event, event-stepwise or dense");
            }
        } else {
            t.data().check(problems, spec, t.network().dtMs()); // the files exist and fit (helper A's loader)
        }
        final RecurrentNetworkSpec n = t.network();
        final String np = path + ".network";
        if (n.alifCount() != null && n.alifFraction() != null) {
            problems.add(np + ".alif_fraction", n.alifFraction(), "must be left out when alif_count = " + n.alifCount()
                    + " is given (one of the two)");
        }
        if (n.alifCount() != null && n.alifCount() > n.recurrent()) {
            problems.add(np + ".alif_count", n.alifCount(), "must be <= " + np + ".recurrent = " + n.recurrent());
        }
        if (t.task() != null && n.dtMs() != 1.0) {
            final boolean stepped = TaskSpec.STEPPED.contains(t.task().name());
            if (!stepped) {
                problems.add(np + ".dt_ms", n.dtMs(), "must be 1 (task " + t.task().name() + " is on a grid of 1-ms"
                        + " steps; only perceptual-decision and delay-comparison take another step)");
            } else if (!n.isRate() || !t.task().analogInput()) {
                problems.add(np + ".dt_ms", n.dtMs(), "must be 1 unless " + np + ".kind is rate and " + path
                        + ".task.encoding is analog (a coarser step is neurogym's rate-network setting)");
            } else if (n.dtMs() != Math.rint(n.dtMs()) || n.dtMs() < 1) {
                problems.add(np + ".dt_ms", n.dtMs(), "must be a whole number of ms for task " + t.task().name());
            }
        }
        final double steps = n.tRefMs() / n.dtMs();
        if (!n.isRate() && Math.abs(steps - Math.rint(steps)) > 1e-9 * Math.max(1, steps)) { // rate units: no t_ref
            problems.add(np + ".t_ref_ms", n.tRefMs(), "must be a whole number of steps of " + np + ".dt_ms = "
                    + Problems.show(n.dtMs()));
        }
        final WeightsSpec w = n.weights();
        final String wp = np + ".weights";
        if ("nest_sine_reference".equals(w.kind())) {
            if (!"sine-nest".equals(taskName)) {
                problems.add(wp + ".kind", w.kind(), "only with training.task.name sine-nest (NEST's recorded weights"
                        + " are for its 100 inputs and 1 readout), not " + taskName);
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
            if (!"sine-nest".equals(taskName)) {
                problems.add(path + ".rule", t.rule(), "only with training.task.name sine-nest (it uses the feedback B"
                        + " recorded from NEST's sine-wave run), not " + taskName + "; use eprop or random-eprop");
            } else if (n.recurrent() != NestSineWaveReference.RECURRENT) {
                problems.add(path + ".rule", t.rule(), "needs NEST's sine-wave network (" + np + ".recurrent = "
                        + NestSineWaveReference.RECURRENT + "), not " + n.recurrent());
            }
        }
        checkNestIaf(t, problems, path, spec, taskName);
        checkKind(t, problems, path, spec);
        if ("bptt".equals(t.rule()) && !"event".equals(t.computation())) {
            problems.add(path + ".computation", t.computation(), "must be left at event with rule bptt (BPTT has one"
                    + " computation, exact backpropagation through time)");
        }
        if ("rtrl".equals(t.rule()) && !"event".equals(t.computation())) {
            problems.add(path + ".computation", t.computation(), "must be left at event with rule rtrl (RTRL has one"
                    + " computation, the exact influence matrix carried forward)");
        }
        checkStepLength(t, problems, path, spec);
        t.optimizer().check(problems, path + ".optimizer");
        if (t.checkpointEvery() != null && t.checkpointEvery() > t.iterations()) {
            problems.add(path + ".checkpoint_every", t.checkpointEvery(), "must be <= " + path + ".iterations = "
                    + t.iterations() + ", or 0 for no checkpoints");
        }
    }

    /** Rules only for rate networks of form rate_leak (RateSyntheticGradients). */
    private static final java.util.List<String> RATE_LEAK_ONLY_RULES = java.util.List.of("sg", "bp-lambda");

    /** Rules that have no form for rate units (LIF/ALIF-specific). */
    private static final java.util.List<String> SPIKING_ONLY_RULES = java.util.List.of("nest-eprop", "nest-eprop-iaf",
            "mdgl-exact", "reward-eprop");

    /** Rules implemented for rate units only (the RTRL family but rtrl, {@code org.spikering.plasticity.rate}). */
    private static final java.util.List<String> RATE_ONLY_RULES = java.util.List.of("uoro", "kf-rtrl", "kernl");

    /**
     * What a rate network ({@code network.kind: rate}) cannot have: ALIF units, a LIF-specific rule, the state
     * quantiser of LIF/ALIF v and a, an event computation that needs spikes (engine, event-stepwise), rate
     * regularisation; and rate fields with kind spiking, τ below dt.
     */
    private static void checkKind(final TrainingSpec t, final Problems problems, final String path, final Spec spec) {
        final RecurrentNetworkSpec n = t.network();
        final String np = path + ".network";
        if (RATE_LEAK_ONLY_RULES.contains(t.rule()) && !(n.isRate() && n.rate() != null
                && "rate_leak".equals(n.rate().form()))) {
            problems.add(path + ".rule", t.rule(), "needs " + np + ".kind = 'rate' with rate.form = 'rate_leak'"
                    + " (synthetic gradients predict the credit of the rate state r)");
        }
        if ((n.isRate() || n.cellTypes() != null) && !"normal".equals(n.weights().kind())) {
            problems.add(np + ".weights.kind", n.weights().kind(), "must be normal with " + (n.isRate()
                    ? np + ".kind = 'rate'" : np + ".cell_types") + " (NEST's recorded weights are of LIF neurons"
                    + " without cell types)");
        }
        if (!n.isRate()) {
            if (n.rate() != null) {
                problems.add(np + ".rate", "...", "only with " + np + ".kind = 'rate', not '" + n.kind() + "'");
            }
            if (RATE_ONLY_RULES.contains(t.rule())) {
                problems.add(path + ".rule", t.rule(), "only with " + np + ".kind = 'rate' (implemented for rate units"
                        + " only), not '" + n.kind() + "'");
            }
            return;
        }
        final String why = "with " + np + ".kind = 'rate'";
        if (n.alifCount() != null && n.alifCount() > 0) {
            problems.add(np + ".alif_count", n.alifCount(), "must be 0 or left out " + why + " (no ALIF units)");
        }
        if (n.alifFraction() != null && n.alifFraction() > 0) {
            problems.add(np + ".alif_fraction", n.alifFraction(), "must be 0 or left out " + why + " (no ALIF units)");
        }
        if (SPIKING_ONLY_RULES.contains(t.rule())) {
            problems.add(path + ".rule", t.rule(), "not " + why + " (a rule of LIF/ALIF neurons); use eprop,"
                    + " random-eprop, rflo, mdgl, bptt, rtrl, uoro, kf-rtrl, kernl, or (rate_leak units) sg or bp-lambda");
        }
        if (t.bpttStepLengthOf() != null && SPIKING_ONLY_RULES.contains(t.bpttStepLengthOf())) {
            problems.add(path + ".bptt_step_length_of", t.bpttStepLengthOf(), "not " + why + " (a rule of LIF/ALIF"
                    + " neurons); use eprop, random-eprop, rflo or mdgl");
        }
        if ("engine".equals(t.computation()) || "event-stepwise".equals(t.computation())) {
            problems.add(path + ".computation", t.computation(), "must be event or dense " + why + " (no spike events)");
        }
        if (t.regularisation().cReg() != 0.0) {
            problems.add(path + ".regularisation.c_reg", t.regularisation().cReg(), "must be 0 " + why
                    + ": rate units have no firing rate to regularise; set 0");
        }
        if (n.rate() != null && n.rate().tauMs() < n.dtMs()) {
            problems.add(np + ".rate.tau_ms", n.rate().tauMs(), "must be >= " + np + ".dt_ms = "
                    + Problems.show(n.dtMs()) + " (lambda = dt/tau in (0, 1])");
        }
        if (spec != null && spec.has("hardware")) {
            final org.spikering.app.spec.HardwareSpec hw = spec.section("hardware", org.spikering.app.spec.HardwareSpec.class);
            if (hw.state() != null && hw.state().quantised()) {
                problems.add("hardware.state", spec.tree().at("/hardware/state"), "must be left out (or {}) " + why
                        + " (hardware.state holds LIF/ALIF v and a)");
            }
        }
    }

    /** {@code bptt_step_length_of}: only with rule bptt, a rule with a batch gradient, no hardware.state. */
    private static void checkStepLength(final TrainingSpec t, final Problems problems, final String path,
                                        final Spec spec) {
        final String other = t.bpttStepLengthOf();
        if (other == null) {
            return;
        }
        if (!"bptt".equals(t.rule())) {
            problems.add(path + ".bptt_step_length_of", other, "only with " + path + ".rule bptt (it scales BPTT's"
                    + " updates), not " + t.rule() + "; leave it out");
        }
        if (java.util.Set.of("bptt", "nest-eprop", "nest-eprop-iaf").contains(other)) {
            problems.add(path + ".bptt_step_length_of", other, "must be a rule with a batch gradient other than bptt: "
                    + org.spikering.plasticity.train.Rules.MATCHABLE);
        }
        if (spec != null && spec.tree().path("hardware").has("state")) {
            problems.add("hardware.state", "...", "must be left out with " + path + ".bptt_step_length_of (the two"
                    + " forward passes would round differently)");
        }
    }

    /**
     * Rule nest-eprop-iaf, task sine-nest-iaf and weights kind nest_iaf_sine_reference go together; the rule runs
     * NEST's eprop_iaf model (no ζ), with one computation, a constant learning rate and no checkpoints, early
     * stopping or hardware section ({@code org.spikering.app.train.NestIafTraining}).
     */
    private static void checkNestIaf(final TrainingSpec t, final Problems problems, final String path, final Spec spec,
                                     final String taskName) {
        final boolean rule = "nest-eprop-iaf".equals(t.rule());
        final boolean task = "sine-nest-iaf".equals(taskName);
        final boolean weights = "nest_iaf_sine_reference".equals(t.network().weights().kind());
        final String np = path + ".network";
        if (rule && !task) {
            problems.add(path + ".rule", t.rule(), "only with training.task.name sine-nest-iaf (NEST's iaf sine-wave "
                    + "network, pattern and feedback B), not " + taskName);
        }
        if (task && !rule) {
            problems.add(path + ".task.name", taskName, "only with training.rule nest-eprop-iaf (NEST's eprop_iaf "
                    + "network), not " + t.rule() + "; use task sine-nest for " + t.rule());
        }
        if (task != weights) {
            problems.add(np + ".weights.kind", t.network().weights().kind(), task
                    ? "must be nest_iaf_sine_reference with task sine-nest-iaf (NEST's recorded weights and B)"
                    : "only with training.task.name sine-nest-iaf, not " + taskName);
        }
        if (!rule) {
            return;
        }
        if (t.network().recurrent() != org.spikering.plasticity.reference.NestIafSineWaveReference.RECURRENT) {
            problems.add(np + ".recurrent", t.network().recurrent(), "must be "
                    + org.spikering.plasticity.reference.NestIafSineWaveReference.RECURRENT
                    + " for rule nest-eprop-iaf (NEST's recorded network)");
        }
        if (!t.network().regularSpikeArrival()) {
            problems.add(np + ".regular_spike_arrival", false, "must be true for rule nest-eprop-iaf (eprop_iaf adds"
                    + " arriving weights to V_m unscaled; it has no zeta)");
        }
        if (!"event".equals(t.computation())) {
            problems.add(path + ".computation", t.computation(), "must be left at event with rule nest-eprop-iaf (it has"
                    + " one computation, NEST's event-based one)");
        }
        if (!"constant".equals(t.optimizer().schedule().kind())) {
            problems.add(path + ".optimizer.schedule.kind", t.optimizer().schedule().kind(), "must be constant with rule"
                    + " nest-eprop-iaf (NEST's optimizer has one learning rate)");
        }
        if (t.checkpointEvery() == null || t.checkpointEvery() != 0) {
            problems.add(path + ".checkpoint_every", t.checkpointEvery(), "must be 0 with rule nest-eprop-iaf (its "
                    + "learner's state, traces and history included, is not checkpointed)");
        }
        if (t.evaluation().earlyStopping() != null) {
            problems.add(path + ".evaluation.early_stopping", "...", "must be left out with rule nest-eprop-iaf");
        }
        if (spec != null && spec.tree().has("hardware")) {
            problems.add("hardware", "...", "must be left out with rule nest-eprop-iaf (no hardware constraints on"
                    + " NEST's learner)");
        }
    }

    /**
     * @param t           a checked section.
     * @param networkSeed seed of the initial weights (and the sine-bellec pattern).
     * @return the preset.
     */
    public static TaskPreset build(final TrainingSpec t, final Spec spec, final long networkSeed) {
        final TaskSpec task = t.task();
        final boolean nest = task != null && "sine-nest".equals(task.name());
        final NestSineWaveReference ref = nest || "nest_sine_reference".equals(t.network().weights().kind())
                ? NestSineWaveReference.load() : null;
        final SequenceSource source = task != null ? task.source(networkSeed, ref, spec::resolve,
                TaskSpec.STEPPED.contains(task.name()) ? (int) Math.rint(t.network().dtMs()) : 1) : userData(t, spec);
        final RecurrentNetwork network = network(t, source, ref, networkSeed);
        return new TaskPreset(task != null ? task.name() : DATA_TASK, source, network, t.optimizer().settings(),
                t.optimizer().lr(), t.batch(), t.iterations(), task != null ? task.scoredSteps() : 0, nest,
                t.feedback().randomGain());
    }

    /** The task name of a run on the user's data ({@code training.data}). */
    public static final String DATA_TASK = "data";

    /** The user's data set, split with the spec's seed unless it names its own ({@code UserData.load}). */
    static SequenceSource userData(final TrainingSpec t, final Spec spec) {
        return org.spikering.app.data.UserData.load(t.data().withDefaultSeed(spec.seed()), spec::resolve,
                t.network().dtMs());
    }

    /**
     * The initial network: NEST's recorded weights with the section's constants, or W_in, W_rec, W_out drawn from
     * the seed (W_rec replaced by a sparse fixed-in-degree matrix when recurrent_in_degree &gt; 0).
     */
    static RecurrentNetwork network(final TrainingSpec t, final SequenceSource source,
                                           final NestSineWaveReference ref, final long seed) {
        final RecurrentNetworkSpec n = t.network();
        final NetworkParams params = n.params(t.regularisation().cReg(), t.regularisation().fTargetHz());
        final WeightsSpec w = n.weights();
        if ("nest_sine_reference".equals(w.kind())) {
            return ref.network().withParams(params);
        }
        if ("nest_iaf_sine_reference".equals(w.kind())) {
            // a container of NEST's recorded weights: rule nest-eprop-iaf runs NestIafLearner with
            // NestIafTraining.params(t), not these NetworkParams
            final org.spikering.plasticity.reference.NestIafSineWaveReference iaf =
                    org.spikering.plasticity.reference.NestIafSineWaveReference.load();
            final boolean[] adaptive = new boolean[n.recurrent()];
            java.util.Arrays.fill(adaptive, 0, n.alif(), true);
            return new RecurrentNetwork(source.inputs(), n.recurrent(), source.outputs(), adaptive, params,
                    iaf.weights(0), iaf.weights(1), iaf.weights(2));
        }
        // rate units: the same draws as the spiking network (RecurrentNetwork.randomRate)
        final RecurrentNetwork dense = n.isRate()
                ? RecurrentNetwork.randomRate(source.inputs(), n.recurrent(), source.outputs(), n.rate().units(), params,
                        seed, w.inputGain(), w.recurrentGain(), w.outputGain())
                : RecurrentNetwork.random(source.inputs(), n.recurrent(), source.outputs(), n.alif(), params, seed,
                        w.inputGain(), w.recurrentGain(), w.outputGain());
        RecurrentNetwork net = dense;
        if (w.recurrentInDegree() != 0) {
            final double[] wRec = SparseRecurrence.fixedInDegree(n.recurrent(), w.recurrentInDegree(),
                    w.recurrentStdMv(), seed ^ SPARSE_SEED_XOR);
            net = new RecurrentNetwork(dense.inputs(), dense.recurrent(), dense.outputs(), dense.adaptiveFlags(),
                    dense.params(), dense.wIn(), wRec, dense.wOut(), dense.rateUnits(), null);
        }
        // cell types: Dale's law on the drawn W_rec (signs by presynaptic type, inhibitory weights scaled to balance;
        // the recurrent gain g still scales W_rec linearly)
        return n.cellTypes() == null ? net
                : org.spikering.plasticity.network.DaleLaw.apply(net, n.cellTypes().types(n.recurrent()));
    }
}
