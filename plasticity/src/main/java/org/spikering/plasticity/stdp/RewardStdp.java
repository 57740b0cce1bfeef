package org.spikering.plasticity.stdp;

/**
 * Reward-modulated STDP (Izhikevich 2007, Cereb. Cortex 17:2443): pair STDP does not change the weight but a synaptic
 * eligibility tag c, which decays with τ_c; the weight follows the tag times the dopamine (reward) trace d, which
 * jumps on each reward and decays with τ_d:
 * <pre>
 *   dc/dt = −c/τ_c + A+ x · δ(t − t_post) − A− y · δ(t − t_pre)       (x, y: pair STDP traces, τ+, τ−)
 *   dd/dt = −d/τ_d + d_reward · Σ δ(t − t_reward)
 *   dw/dt = η · c · (d + d_0),   w clipped to [w_min, w_max]
 * </pre>
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>Izhikevich 2007</th></tr>
 *   <tr><td>aPlus, aMinus</td><td>tag units</td><td>1.0, 1.5</td></tr>
 *   <tr><td>tauPlusMs, tauMinusMs</td><td>ms</td><td>20, 20</td></tr>
 *   <tr><td>tauTagMs</td><td>ms</td><td>1000</td></tr>
 *   <tr><td>tauDopamineMs</td><td>ms</td><td>200</td></tr>
 *   <tr><td>dopamineJump</td><td>reward-trace units</td><td>0.5</td></tr>
 *   <tr><td>dopamineBaseline</td><td>reward-trace units</td><td>d_0 (tonic level; 0.002–0.01 in the paper's code)</td></tr>
 *   <tr><td>etaPerMs</td><td>weight / (tag · dopamine · ms)</td><td>η</td></tr>
 * </table>
 *
 * @param aPlus            A+.
 * @param aMinus           A−.
 * @param tauPlusMs        τ+, ms.
 * @param tauMinusMs       τ−, ms.
 * @param tauTagMs         τ_c, ms.
 * @param tauDopamineMs    τ_d, ms.
 * @param dopamineJump     d_reward.
 * @param dopamineBaseline d_0.
 * @param etaPerMs         η, per ms.
 * @param wMin             lower weight bound.
 * @param wMax             upper weight bound.
 */
public record RewardStdp(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, double tauTagMs,
                         double tauDopamineMs, double dopamineJump, double dopamineBaseline, double etaPerMs,
                         double wMin, double wMax) {

    /**
     * The parameters of the distal-reward task ({@link DistalRewardTask}): Izhikevich's A+ = 1, τ± = 20 ms, τ_c = 1 s,
     * τ_d = 200 ms, d_reward = 0.5, no tonic dopamine; A− = 1.1 (the paper: 1.5, which in this smaller task
     * depresses every synapse, the chosen one too), η = 0.01 per ms, weights in [0, w_max].
     *
     * @param wMax the largest weight.
     * @return the parameters.
     */
    public static RewardStdp distalReward(final double wMax) {
        return new RewardStdp(1.0, 1.1, 20.0, 20.0, 1000.0, 200.0, 0.5, 0.0, 0.01 * wMax / 40.0, 0.0, wMax);
    }

    /**
     * The same rule in other units (for fixed point: tags, reward trace and weights in LSBs).
     *
     * @param tagUnit    new tag units per old one.
     * @param rewardUnit new reward-trace units per old one.
     * @param weightUnit new weight units per old one.
     * @return the rescaled parameters (η rescaled so that dw keeps its meaning).
     */
    public RewardStdp scaled(final double tagUnit, final double rewardUnit, final double weightUnit) {
        return new RewardStdp(aPlus * tagUnit, aMinus * tagUnit, tauPlusMs, tauMinusMs, tauTagMs, tauDopamineMs,
                dopamineJump * rewardUnit, dopamineBaseline * rewardUnit, etaPerMs * weightUnit / (tagUnit * rewardUnit),
                wMin * weightUnit, wMax * weightUnit);
    }

    public RewardStdp {
        for (double v : new double[] {aPlus, aMinus, dopamineJump, dopamineBaseline, etaPerMs}) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("R-STDP amplitudes, dopamine and eta must be finite and >= 0, got " + v);
            }
        }
        for (double v : new double[] {tauPlusMs, tauMinusMs, tauTagMs, tauDopamineMs}) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("R-STDP time constants must be > 0 ms, got " + v);
            }
        }
        if (!(wMin <= wMax)) {
            throw new IllegalArgumentException("weight bounds [" + wMin + ", " + wMax + "]: need wMin <= wMax");
        }
    }
}
