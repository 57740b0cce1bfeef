package org.spikering.app.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.plasticity.stdp.PairStdp;
import org.spikering.plasticity.stdp.SpikeTrainProtocol;
import org.spikering.plasticity.stdp.StdpRules;
import org.spikering.plasticity.stdp.SumOfProductsRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spikering stdp window}: the pair-STDP window, Δw of one pre/post pair against Δt = t_post − t_pre, from the
 * engine, next to the analytic A+ e^{−Δt/τ+} / −A− e^{Δt/τ−}. A± = 8 and 8.4 weight units (LSBs in loihi precision),
 * τ± = 20 ms, w0 = 128 in [0, 255]; trace impulse 1 (float) or 64 (loihi). With stochastic rounding Δw is the mean
 * over {@code --repeats} pairs, each with its own rounding stream.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = {"Pair-STDP window: weight change of one pre/post pair against the spike-time difference.",
            "Writes window.csv, window.png and summary.json; prints one line."})
final class StdpWindowCommand implements Callable<Integer> {
    private static final double A_PLUS = 8.0;
    private static final double A_MINUS = 8.4;
    private static final double TAU = 20.0;
    private static final double W0 = 128.0;

    @Mixin
    StdpOptions common;

    @Option(names = "--max-dt", defaultValue = "60", description = "largest |dt|, ms (steps of 1 ms), in [1, 500]."
            + " Default: ${DEFAULT-VALUE}")
    int maxDt;

    @Option(names = "--epoch", defaultValue = "1", description = "learning epoch, steps, in [1, 63]. Default: ${DEFAULT-VALUE}")
    int epoch;

    @Option(names = "--variant", defaultValue = "all-to-all", description = "trace interaction: all-to-all or nearest."
            + " Default: ${DEFAULT-VALUE}")
    String variant;

    @Option(names = "--repeats", defaultValue = "100", description = "pairs averaged per dt with stochastic rounding,"
            + " in [1, 100000]. Default: ${DEFAULT-VALUE}")
    int repeats;

    @Override
    public Integer call() {
        common.check();
        Check.range("--max-dt", maxDt, 1, 500);
        Check.range("--epoch", epoch, 1, 63);
        Check.choice("--variant", variant, "all-to-all", "nearest");
        Check.range("--repeats", repeats, 1, 100_000);
        final PairStdp p = new PairStdp(A_PLUS, A_MINUS, TAU, TAU, 0.0, 255.0, "nearest".equals(variant), false);
        final SumOfProductsRule rule = StdpRules.pair(p, common.loihi() ? 64.0 : 1.0, epoch);
        final boolean stochastic = common.loihi() && "stochastic".equals(common.rounding);
        final int reps = stochastic ? repeats : 1;
        final int n = 2 * maxDt;
        final double[] dt = new double[n];
        final double[] dw = new double[n];
        final double[] analytic = new double[n];
        try (ResultFolder folder = ResultFolder.open("--out", common.folder("window"))) {
            final long t0 = System.nanoTime();
            double maxDev = 0;
            int row = 0;
            for (int d = -maxDt; d <= maxDt; d++) {
                if (d == 0) {
                    continue;
                }
                double sum = 0;
                for (int r = 0; r < reps; r++) {
                    sum += SpikeTrainProtocol.finalWeight(rule, common.arithmetic(common.seed + 1_000_003L * r + d),
                            W0, new int[] {100}, new int[] {100 + d}, 1.0) - W0;
                }
                dt[row] = d;
                dw[row] = sum / reps;
                analytic[row] = d > 0 ? A_PLUS * Math.exp(-d / TAU) : -A_MINUS * Math.exp(d / TAU);
                maxDev = Math.max(maxDev, Math.abs(dw[row] - analytic[row]));
                row++;
            }
            Csv.writeColumns(folder.file("window.csv"), new String[] {"dt_ms", "dw", "dw_analytic"}, dt, dw, analytic);
            Plots.savePng(Plots.lineChart("Pair STDP window (" + common.describe() + ")", "t_post - t_pre (ms)",
                    "weight change", new Plots.Series("engine", dt, dw), new Plots.Series("analytic", dt, analytic)),
                    folder.file("window.png"));
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("command", "stdp window");
            o.put("precision", common.describe());
            o.put("rule", rule.toString());
            o.put("rule_as_run", rule.toString(common.arithmetic(0)));
            o.put("a_plus", A_PLUS);
            o.put("a_minus", A_MINUS);
            o.put("tau_plus_ms", TAU);
            o.put("tau_minus_ms", TAU);
            o.put("variant", variant);
            o.put("epoch_steps", epoch);
            o.put("trace_impulse", common.loihi() ? 64 : 1);
            o.put("repeats_per_dt", reps);
            o.put("max_abs_deviation_from_analytic", maxDev);
            o.put("wall_s", (System.nanoTime() - t0) * 1e-9);
            Json.write(folder.file("summary.json"), o);
            folder.commit("stdp window", "window.csv", "window.png", "summary.json");
            final int k = Math.min(10, maxDt);
            System.out.printf(Locale.ROOT, "stdp window  %s, %s, epoch %d: dw(+%d ms) = %.4g (analytic %.4g), dw(-%d ms) ="
                    + " %.4g (analytic %.4g), max |deviation| %.3g; wrote %s%n", common.describe(), variant, epoch,
                    k, dw[maxDt + k - 1], analytic[maxDt + k - 1], k, dw[maxDt - k], analytic[maxDt - k], maxDev,
                    folder.target());
            return 0;
        }
    }
}
