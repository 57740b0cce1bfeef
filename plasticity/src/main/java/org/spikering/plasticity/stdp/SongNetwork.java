package org.spikering.plasticity.stdp;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.neuron.lif.LifExpPopulation;
import org.spikering.neuron.lif.ResetMode;

/**
 * One LIF neuron driven by N excitatory Poisson inputs through plastic synapses and by M inhibitory Poisson inputs
 * through fixed ones, after Song, Miller &amp; Abbott 2000 (Nat. Neurosci. 3:919): STDP drives the weights to a bimodal
 * distribution and, with a correlated group among the inputs, selects the correlated group. Differences from the
 * paper, stated: current-based exponential synapses (NEST {@code iaf_psc_exp}, the project's {@link LifExpPopulation})
 * instead of conductances; step dt = 1 ms; Bernoulli excitatory inputs per step; the M inhibitory inputs drawn as one
 * Poisson count per step.
 * <table>
 *   <caption>Defaults ({@link Config#defaults})</caption>
 *   <tr><th>quantity</th><th>value</th></tr>
 *   <tr><td>neuron</td><td>τ_m 20 ms, C_m 250 pF, E_L −74 mV, V_th −54 mV, V_reset −60 mV, t_ref 1 ms, τ_syn 5 ms</td></tr>
 *   <tr><td>inputs</td><td>1000 excitatory at 10 Hz, the first half correlated with c = 0.2; 200 inhibitory at 10 Hz,
 * −5 pA each</td></tr>
 *   <tr><td>plastic weights</td><td>[0, w_max = 12 pA], start at w_max/2</td></tr>
 * </table>
 * The engine's weights are multiplied by {@code pAPerUnit} to give the synaptic current jump (1 in float; the weight
 * LSB in fixed point).
 */
public final class SongNetwork {

    /**
     * @param inputs        excitatory inputs N.
     * @param correlated    how many of them (the first) are correlated.
     * @param correlation   c.
     * @param rateHz        input rate, Hz.
     * @param inhibitory    inhibitory inputs M.
     * @param inhibitoryPa  each inhibitory spike's current jump, pA (&lt; 0).
     * @param durationMs    simulated time, ms.
     * @param dtMs          step, ms.
     * @param seed          seed of the inputs.
     */
    public record Config(int inputs, int correlated, double correlation, double rateHz, int inhibitory,
                         double inhibitoryPa, double durationMs, double dtMs, long seed) {
        public static Config defaults(final double durationMs, final long seed) {
            return new Config(1000, 500, 0.2, 10.0, 200, -5.0, durationMs, 1.0, seed);
        }
    }

    /**
     * @param weights      final weights (engine units).
     * @param timesS       sample times, s (every second).
     * @param meanCorrelated mean weight of the correlated group at each sample (engine units).
     * @param meanOthers   mean weight of the other inputs.
     * @param postRateHz   the neuron's rate in each second.
     * @param engine       the engine (counters).
     */
    public record Result(double[] weights, double[] timesS, double[] meanCorrelated, double[] meanOthers,
                         double[] postRateHz, SumOfProductsEngine engine) {
    }

    /** The neuron of the defaults. */
    public static LifExpParameters neuron() {
        return new LifExpParameters(20.0, 250.0, -74.0, -54.0, -60.0, 1.0, 5.0, 5.0, 0.0, ResetMode.TO_VALUE, -60.0);
    }

    private SongNetwork() {
    }

    /**
     * @param cfg        the set-up.
     * @param rule       the STDP rule (weights in engine units).
     * @param arithmetic the precision.
     * @param w0         initial weight (engine units).
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
        final LifExpPopulation lif = neuron().createPopulation(1, cfg.dtMs());
        final PoissonInputs ex = new PoissonInputs(n, cfg.correlated(), cfg.rateHz(), cfg.correlation(), cfg.dtMs(), cfg.seed());
        final SplittableRandom inhRng = new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL);
        final double lambdaInh = cfg.inhibitory() * cfg.rateHz() * cfg.dtMs() * 1e-3;
        final long steps = Math.round(cfg.durationMs() / cfg.dtMs());
        final int perSecond = (int) Math.round(1000.0 / cfg.dtMs());
        final int samples = (int) (steps / perSecond);
        final double[] times = new double[samples];
        final double[] mc = new double[samples];
        final double[] mo = new double[samples];
        final double[] rate = new double[samples];
        final int[] spiking = new int[n];
        final int[] out = new int[1];
        final double[] in0 = new double[1];
        final double[] in1 = new double[1];
        final double[] w = eng.weights();
        int postInSecond = 0;
        for (long t = 0; t < steps; t++) {
            final int k = ex.step(spiking);
            double drive = 0;
            for (int s = 0; s < k; s++) {
                final int i = spiking[s];
                drive += w[i];
                eng.preSpike(i);
            }
            final int inh = PoissonInputs.poisson(lambdaInh, inhRng);
            in0[0] = drive * pAPerUnit;
            in1[0] = inh * cfg.inhibitoryPa();
            if (lif.updateAndClearInput(t, 0, 1, in0, in1, out, 0) > 0) {
                eng.postSpike(0);
                postInSecond++;
            }
            eng.endStep();
            if ((t + 1) % perSecond == 0) {
                final int sIdx = (int) ((t + 1) / perSecond) - 1;
                if (sIdx < samples) {
                    times[sIdx] = (t + 1) * cfg.dtMs() * 1e-3;
                    mc[sIdx] = mean(w, 0, cfg.correlated());
                    mo[sIdx] = mean(w, cfg.correlated(), n);
                    rate[sIdx] = postInSecond;
                }
                postInSecond = 0;
            }
        }
        return new Result(w.clone(), times, mc, mo, rate, eng);
    }

    static double mean(final double[] w, final int from, final int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += w[i];
        }
        return s / (to - from);
    }
}
