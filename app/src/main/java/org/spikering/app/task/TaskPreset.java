package org.spikering.app.task;

import java.util.Locale;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.Optimizer;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * A task with the network and training settings it is published with.
 *
 * @param name           task name on the command line.
 * @param source         the sequences.
 * @param network        the initial network.
 * @param adam           Adam (true) or plain gradient descent (false).
 * @param learningRate   η.
 * @param batchSize      sequences per update.
 * @param iterations     default number of updates.
 * @param scoredSteps    loss-counting steps per sequence (to report the loss per step for n-back), or 0.
 * @param nestReference  whether this is NEST's frozen sine pattern and network, the only task of rule
 *                       {@code nest-eprop} (NEST's recorded B and late last learning signal).
 */
public record TaskPreset(String name, SequenceSource source, RecurrentSpikingNetwork network, boolean adam,
                         double learningRate, int batchSize, int iterations, int scoredSteps, boolean nestReference) {

    /** Task names. */
    public static final String[] NAMES = {"sine-nest", "sine-bellec", "evidence", "dms", "nback"};

    /**
     * @param name task name (see {@link #NAMES}).
     * @param seed seed of the network (and of the Bellec pattern).
     * @return the preset.
     */
    public static TaskPreset of(final String name, final long seed) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "sine-nest": {
                final NestSineWaveReference ref = NestSineWaveReference.load();
                return new TaskPreset("sine-nest", new NestSineTask(ref), ref.network(), false, 1e-4, 1, 2000, 0, true);
            }
            case "sine-bellec": {
                final BellecSineTask t = BellecSineTask.standard(seed);
                return new TaskPreset("sine-bellec", t, RecurrentSpikingNetwork.random(t.inputs(), 100, 1, 0,
                        NetworkParams.nestSineWave(), seed), false, 1e-4, 1, 2000, 0, false);
            }
            case "evidence": {
                final EvidenceAccumulationTask t = EvidenceAccumulationTask.standard();
                return new TaskPreset("evidence", t, RecurrentSpikingNetwork.random(t.inputs(), 100, 2, 50,
                        classificationParams(2000.0, 1.7), seed), true, 5e-3, 32, 300, 0, false);
            }
            case "dms": {
                final DelayedMatchToSampleTask t = DelayedMatchToSampleTask.standard();
                return new TaskPreset("dms", t, RecurrentSpikingNetwork.random(t.inputs(), 100, 2, 50,
                        classificationParams(200.0, 1.7), seed), true, 5e-3, 32, 300, 0, false);
            }
            case "nback": {
                final FourSixBackTask t = FourSixBackTask.standard();
                return new TaskPreset("nback", t, NBackNetwork.create(t.inputs(), seed), true, 2e-3, 32, 600,
                        t.scoredStepsPerSequence(), false);
            }
            default:
                throw new IllegalArgumentException("--task = '" + name + "': must be one of " + String.join(", ", NAMES));
        }
    }

    /**
     * The classification network constants, after NEST's evidence-accumulation example (eprop_iaf(_adapt)_bsshslm_2020):
     * dt 1 ms, τ_m 20 ms, v_th 0.6 mV, t_ref 5 ms, ζ = 1, τ_out 20 ms, rate regularisation towards 10 Hz, as NEST;
     * not as NEST: ψ = 0.3/v_th · max(0, 1 − |v − A|/v_th) (NEST: 0.3·max(0, 1 − |v − A|)), c_reg 1 (NEST 300),
     * β_a as given (NEST 0.0174 for the evidence task), readout input and eligibility filter factor 1 (NEST 1 − κ).
     * The full comparison is in {@link EvidenceAccumulationTask}.
     */
    private static NetworkParams classificationParams(final double tauAdaptMs, final double betaAdapt) {
        final double vth = 0.6;
        return new NetworkParams(1.0, 20.0, vth, 5, true, 0.3 / vth, 1.0 / vth, tauAdaptMs, betaAdapt, 20.0, 1.0, 10.0);
    }

    /** @return a fresh optimizer of this preset with its learning rate. */
    public Optimizer optimizer() {
        return optimizer(learningRate);
    }

    /**
     * @param eta learning rate, finite and &gt; 0.
     * @return the preset's optimizer with that rate.
     */
    public Optimizer optimizer(final double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("--lr = " + eta + ": must be a finite number > 0");
        }
        return adam ? new Adam(eta) : new Sgd(eta);
    }

    /**
     * @param rule learning rule.
     * @throws IllegalArgumentException naming {@code --rule} if the rule is not defined on this task
     *                                  ({@code nest-eprop} needs NEST's recorded B: {@code sine-nest} only).
     */
    public void requireRule(final LearningRule rule) {
        if (rule == LearningRule.NEST_EPROP && !nestReference) {
            throw new IllegalArgumentException("--rule = '" + rule.id() + "': only with --task sine-nest (it uses the"
                    + " feedback B recorded from NEST's sine-wave run), not with --task " + name
                    + "; use eprop or random-eprop");
        }
    }

    /**
     * The rule's gradient computer on this task's network; the rule means the same on every task
     * ({@link LearningRule}): on {@code sine-nest}, {@code eprop} is symmetric e-prop and {@code nest-eprop} is NEST's.
     *
     * @param rule        learning rule.
     * @param computation gradient computation (BPTT ignores it).
     * @param seed        seed of random feedback (random-eprop).
     * @return the gradient computer for this task's network.
     */
    public GradientComputer computer(final LearningRule rule, final Computation computation, final long seed) {
        requireRule(rule);
        return Rules.create(rule, computation, network, seed);
    }
}
