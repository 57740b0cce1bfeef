package org.spikering.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.learning.LearningCost;
import org.spikering.plasticity.stdp.DistalRewardTask;
import org.spikering.plasticity.stdp.RewardStdp;
import org.spikering.plasticity.stdp.StdpRules;
import org.spikering.plasticity.stdp.SumOfProductsRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spikering stdp distal-reward}: R-STDP on a smaller version of Izhikevich's (2007) distal reward problem
 * ({@link DistalRewardTask}, {@link RewardStdp#distalReward}), over {@code --seeds} seeds from {@code --seed}: the
 * chosen synapse's weight against the others' mean and maximum over time. Float: weights in pA (w_max 40 pA), tags and
 * dopamine in Izhikevich's units; loihi: weights 8-bit (LSB 40/255 pA), tags in LSBs of 1/16 (A+ = 16), the dopamine
 * trace 64 per reward, pair-trace impulse 32, tags within ±255.
 */
@Command(name = "distal-reward", mixinStandardHelpOptions = true,
        description = {"R-STDP on a distal reward task: one chosen synapse earns delayed (1-3 s) rewards.",
            "Writes history.csv, history.png and summary.json; prints one line."})
final class StdpDistalRewardCommand implements Callable<Integer> {

    @Mixin
    StdpOptions common;

    @Option(names = "--duration", defaultValue = "2000", description = "simulated time per seed, s, in [1, 100000]."
            + " Default: ${DEFAULT-VALUE}")
    double durationS;

    @Option(names = "--seeds", defaultValue = "5", description = "seeds run, from --seed on, in [1, 100]."
            + " Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--epoch", defaultValue = "8", description = "learning epoch, steps, in [1, 63]. Default: ${DEFAULT-VALUE}")
    int epoch;

    @Override
    public Integer call() {
        common.check();
        Check.range("--duration", durationS, 1, 100_000);
        Check.range("--seeds", seeds, 1, 100);
        Check.range("--epoch", epoch, 1, 63);
        final boolean fixed = common.loihi();
        final double wMaxPa = DistalRewardTask.Config.wMaxPa();
        final RewardStdp base = RewardStdp.distalReward(wMaxPa);
        final RewardStdp p = fixed ? base.scaled(16, 128, 255 / wMaxPa) : base;
        final SumOfProductsRule rule = StdpRules.rewardStdp(p, fixed ? 32.0 : 1.0, fixed ? 255 : Double.POSITIVE_INFINITY,
                epoch, 1.0);
        final double pAPerUnit = fixed ? wMaxPa / 255 : 1.0;
        final double w0 = fixed ? Math.round(255 / 4.0) : wMaxPa / 4;
        try (ResultFolder folder = ResultFolder.open("--out", common.folder("distal-reward"))) {
            final long t0 = System.nanoTime();
            final List<String> header = new ArrayList<>(List.of("t_s"));
            final List<double[]> cols = new ArrayList<>();
            final List<Plots.Series> series = new ArrayList<>();
            final List<Map<String, Object>> perSeed = new ArrayList<>();
            int wins = 0;
            long synapseUpdates = 0;
            Map<String, Object> learning = null;
            for (int k = 0; k < seeds; k++) {
                final long s = common.seed + k;
                final DistalRewardTask.Config cfg = DistalRewardTask.Config.defaults(durationS * 1000, s);
                final DistalRewardTask.Result r = DistalRewardTask.run(cfg, rule, common.arithmetic(s + 77), w0, pAPerUnit, null);
                if (cols.isEmpty()) {
                    cols.add(r.timesS());
                }
                header.add("chosen_pa_seed" + s);
                header.add("others_mean_pa_seed" + s);
                header.add("others_max_pa_seed" + s);
                final double[] ch = scaled(r.chosen(), pAPerUnit);
                cols.add(ch);
                cols.add(scaled(r.othersMean(), pAPerUnit));
                cols.add(scaled(r.othersMax(), pAPerUnit));
                series.add(new Plots.Series("chosen, seed " + s, r.timesS(), ch));
                series.add(new Plots.Series("others' max, seed " + s, r.timesS(), scaled(r.othersMax(), pAPerUnit)));
                final double[] w = r.weights();
                int rank = 1;
                for (int i = 1; i < w.length; i++) {
                    if (w[i] >= w[0]) {
                        rank++;
                    }
                }
                if (rank == 1) {
                    wins++;
                }
                final int last = r.timesS().length - 1;
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("seed", s);
                m.put("chosen_w_pa", w[0] * pAPerUnit);
                m.put("others_mean_w_pa", r.othersMean()[last] * pAPerUnit);
                m.put("others_max_w_pa", r.othersMax()[last] * pAPerUnit);
                m.put("rank_of_chosen", rank);
                m.put("rewards", r.rewards());
                m.put("post_rate_hz", r.postSpikes() / durationS);
                perSeed.add(m);
                synapseUpdates += r.engine().synapseUpdates();
                learning = LearningCost.summary(r.engine(), EnergyModel.loihi());
            }
            Csv.writeColumns(folder.file("history.csv"), header.toArray(String[]::new), cols.toArray(double[][]::new));
            Plots.savePng(Plots.lineChart("Distal reward, R-STDP (" + common.describe() + ")", "t (s)", "w (pA)",
                    series.toArray(Plots.Series[]::new)), folder.file("history.png"));
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("command", "stdp distal-reward");
            o.put("precision", common.describe());
            o.put("rule", rule.toString());
            o.put("rule_as_run", rule.toString(common.arithmetic(0)));
            o.put("inputs", DistalRewardTask.Config.defaults(1, 0).inputs());
            o.put("duration_s", durationS);
            o.put("epoch_steps", epoch);
            o.put("w_max_pa", wMaxPa);
            o.put("w0_pa", w0 * pAPerUnit);
            o.put("seeds", perSeed);
            o.put("chosen_highest_in_seeds", wins);
            o.put("synapse_updates_all_seeds", synapseUpdates);
            o.put("learning_last_seed", learning);
            o.put("wall_s", (System.nanoTime() - t0) * 1e-9);
            Json.write(folder.file("summary.json"), o);
            folder.commit("stdp distal-reward", "history.csv", "history.png", "summary.json");
            System.out.printf(Locale.ROOT, "stdp distal-reward  %s, %d seeds x %.0f s: the chosen synapse ends highest in %d"
                    + " of %d; wrote %s%n", common.describe(), seeds, durationS, wins, seeds, folder.target());
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
