package org.spikering.plasticity.stdp;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.spikering.neuron.lif.LifExpPopulation;

/**
 * A smaller version of Izhikevich's distal reward problem (2007, Cereb. Cortex 17:2443, "Reinforcing a synapse"): one
 * LIF neuron ({@link SongNetwork#neuron}) with N plastic excitatory Poisson inputs and a noisy background; one input
 * (index 0) is chosen. Each time the neuron fires within {@code windowMs} after a spike of the chosen input, a reward
 * spike is scheduled a uniform {@code delayMinMs}..{@code delayMaxMs} later (each chosen pre spike can earn one
 * reward). Reward spikes jump the dopamine trace of {@link RewardStdp}; the rule has to bridge the 1–3 s between the
 * pairing and the reward with the decaying eligibility tag. Differences from the paper, stated: one neuron and N
 * inputs instead of a 1000-neuron network with 100 000 synapses; current-based synapses; the background is
 * M excitatory and M inhibitory Poisson inputs of fixed weight, drawn as one Poisson count of each kind per step.
 */
public final class DistalRewardTask {

    /**
     * @param inputs          N.
     * @param rateHz          input rate, Hz.
     * @param background      background inputs (excitatory and inhibitory each), Poisson at {@code backgroundHz}.
     * @param backgroundHz    their rate, Hz.
     * @param backgroundPa    background spike current jump, pA (inhibitory ones −backgroundPa).
     * @param biasPa          constant current, pA.
     * @param windowMs        pre-to-post window that earns a reward, ms.
     * @param delayMinMs      shortest reward delay, ms.
     * @param delayMaxMs      longest, ms.
     * @param durationMs      simulated time, ms.
     * @param dtMs            step, ms.
     * @param seed            seed of inputs and delays.
     */
    /**
     * The defaults: N = 50 inputs at 2 Hz; background 200 + 200 Poisson inputs at 5 Hz of ±40 pA; bias 200 pA; window
     * 10 ms; reward delay 1–3 s; dt = 1 ms (the neuron then fires at about 8 Hz).
     */
    public record Config(int inputs, double rateHz, int background, double backgroundHz, double backgroundPa, double biasPa, double windowMs,
                         double delayMinMs, double delayMaxMs, double durationMs, double dtMs, long seed) {
        public static Config defaults(final double durationMs, final long seed) {
            return new Config(50, 2.0, 200, 5.0, 40.0, 200.0, 10.0, 1000.0, 3000.0, durationMs, 1.0, seed);
        }

        /** The neuron's largest plastic weight in the defaults, pA (an input spike then lifts V by up to about 0.4 mV). */
        public static double wMaxPa() {
            return 40.0;
        }
    }

    /**
     * @param weights    final weights (engine units).
     * @param timesS     sample times, s.
     * @param chosen     the chosen synapse's weight at each sample.
     * @param othersMean mean of the others.
     * @param othersMax  largest of the others.
     * @param rewards    rewards delivered.
     * @param postSpikes spikes of the neuron.
     * @param engine     the engine (counters).
     */
    public record Result(double[] weights, double[] timesS, double[] chosen, double[] othersMean, double[] othersMax,
                         int rewards, long postSpikes, SumOfProductsEngine engine) {
    }

    private DistalRewardTask() {
    }

    /**
     * @param cfg        the task.
     * @param rule       an R-STDP rule ({@link StdpRules#rewardStdp}).
     * @param arithmetic the precision.
     * @param w0         initial weight of every input, engine units.
     * @param pAPerUnit  pA per engine weight unit.
     * @param plastic    plastic synapses (null: all).
     * @return the result.
     */
    public static Result run(final Config cfg, final SumOfProductsRule rule, final LearningArithmetic arithmetic,
            final double w0, final double pAPerUnit, final BitSet plastic) {
        final int n = cfg.inputs();
        final double[] init = new double[n];
        java.util.Arrays.fill(init, w0);
        final SumOfProductsEngine eng = new SumOfProductsEngine(rule, arithmetic, n, 1, init, plastic, cfg.dtMs());
        final LifExpPopulation lif = SongNetwork.neuron().createPopulation(1, cfg.dtMs());
        lif.setBiasCurrent(0, cfg.biasPa());
        final PoissonInputs in = new PoissonInputs(n, 0, cfg.rateHz(), 0.0, cfg.dtMs(), cfg.seed());
        final SplittableRandom rng = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + 7);
        final double lambdaBg = cfg.background() * cfg.backgroundHz() * cfg.dtMs() * 1e-3;
        final long steps = Math.round(cfg.durationMs() / cfg.dtMs());
        final int window = (int) Math.round(cfg.windowMs() / cfg.dtMs());
        final int dMin = (int) Math.round(cfg.delayMinMs() / cfg.dtMs());
        final int dMax = (int) Math.round(cfg.delayMaxMs() / cfg.dtMs());
        final int perSecond = (int) Math.round(1000.0 / cfg.dtMs());
        final int samples = (int) (steps / perSecond);
        final double[] times = new double[samples];
        final double[] ch = new double[samples];
        final double[] om = new double[samples];
        final double[] ox = new double[samples];
        // pending rewards: a ring of due steps (at most one per chosen pre spike within the longest delay)
        final long[] due = new long[Math.max(16, (int) (cfg.rateHz() * cfg.delayMaxMs() * 1e-3 * 4) + 16)];
        int head = 0;
        int count = 0;
        final int[] spiking = new int[n];
        final int[] out = new int[1];
        final double[] in0 = new double[1];
        final double[] in1 = new double[1];
        final double[] w = eng.weights();
        long lastChosen = Long.MIN_VALUE / 2;
        boolean chosenUsed = true;
        int rewards = 0;
        long post = 0;
        for (long t = 0; t < steps; t++) {
            final int k = in.step(spiking);
            double drive = 0;
            for (int s = 0; s < k; s++) {
                final int i = spiking[s];
                drive += w[i];
                eng.preSpike(i);
                if (i == 0) {
                    lastChosen = t;
                    chosenUsed = false;
                }
            }
            in0[0] = drive * pAPerUnit + PoissonInputs.poisson(lambdaBg, rng) * cfg.backgroundPa();
            in1[0] = -PoissonInputs.poisson(lambdaBg, rng) * cfg.backgroundPa();
            if (lif.updateAndClearInput(t, 0, 1, in0, in1, out, 0) > 0) {
                eng.postSpike(0);
                post++;
                if (!chosenUsed && t - lastChosen <= window) {
                    chosenUsed = true;
                    if (count < due.length) {
                        due[(head + count) % due.length] = t + dMin + rng.nextInt(dMax - dMin + 1);
                        count++;
                    }
                }
            }
            while (count > 0 && due[head] <= t) {
                eng.rewardSpike(0);
                rewards++;
                head = (head + 1) % due.length;
                count--;
            }
            eng.endStep();
            if ((t + 1) % perSecond == 0) {
                final int sIdx = (int) ((t + 1) / perSecond) - 1;
                if (sIdx < samples) {
                    times[sIdx] = (t + 1) * cfg.dtMs() * 1e-3;
                    ch[sIdx] = w[0];
                    om[sIdx] = SongNetwork.mean(w, 1, n);
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int i = 1; i < n; i++) {
                        mx = Math.max(mx, w[i]);
                    }
                    ox[sIdx] = mx;
                }
            }
        }
        return new Result(w.clone(), times, ch, om, ox, rewards, post, eng);
    }
}
