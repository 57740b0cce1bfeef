package org.spikering.plasticity.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * R-STDP on the distal reward task ({@link DistalRewardTask}): rewards come 1–3 s after the chosen synapse's
 * pre-then-post pairings, so only a tag that outlives the delay can credit it. Claims checked over seeds 1–5, 2000 s
 * each: the chosen synapse ends above every other synapse in at least 4 of 5; and a control in which the eligibility
 * tag decays with τ_c = 50 ms (gone long before the reward) does not single out the chosen synapse (seeds 1–2). About 15 s on a quiet machine: 14 000 simulated seconds.
 */
final class DistalRewardTaskTest {
    private static final double W_MAX = DistalRewardTask.Config.wMaxPa();

    private static int rankOfChosen(final RewardStdp p, final long seed) {
        final SumOfProductsRule rule = StdpRules.rewardStdp(p, 1.0, Double.POSITIVE_INFINITY, 8, 1.0);
        final DistalRewardTask.Result r = DistalRewardTask.run(DistalRewardTask.Config.defaults(2_000_000, seed), rule,
                FloatArithmetic.INSTANCE, W_MAX / 4, 1.0, null);
        int rank = 1;
        for (int i = 1; i < r.weights().length; i++) {
            if (r.weights()[i] >= r.weights()[0]) {
                rank++;
            }
        }
        return rank;
    }

    @Test
    void shouldRaiseTheChosenSynapseAboveAllOthersInMostSeeds() {
        int first = 0;
        for (long seed = 1; seed <= 5; seed++) {
            if (rankOfChosen(RewardStdp.distalReward(W_MAX), seed) == 1) {
                first++;
            }
        }
        assertTrue(first >= 4, "chosen synapse highest in " + first + " of 5 seeds");
    }

    @Test
    void shouldNotFindTheChosenSynapseWhenTheTagForgetsBeforeTheReward() {
        final RewardStdp p = RewardStdp.distalReward(W_MAX);
        final RewardStdp shortTag = new RewardStdp(p.aPlus(), p.aMinus(), p.tauPlusMs(), p.tauMinusMs(), 50.0,
                p.tauDopamineMs(), p.dopamineJump(), p.dopamineBaseline(), p.etaPerMs() * 20, p.wMin(), p.wMax());
        int first = 0;
        for (long seed = 1; seed <= 2; seed++) {
            if (rankOfChosen(shortTag, seed) == 1) {
                first++;
            }
        }
        assertEquals(0, first, "with tau_c = 50 ms the chosen synapse must not win");
    }
}
