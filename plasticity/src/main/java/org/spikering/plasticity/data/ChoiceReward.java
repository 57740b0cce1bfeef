package org.spikering.plasticity.data;

/**
 * A classification batch as a delayed choice with reward instead of labels: the agent acts once per sequence, at the
 * last step of its loss mask (the end of the recall or decision window), and gets reward 1 for choosing the target
 * class there and {@code wrongReward} for any other action. For the evidence-accumulation task this is a two-armed
 * choice after the delay: 1 for the side with more cues, {@code wrongReward} (0 by default) otherwise.
 *
 * <p>Immutable; the decision step and correct class of every sequence are found once, in the constructor.
 */
public final class ChoiceReward implements RewardEnvironment {
    private final int[] decision;
    private final int[] correct;
    private final double wrongReward;

    /**
     * @param batch       a {@link LossKind#CLASSIFICATION_CE} batch with at least one masked step per sequence.
     * @param wrongReward reward of a wrong choice, finite and &lt; 1.
     */
    public ChoiceReward(SequenceBatch batch, double wrongReward) {
        if (batch.loss() != LossKind.CLASSIFICATION_CE) {
            throw new IllegalArgumentException("reward task: needs a classification batch (its targets name the"
                    + " rewarded action), not " + batch.loss());
        }
        if (!(wrongReward < 1.0) || !Double.isFinite(wrongReward)) {
            throw new IllegalArgumentException("wrong-choice reward = " + wrongReward + ": must be finite and < 1");
        }
        this.wrongReward = wrongReward;
        final int n = batch.batchSize();
        final int steps = batch.steps();
        final int nOut = batch.outputs();
        decision = new int[n];
        correct = new int[n];
        for (int b = 0; b < n; b++) {
            int last = -1;
            for (int t = steps - 1; t >= 0 && last < 0; t--) {
                if (batch.lossMask()[batch.maskIndex(b, t)]) {
                    last = t;
                }
            }
            if (last < 0) {
                throw new IllegalArgumentException("reward task: sequence " + b + " has no masked step (no decision)");
            }
            int best = 0;
            for (int k = 1; k < nOut; k++) {
                if (batch.targets()[batch.targetIndex(b, last, k)] > batch.targets()[batch.targetIndex(b, last, best)]) {
                    best = k;
                }
            }
            decision[b] = last;
            correct[b] = best;
        }
    }

    @Override
    public boolean acts(int b, int t) {
        return t == decision[b];
    }

    @Override
    public double reward(int b, int t, int action) {
        return action == correct[b] ? 1.0 : wrongReward;
    }
}
