package org.spikering.app.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.plasticity.stdp.SpikeTrainProtocol;
import org.spikering.plasticity.stdp.StdpRules;
import org.spikering.plasticity.stdp.SumOfProductsRule;
import org.spikering.plasticity.stdp.TripletStdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spikering stdp triplet}: the frequency dependence of the triplet rule (Pfister &amp; Gerstner 2006, Fig. 7;
 * data of Sjöström et al. 2001): {@code --pairs} pre/post pairs at 1–50 Hz with Δt = +10 ms and −10 ms, Δw relative
 * to the initial weight (w0 = 1 in float; 128 LSB in loihi precision, the A's × 128, trace impulse 16 so that the
 * all-to-all traces of 50 Hz trains stay below 127).
 */
@Command(name = "triplet", mixinStandardHelpOptions = true,
        description = {"Triplet STDP: weight change against pairing frequency for dt = +10 and -10 ms.",
            "Writes triplet.csv, triplet.png and summary.json; prints one line."})
final class StdpTripletCommand implements Callable<Integer> {
    private static final int[] HZ = {1, 2, 4, 5, 10, 20, 25, 40, 50};

    @Mixin
    StdpOptions common;

    @Option(names = "--set", defaultValue = "visual-minimal", description = "parameter set: visual-minimal or"
            + " visual-all-to-all (Pfister & Gerstner 2006, Table 4). Default: ${DEFAULT-VALUE}")
    String set;

    @Option(names = "--pairs", defaultValue = "60", description = "pairs per protocol, in [1, 1000]. Default: ${DEFAULT-VALUE}")
    int pairs;

    @Option(names = "--epoch", defaultValue = "1", description = "learning epoch, steps, in [1, 63]. Default: ${DEFAULT-VALUE}")
    int epoch;

    @Override
    public Integer call() {
        common.check();
        Check.choice("--set", set, "visual-minimal", "visual-all-to-all");
        Check.range("--pairs", pairs, 1, 1000);
        Check.range("--epoch", epoch, 1, 63);
        final TripletStdp p0 = TripletStdp.named(set);
        final double scale = common.loihi() ? 128.0 : 1.0;
        final TripletStdp p = new TripletStdp(p0.name(), p0.tauPlusMs(), p0.tauMinusMs(), p0.tauXMs(), p0.tauYMs(),
                p0.a2Plus() * scale, p0.a3Plus() * scale, p0.a2Minus() * scale, p0.a3Minus() * scale);
        final SumOfProductsRule rule = StdpRules.triplet(p, common.loihi() ? 16.0 : 1.0,
                common.loihi() ? 0 : Double.NEGATIVE_INFINITY, common.loihi() ? 255 : Double.POSITIVE_INFINITY, epoch);
        final double[] hz = new double[HZ.length];
        final double[] prePost = new double[HZ.length];
        final double[] postPre = new double[HZ.length];
        try (ResultFolder folder = ResultFolder.open("--out", common.folder("triplet"))) {
            final long t0 = System.nanoTime();
            for (int f = 0; f < HZ.length; f++) {
                hz[f] = HZ[f];
                prePost[f] = relative(rule, HZ[f], 10, scale, f);
                postPre[f] = relative(rule, HZ[f], -10, scale, f + 100);
            }
            Csv.writeColumns(folder.file("triplet.csv"), new String[] {"frequency_hz", "dw_rel_pre_post_10ms",
                "dw_rel_post_pre_10ms"}, hz, prePost, postPre);
            Plots.savePng(Plots.lineChart("Triplet STDP, " + set + " (" + common.describe() + ")", "pairing frequency (Hz)",
                    "relative weight change", new Plots.Series("dt = +10 ms", hz, prePost),
                    new Plots.Series("dt = -10 ms", hz, postPre)), folder.file("triplet.png"));
            final Map<String, Object> o = new LinkedHashMap<>();
            o.put("command", "stdp triplet");
            o.put("precision", common.describe());
            o.put("set", set);
            o.put("rule", rule.toString());
            o.put("rule_as_run", rule.toString(common.arithmetic(0)));
            o.put("pairs", pairs);
            o.put("epoch_steps", epoch);
            o.put("frequency_hz", hz);
            o.put("dw_rel_pre_post_10ms", prePost);
            o.put("dw_rel_post_pre_10ms", postPre);
            o.put("wall_s", (System.nanoTime() - t0) * 1e-9);
            Json.write(folder.file("summary.json"), o);
            folder.commit("stdp triplet", "triplet.csv", "triplet.png", "summary.json");
            System.out.printf(Locale.ROOT, "stdp triplet  %s, %s, %d pairs: dt=+10 ms %.4g (1 Hz) .. %.4g (50 Hz);"
                    + " dt=-10 ms %.4g (1 Hz) .. %.4g (50 Hz); wrote %s%n", set, common.describe(), pairs, prePost[0],
                    prePost[HZ.length - 1], postPre[0], postPre[HZ.length - 1], folder.target());
            return 0;
        }
    }

    private double relative(final SumOfProductsRule rule, final int hz, final int delta, final double w0, final long k) {
        final int[][] s = SpikeTrainProtocol.pairing(pairs, 1000 / hz, delta, 50);
        return (SpikeTrainProtocol.finalWeight(rule, common.arithmetic(common.seed * 1009 + k), w0, s[0], s[1], 1.0) - w0) / w0;
    }
}
