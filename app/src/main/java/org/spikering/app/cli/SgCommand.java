package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.report.Csv;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.train.SyntheticGradientRun;
import org.spikering.app.train.SyntheticGradientRun.Row;
import org.spikering.plasticity.rate.RateRules;
import org.spikering.plasticity.rate.RateSyntheticGradients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering sg TASK}: synthetic gradients ({@code sg}, Marschall, Cho &amp; Savin 2019) or accumulate BP(λ)
 * ({@code bp-lambda}, Pemberton &amp; Costa) on a tanh rate RNN, over several seeds ({@link SyntheticGradientRun}):
 * the losses and how the learned Jacobian J, the credit weights A and the task weights W converge. Writes into
 * {@code --out} (replaced as a whole): {@code curves.csv} (one row per seed and evaluation), {@code loss.png},
 * {@code convergence.png} (seed means), {@code summary.json}; prints one line.
 */
@Command(name = "sg", mixinStandardHelpOptions = true,
        description = {"Synthetic gradients (sg: learned Jacobian J, fixed random feedback) or accumulate BP(lambda)"
            + " (bp-lambda: exact Jacobian, B = W_out^T) on a tanh rate RNN; TASK nback ((4,6)-back, cross-entropy"
            + " against its three bounds) or store-recall (one-hot input).",
            "Writes curves.csv, loss.png, convergence.png and summary.json; prints one line."})
final class SgCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TASK", description = "nback or store-recall")
    String task;

    @Option(names = "--rule", defaultValue = "sg", description = "sg or bp-lambda (their defaults below). Default:"
            + " ${DEFAULT-VALUE}")
    String rule;

    @Option(names = "--lambda", description = "lambda of the lambda-return, in [0, 1] (sg: 0, bp-lambda: 0.9)")
    Double lambda;

    @Option(names = "--lr-a", description = "normalised step of A, in (0, 10] (stable below 2; default 0.5)")
    Double lrA;

    @Option(names = "--lr-j", description = "normalised step of the learned J, in [0, 10] (stable below 2; default 0.2)")
    Double lrJ;

    @Option(names = "--jacobian", description = "learned or exact (sg: learned, bp-lambda: exact)")
    String jacobian;

    @Option(names = "--feedback", description = "immediate credit B: random (fixed, from the seed) or symmetric"
            + " (W_out^T) (sg: random, bp-lambda: symmetric)")
    String feedback;

    @Option(names = "--units", defaultValue = "32", description = "recurrent units, in [1, 1000]. Default: ${DEFAULT-VALUE}")
    int units;

    @Option(names = "--tau-ms", description = "unit time constant, ms, in [1, 1e6] (dt = 1 ms; nback: 1, store-recall: 20)")
    Double tauMs;

    @Option(names = "--gain", defaultValue = "1.0", description = "initial recurrent gain g, in [0, 10]. Default:"
            + " ${DEFAULT-VALUE}")
    double gain;

    @Option(names = "--lr", defaultValue = "0.0005", description = "Adam step of W, in (0, 1]. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--batch", defaultValue = "32", description = "sequences per batch, in [1, 10000]. Default:"
            + " ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--iterations", defaultValue = "1000", description = "batches, in [1, 1000000]. Default:"
            + " ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--eval-every", defaultValue = "20", description = "iterations between evaluations, in [1,"
            + " --iterations]. Default: ${DEFAULT-VALUE}")
    int evalEvery;

    @Option(names = "--test-batch", defaultValue = "256", description = "test sequences, in [1, 100000]. Default:"
            + " ${DEFAULT-VALUE}")
    int testBatch;

    @Option(names = "--seeds", defaultValue = "5", description = "runs, seeds --seed, --seed + 1, ..., in [1, 1000]."
            + " Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", description = "first seed, in [0, 1000000]. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--char-ms", defaultValue = "10", description = "store-recall: steps per character, in [1, 1000]."
            + " Default: ${DEFAULT-VALUE}")
    int charMs;

    @Option(names = "--delay-bits", defaultValue = "6", description = "store-recall: bits from STORE to RECALL, in"
            + " [1, 100]. Default: ${DEFAULT-VALUE}")
    int delayBits;

    @Option(names = "--out", description = "output folder, replaced as a whole (default: spikering-out/sg-<task>-<rule>)")
    Path out;

    @Override
    public Integer call() {
        Check.choice("TASK", task, "nback", "store-recall");
        Check.choice("--rule", rule, "sg", "bp-lambda");
        final boolean bp = "bp-lambda".equals(rule);
        final RateSyntheticGradients.Settings d = bp ? RateRules.BP_LAMBDA_DEFAULTS : RateRules.SG_DEFAULTS;
        if (lambda != null) {
            Check.range("--lambda", lambda, 0.0, 1.0);
        }
        if (lrA != null) {
            Check.rangeOpenLow("--lr-a", lrA, 0.0, 10.0);
        }
        if (lrJ != null) {
            Check.range("--lr-j", lrJ, 0.0, 10.0);
        }
        if (jacobian != null) {
            Check.choice("--jacobian", jacobian, "learned", "exact");
        }
        if (feedback != null) {
            Check.choice("--feedback", feedback, "random", "symmetric");
        }
        Check.range("--units", units, 1, 1000);
        if (tauMs != null) {
            Check.range("--tau-ms", tauMs, 1.0, 1e6);
        }
        Check.range("--gain", gain, 0.0, 10.0);
        Check.rangeOpenLow("--lr", lr, 0.0, 1.0);
        Check.range("--batch", batch, 1, 10_000);
        Check.range("--iterations", iterations, 1, 1_000_000);
        Check.range("--eval-every", evalEvery, 1, iterations);
        Check.range("--test-batch", testBatch, 1, 100_000);
        Check.range("--seeds", seeds, 1, 1000);
        if (seed < 0 || seed > 1_000_000) {
            throw new IllegalArgumentException("--seed = " + seed + ": must be in [0, 1000000]");
        }
        Check.range("--char-ms", charMs, 1, 1000);
        Check.range("--delay-bits", delayBits, 1, 100);
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        final boolean learned = jacobian != null ? "learned".equals(jacobian)
                : d.jacobian() == RateSyntheticGradients.Jacobian.LEARNED;
        final RateSyntheticGradients.Settings s = new RateSyntheticGradients.Settings(
                lambda != null ? lambda : d.lambda(), lrA != null ? lrA : d.lrA(),
                lrJ != null ? lrJ : (learned && d.lrJ() == 0.0 ? RateRules.SG_DEFAULTS.lrJ() : d.lrJ()),
                learned ? RateSyntheticGradients.Jacobian.LEARNED : RateSyntheticGradients.Jacobian.EXACT);
        final boolean randomB = feedback != null ? "random".equals(feedback) : !bp;
        final double tau = tauMs != null ? tauMs : ("nback".equals(task) ? 1.0 : 20.0);
        final SyntheticGradientRun run = new SyntheticGradientRun(task, rule, s, randomB, units, tau, gain, lr, batch,
                iterations, evalEvery, testBatch, seeds, seed, charMs, delayBits);
        final Path dir = out != null ? out : Path.of("spikering-out", "sg-" + task + "-" + rule);
        try (ResultFolder folder = ResultFolder.open("--out", dir)) {
            final long t0 = System.nanoTime();
            final List<Row> rows = run.run();
            final double seconds = (System.nanoTime() - t0) * 1e-9;
            final Map<String, Object> summary = run.summary(rows, seconds);
            write(folder, rows, summary);
            folder.commit("sg", "curves.csv", "loss.png", "convergence.png", "summary.json");
            System.out.printf(Locale.ROOT, "sg  %s %s lambda %.3g, %d seeds x %d iterations: final test loss %.4f +- %.4f"
                    + " nats per scored step%s, %.1f s; wrote %s%n", task, rule, s.lambda(), seeds, iterations,
                    (double) summary.get("final_test_loss_mean"), (double) summary.getOrDefault("final_test_loss_sd", 0.0),
                    "nback".equals(task) ? String.format(Locale.ROOT, " (bounds 0.6616 / 0.5192 / 0.4545; %d seeds below"
                            + " 0.5192)", (long) summary.get("seeds_below_4_back_bound"))
                            : String.format(Locale.ROOT, ", accuracy %.3f", (double) summary.get("final_test_accuracy_mean")),
                    seconds, folder.target());
            return 0;
        }
    }

    private void write(final ResultFolder folder, final List<Row> rows, final Map<String, Object> summary) {
        final int n = rows.size();
        final double[][] c = new double[9][n];
        for (int k = 0; k < n; k++) {
            final Row r = rows.get(k);
            c[0][k] = r.seed();
            c[1][k] = r.iteration();
            c[2][k] = r.trainLoss();
            c[3][k] = r.testLoss();
            c[4][k] = r.testAccuracy();
            c[5][k] = r.jError();
            c[6][k] = r.creditCosine();
            c[7][k] = r.creditError();
            c[8][k] = r.wCosine();
        }
        Csv.writeColumns(folder.file("curves.csv"), new String[] {"seed", "iteration", "train_loss", "test_loss",
            "test_accuracy", "j_error", "credit_cosine", "credit_error", "w_cosine"}, c);
        // seed means per evaluation
        final int per = (int) rows.stream().filter(r -> r.seed() == rows.get(0).seed()).count();
        final int runs = n / per;
        final double[][] m = new double[6][per];
        for (int k = 0; k < per; k++) {
            m[0][k] = rows.get(k).iteration();
            for (int s = 0; s < runs; s++) {
                final Row r = rows.get(s * per + k);
                m[1][k] += r.testLoss() / runs;
                m[2][k] += r.jError() / runs;
                m[3][k] += r.creditCosine() / runs;
                m[4][k] += r.wCosine() / runs;
            }
        }
        final java.util.ArrayList<Plots.Series> loss = new java.util.ArrayList<>();
        loss.add(new Plots.Series("test loss (mean of " + runs + " seeds)", m[0], m[1]));
        if ("nback".equals(task)) {
            final double[] x2 = {m[0][0], m[0][per - 1]};
            loss.add(new Plots.Series("nothing learned 0.6616", x2, new double[] {0.6616, 0.6616}));
            loss.add(new Plots.Series("4-back 0.5192", x2, new double[] {0.5192, 0.5192}));
            loss.add(new Plots.Series("both 0.4545", x2, new double[] {0.4545, 0.4545}));
        }
        Plots.savePng(Plots.lineChart(task + " — " + rule + " λ = " + summary.get("lambda"), "iteration",
                "cross-entropy per scored step (nats)", loss.toArray(Plots.Series[]::new)), folder.file("loss.png"));
        Plots.savePng(Plots.lineChart(task + " — convergence of J, A, W (mean of " + runs + " seeds)", "iteration",
                "measure", new Plots.Series("J error ‖J − D̄‖/‖D̄‖", m[0], m[2]),
                new Plots.Series("A: cosine(Ĝ, G)", m[0], m[3]), new Plots.Series("W: cosine(grad, BPTT)", m[0], m[4])),
                folder.file("convergence.png"));
        Json.write(folder.file("summary.json"), summary);
    }
}
