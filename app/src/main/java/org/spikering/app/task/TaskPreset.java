package org.spikering.app.task;

import java.util.Locale;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.optim.Optimizer;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * A task with the network and training settings it is published with. The five built-in presets are the shipped spec
 * files {@code examples/<name>.yaml}: {@link #of} loads that file and builds it ({@code TrainingSpec.preset}), so the
 * built-in presets and the files cannot drift apart.
 *
 * @param name              task name on the command line.
 * @param source            the sequences.
 * @param network           the initial network.
 * @param optimizerSettings the optimizer (Adam or SGD, its constants, the learning-rate schedule).
 * @param learningRate      η (of the first update).
 * @param batchSize         sequences per update.
 * @param iterations        default number of updates.
 * @param scoredSteps       loss-counting steps per sequence (to report the loss per step for n-back), or 0.
 * @param nestReference     whether this is NEST's frozen sine pattern and network, the only task of rule
 *                          {@code nest-eprop} (NEST's recorded B and late last learning signal).
 * @param feedbackGain      random-eprop's feedback B ~ N(0, gain²/n_rec) (1: NEST's examples).
 */
public record TaskPreset(String name, SequenceSource source, RecurrentNetwork network,
                         OptimizerSettings optimizerSettings, double learningRate, int batchSize, int iterations,
                         int scoredSteps, boolean nestReference, double feedbackGain) {

    /** Task names. */
    public static final String[] NAMES = {"sine-nest", "sine-bellec", "evidence", "dms", "nback", "sine-nest-iaf",
        "pattern-liu", "perceptual-decision", "delay-comparison", "store-recall", "seq-fashion-mnist"};

    /**
     * The built-in preset: the shipped spec {@code examples/<name>.yaml} with the top-level seed set.
     *
     * @param name task name (see {@link #NAMES}).
     * @param seed seed of the network (and of the Bellec pattern).
     * @return the preset.
     */
    public static TaskPreset of(final String name, final long seed) {
        final String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!java.util.Arrays.asList(NAMES).contains(n)) {
            throw new IllegalArgumentException("--task = '" + name + "': must be one of " + String.join(", ", NAMES));
        }
        return TrainingSpec.preset(Examples.load(n, java.util.List.of("seed=" + seed)));
    }

    /** @return whether the optimizer is Adam (else plain gradient descent). */
    public boolean adam() {
        return optimizerSettings.adam();
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
        return optimizerSettings.create(eta);
    }

    /**
     * @param rule learning rule.
     * @throws IllegalArgumentException naming {@code --rule} if the rule is not defined on this task
     *                                  ({@code nest-eprop} needs NEST's recorded B: {@code sine-nest} only).
     */
    public void requireRule(final LearningRule rule) {
        if ((rule == LearningRule.NEST_EPROP_IAF) != (source instanceof NestIafSineTask)) {
            throw new IllegalArgumentException(rule == LearningRule.NEST_EPROP_IAF
                    ? "--rule = 'nest-eprop-iaf': only with --task sine-nest-iaf (NEST's iaf sine-wave network, pattern"
                        + " and feedback B), not with --task " + name
                    : "--rule = '" + rule.id() + "': not with --task sine-nest-iaf (NEST's eprop_iaf network; its rule"
                        + " is nest-eprop-iaf); use --task sine-nest for " + rule.id());
        }
        if (rule == LearningRule.REWARD_EPROP
                && source.loss() != org.spikering.plasticity.data.LossKind.CLASSIFICATION_CE) {
            throw new IllegalArgumentException("--rule = 'reward-eprop': needs a classification task (its targets name"
                    + " the rewarded action at the decision step), not --task " + name + " (regression)");
        }
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
        return Rules.create(rule, computation, network, seed, feedbackGain);
    }
}
