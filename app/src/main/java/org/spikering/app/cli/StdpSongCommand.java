package org.spikering.app.cli;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.learning.LearningCost;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.plasticity.stdp.PairStdp;
import org.spikering.plasticity.stdp.SongNetwork;
import org.spikering.plasticity.stdp.StdpRules;
import org.spikering.plasticity.stdp.SumOfProductsRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spikering stdp song}: one LIF neuron with N Poisson inputs and pair STDP (Song, Miller &amp; Abbott 2000;
 * {@link SongNetwork}): the weight distribution becomes bimodal and the correlated half wins. Float: weights in pA,
 * w_max = 12 pA; loihi: 8-bit weights (LSB = 12/255 pA), trace impulse 32 (with 64, bursts of the neuron saturate the
 * 7-bit post trace, depression is cut and every weight runs to the maximum).
 */
@Command(name = "song", mixinStandardHelpOptions = true,
        description = {"Pair STDP on a LIF neuron with N Poisson inputs (Song, Miller & Abbott 2000).",
            "Writes weights.csv, history.csv, weights.png, history.png and summary.json; prints one line."})
final class StdpSongCommand implements Callable<Integer> {
    private static final double W_MAX_PA = 12.0;

    @Mixin
    StdpOptions common;

    @Option(names = "--duration", defaultValue = "300", description = "simulated time, s, in [1, 100000]."
            + " Default: ${DEFAULT-VALUE}")
    double durationS;

    @Option(names = "--inputs", defaultValue = "1000", description = "excitatory inputs N (the first half correlated),"
            + " in [2, 100000]. Default: ${DEFAULT-VALUE}")
    int inputs;

    @Option(names = "--correlation", defaultValue = "0.2", description = "correlation c of the first half, in [0, 1]."
            + " Default: ${DEFAULT-VALUE}")
    double correlation;

    @Option(names = "--plastic-fraction", defaultValue = "1", description = "fraction of the synapses that learn"
            + " (random, seeded), in [0, 1]. Default: ${DEFAULT-VALUE}")
    double plasticFraction;

    @Option(names = "--epoch", defaultValue = "1", description = "learning epoch, steps, in [1, 63]. Default: ${DEFAULT-VALUE}")
    int epoch;

    @Override
    public Integer call() {
        common.check();
        Check.range("--duration", durationS, 1, 100_000);
        Check.range("--inputs", inputs, 2, 100_000);
        Check.range("--correlation", correlation, 0, 1);
        Check.range("--plastic-fraction", plasticFraction, 0, 1);
        Check.range("--epoch", epoch, 1, 63);
        final boolean fixed = common.loihi();
        final double wMax = fixed ? 255 : W_MAX_PA;
        final double pAPerUnit = fixed ? W_MAX_PA / 255 : 1.0;
        final double w0 = fixed ? 128 : W_MAX_PA / 2;
        final SumOfProductsRule rule = StdpRules.pair(PairStdp.song2000(wMax), fixed ? 32.0 : 1.0, epoch);
        final SongNetwork.Config d = SongNetwork.Config.defaults(durationS * 1000, common.seed);
        final SongNetwork.Config cfg = new SongNetwork.Config(inputs, inputs / 2, correlation, d.rateHz(), d.inhibitory(),
                d.inhibitoryPa(), d.durationMs(), d.dtMs(), common.seed);
        final BitSet mask = plasticFraction == 1 ? null : MaskFactory.synapses(inputs, plasticFraction, common.seed + 555);
        try (ResultFolder folder = ResultFolder.open("--out", common.folder("song"))) {
            final long t0 = System.nanoTime();
            final SongNetwork.Result r = SongNetwork.run(cfg, rule, common.arithmetic(common.seed + 77), w0, pAPerUnit, mask);
            final double wall = (System.nanoTime() - t0) * 1e-9;
            final double[] idx = new double[inputs];
            final double[] group = new double[inputs];
            final double[] plastic = new double[inputs];
            final double[] wPa = new double[inputs];
            int low = 0;
            int high = 0;
            for (int i = 0; i < inputs; i++) {
                idx[i] = i;
                group[i] = i < cfg.correlated() ? 1 : 0;
                plastic[i] = mask == null || mask.get(i) ? 1 : 0;
                wPa[i] = r.weights()[i] * pAPerUnit;
                if (r.weights()[i] <= 0.1 * wMax) {
                    low++;
                } else if (r.weights()[i] >= 0.9 * wMax) {
                    high++;
                }
            }
            Csv.writeColumns(folder.file("weights.csv"), new String[] {"input", "correlated", "plastic", "w_pa"},
                    idx, group, plastic, wPa);
            final double[] mc = scaled(r.meanCorrelated(), pAPerUnit);
            final double[] mo = scaled(r.meanOthers(), pAPerUnit);
            Csv.writeColumns(folder.file("history.csv"), new String[] {"t_s", "mean_w_correlated_pa", "mean_w_others_pa",
                "post_rate_hz"}, r.timesS(), mc, mo, r.postRateHz());
            Plots.savePng(Plots.lineChart("Final weights (" + common.describe() + ")", "input", "w (pA)",
                    new Plots.Series("w", idx, wPa)), folder.file("weights.png"));
            Plots.savePng(Plots.lineChart("Mean weights", "t (s)", "w (pA)", new Plots.Series("correlated", r.timesS(), mc),
                    new Plots.Series("uncorrelated", r.timesS(), mo)), folder.file("history.png"));
            final int last = r.timesS().length - 1;
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("command", "stdp song");
            o.put("precision", common.describe());
            o.put("rule", rule.toString());
            o.put("rule_as_run", rule.toString(common.arithmetic(0)));
            o.put("inputs", inputs);
            o.put("correlated_inputs", cfg.correlated());
            o.put("correlation", correlation);
            o.put("input_rate_hz", cfg.rateHz());
            o.put("duration_s", durationS);
            o.put("w_max_pa", W_MAX_PA);
            o.put("plastic_synapses", mask == null ? inputs : mask.cardinality());
            o.put("final_mean_w_correlated_pa", last < 0 ? null : mc[last]);
            o.put("final_mean_w_others_pa", last < 0 ? null : mo[last]);
            o.put("fraction_below_0.1_wmax", (double) low / inputs);
            o.put("fraction_above_0.9_wmax", (double) high / inputs);
            o.put("final_post_rate_hz", last < 0 ? null : r.postRateHz()[last]);
            o.put("learning", LearningCost.summary(r.engine(), EnergyModel.loihi()));
            o.put("wall_s", wall);
            Json.write(folder.file("summary.json"), o);
            folder.commit("stdp song", "weights.csv", "history.csv", "weights.png", "history.png", "summary.json");
            System.out.printf(Locale.ROOT, "stdp song  %s, %d inputs, %.0f s: mean w correlated %.3g pA, others %.3g pA;"
                    + " %.0f%% of weights below 0.1 w_max, %.0f%% above 0.9 w_max; post %.0f Hz; %.1f s; wrote %s%n",
                    common.describe(), inputs, durationS, last < 0 ? Double.NaN : mc[last], last < 0 ? Double.NaN : mo[last],
                    100.0 * low / inputs, 100.0 * high / inputs, last < 0 ? Double.NaN : r.postRateHz()[last], wall,
                    folder.target());
            return 0;
        }
    }

    private static double[] scaled(final double[] v, final double s) {
        final double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] * s;
        }
        return o;
    }
}
