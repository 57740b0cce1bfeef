package org.spikering.app.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.app.task.FourSixBackTask;
import org.spikering.app.task.InputEncoding;
import org.spikering.app.task.StoreRecallTask;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.optim.Adam;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.rate.RateBptt;
import org.spikering.plasticity.rate.RateSyntheticGradients;
import org.spikering.plasticity.train.Trainer;

/**
 * The experiment of {@code spikering sg}: a tanh rate RNN (rate_leak, bias 0, dt = 1 ms) trained with
 * {@link RateSyntheticGradients} (W by Adam; A and J by the rule's own steps) on (4,6)-back or store–recall, over
 * several seeds, recording at every evaluation how far each learned part is from what it estimates:
 * <table>
 * <caption>Columns of the curves</caption>
 * <tr><th>column</th><th>meaning</th></tr>
 * <tr><td>test_loss</td><td>cross-entropy per scored step, nats, on a fixed test batch (nback: per symbol, comparable
 *     with {@link FourSixBackTask#bounds()}; store-recall: per recall step)</td></tr>
 * <tr><td>test_accuracy</td><td>store-recall: fraction of test sequences recalled; nback: NaN (soft targets)</td></tr>
 * <tr><td>j_error</td><td>‖J − D̄‖_F / ‖D̄‖_F, D̄ the mean exact Jacobian of the training batch (0: exact J used)</td></tr>
 * <tr><td>credit_cosine</td><td>cosine between the synthetic Ĝ and the true future credit G over every step and
 *     sequence of the batch</td></tr>
 * <tr><td>credit_error</td><td>‖Ĝ − G‖ / ‖G‖ over the same</td></tr>
 * <tr><td>w_cosine</td><td>cosine between the rule's W_in, W_rec gradient and BPTT's on the same batch</td></tr>
 * </table>
 * "Settles": the first evaluation after which a measure stays within 10 % of its total change of its final value
 * ({@link #settleIteration}).
 *
 * <p>Network sizes and steps are this project's choices (seed 001 does not state them in what was found); the
 * (4,6)-back input is the one-hot bit (neurons_per_group 1, value 1).
 *
 * @param task        nback or store-recall.
 * @param rule        sg (λ = 0 unless set) or bp-lambda: the label of the run.
 * @param settings    the rule's settings.
 * @param randomB     true: fixed random feedback B (drawn from the seed); false: B = W_outᵀ.
 * @param units       recurrent units.
 * @param tauMs       τ, ms (α = 1/τ at dt = 1 ms).
 * @param gain        initial recurrent gain g (W_rec ~ N(0, g²/n)).
 * @param lr          Adam step of W.
 * @param batch       sequences per batch.
 * @param iterations  batches.
 * @param evalEvery   iterations between evaluations.
 * @param testBatch   sequences of the test batch.
 * @param seeds       runs (seed, seed + 1, …).
 * @param seed        first seed.
 * @param charMs      store-recall: steps per character.
 * @param delayBits   store-recall: bits from STORE to RECALL.
 */
public record SyntheticGradientRun(String task, String rule, RateSyntheticGradients.Settings settings, boolean randomB,
        int units, double tauMs, double gain, double lr, int batch, int iterations, int evalEvery, int testBatch,
        int seeds, long seed, int charMs, int delayBits) {

    /** One evaluation. */
    public record Row(int seed, int iteration, double trainLoss, double testLoss, double testAccuracy, double jError,
            double creditCosine, double creditError, double wCosine) {
    }

    /** @return the task's sequences. */
    public SequenceSource source() {
        return "nback".equals(task) ? new FourSixBackTask(60, 1, 1, 1000)
                : new StoreRecallTask(charMs, delayBits, 0.0, 1, InputEncoding.ANALOG);
    }

    /** @return scored steps per sequence (the loss divisor). */
    public int scoredSteps() {
        return "nback".equals(task) ? ((FourSixBackTask) source()).scoredStepsPerSequence() : charMs;
    }

    /** Runs every seed; rows in seed, then iteration order. */
    public List<Row> run() {
        final List<Row> rows = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            runSeed(seed + s, rows);
        }
        return rows;
    }

    private void runSeed(final long sd, final List<Row> rows) {
        final SequenceSource src = source();
        final NetworkParams p = NetworkParams.nestSineWave(); // of these a rate network reads only dt = 1 ms
        final RecurrentNetwork net = RecurrentNetwork.randomRate(src.inputs(), units, src.outputs(),
                new RateUnits(RateActivation.TANH, tauMs, LeakyRateUnit.Form.RATE_LEAK, 0.0), p, sd, 1.0, gain, 1.0);
        final Feedback fb = randomB ? RandomFeedback.gaussian(units, src.outputs(), sd, 1.0) : new SymmetricFeedback();
        final RateSyntheticGradients sg = new RateSyntheticGradients(settings, fb, rule);
        sg.setDiagnostics(true);
        final Trainer trainer = new Trainer(net, sg, new Adam(lr), WeightClip.none(), WeightUpdateHook.NONE);
        final SequenceBatch test = src.batch(testBatch, 0x5EEDL * 7919 + sd);
        final RateBptt bptt = new RateBptt();
        final Gradients ref = Gradients.zerosFor(net);
        final Gradients eval = Gradients.zerosFor(net);
        final double scored = scoredSteps();
        for (int it = 1; it <= iterations; it++) {
            final SequenceBatch b = src.batch(batch, sd * 0x9E3779B97F4A7C15L + it);
            final boolean record = it == 1 || it % evalEvery == 0 || it == iterations;
            if (record) {
                bptt.compute(net, b, ref);
            }
            final double trainLoss = trainer.step(b).loss() / scored;
            if (record) {
                final Gradients g = trainer.lastGradients();
                final double wCos = cosine(g.wIn, g.wRec, ref.wIn, ref.wRec);
                bptt.compute(net, test, eval);
                final RateSyntheticGradients.Diagnostics d = sg.lastDiagnostics();
                rows.add(new Row((int) sd, it, trainLoss, eval.loss / scored,
                        "nback".equals(task) ? Double.NaN : eval.accuracy, d.jacobianError(), d.creditCosine(),
                        d.creditError(), wCos));
            }
        }
    }

    private static double cosine(final double[] a1, final double[] a2, final double[] b1, final double[] b2) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a1.length; k++) {
            ab += a1[k] * b1[k];
            aa += a1[k] * a1[k];
            bb += b1[k] * b1[k];
        }
        for (int k = 0; k < a2.length; k++) {
            ab += a2[k] * b2[k];
            aa += a2[k] * a2[k];
            bb += b2[k] * b2[k];
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0.0;
    }

    /**
     * The first evaluation iteration from which {@code values} stay within 10 % of their total change
     * |v_last − v_first| of the last value.
     */
    public static int settleIteration(final int[] iterations, final double[] values) {
        final int n = values.length;
        final double band = 0.1 * Math.abs(values[n - 1] - values[0]);
        int k = n - 1;
        while (k > 0 && Math.abs(values[k - 1] - values[n - 1]) <= band) {
            k--;
        }
        return iterations[k];
    }

    /** Per-seed and overall summary of the rows (JSON-ready). */
    public Map<String, Object> summary(final List<Row> rows, final double seconds) {
        final Map<String, Object> o = new LinkedHashMap<>();
        o.put("task", task);
        o.put("rule", rule);
        o.put("lambda", settings.lambda());
        o.put("lr_a", settings.lrA());
        o.put("lr_j", settings.lrJ());
        o.put("jacobian", settings.jacobian().name().toLowerCase(java.util.Locale.ROOT));
        o.put("feedback", randomB ? "random" : "symmetric");
        o.put("units", units);
        o.put("tau_ms", tauMs);
        o.put("gain", gain);
        o.put("lr", lr);
        o.put("batch", batch);
        o.put("iterations", iterations);
        if (!"nback".equals(task)) {
            o.put("char_ms", charMs);
            o.put("delay_bits", delayBits);
        }
        final List<Map<String, Object>> per = new ArrayList<>();
        final List<Double> finals = new ArrayList<>();
        final List<Double> accs = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            final int sd = (int) (seed + s);
            final List<Row> r = rows.stream().filter(x -> x.seed() == sd).toList();
            final int[] its = r.stream().mapToInt(Row::iteration).toArray();
            final Row last = r.get(r.size() - 1);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", sd);
            m.put("final_test_loss", last.testLoss());
            m.put("best_test_loss", r.stream().mapToDouble(Row::testLoss).min().orElse(Double.NaN));
            if (!"nback".equals(task)) {
                m.put("final_test_accuracy", last.testAccuracy());
                accs.add(last.testAccuracy());
            }
            m.put("final_j_error", last.jError());
            m.put("final_credit_cosine", last.creditCosine());
            m.put("final_w_cosine", last.wCosine());
            final int sj = settings.jacobian() == RateSyntheticGradients.Jacobian.EXACT ? 0
                    : settleIteration(its, r.stream().mapToDouble(Row::jError).toArray());
            final int sa = settleIteration(its, r.stream().mapToDouble(Row::creditCosine).toArray());
            final int sw = settleIteration(its, r.stream().mapToDouble(Row::testLoss).toArray());
            m.put("settle_iteration_j", sj);
            m.put("settle_iteration_a", sa);
            m.put("settle_iteration_w", sw);
            m.put("order", order(sj, sa, sw));
            per.add(m);
            finals.add(last.testLoss());
        }
        o.put("seeds", per);
        o.put("final_test_loss_mean", mean(finals));
        if (seeds > 1) {
            o.put("final_test_loss_sd", sd(finals));
        }
        if (!accs.isEmpty()) {
            o.put("final_test_accuracy_mean", mean(accs));
            if (seeds > 1) {
                o.put("final_test_accuracy_sd", sd(accs));
            }
        }
        if ("nback".equals(task)) {
            final FourSixBackTask.Bounds bd = FourSixBackTask.bounds();
            o.put("bound_nothing_learned", bd.nothingLearned());
            o.put("bound_4_back", bd.fourBackLearned());
            o.put("bound_both", bd.bothLearned());
            o.put("seeds_below_4_back_bound", finals.stream().filter(v -> v < bd.fourBackLearned()).count());
        }
        o.put("wall_s", seconds);
        return o;
    }

    private static String order(final int j, final int a, final int w) {
        final List<String[]> l = new ArrayList<>(List.of(new String[] {"J", "" + j}, new String[] {"A", "" + a},
                new String[] {"W", "" + w}));
        l.sort((x, y) -> Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1])));
        return l.get(0)[0] + " " + l.get(1)[0] + " " + l.get(2)[0];
    }

    private static double mean(final List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double sd(final List<Double> v) {
        if (v.size() < 2) {
            return Double.NaN;
        }
        final double m = mean(v);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1));
    }
}
