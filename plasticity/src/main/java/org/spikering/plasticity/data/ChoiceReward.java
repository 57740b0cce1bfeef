package org.spikering.plasticity.data;

/**
 * A classification batch as a choice task with reward instead of labels: the agent acts at every step of the loss mask
 * (the decision or recall window) and gets reward 1 for choosing that step's target class and {@code wrongReward} for
 * any other action. For the evidence-accumulation task this is a two-armed choice after the delay, repeated at each
 * of the 150 recall steps: 1 for the side with more cues, {@code wrongReward} (0 by default) otherwise; the rule is
 * told only the rewards.
 *
 * <p>Immutable; reads the batch's mask and targets, which it does not copy.
 */
public final class ChoiceReward implements RewardEnvironment {
    private final SequenceBatch batch;
    private final double wrongReward;

    /**
     * @param batch       a {@link LossKind#CLASSIFICATION_CE} batch (one-hot targets at the masked steps).
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
        this.batch = batch;
        this.wrongReward = wrongReward;
    }

    @Override
    public boolean acts(int b, int t) {
        return batch.lossMask()[batch.maskIndex(b, t)];
    }

    @Override
    public double reward(int b, int t, int action) {
        final double[] y = batch.targets();
        int best = 0;
        for (int k = 1; k < batch.outputs(); k++) {
            if (y[batch.targetIndex(b, t, k)] > y[batch.targetIndex(b, t, best)]) {
                best = k;
            }
        }
        return action == best ? 1.0 : wrongReward;
    }
}
