package org.spikering.plasticity.data;

/**
 * The environment of a reward task for one batch: at which steps the agent acts and what an action earns. A reward
 * rule ({@link org.spikering.plasticity.train.LearningRule#REWARD_EPROP}) sees only these rewards, never the batch's
 * targets; an environment may read them (it knows the correct answer, as a task does). Actions do not change the
 * inputs (the batch's inputs are fixed), so the agent's choices affect only the rewards.
 */
public interface RewardEnvironment {
    /**
     * @param b sequence index.
     * @param t step.
     * @return true if the agent takes an action at step t of sequence b.
     */
    boolean acts(int b, int t);

    /**
     * @param b      sequence index.
     * @param t      an acting step ({@link #acts}).
     * @param action the action taken, in [0, number of readouts).
     * @return the reward r^t of that action, finite.
     */
    double reward(int b, int t, int action);
}
